import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients/dynamodb';
import { table } from './items';

type Key = Record<string, NativeAttributeValue>;

const BATCH_GET_ATTEMPTS = 8;
/** BatchGetItem's limit of keys per call. */
const KEYS_PER_CALL = 100;

/**
 * Reads items by key with BatchGetItem (100 keys a call), retrying the keys DynamoDB left unprocessed (throttling,
 * the 16 MB limit) with exponential backoff and full jitter: the SDK retries failed calls, not partial results. A key
 * still unprocessed after every attempt is an error, never an item silently missing. Items come back in no order.
 */
export async function batchGet(
  keys: readonly Key[],
  options: { projection?: string; consistent?: boolean } = {},
): Promise<Key[]> {
  const { projection, consistent } = options;
  const found: Key[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_CALL) {
    let pending: Key[] = keys.slice(i, i + KEYS_PER_CALL);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_GET_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
      if (attempt > 0) await sleep(Math.random() * Math.min(1000, 25 * 2 ** attempt));
      const result = await dynamo().send(
        new BatchGetCommand({
          RequestItems: {
            [table()]: {
              Keys: pending,
              ...(projection ? { ProjectionExpression: projection } : {}),
              ...(consistent ? { ConsistentRead: true } : {}),
            },
          },
        }),
      );
      found.push(...(result.Responses?.[table()] ?? []));
      pending = result.UnprocessedKeys?.[table()]?.Keys ?? [];
    }
  }
  return found;
}
