import { SNSClient } from '@aws-sdk/client-sns';

let client: SNSClient | undefined;

/** The SNS client (one per container). */
export function sns(): SNSClient {
  client ??= new SNSClient({});
  return client;
}

export function resetSns() {
  client = undefined;
}
