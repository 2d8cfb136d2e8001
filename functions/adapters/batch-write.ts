import { BatchWriteCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients/dynamodb';

type Key = Record<string, NativeAttributeValue>;
export type BatchRequest = { PutRequest: { Item: Key } } | { DeleteRequest: { Key: Key } };

/** Writes and deletes in batches of 25, sending again what DynamoDB left unprocessed (backing off), for `what`. */
export async function batchWrite(table: string, requests: readonly BatchRequest[], what: string) {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, BatchRequest[]> | undefined = { [table]: requests.slice(i, i + 25) };
    for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt++) {
      if (attempt > 8) throw new Error(`${what}: DynamoDB kept returning unprocessed items`);
      const result = await dynamo().send(new BatchWriteCommand({ RequestItems: pending }));
      pending = result.UnprocessedItems as typeof pending;
      if (pending && Object.keys(pending).length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}
