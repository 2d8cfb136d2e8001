import { type NativeAttributeValue, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients/dynamodb';

/** Every item of a query, following LastEvaluatedKey page after page (for small, bounded collections only). */
export async function queryAll(input: QueryCommandInput): Promise<Record<string, NativeAttributeValue>[]> {
  const items: Record<string, NativeAttributeValue>[] = [];
  let start: Record<string, NativeAttributeValue> | undefined;
  do {
    const result = await dynamo().send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}
