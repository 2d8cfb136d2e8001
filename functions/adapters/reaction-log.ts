import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Dossier } from '../domain/dossier';
import { type DossierEvent, isDossierEvent, isRatingEvent, type Reaction, type StreamEvent } from '../domain/events';
import type { ReactionLog } from '../domain/ports';
import { batchGet } from './batch-get';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import { strip, table } from './items';
import { keys } from './keys';

/** Markers kept a year: far beyond any redelivery (stream records live 24 hours, dead letters 14 days). */
const MARKER_TTL_SECONDS = 366 * 24 * 3600;

/** Where the marker of an event lives: a dossier event's in the dossier's item collection. */
const markerKey = (reaction: Reaction, event: StreamEvent) =>
  isDossierEvent(event)
    ? keys.reacted(event.code, reaction, event.event.seq)
    : isRatingEvent(event)
      ? keys.ratingReacted(event.code, reaction)
      : keys.noticeReacted(event.id, reaction);

/** One marker item per reaction and event. */
export class DynamoReactionLog implements ReactionLog {
  constructor() {
    requireConfiguration('TABLE_NAME');
  }

  async applied(reaction: Reaction, event: StreamEvent) {
    const result = await dynamo().send(
      new GetCommand({ TableName: table(), Key: markerKey(reaction, event), ConsistentRead: true }),
    );
    return result.Item !== undefined;
  }

  /** The marker and the dossier item, both in its item collection: one BatchGetItem, consistent. */
  async dossierUnlessApplied(reaction: Reaction, event: DossierEvent) {
    const marker = markerKey(reaction, event);
    const items = await batchGet([marker, keys.dossier(event.code)], { consistent: true });
    if (items.some((item) => item.sk === marker.sk)) return { applied: true } as const;
    return { applied: false, dossier: strip<Dossier>(items.find((item) => item.sk === 'DOSSIER')) } as const;
  }

  async record(reaction: Reaction, event: StreamEvent) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...markerKey(reaction, event),
            type: 'reaction',
            eventId: event.id,
            ttl: Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // A concurrent delivery of the same event recorded it first: the same outcome.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
