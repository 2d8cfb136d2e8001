import { SESv2Client } from '@aws-sdk/client-sesv2';
import { lazyClient } from './lazy-client';

const client = /* @__PURE__ */ lazyClient(() => new SESv2Client({}));

/** The SES v2 client (one per container). */
export function ses() {
  return client.get();
}
export function resetSes() {
  client.reset();
}
