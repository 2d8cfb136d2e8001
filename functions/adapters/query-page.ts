import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page } from '../domain/ports';
import { dynamo } from './clients/dynamodb';
import { signCursor, verifyCursor } from './cursor';
import type { Item } from './items';

/** What a cursor is bound to: the index, the key condition and its values (the caller's partition), the filter. */
export const bindingOf = (input: QueryCommandInput) =>
  JSON.stringify([
    input.IndexName ?? '',
    input.KeyConditionExpression,
    input.FilterExpression ?? '',
    input.ExpressionAttributeValues ?? {},
    input.ScanIndexForward ?? true,
  ]);

export async function queryPage<T>(
  input: QueryCommandInput,
  cursor: string | undefined,
  map: (item: Item) => T,
): Promise<Page<T>> {
  const binding = bindingOf(input);
  const exclusiveStartKey = verifyCursor(cursor, binding);
  const result = await dynamo().send(
    new QueryCommand({ ...input, ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}) }),
  );
  return { items: (result.Items ?? []).map(map), nextCursor: signCursor(result.LastEvaluatedKey, binding) };
}
