import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  groupOf,
  isDossierEvent,
  isOfficerNotice,
  isRatingEvent,
  isResyncEvent,
  isSyncedEvent,
  REACTION_INPUT,
  type Reaction,
  type StreamEvent,
} from '../../functions/domain/events';
import { lambdaContext } from './lambda-context';
import { meter } from './metering';

type ReactionFunction = (event: SQSEvent, context: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse>;

interface Message {
  messageId: string;
  /** The stream position it came from: queue order, and the file name (queueing it again is a no-op). */
  position: string;
  event: StreamEvent;
  receiveCount: number;
  /** Not to be delivered before this instant (backoff). */
  notBefore: number;
  lastError?: string;
}

export interface DeadLetter {
  reaction: string;
  eventId: string;
  code: string;
  status: string;
  receiveCount: number;
  deadAt: string;
}

export interface RetryPolicy {
  /** First redelivery delay; each further one doubles it. */
  baseMs: number;
  /** Deliveries before a message becomes a dead letter (SQS maxReceiveCount). */
  maxReceives: number;
}

/**
 * The local counterpart of one reaction's SQS FIFO queue and its dead-letter queue, on disk (one file per message,
 * written atomically), so a restart or a kill -9 loses nothing. Same semantics as on AWS: ordered per dossier
 * (a dossier's next event waits while one of its events is pending), batches of up to ten handed to the same
 * reaction handler in the SQS event shape, `batchItemFailures` redelivered after an exponential backoff, and after
 * `maxReceives` deliveries the message moves to the dead letters (`GET /local/dead-letters`). The pending messages are
 * also held in memory (read from disk once, at start): the disk is for durability, deliveries read no file.
 */
export class LocalReactionQueue {
  private readonly pending: string;
  private readonly dead: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  /** The pending messages by stream position, as on disk. */
  private readonly queued = new Map<string, Message>();

  constructor(
    readonly reaction: string,
    private readonly handler: ReactionFunction,
    directory: string,
    private readonly retry: RetryPolicy,
  ) {
    this.pending = join(directory, reaction, 'pending');
    this.dead = join(directory, reaction, 'dead');
    mkdirSync(this.pending, { recursive: true });
    mkdirSync(this.dead, { recursive: true });
    for (const m of this.read(this.pending)) this.queued.set(m.position, m);
  }

  /** Queues events (idempotent per stream position: the stream read again after a crash queues nothing twice). */
  enqueue(items: { position: string; event: StreamEvent }[]) {
    const takes = REACTION_INPUT[this.reaction as Reaction] ?? (() => true);
    for (const { position, event } of items) {
      if (!takes(event) || this.queued.has(position)) continue;
      const message: Message = { messageId: randomUUID(), position, event, receiveCount: 0, notBefore: 0 };
      this.write(this.pending, message);
      this.queued.set(position, message);
      meter.queuedMessages++;
    }
    this.kick();
  }

  deadLetters(): DeadLetter[] {
    return this.read(this.dead).map((m) => ({
      reaction: this.reaction,
      eventId: m.event.id,
      code: groupOf(m.event),
      status: describe(m.event),
      receiveCount: m.receiveCount,
      deadAt: new Date(m.notBefore).toISOString(),
      ...(m.lastError ? { error: m.lastError } : {}),
    }));
  }

  /** Messages not yet delivered successfully (for tests and the benchmark: a positive signal to wait on). */
  depth() {
    return this.queued.size;
  }

  start() {
    this.stopped = false;
    this.kick();
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private kick(delayMs = 0) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running ??= this.deliver().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async deliver() {
    while (!this.stopped) {
      const now = Date.now();
      const all = [...this.queued.values()].sort((a, b) => (a.position < b.position ? -1 : 1));
      // The first pending message of each group (dossier, agency) is the only one deliverable (FIFO per message group).
      const heads = new Map<string, Message>();
      for (const m of all) if (!heads.has(groupOf(m.event))) heads.set(groupOf(m.event), m);
      const due = [...heads.values()].filter((m) => m.notBefore <= now).slice(0, 10);
      if (due.length === 0) {
        const next = Math.min(...[...heads.values()].map((m) => m.notBefore));
        if (Number.isFinite(next)) this.kick(Math.max(10, next - now));
        return;
      }
      for (const m of due) m.receiveCount++;
      let failures: Set<string>;
      try {
        const reply = await meter.invoke(this.reaction, () =>
          this.handler(
            {
              Records: due.map((m) => ({
                messageId: m.messageId,
                receiptHandle: m.messageId,
                body: JSON.stringify(m.event),
                attributes: {
                  ApproximateReceiveCount: String(m.receiveCount),
                  SentTimestamp: String(now),
                  SenderId: 'local',
                  ApproximateFirstReceiveTimestamp: String(now),
                  MessageGroupId: groupOf(m.event),
                  MessageDeduplicationId: m.event.id,
                },
                messageAttributes: {},
                md5OfBody: '',
                eventSource: 'local:reaction-queue',
                eventSourceARN: `local:reaction-queue:${this.reaction}`,
                awsRegion: 'local',
              })),
            },
            lambdaContext(this.reaction),
          ),
        );
        failures = new Set((reply?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        // The whole invocation failed (as a Lambda error would): every message of the batch is retried.
        failures = new Set(due.map((m) => m.messageId));
        for (const m of due) m.lastError = (error as Error).message;
      }
      for (const m of due) {
        if (!failures.has(m.messageId)) {
          rmSync(this.file(this.pending, m), { force: true });
          this.queued.delete(m.position);
        } else if (m.receiveCount >= this.retry.maxReceives) {
          m.notBefore = Date.now();
          this.write(this.dead, m);
          rmSync(this.file(this.pending, m), { force: true });
          this.queued.delete(m.position);
        } else {
          m.notBefore = Date.now() + this.retry.baseMs * 2 ** (m.receiveCount - 1);
          this.write(this.pending, m);
        }
      }
    }
  }

  private file(dir: string, m: Message) {
    return join(dir, `${m.position}.json`);
  }

  private write(dir: string, m: Message) {
    const temporary = join(dir, `.${m.position}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(m));
    renameSync(temporary, this.file(dir, m));
  }

  /** Messages in queue order (file names are zero-padded stream positions). */
  private read(dir: string): Message[] {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Message);
  }
}

/** What a dead letter was about, in a word: the status an event moved to, or what else it was. */
function describe(event: StreamEvent): string {
  if (isDossierEvent(event)) return event.event.toStatus;
  if (isOfficerNotice(event)) return event.notice.kind;
  if (isRatingEvent(event)) return `rating ${event.rating.level}`;
  if (isSyncedEvent(event)) return 'synced';
  if (isResyncEvent(event)) return 'resync';
  return 'intake refused';
}
