import { SFNClient } from '@aws-sdk/client-sfn';

let client: SFNClient | undefined;

/** The SFN client (one per container). */
export function sfn(): SFNClient {
  client ??= new SFNClient({});
  return client;
}

export function resetSfn() {
  client = undefined;
}
