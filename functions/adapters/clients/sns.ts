import { SNSClient } from '@aws-sdk/client-sns';
import { lazyClient } from './lazy-client';

const client = /* @__PURE__ */ lazyClient(() => new SNSClient({}));

/** The SNS client (one per container). */
export function sns() {
  return client.get();
}
export function resetSns() {
  client.reset();
}
