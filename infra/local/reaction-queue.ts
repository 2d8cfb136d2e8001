import { randomUUID } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
import { readJournal } from './journal';
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

/** A line of a queue's journal: a message queued or changed (its delivery count, its backoff), or one gone. */
type JournalLine = { put: Message } | { done: string };

/** Lines appended before the journal is rewritten as what is still pending. */
const COMPACT_AFTER_LINES = 5000;

/**
 * Batches of one reaction in flight at once, each of other message groups (dossiers): on AWS, Lambda takes several
 * groups of a FIFO queue at the same time; one consumer at a time falls behind a busy province's event stream.
 */
const BATCHES_IN_FLIGHT = 4;

/**
 * The local counterpart of one reaction's SQS FIFO queue and its dead-letter queue, on disk as two append-only
 * journals (what was queued, changed and done; what died), so a restart or a kill -9 loses nothing: a line cut by a
 * crash is one whose call was never finished. Same semantics as on AWS: ordered per dossier (a dossier's events go in
 * order, several in one batch, and wait while an earlier one waits out its backoff), batches of up to ten handed to
 * the same reaction handler in the SQS event shape (several batches at once, each of other dossiers, as Lambda takes
 * several message groups at once), `batchItemFailures` redelivered after an exponential backoff, and
 * after `maxReceives` deliveries the message moves to the dead letters (`GET /local/dead-letters`). The pending
 * messages are held in memory (read from disk once, at start): the disk is for durability, and a batch costs one
 * append, not a file per message.
 */
export class LocalReactionQueue {
  private readonly journal: string;
  private readonly deadJournal: string;
  private timer?: NodeJS.Timeout;
  /** Batches being handled, and the message groups they hold (no other batch takes a message of those). */
  private readonly running = new Set<Promise<void>>();
  private readonly busyGroups = new Set<string>();
  private stopped = false;
  /**
   * The pending messages by stream position, as the journal tells, kept in that order (the stream hands positions in
   * increasing order; one that comes out of order has the map sorted again before the next batch).
   */
  private queued = new Map<string, Message>();
  private lastPosition = '';
  private unordered = false;
  private readonly dead: Message[] = [];
  private linesSinceCompaction = 0;

  constructor(
    readonly reaction: string,
    private readonly handler: ReactionFunction,
    directory: string,
    private readonly retry: RetryPolicy,
  ) {
    const home = join(directory, reaction);
    this.journal = join(home, 'queue.log');
    this.deadJournal = join(home, 'dead.log');
    mkdirSync(home, { recursive: true });
    // A data directory of an earlier version kept one file per message: taken over once.
    for (const m of readMessageFiles(join(home, 'pending'))) this.queued.set(m.position, m);
    this.dead.push(...readMessageFiles(join(home, 'dead')));
    for (const line of readJournal<JournalLine>(this.journal)) {
      if ('put' in line) this.queued.set(line.put.position, line.put);
      else this.queued.delete(line.done);
    }
    this.dead.push(...readJournal<Message>(this.deadJournal));
    this.unordered = true;
    this.inOrder();
    this.compact();
    // Rewritten whole, as the queue's journal is: a line cut by a crash must not stay before the next appended one.
    writeFileSync(this.deadJournal, this.dead.map((m) => `${JSON.stringify(m)}\n`).join(''));
    for (const old of ['pending', 'dead']) rmSync(join(home, old), { recursive: true, force: true });
  }

  /** Appends lines to the journal, in one write. */
  private append(lines: JournalLine[]) {
    if (!lines.length) return;
    appendFileSync(this.journal, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    this.linesSinceCompaction += lines.length;
  }

  /** Rewrites the journal as the messages still pending (atomically: a crash leaves the old or the new one). */
  private compact() {
    const temporary = `${this.journal}.${process.pid}.tmp`;
    writeFileSync(temporary, [...this.queued.values()].map((m) => `${JSON.stringify({ put: m })}\n`).join(''));
    renameSync(temporary, this.journal);
    this.linesSinceCompaction = 0;
  }

  /** Sorts the pending messages by position again if one was queued out of order. */
  private inOrder() {
    if (!this.unordered) return;
    this.queued = new Map([...this.queued].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    this.lastPosition = [...this.queued.keys()].at(-1) ?? this.lastPosition;
    this.unordered = false;
  }

  /** Queues events (idempotent per stream position: the stream read again after a crash queues nothing twice). */
  enqueue(items: { position: string; event: StreamEvent }[]) {
    const takes = REACTION_INPUT[this.reaction as Reaction] ?? (() => true);
    const lines: JournalLine[] = [];
    for (const { position, event } of items) {
      if (!takes(event) || this.queued.has(position)) continue;
      const message: Message = { messageId: randomUUID(), position, event, receiveCount: 0, notBefore: 0 };
      lines.push({ put: message });
      this.queued.set(position, message);
      if (position < this.lastPosition) this.unordered = true;
      else this.lastPosition = position;
      meter.queuedMessages++;
    }
    this.append(lines);
    this.kick();
  }

  deadLetters(): DeadLetter[] {
    return this.dead.map((m) => ({
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
    while (this.running.size) await Promise.all([...this.running]);
  }

  private kick(delayMs = 0) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pump(), delayMs);
  }

  /** Hands out batches while fewer than `BATCHES_IN_FLIGHT` are being handled and messages are due. */
  private pump() {
    while (!this.stopped && this.running.size < BATCHES_IN_FLIGHT) {
      const { due, wake } = this.nextBatch(Date.now());
      if (due.length === 0) {
        if (Number.isFinite(wake)) this.kick(Math.max(10, wake - Date.now()));
        return;
      }
      for (const m of due) this.busyGroups.add(groupOf(m.event));
      const handling: Promise<void> = this.handle(due).finally(() => {
        for (const m of due) this.busyGroups.delete(groupOf(m.event));
        this.running.delete(handling);
        this.pump();
      });
      this.running.add(handling);
    }
  }

  /**
   * Up to ten due messages in queue order. FIFO per message group (dossier, agency): a group's messages go in order,
   * and as SQS FIFO does, several of one group may share a batch; a group in another batch, or whose first message
   * waits out its backoff, sends nothing. `wake`: when the first waiting group's message falls due.
   */
  private nextBatch(now: number) {
    this.inOrder();
    const due: Message[] = [];
    const passed = new Set<string>();
    let wake = Number.POSITIVE_INFINITY;
    for (const m of this.queued.values()) {
      if (due.length === 10) break;
      const group = groupOf(m.event);
      if (passed.has(group)) continue;
      if (this.busyGroups.has(group)) passed.add(group);
      else if (m.notBefore > now) {
        passed.add(group);
        wake = Math.min(wake, m.notBefore);
      } else due.push(m);
    }
    return { due, wake };
  }

  /** One batch through the reaction's handler: what succeeded is done, what failed waits or goes to the dead letters. */
  private async handle(due: Message[]) {
    const now = Date.now();
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
    const lines: JournalLine[] = [];
    for (const m of due) {
      if (!failures.has(m.messageId)) {
        lines.push({ done: m.position });
        this.queued.delete(m.position);
      } else if (m.receiveCount >= this.retry.maxReceives) {
        m.notBefore = Date.now();
        // Dead first: a crash between the two writes delivers it once more, and never loses it.
        appendFileSync(this.deadJournal, `${JSON.stringify(m)}\n`);
        this.dead.push(m);
        lines.push({ done: m.position });
        this.queued.delete(m.position);
      } else {
        m.notBefore = Date.now() + this.retry.baseMs * 2 ** (m.receiveCount - 1);
        lines.push({ put: m });
      }
    }
    this.append(lines);
    if (this.linesSinceCompaction > COMPACT_AFTER_LINES) this.compact();
  }
}

/** Messages kept one file each (zero-padded stream positions: file order is queue order). */
function readMessageFiles(dir: string): Message[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Message);
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
