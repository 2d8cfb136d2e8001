import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  type NativeAttributeValue,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Dossier, dossierCodeOfTask, type HistoryEvent, type Task } from '../domain/dossier';
import { conflict } from '../domain/errors';
import type { DossierStore, Page, UploadRecord, UploadStore } from '../domain/ports';
import { type DossierStatus, TERMINAL_STATUSES } from '../domain/status';
import { awsClients, clientCausedDynamoError, env } from './aws-clients';
import { signCursor, verifyCursor } from './cursor';
import { INBOX_INDEX, keys, LISTING_INDEX, STATUS_INDEX } from './keys';
import { queryAll } from './query-all';

type Item = Record<string, NativeAttributeValue>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

function dossierItem(dossier: Dossier): Item {
  const sortKey = `${dossier.submittedAt}#${dossier.code}`;
  const open = !TERMINAL_STATUSES.has(dossier.status);
  return {
    ...keys.dossier(dossier.code),
    type: 'dossier',
    ...dossier,
    gsi2pk: keys.applicantIndex(dossier.applicant.sub),
    gsi2sk: sortKey,
    gsi3pk: keys.byStatus(keys.applicantIndex(dossier.applicant.sub), dossier.status),
    gsi3sk: sortKey,
    ...(open ? { gsi1pk: `OPEN#${dossier.receivingAgencyId}`, gsi1sk: sortKey } : {}),
  };
}

function taskItem(task: Task): Item {
  const item: Item = { ...keys.task(task.dossierCode, task.id), type: 'task', ...task };
  // Only open tasks sit in the inbox index (sparse GSI): deciding a task removes it from every inbox at once.
  if (task.state === 'OPEN') {
    item.gsi1pk = keys.inbox(task.agencyId, task.role);
    item.gsi1sk = `${task.dueAt}#${task.id}`;
  }
  return item;
}

function historyItem(code: string, event: HistoryEvent): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: { ...keys.history(code, event.seq), type: 'history', ...event },
      // Append-only: an event with this sequence number can be written once.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** One link per agency on the dossier's path: the agency listing, and (with the dossier's status) its status filter. */
function agencyLinks(dossier: Dossier): TransactItem[] {
  return dossier.agencyIds.map((agencyId) => ({
    Put: {
      TableName: table(),
      Item: {
        ...keys.dossierAgency(dossier.code, agencyId),
        type: 'dossier-agency',
        gsi2pk: keys.agencyIndex(agencyId),
        gsi2sk: `${dossier.submittedAt}#${dossier.code}`,
        gsi3pk: keys.byStatus(keys.agencyIndex(agencyId), dossier.status),
        gsi3sk: `${dossier.submittedAt}#${dossier.code}`,
      },
    },
  }));
}

/** A status change moves every agency link to the new status in the same transaction (the status filter's key). */
const linksOnStatusChange = (dossier: Dossier, event: HistoryEvent) =>
  event.fromStatus !== event.toStatus ? agencyLinks(dossier) : [];

/** Replaces the dossier only if nobody changed it since `previousVersion` was read (optimistic concurrency). */
function versionedDossierPut(dossier: Dossier, previousVersion: number): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: dossierItem(dossier),
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':v': previousVersion },
    },
  };
}

function strip<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const {
    pk: _pk,
    sk: _sk,
    type: _t,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    gsi3pk: _e,
    gsi3sk: _f,
    ...rest
  } = item;
  return rest as T;
}

const table = () => env('TABLE_NAME');

/**
 * Runs a transaction. A conditional check that failed is reported to `onConflict` with the positions of the items
 * whose condition failed (DynamoDB's cancellation reasons), so the caller can say which rule was broken.
 */
async function transact(items: TransactItem[], onConflict: (failed: number[]) => Error) {
  try {
    await awsClients().doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    // A write the table refused for its content (an item over 400 KB) is not a race: say what it is.
    const invalid = reasons.find((reason) => reason.Code === 'ValidationError');
    if (invalid) throw clientCausedDynamoError({ name: 'ValidationException', message: invalid.Message }) ?? error;
    throw onConflict(reasons.flatMap((reason, i) => (reason.Code === 'ConditionalCheckFailed' ? [i] : [])));
  }
}

/**
 * Marks uploads as taken by a dossier, each by one dossier only (a file shared by two dossiers would let one
 * applicant's record reach into another's): the claim is conditional, made in the transaction that attaches them,
 * and kept (no expiry) as the record of where the file went.
 */
function uploadClaims(code: string, uploadIds: string[]): TransactItem[] {
  return uploadIds.map((uploadId) => ({
    Update: {
      TableName: table(),
      Key: keys.upload(uploadId),
      UpdateExpression: 'SET usedBy = :code REMOVE #ttl',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedBy)',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':code': code },
    },
  }));
}

const uploadAlreadyUsed = (uploadIds: string[]) =>
  conflict('UPLOAD_ALREADY_USED', 'Tệp đã được dùng cho một hồ sơ khác (upload already attached to a dossier)', {
    uploadIds,
  });

/** The conflict a transaction with upload claims at the end (from `firstClaim` on) reports. */
const claimOr =
  (uploadIds: string[], firstClaim: number, otherwise: () => Error) =>
  (failed: number[]): Error => {
    const claims = failed.filter((i) => i >= firstClaim).map((i) => uploadIds[i - firstClaim]!);
    return failed.some((i) => i < firstClaim) || claims.length === 0 ? otherwise() : uploadAlreadyUsed(claims);
  };

const staleTask = (task: Task) => conflict('STALE_VERSION', `Công việc ${task.id} vừa thay đổi (stale version)`);
const staleDossier = (code: string) =>
  conflict('STALE_VERSION', `Hồ sơ ${code} vừa được người khác cập nhật, vui lòng thử lại (stale version)`);

/** What a cursor is bound to: the index, the key condition and its values (the caller's partition), the filter. */
const bindingOf = (input: QueryCommandInput) =>
  JSON.stringify([
    input.IndexName ?? '',
    input.KeyConditionExpression,
    input.FilterExpression ?? '',
    input.ExpressionAttributeValues ?? {},
    input.ScanIndexForward ?? true,
  ]);

async function queryPage<T>(
  input: QueryCommandInput,
  cursor: string | undefined,
  map: (item: Item) => T,
): Promise<Page<T>> {
  const binding = bindingOf(input);
  const exclusiveStartKey = verifyCursor(cursor, binding);
  const result = await awsClients().doc.send(
    new QueryCommand({ ...input, ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}) }),
  );
  return { items: (result.Items ?? []).map(map), nextCursor: signCursor(result.LastEvaluatedKey, binding) };
}

/** A listing partition, newest first; with a status, the status index, so that every page is full until the last. */
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

const BATCH_GET_ATTEMPTS = 8;

/**
 * Reads dossiers by code with BatchGetItem, retrying the keys DynamoDB left unprocessed (throttling, the 16 MB
 * limit) with exponential backoff and full jitter: the SDK retries failed calls, not partial results. A key still
 * unprocessed after every attempt is an error, never a dossier silently missing from a list.
 */
async function batchGetDossiers(codes: string[]): Promise<Map<string, Dossier>> {
  const found = new Map<string, Dossier>();
  let pending: Item[] = codes.map((code) => keys.dossier(code));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === BATCH_GET_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
    if (attempt > 0) await sleep(Math.random() * Math.min(1000, 25 * 2 ** attempt));
    const result = await awsClients().doc.send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: pending } } }));
    for (const item of result.Responses?.[table()] ?? []) found.set(String(item.code), strip<Dossier>(item)!);
    pending = result.UnprocessedKeys?.[table()]?.Keys ?? [];
  }
  return found;
}

/** DynamoDB single-table implementation of the dossier store: conditional writes and transactions only. */
export class DynamoDossierStore implements DossierStore, UploadStore {
  async nextSequence(counterKey: string): Promise<number> {
    const result = await awsClients().doc.send(
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
      historyItem(dossier.code, event),
      ...agencyLinks(dossier),
    ];
    const uploadIds = dossier.documents.map((d) => d.uploadId);
    // A concurrent retry with the same key is answered as the first attempt (the use case replays it).
    const inUse = () =>
      conflict('IDEMPOTENCY_KEY_IN_USE', 'Yêu cầu với Idempotency-Key này đang được xử lý (concurrent retry)');
    await transact([...items, ...uploadClaims(dossier.code, uploadIds)], claimOr(uploadIds, items.length, inUse));
  }

  async findIdempotency(sub: string, key: string) {
    const result = await awsClients().doc.send(new GetCommand({ TableName: table(), Key: keys.idempotency(sub, key) }));
    return result.Item ? { bodyHash: String(result.Item.bodyHash), code: String(result.Item.code) } : undefined;
  }

  async getDossier(code: string) {
    const result = await awsClients().doc.send(
      new GetCommand({ TableName: table(), Key: keys.dossier(code), ConsistentRead: true }),
    );
    return strip<Dossier>(result.Item);
  }

  async getTasks(code: string) {
    const items = await this.collection(code, 'T#');
    return items.map((item) => strip<Task>(item)!);
  }

  async getDossierRecord(code: string) {
    const items = await this.collection(code, '');
    const dossier = strip<Dossier>(items.find((item) => item.sk === 'DOSSIER'));
    if (!dossier) return undefined;
    const of = (prefix: string) => items.filter((item) => String(item.sk).startsWith(prefix));
    return {
      dossier,
      tasks: of('T#').map((item) => strip<Task>(item)!),
      history: of('H#').map((item) => strip<HistoryEvent>(item)!),
    };
  }

  private collection(code: string, prefix: string): Promise<Item[]> {
    return queryAll({
      TableName: table(),
      // DynamoDB refuses begins_with on an empty string: no prefix reads the whole item collection.
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.dossier(code).pk, ...(prefix ? { ':prefix': prefix } : {}) },
      ConsistentRead: true,
    });
  }

  async getTask(taskId: string) {
    const code = dossierCodeOfTask(taskId);
    if (!code) return undefined;
    const result = await awsClients().doc.send(
      new GetCommand({ TableName: table(), Key: keys.task(code, taskId), ConsistentRead: true }),
    );
    return strip<Task>(result.Item);
  }

  listByApplicant(sub: string, limit: number, cursor?: string, status?: DossierStatus) {
    return queryPage(listing(keys.applicantIndex(sub), limit, status), cursor, (item) => strip<Dossier>(item)!);
  }

  async listByAgency(agencyId: string, limit: number, cursor?: string, status?: DossierStatus): Promise<Page<Dossier>> {
    const links = await queryPage(listing(keys.agencyIndex(agencyId), limit, status), cursor, (item) =>
      String(item.pk).slice(2),
    );
    const byCode = await batchGetDossiers(links.items);
    return { items: links.items.flatMap((code) => byCode.get(code) ?? []), nextCursor: links.nextCursor };
  }

  inbox(agencyId: string, role: string, limit: number, cursor?: string) {
    return queryPage(
      {
        TableName: table(),
        IndexName: INBOX_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.inbox(agencyId, role) },
        Limit: limit,
      },
      cursor,
      (item) => strip<Task>(item)!,
    );
  }

  async overdueTasks(agencyId: string, role: string): Promise<Task[]> {
    const items = await queryAll({
      TableName: table(),
      IndexName: INBOX_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: 'overdue = :yes',
      ExpressionAttributeValues: { ':pk': keys.inbox(agencyId, role), ':yes': true },
    });
    return items.map((item) => strip<Task>(item)!);
  }

  listOpenDossiers(agencyId: string, limit: number, cursor?: string) {
    return queryPage(
      {
        TableName: table(),
        IndexName: INBOX_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `OPEN#${agencyId}` },
        Limit: limit,
      },
      cursor,
      (item) => strip<Dossier>(item)!,
    );
  }

  async openTask(previousVersion: number, dossier: Dossier, task: Task, event?: HistoryEvent) {
    await transact(
      [
        versionedDossierPut(dossier, previousVersion),
        { Put: { TableName: table(), Item: taskItem(task), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...(event ? [historyItem(dossier.code, event)] : []),
        // The link of the task's agency (the dossier now passes through it), or every link when the status changed.
        ...(event && event.fromStatus !== event.toStatus
          ? agencyLinks(dossier)
          : agencyLinks(dossier).filter((link) => link.Put?.Item?.sk === `AGENCY#${task.agencyId}`)),
      ],
      () => staleDossier(dossier.code),
    );
  }

  private async updateTask(task: Task, next: Task, condition: string, values: Item = {}) {
    try {
      await awsClients().doc.send(
        new PutCommand({
          TableName: table(),
          Item: taskItem(next),
          ConditionExpression: `#v = :v AND ${condition}`,
          ExpressionAttributeNames: { '#v': 'version', '#state': 'state' },
          ExpressionAttributeValues: { ':v': task.version, ...values },
        }),
      );
      return next;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw staleTask(task);
      throw error;
    }
  }

  attachToken(task: Task, token: string) {
    return this.updateTask(task, { ...task, token, version: task.version + 1 }, '#state <> :applied', {
      ':applied': 'APPLIED',
    });
  }

  async saveDecision(task: Task, decided: NonNullable<Task['decided']>) {
    const next: Task = { ...task, decided, state: 'DECIDED', version: task.version + 1 };
    const uploadIds = [...(decided.documents ?? []), ...(decided.result?.documents ?? [])].map((d) => d.uploadId);
    if (uploadIds.length === 0) return this.updateTask(task, next, '#state = :open', { ':open': 'OPEN' });
    const saveTask: TransactItem = {
      Put: {
        TableName: table(),
        Item: taskItem(next),
        ConditionExpression: '#v = :v AND #state = :open',
        ExpressionAttributeNames: { '#v': 'version', '#state': 'state' },
        ExpressionAttributeValues: { ':v': task.version, ':open': 'OPEN' },
      },
    };
    await transact(
      [saveTask, ...uploadClaims(task.dossierCode, uploadIds)],
      claimOr(uploadIds, 1, () => staleTask(task)),
    );
    return next;
  }

  markOverdue(task: Task) {
    return this.updateTask(task, { ...task, overdue: true, version: task.version + 1 }, '#state = :open', {
      ':open': 'OPEN',
    });
  }

  async applyDecision(previousVersion: number, dossier: Dossier, task: Task, event: HistoryEvent) {
    const closed: Task = { ...task, state: 'APPLIED', version: task.version + 1 };
    await transact(
      [
        versionedDossierPut(dossier, previousVersion),
        {
          Put: {
            TableName: table(),
            Item: taskItem(closed),
            ConditionExpression: '#state = :decided',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':decided': 'DECIDED' },
          },
        },
        historyItem(dossier.code, event),
        ...linksOnStatusChange(dossier, event),
      ],
      () => staleDossier(dossier.code),
    );
  }

  async recordEvent(previousVersion: number, dossier: Dossier, event: HistoryEvent) {
    await transact(
      [
        versionedDossierPut(dossier, previousVersion),
        historyItem(dossier.code, event),
        ...linksOnStatusChange(dossier, event),
      ],
      () => staleDossier(dossier.code),
    );
  }

  async closeDossier(previousVersion: number, dossier: Dossier, closedTasks: Task[], event: HistoryEvent) {
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
        historyItem(dossier.code, event),
        ...linksOnStatusChange(dossier, event),
      ],
      () => staleDossier(dossier.code),
    );
  }

  async saveUpload(upload: UploadRecord, ttlSeconds: number) {
    await awsClients().doc.send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...keys.upload(upload.uploadId),
          type: 'upload',
          ...upload,
          ttl: Math.floor(Date.parse(upload.createdAt) / 1000) + ttlSeconds,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getUpload(uploadId: string) {
    const result = await awsClients().doc.send(new GetCommand({ TableName: table(), Key: keys.upload(uploadId) }));
    const { ttl: _ttl, ...rest } = (result.Item ?? {}) as Item;
    return strip<UploadRecord>(result.Item ? rest : undefined);
  }

  async saveRating(
    code: string,
    rating: { level: number; comment: string | null; criteria: Record<string, number>; at: string },
  ) {
    try {
      await awsClients().doc.send(
        new PutCommand({
          TableName: table(),
          Item: { pk: keys.dossier(code).pk, sk: 'RATING', type: 'rating', ...rating },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
