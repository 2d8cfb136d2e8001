import type { SQSEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type DossierEvent, historyEvent, isDossierEvent } from '../../functions/domain/events';
import { reactionHandler } from '../../functions/reactions/runner';
import { lambdaContext } from '../../infra/local/lambda-context';

const retried: string[] = [];
vi.mock('../../functions/composition', () => ({
  reactions: { applied: async () => false, record: async () => undefined },
  redelivery: {
    retryLater: async (record: { messageId: string }) => {
      retried.push(record.messageId);
    },
  },
}));

const event = (code: string, seq: number) =>
  historyEvent(code, {
    seq,
    at: '2026-03-02T09:00:00+07:00',
    actor: 'system',
    role: 'system',
    agencyId: null,
    action: `step-${seq}`,
    fromStatus: 'RECEIVED',
    toStatus: 'IN_PROGRESS',
    note: null,
    snapshot: {},
  });

/** One SQS batch, in order: A's events 3 and 4, then B's event 1. */
const batch = (): SQSEvent =>
  ({
    Records: [event('A', 3), event('A', 4), event('B', 1)].map((e) => ({
      messageId: e.id,
      body: JSON.stringify(e),
      attributes: { ApproximateReceiveCount: '1' },
    })),
  }) as unknown as SQSEvent;

/** A reaction that keeps its own record and applies only a dossier's last event of a batch, as dvcqg-sync does. */
const coalescing = (
  takes: (e: Parameters<typeof isDossierEvent>[0]) => e is DossierEvent,
  apply: (e: DossierEvent) => Promise<void>,
) => reactionHandler('dvcqg-sync', takes, apply, 'self', 'latest');

describe('reaction runner', () => {
  beforeEach(() => {
    retried.length = 0;
  });

  it('applies every event of a batch in order by default', async () => {
    const applied: string[] = [];
    const handler = reactionHandler('figures', isDossierEvent, async (e: DossierEvent) => {
      applied.push(e.id);
    });
    expect(await handler(batch(), lambdaContext('figures'))).toEqual({ batchItemFailures: [] });
    expect(applied).toEqual(['A#3', 'A#4', 'B#1']);
  });

  it("applies only a dossier's last event of a batch when that covers the earlier ones", async () => {
    const applied: string[] = [];
    const handler = coalescing(isDossierEvent, async (e) => {
      applied.push(e.id);
    });
    expect(await handler(batch(), lambdaContext('dvcqg-sync'))).toEqual({ batchItemFailures: [] });
    expect(applied).toEqual(['A#4', 'B#1']);
  });

  it('lets only an event it takes cover an earlier one', async () => {
    const applied: string[] = [];
    const notFour = (e: Parameters<typeof isDossierEvent>[0]): e is DossierEvent =>
      isDossierEvent(e) && e.event.seq !== 4;
    const handler = coalescing(notFour, async (e) => {
      applied.push(e.id);
    });
    await handler(batch(), lambdaContext('dvcqg-sync'));
    expect(applied).toEqual(['A#3', 'B#1']);
  });

  it('retries the covering event and what follows it when it fails; the covered one is done with it', async () => {
    const handler = coalescing(isDossierEvent, async (e) => {
      if (e.id === 'A#4') throw new Error('portal down');
    });
    const reply = await handler(batch(), lambdaContext('dvcqg-sync'));
    expect(reply.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['A#4', 'B#1']);
    expect(retried).toEqual(['A#4']);
  });
});
