import { BatchWriteCommand, GetCommand, type NativeAttributeValue, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CatalogueStore, Page, ProvinceSettings } from '../domain/ports';
import type { ProcedureVersion } from '../domain/procedure';
import { foldVietnamese } from '../domain/text-search';
import { awsClients, env } from './aws-clients';
import { decodeCursor, encodeCursor, keys } from './keys';

const table = () => env('TABLE_NAME');
/** Province settings change rarely (a seed or an admin edit); a warm container re-reads them every minute. */
const SETTINGS_TTL_MS = 60_000;
let cached: { at: number; value: ProvinceSettings } | undefined;

export class DynamoCatalogueStore implements CatalogueStore {
  async province(): Promise<ProvinceSettings> {
    const now = Date.now();
    if (cached && now - cached.at < SETTINGS_TTL_MS) return cached.value;
    const result = await awsClients().doc.send(new GetCommand({ TableName: table(), Key: keys.province() }));
    if (!result.Item) throw new Error('province settings are not seeded');
    cached = { at: now, value: result.Item.settings as ProvinceSettings };
    return cached.value;
  }

  async listProcedures(limit: number, cursor?: string): Promise<Page<ProcedureVersion>> {
    const start = decodeCursor(cursor);
    const result = await awsClients().doc.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CATALOG' },
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => item.procedure as ProcedureVersion),
      nextCursor: encodeCursor(result.LastEvaluatedKey),
    };
  }

  async procedureVersions(id: string): Promise<ProcedureVersion[]> {
    const result = await awsClients().doc.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': `PROC#${id}`, ':v': 'V#' },
      }),
    );
    return (result.Items ?? []).map((item) => item.procedure as ProcedureVersion);
  }
}

/**
 * Writes the province settings and the catalogue (each version, plus the catalogue entry of the latest version).
 * Idempotent: re-running a seed rewrites the same items. Used by the CDK custom resource and by `npm start`.
 */
export async function seedCatalogue(settings: ProvinceSettings, versions: ProcedureVersion[]) {
  const latest = new Map<string, ProcedureVersion>();
  for (const v of versions) {
    const current = latest.get(v.id);
    if (!current || current.effectiveFrom < v.effectiveFrom) latest.set(v.id, v);
  }
  const items: Record<string, NativeAttributeValue>[] = [
    { ...keys.province(), type: 'province', settings },
    ...versions.map((v) => ({
      ...keys.procedureVersion(v.id, v.effectiveFrom),
      type: 'procedure-version',
      procedure: v,
    })),
    ...[...latest.values()].map((v) => ({
      ...keys.catalogEntry(v.id),
      type: 'catalog-entry',
      procedure: v,
      folded: foldVietnamese(`${v.id} ${v.name}`),
    })),
  ];
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, { PutRequest: { Item: Record<string, NativeAttributeValue> } }[]> | undefined = {
      [table()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 8) throw new Error('seed: DynamoDB kept returning unprocessed items');
      const result = await awsClients().doc.send(new BatchWriteCommand({ RequestItems: request }));
      request = result.UnprocessedItems as typeof request;
      if (request && Object.keys(request).length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
  cached = undefined;
}
