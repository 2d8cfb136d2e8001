import { SFNClient } from '@aws-sdk/client-sfn';
import { lazyClient } from './lazy-client';
import { QUIET_SDK_LOGGER } from './quiet-logger';

const client = /* @__PURE__ */ lazyClient(() => new SFNClient({ logger: QUIET_SDK_LOGGER }));

/** The Step Functions client (one per container). */
export function sfn() {
  return client.get();
}
export function resetSfn() {
  client.reset();
}
