import type { NativeAttributeValue, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Dossier, HistoryEvent, Task } from '../domain/dossier';
import { snapshotOf } from '../domain/events';
import type { OfficerNotice } from '../domain/officer-notices';
import { env } from './environment';
import { keys } from './keys';
import { queryAll } from './query-all';

/**
 * How each item kind of the single table is written: its keys, the sparse index keys that serve its access
 * patterns, and the version conditions. Reading strips those keys again.
 */
export type Item = Record<string, NativeAttributeValue>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A dossier in the applicant's listings (gsi2, gsi3; keys only). Not in the inbox index: it projects a task's
 * `version`, which every change of the dossier would rewrite there too (one write unit each time).
 */
export function dossierItem(dossier: Dossier): Item {
  const sortKey = `${dossier.submittedAt}#${dossier.code}`;
  return {
    ...keys.dossier(dossier.code),
    type: 'dossier',
    ...dossier,
    gsi2pk: keys.applicantIndex(dossier.applicant.sub),
    gsi2sk: sortKey,
    gsi3pk: keys.byStatus(keys.applicantIndex(dossier.applicant.sub), dossier.status),
    gsi3sk: sortKey,
  };
}

export function taskItem(task: Task): Item {
  const item: Item = { ...keys.task(task.dossierCode, task.id), type: 'task', ...task };
  // Only open tasks sit in the inbox index (sparse GSI): deciding a task removes it from every inbox at once.
  if (task.state === 'OPEN') {
    item.gsi1pk = keys.inbox(task.agencyId, task.role);
    item.gsi1sk = `${task.dueAt}#${task.id}`;
  }
  return item;
}

/**
 * A history event, with the dossier as it stood after the change (`snapshot`): the table's stream carries this item
 * to the reactions (functions/reactions/), which thus report the state of that moment, not a later one.
 */
export function historyItem(dossier: Dossier, event: HistoryEvent): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: { ...keys.history(dossier.code, event.seq), type: 'history', ...event, snapshot: snapshotOf(dossier) },
      // Append-only: an event with this sequence number can be written once.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Notices are kept a year, like the reaction markers: their stream record is what matters. */
const NOTICE_TTL_SECONDS = 366 * 24 * 3600;

/** An officer notice item (functions/domain/officer-notices.ts), written once: a second write of it fails. */
export function officerNoticePut(key: { pk: string; sk: string }, notice: OfficerNotice): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: {
        ...key,
        type: 'officer-notice',
        notice,
        ttl: Math.floor(Date.parse(notice.at) / 1000) + NOTICE_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** One link per agency on the dossier's path: the agency listing, and (with the dossier's status) its status filter. */
export function agencyLinks(dossier: Dossier): TransactItem[] {
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

/** Replaces the dossier only if nobody changed it since `previousVersion` was read (optimistic concurrency). */
export function versionedDossierPut(dossier: Dossier, previousVersion: number): TransactItem {
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

export function strip<T>(item: Item | undefined): T | undefined {
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

export const table = () => env('TABLE_NAME');

/**
 * The part of a dossier's item collection from the dossier item to its history (the dossier, where its reactions
 * stand, its history; not its tasks, links or reaction markers): what a reaction reading the record needs.
 */
export function dossierAndHistory(code: string): Promise<Item[]> {
  return queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.dossier(code).pk, ':from': 'DOSSIER', ':to': 'H#\uffff' },
    ConsistentRead: true,
  });
}

/** The dossier and its history among items of its collection (undefined without the dossier item). */
export function historyRecordOf(items: Item[]): { dossier: Dossier; history: HistoryEvent[] } | undefined {
  const dossier = strip<Dossier>(items.find((item) => item.sk === 'DOSSIER'));
  if (!dossier) return undefined;
  return {
    dossier,
    // The snapshot rides along for the reactions; of it, the history shows the due date each change left.
    history: items
      .filter((item) => String(item.sk).startsWith('H#'))
      .map(({ snapshot, ...item }) => ({
        ...strip<HistoryEvent>(item)!,
        dueAt: (snapshot as { dueAt?: string | null } | undefined)?.dueAt ?? null,
      })),
  };
}

/** A dossier's item collection (the dossier, its tasks, history and links), or the part under a sort-key prefix. */
export function itemCollection(code: string, prefix: string): Promise<Item[]> {
  return queryAll({
    TableName: table(),
    // DynamoDB refuses begins_with on an empty string: no prefix reads the whole item collection.
    KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.dossier(code).pk, ...(prefix ? { ':prefix': prefix } : {}) },
    ConsistentRead: true,
  });
}
