import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DossierEvent, Reaction } from '../domain/events';
import type { ReactionLog } from '../domain/ports';
import { dynamo } from './clients/dynamodb';
import { requireConfiguration } from './environment';
import { table } from './items';
import { keys } from './keys';

/** Markers kept a year: far beyond any redelivery (stream records live 24 hours, dead letters 14 days). */
const MARKER_TTL_SECONDS = 366 * 24 * 3600;

/** One marker item per reaction and event, in the dossier's item collection. */
export class DynamoReactionLog implements ReactionLog {
  constructor() {
    requireConfiguration('TABLE_NAME');
  }

  async applied(reaction: Reaction, event: DossierEvent) {
    const result = await dynamo().send(
      new GetCommand({
        TableName: table(),
        Key: keys.reacted(event.code, reaction, event.event.seq),
        ConsistentRead: true,
      }),
    );
    return result.Item !== undefined;
  }

  async record(reaction: Reaction, event: DossierEvent) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...keys.reacted(event.code, reaction, event.event.seq),
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
