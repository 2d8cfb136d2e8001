import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../functions/domain/events';
import { LocalReactionQueue } from '../../infra/local/reaction-queue';

/** A reaction name no table filters: the queue takes every event. */
const REACTION = 'journal-test';
const event = (code: string) =>
  ({ id: `${code}-1`, code, event: { seq: 1, toStatus: 'SUBMITTED' } }) as unknown as StreamEvent;
const retry = { baseMs: 1, maxReceives: 2 };
const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-queue-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('the local reaction queue keeps its messages in a journal', () => {
  it('holds what is pending and what died across a restart, and nothing it delivered', async () => {
    const dir = fresh();
    const delivered: string[] = [];
    const failing = async (batch: SQSEvent) => ({
      batchItemFailures: batch.Records.map((r) => ({ itemIdentifier: r.messageId })),
    });
    const first = new LocalReactionQueue(REACTION, failing, dir, retry);
    first.enqueue([
      { position: '00001', event: event('A') },
      { position: '00002', event: event('B') },
    ]);
    first.start();
    await until(() => first.deadLetters().length === 2);
    await first.stop();
    const ok = async (batch: SQSEvent) => {
      delivered.push(...batch.Records.map((r) => (JSON.parse(r.body) as { code: string }).code));
      return { batchItemFailures: [] };
    };
    const second = new LocalReactionQueue(REACTION, ok, dir, retry);
    expect(second.deadLetters().map((d) => d.code)).toEqual(['A', 'B']);
    expect(second.depth()).toBe(0);
    // Queued, then the process dies before delivering it (a stopped queue delivers nothing).
    await second.stop();
    second.enqueue([{ position: '00003', event: event('C') }]);
    // A crash while a line was written: the cut line (a write never finished) is left out, in either journal.
    appendFileSync(join(dir, REACTION, 'queue.log'), '{"put":{"messageId":"cut');
    appendFileSync(join(dir, REACTION, 'dead.log'), '{"messageId":"cut');
    const third = new LocalReactionQueue(REACTION, ok, dir, retry);
    expect(third.depth()).toBe(1);
    third.start();
    await until(() => third.depth() === 0);
    await third.stop();
    expect(delivered).toEqual(['C']);
    // A message that dies after the restart is kept after the ones before it, not lost behind the cut line.
    const fourth = new LocalReactionQueue(REACTION, failing, dir, retry);
    fourth.enqueue([{ position: '00004', event: event('E') }]);
    await until(() => fourth.deadLetters().length === 3);
    await fourth.stop();
    const last = new LocalReactionQueue(REACTION, ok, dir, retry);
    expect(last.depth()).toBe(0);
    expect(last.deadLetters().map((d) => d.code)).toEqual(['A', 'B', 'E']);
  });

  it('takes over the messages an earlier version kept one file each', () => {
    const dir = fresh();
    const pending = join(dir, REACTION, 'pending');
    mkdirSync(pending, { recursive: true });
    const message = { messageId: 'm1', position: '00007', event: event('D'), receiveCount: 1, notBefore: 0 };
    writeFileSync(join(pending, '00007.json'), JSON.stringify(message));
    const handler = async () => ({ batchItemFailures: [] });
    expect(new LocalReactionQueue(REACTION, handler, dir, retry).depth()).toBe(1);
    expect(existsSync(pending)).toBe(false);
    expect(new LocalReactionQueue(REACTION, handler, dir, retry).depth()).toBe(1);
  });
});

describe('the local reaction queue hands out batches as SQS FIFO and Lambda do', () => {
  const of = (batch: SQSEvent) => batch.Records.map((r) => (JSON.parse(r.body) as { id: string }).id);
  const numbered = (code: string, n: number) =>
    ({ id: `${code}-${n}`, code, event: { seq: n, toStatus: 'SUBMITTED' } }) as unknown as StreamEvent;

  it("handles another dossier's batch while one is in flight, never two of one dossier at once", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batches: string[][] = [];
    const inFlight = new Set<string>();
    let overlapped = false;
    let sameDossierTwice = false;
    const queue = new LocalReactionQueue(
      REACTION,
      async (batch) => {
        const ids = of(batch);
        const codes = new Set(ids.map((id) => id.split('-')[0]!));
        for (const code of codes) if (inFlight.has(code)) sameDossierTwice = true;
        if (inFlight.size) overlapped = true;
        for (const code of codes) inFlight.add(code);
        batches.push(ids);
        // The first batch (dossier A) is held until another batch has come, or at most two seconds.
        if (codes.has('A')) await Promise.race([held, new Promise((r) => setTimeout(r, 2000))]);
        else release();
        for (const code of codes) inFlight.delete(code);
        return { batchItemFailures: [] };
      },
      fresh(),
      retry,
    );
    await queue.stop();
    queue.enqueue(
      [
        ...Array.from({ length: 12 }, (_, i) => ({
          position: String(i + 1).padStart(5, '0'),
          event: numbered('A', i + 1),
        })),
      ].concat({ position: '00013', event: numbered('B', 1) }),
    );
    queue.start();
    await until(() => queue.depth() === 0);
    await queue.stop();
    expect(overlapped).toBe(true);
    expect(sameDossierTwice).toBe(false);
    // A's first ten, then B's batch while A's is in flight, then the rest of A in order.
    expect(batches).toEqual([Array.from({ length: 10 }, (_, i) => `A-${i + 1}`), ['B-1'], ['A-11', 'A-12']]);
  });

  it("delivers a dossier's events in stream order even when they were queued out of order", async () => {
    const delivered: string[] = [];
    const queue = new LocalReactionQueue(
      REACTION,
      async (batch) => {
        delivered.push(...of(batch));
        return { batchItemFailures: [] };
      },
      fresh(),
      retry,
    );
    await queue.stop();
    queue.enqueue([{ position: '00005', event: numbered('C', 2) }]);
    queue.enqueue([{ position: '00003', event: numbered('C', 1) }]);
    queue.start();
    await until(() => queue.depth() === 0);
    await queue.stop();
    expect(delivered).toEqual(['C-1', 'C-2']);
  });
});
