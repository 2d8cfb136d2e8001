import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type NativeAttributeValue, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type ProcedureSummary, summarise } from '../domain/catalogue-search';
import type { CatalogueStore } from '../domain/ports';
import type { ProcedureVersion } from '../domain/procedure';
import type { ProvinceSettings } from '../domain/province-settings';
import { batchWrite } from './batch-write';
import { dynamo } from './clients/dynamodb';
import { env, requireConfiguration } from './environment';
import { keys } from './keys';
import { queryAll } from './query-all';

const table = () => env('TABLE_NAME');
/**
 * Province settings and the catalogue change rarely (a seed, an import); a warm container re-reads them every minute
 * (CATALOGUE_CACHE_TTL_MS). The local runtime, one process, forgets them as soon as its stream shows a write to them
 * (`forgetCatalogue`), so that an import shows at once.
 */
const cacheTtl = () => Number(process.env.CATALOGUE_CACHE_TTL_MS ?? 60_000);
let cached: { at: number; value: ProvinceSettings } | undefined;
let cachedIndex: { at: number; value: ProcedureSummary[] } | undefined;
/** Each procedure's versions, as read last (a new version is a new item: the ones read never change). */
const cachedVersions = new Map<string, { at: number; value: ProcedureVersion[] }>();

export class DynamoCatalogueStore implements CatalogueStore {
  constructor() {
    requireConfiguration('TABLE_NAME');
  }

  async province(): Promise<ProvinceSettings> {
    const now = Date.now();
    if (cached && now - cached.at < cacheTtl()) return cached.value;
    const result = await dynamo().send(new GetCommand({ TableName: table(), Key: keys.province() }));
    if (!result.Item) throw new Error('province settings are not seeded');
    cached = { at: now, value: result.Item.settings as ProvinceSettings };
    return cached.value;
  }

  async catalogueIndex(): Promise<ProcedureSummary[]> {
    const now = Date.now();
    if (cachedIndex && now - cachedIndex.at < cacheTtl()) return cachedIndex.value;
    const items = (
      await queryAll({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': 'CATALOG', ':v': 'V#' },
        ProjectionExpression: 'summary',
      })
    ).flatMap((item) => (item.summary ? [item.summary as ProcedureSummary] : []));
    cachedIndex = { at: now, value: items };
    return items;
  }

  async procedureVersions(id: string, holding?: string): Promise<ProcedureVersion[]> {
    const now = Date.now();
    const hit = cachedVersions.get(id);
    // Read again when too old, or when it lacks the version a dossier names (imported since: another container took it).
    if (hit && now - hit.at < cacheTtl() && (!holding || hit.value.some((v) => v.effectiveFrom === holding)))
      return hit.value;
    const result = await dynamo().send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': `PROC#${id}`, ':v': 'V#' },
      }),
    );
    const value = (result.Items ?? []).map((item) => item.procedure as ProcedureVersion);
    cachedVersions.set(id, { at: now, value });
    return value;
  }
}

/**
 * Writes the province settings and the catalogue (each version, plus the catalogue entry of the latest version).
 * Idempotent: re-running a seed rewrites the same items. Used by the CDK custom resource and by `npm start`.
 */
export async function seedCatalogue(settings: ProvinceSettings, versions: ProcedureVersion[]) {
  const items: Record<string, NativeAttributeValue>[] = [
    { ...keys.province(), type: 'province', settings },
    ...versions.flatMap(versionItems),
  ];
  await batchWrite(
    table(),
    items.map((Item) => ({ PutRequest: { Item } })),
    'seed',
  );
  forgetCatalogue();
}

/** Drops what this container cached of the settings and the catalogue: the next read goes to the table. */
export function forgetCatalogue() {
  cached = undefined;
  cachedIndex = undefined;
  cachedVersions.clear();
}

/** Whether an item key is one of the settings' or the catalogue's (what `forgetCatalogue` drops). */
export const isCatalogueKey = (pk: string) => pk === 'PROVINCE' || pk === 'CATALOG' || pk.startsWith('PROC#');

/** A procedure version and its catalogue index entry: written together, always. */
function versionItems(v: ProcedureVersion): Record<string, NativeAttributeValue>[] {
  return [
    { ...keys.procedureVersion(v.id, v.effectiveFrom), type: 'procedure-version', procedure: v },
    { ...keys.catalogEntry(v.id, v.effectiveFrom), type: 'catalog-entry', summary: summarise(v) },
  ];
}

/**
 * Adds new procedure versions (a catalogue import): each version and its index entry in one transaction, refused
 * when that version (procedure + effective date) exists — a version dossiers may be pinned to is never rewritten.
 */
export async function addProcedureVersions(versions: ProcedureVersion[]) {
  const created: string[] = [];
  const existing: string[] = [];
  for (const v of versions) {
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: versionItems(v).map((Item) => ({
            Put: { TableName: table(), Item, ConditionExpression: 'attribute_not_exists(pk)' },
          })),
        }),
      );
      created.push(`${v.id}@${v.effectiveFrom}`);
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      existing.push(`${v.id}@${v.effectiveFrom}`);
    }
  }
  cachedIndex = undefined;
  return { created, existing };
}
