import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FAN_OUT_FUNCTION, REACTION_FUNCTIONS, SCHEDULED_FUNCTIONS } from '../../functions/reactions/functions';
import { EVENT_ITEM_TYPES } from '../../functions/reactions/stream-records';
import { acknowledge } from './acknowledge';
import { MotcuaFunction, type Shared } from './function';

export interface EventsProps {
  shared: Shared;
  /** The province's data key: events name dossiers and carry notes, so their queues are encrypted under it. */
  key: IKey;
}

/** Deliveries of one event to a reaction before it becomes a dead letter (with backoff: about 8 minutes). */
export const MAX_RECEIVES = 8;

/**
 * The event stream (DESIGN.md, Events): the table's stream (new images) → a fan-out function → one SQS FIFO queue
 * per reaction (message group = dossier, so its events stay in order; deduplication id = event id) → the reaction's
 * function, with partial batch failures, backoff and a dead-letter queue whose depth raises an alarm. A queue per
 * reaction, not one consumer of the stream per reaction: a failing reaction holds back only its own queue, retries
 * only its own events, and the stream (24-hour retention, two consumers at most) is read once.
 */
export class Events extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    const { shared, key } = props;
    const encrypted = { encryption: QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true } as const;
    const queueUrls: Record<string, string> = {};
    const fanOut = new MotcuaFunction(this, 'FanOut', {
      file: FAN_OUT_FUNCTION.file,
      export: 'handler',
      access: FAN_OUT_FUNCTION.access,
      shared,
    });
    for (const [reaction, spec] of Object.entries(REACTION_FUNCTIONS)) {
      const name = reaction.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase());
      const deadLetters = new Queue(this, `${name}DeadLetters`, {
        ...encrypted,
        fifo: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new Queue(this, `${name}Queue`, {
        ...encrypted,
        fifo: true,
        // Six times the function's timeout, as Lambda advises for SQS sources.
        visibilityTimeout: Duration.seconds(90),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVES },
      });
      const consumer = new MotcuaFunction(this, name, {
        file: spec.file,
        export: 'handler',
        access: spec.access,
        shared,
      });
      // A reaction that keeps per-dossier state (the portal sync) records its last attempt as failed for good.
      consumer.fn.addEnvironment('REACTION_MAX_RECEIVES', String(MAX_RECEIVES));
      consumer.fn.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
      queue.grantSendMessages(fanOut.fn);
      queueUrls[reaction] = queue.queueUrl;
      this.alarms.push(this.deadLetterAlarm(`${name}DeadLettersAlarm`, deadLetters, `reaction ${reaction}`));
    }
    fanOut.fn.addEnvironment('REACTION_QUEUE_URLS', Stack.of(this).toJsonString(queueUrls));
    const streamFailures = new Queue(this, 'StreamDeadLetters', { ...encrypted, retentionPeriod: Duration.days(14) });
    acknowledge(
      streamFailures,
      'AwsSolutions-SQS3',
      'This queue is itself a dead-letter destination: the records the stream fan-out gave up on (with an alarm on its depth).',
    );
    fanOut.fn.addEventSource(
      new DynamoEventSource(shared.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 20,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(streamFailures),
        // Only new items that are events (EVENT_ITEM_TYPES); dossier, task and marker writes never invoke the fan-out.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: FilterRule.or(...EVENT_ITEM_TYPES) } } },
          }),
        ],
      }),
    );
    this.alarms.push(this.deadLetterAlarm('StreamDeadLettersAlarm', streamFailures, 'the fan-out of the stream'));
    this.scheduled(shared);
  }

  /**
   * Functions run on a schedule (the officer-notice sweep): an EventBridge rule invokes each, asynchronously (Lambda
   * retries a failed run twice; the next run does what a failed one did not). An alarm says when runs have kept
   * failing for an hour.
   */
  private scheduled(shared: Shared) {
    for (const [job, spec] of Object.entries(SCHEDULED_FUNCTIONS)) {
      const name = job.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase());
      const fn = new MotcuaFunction(this, `${name}Sweep`, {
        file: spec.file,
        export: 'handler',
        access: spec.access,
        shared,
      });
      new Rule(this, `${name}Schedule`, {
        description: `motcua: runs ${job} every ${spec.everyMinutes} minutes`,
        schedule: Schedule.rate(Duration.minutes(spec.everyMinutes)),
        targets: [new LambdaFunction(fn.fn, { retryAttempts: 2, maxEventAge: Duration.minutes(spec.everyMinutes) })],
      });
      this.alarms.push(
        new Alarm(this, `${name}FailingAlarm`, {
          alarmDescription: `motcua: ${job} has failed at every attempt for an hour (see its function's logs).`,
          metric: fn.fn.metricErrors({ period: Duration.minutes(60) }),
          // Every attempt (the run and its two retries) of every run of the hour.
          threshold: Math.ceil(60 / spec.everyMinutes) * 3,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
  }

  private deadLetterAlarm(id: string, queue: Queue, what: string) {
    return new Alarm(this, id, {
      alarmDescription: `motcua: events that ${what} gave up on (dead letters). Inspect, fix, then redrive the queue.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
