import { SFNClient } from '@aws-sdk/client-sfn';
import { lazyClient } from './lazy-client';

const client = /* @__PURE__ */ lazyClient(() => new SFNClient({}));

/** The Step Functions client (one per container). */
export function sfn() {
  return client.get();
}
export function resetSfn() {
  client.reset();
}
