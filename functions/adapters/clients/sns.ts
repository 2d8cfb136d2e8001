import { SNSClient } from '@aws-sdk/client-sns';
import { lazyClient } from './lazy-client';
import { QUIET_SDK_LOGGER } from './quiet-logger';

const client = /* @__PURE__ */ lazyClient(() => new SNSClient({ logger: QUIET_SDK_LOGGER }));

/** The SNS client (one per container). */
export function sns() {
  return client.get();
}
export function resetSns() {
  client.reset();
}
