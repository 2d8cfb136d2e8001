import { SQSClient } from '@aws-sdk/client-sqs';
import { lazyClient } from './lazy-client';
import { QUIET_SDK_LOGGER } from './quiet-logger';

const client = /* @__PURE__ */ lazyClient(() => new SQSClient({ logger: QUIET_SDK_LOGGER }));

/** The SQS client (one per container). */
export function sqs() {
  return client.get();
}
export function resetSqs() {
  client.reset();
}
