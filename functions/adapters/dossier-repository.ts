import { GetCommand, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Dossier, HistoryEvent, Task } from '../domain/dossier';
import { conflict } from '../domain/errors';
import type { DossierStore, Page, SettledDecision } from '../domain/ports';
import type { DossierStatus } from '../domain/status';
import { batchGet } from './batch-get';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import {
  agencyLinks,
  dossierAndHistory,
  dossierItem,
  historyItem,
  historyRecordOf,
  type Item,
  itemCollection,
  strip,
  type TransactItem,
  table,
  taskItem,
  versionedDossierPut,
} from './items';
import { keys, LISTING_INDEX, STATUS_INDEX } from './keys';
import { queryPage } from './query-page';
import { claimOr, staleDossier, transact, uploadClaims } from './transactions';

const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

function listing(partition: string, limit: number, status: DossierStatus | undefined): QueryCommandInput {
  const [index, key, value] = status
    ? [STATUS_INDEX, 'gsi3pk', keys.byStatus(partition, status)]
    : [LISTING_INDEX, 'gsi2pk', partition];
  return {
    TableName: table(),
    IndexName: index,
    KeyConditionExpression: `${key} = :pk`,
    ExpressionAttributeValues: { ':pk': value },
    ScanIndexForward: false,
    Limit: limit,
  };
}

/** Dossiers by code (BatchGetItem). */
async function batchGetDossiers(codes: string[]): Promise<Map<string, Dossier>> {
  const items = await batchGet(codes.map((code) => keys.dossier(code)));
  return new Map(items.map((item) => [String(item.code), strip<Dossier>(item)!]));
}

/**
 * A page of dossiers from an index that holds their keys only (the dossier item, or an agency link in its item
 * collection): the page's codes, then the dossiers by key, in the index's order.
 */
async function dossiersOf(input: QueryCommandInput, cursor: string | undefined): Promise<Page<Dossier>> {
  const codes = await queryPage(input, cursor, (item) => String(item.pk).slice(2));
  const byCode = await batchGetDossiers(codes.items);
  return { items: codes.items.flatMap((code) => byCode.get(code) ?? []), nextCursor: codes.nextCursor };
}

const isTask = (item: Item) => String(item.sk).startsWith('T#');

/** A newly opened task: written once. */
const taskPut = (task: Task): TransactItem => ({
  Put: { TableName: table(), Item: taskItem(task), ConditionExpression: 'attribute_not_exists(pk)' },
});

/**
 * The agency links a change writes: every link when the status changed (the status filter's key), else those of the
 * agencies whose tasks just opened (the dossier now passes through them), less the agencies known to have their link
 * already (every task's opening wrote its agency's, and every change of status rewrote them all).
 */
function linksOf(
  dossier: Dossier,
  events: { event: HistoryEvent }[],
  opened: Task[],
  linked: readonly string[] = [],
): TransactItem[] {
  const links = agencyLinks(dossier);
  if (events.some(({ event }) => event.fromStatus !== event.toStatus)) return links;
  const agencies = new Set(
    opened.filter((task) => !linked.includes(task.agencyId)).map((task) => `AGENCY#${task.agencyId}`),
  );
  return links.filter((link) => agencies.has(String(link.Put?.Item?.sk)));
}

/**
 * Hồ sơ — the dossier items of the single table: creation with its first history entry and idempotency record, the
 * moves that change a dossier with its tasks and history in one transaction (version-checked), and the listings.
 */
export class DynamoDossierStore implements DossierStore {
  constructor() {
    requireConfiguration('TABLE_NAME', 'CURSOR_KEY');
  }

  async nextSequence(counterKey: string): Promise<number> {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.counter(counterKey),
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.n);
  }

  async createDossier(
    dossier: Dossier,
    event: HistoryEvent,
    idempotency: { sub: string; key: string; bodyHash: string },
    opened?: { task: Task; event?: HistoryEvent; before: Dossier },
  ) {
    const expiresAt = Math.floor(Date.parse(dossier.submittedAt) / 1000) + IDEMPOTENCY_TTL_SECONDS;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: table(),
          Item: {
            ...keys.idempotency(idempotency.sub, idempotency.key),
            bodyHash: idempotency.bodyHash,
            code: dossier.code,
            ttl: expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: table(), Item: dossierItem(dossier), ConditionExpression: 'attribute_not_exists(pk)' } },
      historyItem(opened?.before ?? dossier, event),
      ...(opened
        ? [
            {
              Put: { TableName: table(), Item: taskItem(opened.task), ConditionExpression: 'attribute_not_exists(pk)' },
            },
            ...(opened.event ? [historyItem(dossier, opened.event)] : []),
          ]
        : []),
      ...agencyLinks(dossier),
    ];
    // Uploads are claimed; a document reused from the applicant's e-data store is no upload.
    const uploadIds = dossier.documents.filter((d) => !d.storedDocumentId).map((d) => d.uploadId);
    // A concurrent retry with the same key is answered as the first attempt (the use case replays it).
    const inUse = () =>
      conflict('IDEMPOTENCY_KEY_IN_USE', 'Yêu cầu với Idempotency-Key này đang được xử lý (concurrent retry)');
    await transact([...items, ...uploadClaims(dossier.code, uploadIds)], claimOr(uploadIds, items.length, inUse));
  }

  async findIdempotency(sub: string, key: string) {
    const result = await dynamo().send(new GetCommand({ TableName: table(), Key: keys.idempotency(sub, key) }));
    return result.Item ? { bodyHash: String(result.Item.bodyHash), code: String(result.Item.code) } : undefined;
  }

  async getDossier(code: string) {
    const result = await dynamo().send(
      new GetCommand({ TableName: table(), Key: keys.dossier(code), ConsistentRead: true }),
    );
    return strip<Dossier>(result.Item);
  }

  async getDossierRecord(code: string) {
    const items = await itemCollection(code, '');
    const record = historyRecordOf(items);
    return record && { ...record, tasks: items.filter(isTask).map((item) => strip<Task>(item)!) };
  }

  async getDossierHistory(code: string) {
    return historyRecordOf(await dossierAndHistory(code));
  }

  listByApplicant(sub: string, limit: number, cursor?: string, status?: DossierStatus) {
    return dossiersOf(listing(keys.applicantIndex(sub), limit, status), cursor);
  }

  listByAgency(agencyId: string, limit: number, cursor?: string, status?: DossierStatus) {
    return dossiersOf(listing(keys.agencyIndex(agencyId), limit, status), cursor);
  }

  async openStepTasks(
    previous: Dossier,
    dossier: Dossier,
    opened: Task[],
    events: { event: HistoryEvent; dossier: Dossier }[],
  ) {
    await transact(
      [
        versionedDossierPut(dossier, previous.version),
        ...opened.map(taskPut),
        ...events.map(({ event, dossier: after }) => historyItem(after, event)),
        // The agencies the dossier passed through (the lead agency of the synthesis after a consultation).
        ...linksOf(dossier, events, opened, previous.agencyIds),
      ],
      () => staleDossier(dossier.code),
    );
  }

  async settleDecision({ previousVersion, dossier, task, events, opened, uploadIds }: SettledDecision) {
    const items: TransactItem[] = [
      versionedDossierPut(dossier, previousVersion),
      {
        Put: {
          TableName: table(),
          Item: taskItem(task.after),
          ConditionExpression: '#v = :v AND (#state = :open OR #state = :decided)',
          ExpressionAttributeNames: { '#v': 'version', '#state': 'state' },
          ExpressionAttributeValues: { ':v': task.before.version, ':open': 'OPEN', ':decided': 'DECIDED' },
        },
      },
      ...events.map(({ event, dossier: after }) => historyItem(after, event)),
      ...opened.map(taskPut),
      // The decided task's agency (the approval after the appraisal, in the same agency).
      ...linksOf(dossier, events, opened, [task.before.agencyId]),
    ];
    const firstClaim = items.length;
    await transact(
      [...items, ...uploadClaims(dossier.code, uploadIds)],
      claimOr(uploadIds, firstClaim, () => staleDossier(dossier.code)),
    );
  }

  async recordEvents(previousVersion: number, dossier: Dossier, events: { event: HistoryEvent; dossier: Dossier }[]) {
    await transact(
      [
        versionedDossierPut(dossier, previousVersion),
        ...events.map(({ event, dossier: after }) => historyItem(after, event)),
        ...linksOf(dossier, events, []),
      ],
      () => staleDossier(dossier.code),
    );
  }

  async closeDossier(
    previousVersion: number,
    dossier: Dossier,
    closedTasks: Task[],
    events: { event: HistoryEvent; dossier: Dossier }[],
  ) {
    await transact(
      [
        versionedDossierPut(dossier, previousVersion),
        ...closedTasks.map(
          (task): TransactItem => ({
            Put: {
              TableName: table(),
              Item: taskItem(task),
              ConditionExpression: '#v = :v AND #state = :open',
              ExpressionAttributeNames: { '#v': 'version', '#state': 'state' },
              ExpressionAttributeValues: { ':v': task.version - 1, ':open': 'OPEN' },
            },
          }),
        ),
        ...events.map(({ event, dossier: after }) => historyItem(after, event)),
        ...linksOf(dossier, events, []),
      ],
      () => staleDossier(dossier.code),
    );
  }
}
