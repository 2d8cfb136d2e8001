import { ChangeMessageVisibilityCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { groupOf, REACTION_INPUT, type Reaction, type StreamEvent } from '../domain/events';
import type { EventPublisher, Redelivery } from '../domain/ports';
import { sqs } from './clients/sqs';
import { env, requireConfiguration } from './environment';

/** SQS allows ten messages per batch. */
const BATCH = 10;

/**
 * One SQS FIFO queue per reaction (`REACTION_QUEUE_URLS`, a JSON map set by the stack), given the events it takes.
 * The message group is the dossier (an agency for officer notices), so a dossier's events reach each reaction in order; the deduplication id is the event id, so a stream
 * record delivered twice within five minutes is queued once (and the reaction's log catches any later repeat).
 */
export class SqsEventPublisher implements EventPublisher {
  constructor() {
    requireConfiguration('REACTION_QUEUE_URLS');
  }

  async publish(events: StreamEvent[]) {
    const urls = JSON.parse(env('REACTION_QUEUE_URLS')) as Record<Reaction, string>;
    for (const [reaction, url] of Object.entries(urls) as [Reaction, string][]) {
      const taken = events.filter((event) => REACTION_INPUT[reaction]?.(event) ?? true);
      for (let i = 0; i < taken.length; i += BATCH) {
        const batch = taken.slice(i, i + BATCH);
        const result = await sqs().send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: batch.map((event, j) => ({
              Id: String(j),
              MessageBody: JSON.stringify(event),
              MessageGroupId: groupOf(event),
              MessageDeduplicationId: event.id,
            })),
          }),
        );
        if (result.Failed?.length) {
          throw new Error(`${result.Failed.length} events could not be queued: ${result.Failed[0]?.Code}`);
        }
      }
    }
  }
}

/** Backoff on SQS: the failed message stays invisible for the given time (its receipt handle names it). */
export class SqsRedelivery implements Redelivery {
  async retryLater(message: { receiptHandle: string; eventSourceARN: string }, seconds: number) {
    // arn:aws:sqs:<region>:<account>:<name>; a message from another host (the local runtime's queue) is its own.
    const [, partition, service, region, account, name] = message.eventSourceARN.split(':');
    if (service !== 'sqs' || !name) return;
    const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    await sqs().send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: `https://sqs.${region}.${domain}/${account}/${name}`,
        ReceiptHandle: message.receiptHandle,
        VisibilityTimeout: Math.min(Math.round(seconds), 43_200),
      }),
    );
  }
}
