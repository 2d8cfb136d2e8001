import { SQSClient } from '@aws-sdk/client-sqs';
import { lazyClient } from './lazy-client';

const client = /* @__PURE__ */ lazyClient(() => new SQSClient({}));

/** The SQS client (one per container). */
export function sqs() {
  return client.get();
}
export function resetSqs() {
  client.reset();
}
