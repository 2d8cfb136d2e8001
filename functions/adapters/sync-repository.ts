import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IntakeRefusal, SyncedEvent } from '../domain/events';
import type { SyncPlace } from '../domain/national-portal';
import type { SyncStore } from '../domain/ports';
import { batchGet } from './batch-get';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import { dossierAndHistory, historyRecordOf, type Item, type TransactItem, table } from './items';
import { keys, STATUS_INDEX } from './keys';
import { queryPage } from './query-page';
import { transact } from './transactions';

/** Records of a year: far beyond any redelivery or re-send. */
const EVENT_TTL_SECONDS = 366 * 24 * 3600;

/** The place item: in the state listing (gsi3, keys only) while pending or failed, out of it once synced. */
function placeItem(place: SyncPlace): Item {
  return {
    ...keys.syncPlace(place.code),
    type: 'dvcqg-sync',
    place,
    ...(place.state === 'synced'
      ? {}
      : { gsi3pk: keys.syncIndex(place.state), gsi3sk: `${place.updatedAt}#${place.code}` }),
  };
}

/** Only from the place read (nothing yet, or the same synced entry and attempt). */
function fromPlace(before: SyncPlace | undefined) {
  return before
    ? {
        ConditionExpression: '#place.syncedSeq = :seq AND #place.attempts = :attempts',
        ExpressionAttributeNames: { '#place': 'place' },
        ExpressionAttributeValues: { ':seq': before.syncedSeq, ':attempts': before.attempts },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
}

class MovedMeanwhile extends Error {}

/** Đồng bộ DVCQG in the single table: each dossier's place (`D#code / DVCQG`), its first-sync event, re-sends. */
export class DynamoSyncStore implements SyncStore {
  constructor() {
    requireConfiguration('TABLE_NAME');
  }

  async syncState(code: string) {
    // The place (sk DVCQG) sorts between the dossier item and its history: one query reads all three.
    const items = await dossierAndHistory(code);
    const place = items.find((item) => item.sk === keys.syncPlace(code).sk)?.place as SyncPlace | undefined;
    return { place, record: historyRecordOf(items) };
  }

  async synced(before: SyncPlace | undefined, after: SyncPlace, countOn: SyncedEvent['synced'] | undefined) {
    const place = { TableName: table(), Item: placeItem(after), ...fromPlace(before) };
    if (!countOn) {
      // The place alone: a conditional put (a transaction would bill twice the write).
      try {
        await dynamo().send(new PutCommand(place));
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    }
    // With the one `synced` event the figures count: both or neither.
    const items: TransactItem[] = [
      { Put: place },
      {
        Put: {
          TableName: table(),
          Item: { ...keys.synced(after.code), type: 'dvcqg-synced', at: countOn.at, key: countOn.key },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    try {
      await transact(items, () => new MovedMeanwhile());
      return true;
    } catch (error) {
      if (error instanceof MovedMeanwhile) return false;
      throw error;
    }
  }

  async failed(place: SyncPlace) {
    // The last word wins: a failure is information for operators, not a state any write depends on.
    await dynamo().send(new PutCommand({ TableName: table(), Item: placeItem(place) }));
  }

  async list(state: 'pending' | 'failed', limit: number, cursor?: string) {
    const page = await queryPage(
      {
        TableName: table(),
        IndexName: STATUS_INDEX,
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.syncIndex(state) },
        ScanIndexForward: false,
        Limit: limit,
      },
      cursor,
      (item) => String(item.pk).slice('D#'.length),
    );
    const read = await batchGet(page.items.map((code) => keys.syncPlace(code)));
    const byCode = new Map(read.map((item) => [String(item.pk).slice('D#'.length), item.place as SyncPlace]));
    // In the index's order; a place that moved on since the index was read (synced meanwhile) is left out.
    return {
      items: page.items.flatMap((code) => {
        const place = byCode.get(code);
        return place && place.state === state ? [place] : [];
      }),
      nextCursor: page.nextCursor,
    };
  }

  async requestResend(code: string, at: string, by: string) {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...keys.resync(code, at),
          type: 'dvcqg-resync',
          at,
          by,
          ttl: Math.floor(Date.parse(at) / 1000) + EVENT_TTL_SECONDS,
        },
      }),
    );
  }

  async recordRefusal(refusal: IntakeRefusal, bodyHash: string) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...keys.intakeRefusal(refusal.nationalId, bodyHash),
            type: 'dvcqg-refusal',
            refusal,
            ttl: Math.floor(Date.parse(refusal.at) / 1000) + EVENT_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // The same refused body again: the portal was told already.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
