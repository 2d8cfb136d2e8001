import { SESv2Client } from '@aws-sdk/client-sesv2';

let client: SESv2Client | undefined;

/** The SESv2 client (one per container). */
export function ses(): SESv2Client {
  client ??= new SESv2Client({});
  return client;
}

export function resetSes() {
  client = undefined;
}
