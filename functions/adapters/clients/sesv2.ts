import { SESv2Client } from '@aws-sdk/client-sesv2';
import { lazyClient } from './lazy-client';
import { QUIET_SDK_LOGGER } from './quiet-logger';

const client = /* @__PURE__ */ lazyClient(() => new SESv2Client({ logger: QUIET_SDK_LOGGER }));

/** The SES v2 client (one per container). */
export function ses() {
  return client.get();
}
export function resetSes() {
  client.reset();
}
