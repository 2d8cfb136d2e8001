import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { reactions, redelivery } from '../composition';
import { isDossierEvent, type Reaction, type StreamEvent } from '../domain/events';
import { lambdaContextLogging, logger } from '../observability';

/** Redelivery waits 2, 4, 8, … seconds after each failed attempt, at most 15 minutes. */
export const backoffSeconds = (attempt: number) => Math.min(2 ** Math.max(attempt, 1), 900);

/**
 * A reaction's consumer of its queue (SQS FIFO on AWS, the runtime's on-disk queue locally). Events come in order
 * per dossier; each is applied once (the reaction log, by event id). On the first failure the rest of the batch is
 * handed back too, so no later event of the dossier overtakes the failed one (`ReportBatchItemFailures`); the failed
 * message waits for its backoff, and after the queue's last attempt it goes to the reaction's dead-letter queue.
 */
export function reactionHandler<E extends StreamEvent>(
  reaction: Reaction,
  takes: (event: StreamEvent) => event is E,
  /** `attempt`: the queue's delivery count of the message (1 the first time). */
  apply: (event: E, attempt: number) => Promise<void>,
  /**
   * `self`: the reaction tells an applied event itself: in the same write as its effect (no marker needed), or from a
   * marker it reads along with what it needs anyway (notify-applicant).
   */
  idempotence: 'log' | 'self' = 'log',
  /**
   * `latest`: applying a dossier's event brings about everything its earlier events would (the portal sync sends all
   * the history up to the event), so of a dossier's events in one batch only the last is applied.
   */
  coalesce: 'each' | 'latest' = 'each',
) {
  return middy<SQSEvent, SQSBatchResponse, Error, Context>(async (batch: SQSEvent) => {
    const failed: string[] = [];
    const messages = batch.Records.map((record) => ({ record, event: JSON.parse(record.body) as StreamEvent }));
    const last = new Map<string, string>();
    if (coalesce === 'latest') {
      for (const { record, event } of messages)
        if (takes(event) && isDossierEvent(event)) last.set(event.code, record.messageId);
    }
    for (const { record, event } of messages) {
      if (failed.length) {
        failed.push(record.messageId);
        continue;
      }
      // Only the events it takes reach its queue; anything else (a message put there by hand) is passed over.
      if (!takes(event)) continue;
      // A later event of the same dossier in this batch covers this one (and is retried if it fails).
      if (isDossierEvent(event) && last.has(event.code) && last.get(event.code) !== record.messageId) continue;
      const attempt = Number(record.attributes.ApproximateReceiveCount ?? 1);
      try {
        if (idempotence === 'self') await apply(event, attempt);
        else if (!(await reactions.applied(reaction, event))) {
          await apply(event, attempt);
          await reactions.record(reaction, event);
        }
      } catch (error) {
        // The error's name only: a mail service's message may quote the applicant's address.
        logger.warn('reaction failed', { reaction, eventId: event.id, attempt, error: (error as Error).name });
        failed.push(record.messageId);
        await redelivery.retryLater(record, backoffSeconds(attempt)).catch(() => undefined);
      }
    }
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  }).use(lambdaContextLogging());
}
