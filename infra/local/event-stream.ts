import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { QUIET_SDK_LOGGER } from '../../functions/adapters/clients/quiet-logger';
import type { StreamEvent } from '../../functions/domain/events';
import { eventOf, type StreamRecord } from '../../functions/reactions/stream-records';

const SHARD_REFRESH_MS = 1000;
/** How often the stream position is saved at most. */
const CHECKPOINT_MS = 500;

/**
 * The table's DynamoDB Stream read from DynamoDB Local (new images), as Lambda's event source mapping reads it on
 * AWS: every shard in order, each history event handed to every reaction queue, then the position checkpointed on
 * disk. Queueing is idempotent by stream position, so a crash between the two re-reads and queues nothing twice; a
 * restart resumes after the last checkpoint, so nothing written before a kill -9 is missed.
 */
export class LocalEventStream {
  private readonly streams: DynamoDBStreamsClient;
  private readonly dynamo: DynamoDBClient;
  private readonly iterators = new Map<string, string | undefined>();
  private checkpoints: Record<string, string>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private polls = 0;
  private unsaved = false;
  private savedAt = 0;

  constructor(
    endpoint: string,
    private readonly table: string,
    private readonly checkpointFile: string,
    private readonly deliver: (events: { position: string; event: StreamEvent }[]) => void,
    private readonly intervalMs = 100,
    /** Sees every record read, events or not (the runtime forgets cached settings a write changed). */
    private readonly observe?: (records: StreamRecord[]) => void,
  ) {
    const options = {
      endpoint,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // GetRecords answers are large: the default logger would filter each one for a line it then drops.
      logger: QUIET_SDK_LOGGER,
    };
    this.streams = new DynamoDBStreamsClient(options);
    this.dynamo = new DynamoDBClient(options);
    this.checkpoints = existsSync(checkpointFile) ? JSON.parse(readFileSync(checkpointFile, 'utf8')) : {};
  }

  start() {
    this.stopped = false;
    this.schedule(0);
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.saveCheckpoint(true);
    this.streams.destroy();
    this.dynamo.destroy();
  }

  /** Resolves after one full pass over the stream that began after this call (a positive signal for tests). */
  async drained(): Promise<void> {
    const target = this.polls + 2;
    while (this.polls < target && !this.stopped) await new Promise((r) => setTimeout(r, this.intervalMs / 2));
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll()
        .catch((error: Error) => console.error(`motcua: reading the table's stream failed: ${error.message}`))
        .finally(() => {
          this.running = undefined;
          this.polls++;
          this.schedule(this.intervalMs);
        });
    }, delay);
  }

  /** The stream and its shards, looked up again at most once a second (a shard closes and a new one opens rarely). */
  private stream?: { arn: string; shards: string[]; at: number };

  private async shards() {
    if (this.stream && Date.now() - this.stream.at < SHARD_REFRESH_MS) return this.stream;
    const arn =
      this.stream?.arn ??
      (await this.dynamo.send(new DescribeTableCommand({ TableName: this.table }))).Table?.LatestStreamArn;
    if (!arn) return undefined;
    const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    this.stream = { arn, shards: (StreamDescription?.Shards ?? []).map((s) => s.ShardId!), at: Date.now() };
    return this.stream;
  }

  private async poll() {
    const stream = await this.shards();
    for (const shardId of stream?.shards ?? []) {
      if (this.stopped) break;
      if (this.iterators.has(shardId) && this.iterators.get(shardId) === undefined) continue; // closed, read out
      await this.readShard(stream!.arn, shardId);
    }
    this.saveCheckpoint(this.stopped);
  }

  private async iteratorOf(streamArn: string, shardId: string) {
    const after = this.checkpoints[shardId];
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  private async readShard(streamArn: string, shardId: string) {
    let iterator = this.iterators.get(shardId) ?? (await this.iteratorOf(streamArn, shardId));
    while (iterator && !this.stopped) {
      let page: { Records?: StreamRecord[]; NextShardIterator?: string };
      try {
        page = (await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }))) as typeof page;
      } catch (error) {
        if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
          this.iterators.delete(shardId);
          return;
        }
        throw error;
      }
      const records = page.Records ?? [];
      if (records.length) this.observe?.(records);
      const events = records.flatMap((record) => {
        const event = eventOf(record);
        const sequence = record.dynamodb?.SequenceNumber;
        return event && sequence ? [{ position: sequence.padStart(40, '0'), event }] : [];
      });
      if (events.length) this.deliver(events);
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) this.checkpoint(shardId, last);
      iterator = page.NextShardIterator;
      this.iterators.set(shardId, iterator);
      if (records.length === 0) return;
    }
  }

  private checkpoint(shardId: string, sequence: string) {
    this.checkpoints[shardId] = sequence;
    this.unsaved = true;
  }

  /**
   * Saves the position at most every CHECKPOINT_MS (and when stopping): a file write and a rename cost more than a
   * page of records. What a crash forgets is read again and queued again; each reaction applies an event once (its
   * log, by event id), so the lag repeats no side effect.
   */
  private saveCheckpoint(force = false) {
    if (!this.unsaved || (!force && Date.now() - this.savedAt < CHECKPOINT_MS)) return;
    const temporary = `${this.checkpointFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.checkpoints));
    renameSync(temporary, this.checkpointFile);
    this.unsaved = false;
    this.savedAt = Date.now();
  }
}
