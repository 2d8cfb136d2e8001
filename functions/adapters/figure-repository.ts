import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  type DossierEvent,
  historyEvent,
  type RatingEvent,
  ratingEventId,
  type SyncedEvent,
  syncedEventId,
} from '../domain/events';
import {
  COUNTERS,
  type Counts,
  type DossierFigures,
  type FigureChange,
  type FigureDelta,
  type FigureItem,
  type FigureKey,
  itemChanges,
  itemId,
  type StoredFigureItem,
} from '../domain/figures';
import type { FigureHistory, FigureStore } from '../domain/ports';
import type { Rating, RatingRecord } from '../domain/ratings';
import type { Channel } from '../domain/working-calendar';
import { batchWrite } from './batch-write';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import { type Item, type TransactItem, table } from './items';
import { keys } from './keys';
import { queryAll } from './query-all';
import { transact } from './transactions';

/**
 * Số liệu in the single table: each dossier's place (`D#code / FIGURES`) and the counter items. A change is one
 * transaction: the place moves only from where the change was computed, and every counter it touches is added to
 * (`ADD`), so an event is counted once even when delivered twice or by two consumers at once.
 */
export class DynamoFigureStore implements FigureStore {
  constructor() {
    requireConfiguration('TABLE_NAME');
  }

  async dossierFigures(code: string) {
    const result = await dynamo().send(
      new GetCommand({ TableName: table(), Key: keys.dossierFigures(code), ConsistentRead: true }),
    );
    return result.Item ? (result.Item.figures as DossierFigures) : undefined;
  }

  async apply(
    code: string,
    before: DossierFigures | undefined,
    change: FigureChange,
    shard: number,
    records: readonly RatingRecord[] = [],
  ) {
    const { key } = change.after;
    const place: TransactItem = {
      Put: {
        TableName: table(),
        Item: { ...keys.dossierFigures(code), type: 'dossier-figures', figures: change.after },
        // Only from the place read: the same sequence, and a rating not counted yet (or the same one).
        ...(before
          ? {
              ConditionExpression: `figures.seq = :seq AND ${before.rated === undefined ? 'attribute_not_exists(figures.rated)' : 'figures.rated = :rated'}`,
              ExpressionAttributeValues: {
                ':seq': before.seq,
                ...(before.rated === undefined ? {} : { ':rated': before.rated }),
              },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    };
    const counters = counterUpdates(key, change.deltas, shard);
    const copies = records.map(
      (record): TransactItem => ({
        Put: {
          TableName: table(),
          Item: { ...keys.ratingRecord(record.agencyId, record.at, code), type: 'rating-record', record },
        },
      }),
    );
    try {
      await transact([place, ...counters, ...copies], () => new MovedMeanwhile());
      return true;
    } catch (error) {
      if (error instanceof MovedMeanwhile) return false;
      throw error;
    }
  }

  async applyOnce(code: string, marker: string, key: FigureKey, deltas: readonly FigureDelta[], shard: number) {
    const once: TransactItem = {
      Put: {
        TableName: table(),
        Item: { ...keys.figuresMarker(code, marker), type: 'figures-marker' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    try {
      // Only the marker's own condition says it was counted: a transaction cancelled for a conflict with another
      // writer of a counter (concurrent consumers) is an error, and the queue delivers the event again.
      await transact([once, ...counterUpdates(key, deltas, shard)], (failed) =>
        failed.includes(0)
          ? new MovedMeanwhile()
          : new Error(`the count of ${marker} for ${code} met a concurrent write`),
      );
      return true;
    } catch (error) {
      if (error instanceof MovedMeanwhile) return false;
      throw error;
    }
  }

  async ratingRecords(agencyIds: readonly string[], months: readonly string[]) {
    const partitions = agencyIds.flatMap((agencyId) =>
      months.map((month) => keys.ratingRecord(agencyId, `${month}-01`, '').pk),
    );
    const pages = await Promise.all(
      partitions.map((pk) =>
        queryAll({ TableName: table(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
      ),
    );
    return pages.flat().map((item) => item.record as RatingRecord);
  }

  async read(periods: { monthsOfYears: readonly string[]; daysOfMonths: readonly string[] }) {
    const partitions = [
      keys.figures('year', '0000', '').pk,
      ...periods.monthsOfYears.map((year) => keys.figures('month', `${year}-01`, '').pk),
      ...periods.daysOfMonths.map((month) => keys.figures('day', `${month}-01`, '').pk),
    ];
    const pages = await Promise.all(
      partitions.map((pk) =>
        queryAll({
          TableName: table(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        }),
      ),
    );
    return pages.flat().map(figureItem);
  }
}

class MovedMeanwhile extends Error {}

/** The counter items a day's changes add to (day, month and year), each an `ADD` of its counters. */
function counterUpdates(key: FigureKey, deltas: readonly FigureDelta[], shard: number): TransactItem[] {
  const counterKey = counterKeyOf(key, shard);
  return itemChanges(deltas).map(({ level, period, counts }) => {
    const added = COUNTERS.filter((counter) => counts[counter]);
    const values: Item = {
      ':type': 'figures',
      ':level': level,
      ':period': period,
      ':agency': key.agencyId,
      ':procedure': key.procedureId,
      ':channel': key.channel,
    };
    for (const counter of added) values[`:${counter}`] = counts[counter];
    return {
      Update: {
        TableName: table(),
        Key: keys.figures(level, period, counterKey),
        // Every name through a placeholder: several counters (`open`, `counter`) are DynamoDB reserved words.
        UpdateExpression: `SET #type = :type, #level = :level, #period = :period, #agency = :agency, #procedure = :procedure, #channel = :channel ADD ${added.map((c) => `#${c} :${c}`).join(', ')}`,
        ExpressionAttributeNames: {
          '#type': 'type',
          '#level': 'level',
          '#period': 'period',
          '#agency': 'agencyId',
          '#procedure': 'procedureId',
          '#channel': 'channel',
          ...Object.fromEntries(added.map((c) => [`#${c}`, c])),
        },
        ExpressionAttributeValues: values,
      },
    } satisfies TransactItem;
  });
}

function figureItem(item: Item): FigureItem {
  const counts: Counts = {};
  for (const counter of COUNTERS) if (typeof item[counter] === 'number') counts[counter] = item[counter];
  return {
    level: item.level,
    period: item.period,
    key: { agencyId: item.agencyId, procedureId: item.procedureId, channel: item.channel },
    counts,
  };
}

const counterKeyOf = (key: FigureKey, shard: number) => `${key.agencyId}#${key.procedureId}#${key.channel}#${shard}`;

/** The kinds of item a recount reads. */
const RECOUNT_TYPES = ['history', 'dossier', 'dossier-figures', 'figures', 'rating', 'dvcqg-synced'];
const SEGMENTS = 4;

/**
 * The whole table as a recount reads it (a parallel Scan: an operator's command, never on a request path) and the
 * rewrite of what differs.
 */
export class DynamoFigureHistory implements FigureHistory {
  async scan() {
    const events: (DossierEvent | RatingEvent | SyncedEvent)[] = [];
    const channels = new Map<string, Channel>();
    const places = new Map<string, DossierFigures>();
    const items = new Map<string, StoredFigureItem>();
    await Promise.all(
      Array.from({ length: SEGMENTS }, async (_, segment) => {
        let start: Item | undefined;
        do {
          const page = await dynamo().send(
            new ScanCommand({
              TableName: table(),
              Segment: segment,
              TotalSegments: SEGMENTS,
              FilterExpression: `#type IN (${RECOUNT_TYPES.map((_, i) => `:t${i}`).join(', ')})`,
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: Object.fromEntries(RECOUNT_TYPES.map((t, i) => [`:t${i}`, t])),
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          );
          for (const item of page.Items ?? []) {
            if (item.type === 'dossier') channels.set(item.code, item.channel);
            else if (item.type === 'dossier-figures') places.set(String(item.pk).slice('D#'.length), item.figures);
            else if (item.type === 'figures') {
              const stored = { ...figureItem(item), shard: Number(String(item.sk).split('#').at(-1)) };
              items.set(itemId(stored), stored);
            } else if (item.type === 'dvcqg-synced') {
              const code = String(item.pk).slice('D#'.length);
              events.push({ id: syncedEventId(code), code, synced: { at: String(item.at), key: item.key } });
            } else if (item.type === 'rating') {
              const { pk, sk: _sk, type: _type, ...rating } = item;
              const code = String(pk).slice('D#'.length);
              events.push({ id: ratingEventId(code), code, rating: rating as Rating });
            } else {
              const { pk, sk: _sk, type: _type, ...entry } = item;
              events.push(historyEvent(String(pk).slice('D#'.length), entry));
            }
          }
          start = page.LastEvaluatedKey;
        } while (start);
      }),
    );
    return { events, channels, places, items };
  }

  async overwrite(items: Map<string, StoredFigureItem | undefined>, places: Map<string, DossierFigures | undefined>) {
    const requests = [
      ...[...items].map(([id, item]) => {
        if (!item) return { DeleteRequest: { Key: keyOfId(id) } };
        const { level, period, key, shard, counts } = item;
        return {
          PutRequest: {
            Item: {
              ...keys.figures(level, period, counterKeyOf(key, shard)),
              type: 'figures',
              level,
              period,
              agencyId: key.agencyId,
              procedureId: key.procedureId,
              channel: key.channel,
              ...counts,
            },
          },
        };
      }),
      ...[...places].map(([code, place]) =>
        place
          ? { PutRequest: { Item: { ...keys.dossierFigures(code), type: 'dossier-figures', figures: place } } }
          : { DeleteRequest: { Key: keys.dossierFigures(code) } },
      ),
    ];
    await batchWrite(table(), requests, 'figures recount');
  }
}

/** The table key of a counter item from its id (`level|period|agency|procedure|channel|shard`). */
function keyOfId(id: string) {
  const [level, period, agencyId, procedureId, channel, shard] = id.split('|') as [
    FigureItem['level'],
    string,
    string,
    string,
    Channel,
    string,
  ];
  return keys.figures(level, period, counterKeyOf({ agencyId, procedureId, channel }, Number(shard)));
}
