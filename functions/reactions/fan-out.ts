import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { SqsEventPublisher } from '../adapters/event-queues';
import type { StreamEvent } from '../domain/events';
import { lambdaContextLogging, logUnhandled } from '../observability';
import { eventOf, type StreamRecord } from './stream-records';

// Wired here, not through functions/composition.ts: importing the composition would bundle the DynamoDB document
// client (its package is not marked side-effect free) into a function that has no table grant and needs none.
const eventPublisher = /* @__PURE__ */ new SqsEventPublisher();

/**
 * The table's stream → the queue of every reaction that takes the event. It only copies: a reaction's failure never reaches it, so one
 * failing reaction neither blocks nor repeats another. Records are handed on in stream order; if queueing fails,
 * the batch reports the first record not queued, and the stream redelivers from there (`ReportBatchItemFailures`):
 * what was queued already is deduplicated by event id.
 */
export const handler = /* @__PURE__ */ middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>(
  async (batch: DynamoDBStreamEvent) => {
    const events: { sequence: string; event: StreamEvent }[] = [];
    for (const record of batch.Records) {
      const event = eventOf(record as StreamRecord);
      if (event) events.push({ sequence: record.dynamodb?.SequenceNumber ?? '', event });
    }
    try {
      await eventPublisher.publish(events.map((e) => e.event));
      return { batchItemFailures: [] };
    } catch (error) {
      logUnhandled('events not queued', error);
      const first = events[0]?.sequence;
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
  },
).use(lambdaContextLogging());
