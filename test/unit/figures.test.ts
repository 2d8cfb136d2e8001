import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../functions/domain/events';
import {
  type Counts,
  type DossierFigures,
  differences,
  type FigureItem,
  figureChange,
  figuresOf,
  itemChanges,
  Ledger,
  monthsOf,
  periodsToRead,
  recount,
} from '../../functions/domain/figures';
import type { DossierStatus } from '../../functions/domain/status';
import { addDays } from '../../functions/domain/vietnam-time';
import type { Channel } from '../../functions/domain/working-calendar';
import { type OracleDossier, oracleFigures } from '../support/figures-oracle';
import { seeded } from '../support/seeded';

/** One step of a generated life: when, to which status, the due date it leaves. */
interface Step {
  at: string;
  status: DossierStatus;
  dueAt: string | null;
  action: string;
}
interface Life {
  code: string;
  agencyId: string;
  procedureId: string;
  channel: Channel;
  steps: Step[];
}

const vnTime = (day: string, minute: number) =>
  `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+07:00`;

/** The events of a life as the stream delivers them: the snapshot after each change. */
function eventsOf(life: Life): DossierEvent[] {
  let receivedAt: string | null = null;
  let finishedAt: string | null = null;
  let before: DossierStatus | null = null;
  return life.steps.map((step, i) => {
    if (!receivedAt && step.status !== 'SUBMITTED' && step.status !== 'REFUSED' && step.status !== 'WITHDRAWN')
      receivedAt = step.at;
    if (['RESULT_READY', 'REFUSED', 'WITHDRAWN'].includes(step.status) && !finishedAt) finishedAt = step.at;
    const event: DossierEvent = {
      id: `${life.code}#${i + 1}`,
      code: life.code,
      event: {
        seq: i + 1,
        at: step.at,
        actor: 'x',
        role: 'system',
        agencyId: null,
        action: step.action,
        fromStatus: before,
        toStatus: step.status,
        note: null,
      },
      dossier: {
        procedureId: life.procedureId,
        procedureName: 'p',
        channel: life.channel,
        status: step.status,
        receivingAgencyId: life.agencyId,
        competentAgencyId: life.agencyId,
        receivedAt,
        dueAt: receivedAt ? step.dueAt : null,
        finishedAt,
      },
    };
    before = step.status;
    return event;
  });
}

/** A seeded generator, so that a failing seed can be replayed. */
function random(seed: number) {
  const next = seeded(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

/** Random but legal lives over about four months across a year's end: late, paused, extended, withdrawn, stopped. */
function lives(seed: number, count: number): Life[] {
  const r = random(seed);
  const start = '2026-10-20';
  return Array.from({ length: count }, (_, n) => {
    const channel = r.pick(['online', 'counter', 'post', 'dvcqg'] as const);
    let day = addDays(start, r.int(90));
    let minute = 7 * 60 + r.int(600);
    const at = () => vnTime(day, Math.min(minute, 23 * 60 + 59));
    const later = () => {
      if (r.next() < 0.5) {
        day = addDays(day, 1 + r.int(5));
        minute = 7 * 60 + r.int(600);
      } else minute = Math.min(minute + 1 + r.int(60), 23 * 60 + 59);
    };
    const steps: Step[] = [];
    let due = vnTime(addDays(day, r.int(8)), 17 * 60);
    const push = (status: DossierStatus, action = 'step') => steps.push({ at: at(), status, dueAt: due, action });
    if (channel === 'online' || channel === 'dvcqg') {
      push('SUBMITTED');
      later();
      if (r.next() < 0.1) {
        push(r.pick(['REFUSED', 'WITHDRAWN'] as const));
        return { code: `C${n}`, agencyId: r.pick(['A', 'B']), procedureId: r.pick(['P1', 'P2']), channel, steps };
      }
      due = vnTime(addDays(day, r.int(8)), 17 * 60);
    }
    push('RECEIVED');
    let status: DossierStatus = 'RECEIVED';
    for (let moves = 0; moves < 6; moves++) {
      later();
      const roll = r.next();
      if (status === 'RECEIVED' || status === 'IN_PROGRESS') {
        if (roll < 0.2) status = 'SUPPLEMENT_REQUESTED';
        else if (roll < 0.3) status = 'AWAITING_FINANCIAL_OBLIGATION';
        else if (roll < 0.4) {
          due = vnTime(addDays(day, 1 + r.int(6)), 17 * 60);
          push(status, 'leader:extend');
          continue;
        } else if (roll < 0.5) status = 'IN_PROGRESS';
        else if (roll < 0.75) status = 'RESULT_READY';
        else if (roll < 0.82) status = 'REFUSED';
        else if (roll < 0.9) status = 'WITHDRAWN';
        else if (roll < 0.94) status = 'STOPPED';
        else break;
      } else if (status === 'SUPPLEMENT_REQUESTED' || status === 'AWAITING_FINANCIAL_OBLIGATION') {
        if (roll < 0.6) {
          status = 'IN_PROGRESS';
          due = vnTime(addDays(day, r.int(8)), 17 * 60);
        } else if (roll < 0.75) status = status === 'SUPPLEMENT_REQUESTED' ? 'REFUSED' : 'STOPPED';
        else if (roll < 0.9) status = 'WITHDRAWN';
        else break;
      } else if (status === 'RESULT_READY') {
        if (roll < 0.7) status = 'DELIVERED';
        else break;
      } else break;
      push(status);
    }
    return { code: `C${n}`, agencyId: r.pick(['A', 'B']), procedureId: r.pick(['P1', 'P2']), channel, steps };
  });
}

/** The read model's items after every event of the lives (each delivered twice: the second must change nothing). */
function readModel(all: Life[]) {
  const items = new Map<string, FigureItem>();
  for (const life of all) {
    let place: DossierFigures | undefined;
    for (const event of eventsOf(life)) {
      const change = figureChange(place, event, life.channel);
      if (!change) continue;
      place = change.after;
      expect(figureChange(place, event, life.channel)).toBeUndefined();
      for (const { level, period, counts } of itemChanges(change.deltas)) {
        const id = `${level}|${period}|${life.agencyId}|${life.procedureId}|${life.channel}`;
        const item = items.get(id) ?? { level, period, key: change.after.key, counts: {} };
        const sum: Counts = { ...item.counts };
        for (const [c, n] of Object.entries(counts)) sum[c as keyof Counts] = (sum[c as keyof Counts] ?? 0) + n;
        items.set(id, { ...item, counts: sum });
      }
    }
  }
  return [...items.values()];
}

/** A life as the oracle reads a dossier: its history, each change with the due date it left. */
const asRead = (life: Life): OracleDossier => ({
  agencyId: life.agencyId,
  procedureId: life.procedureId,
  channel: life.channel,
  history: eventsOf(life).map((e) => ({
    at: e.event.at,
    fromStatus: e.event.fromStatus,
    toStatus: e.event.toStatus,
    dueAt: e.dossier.dueAt,
  })),
});
const oracle = (all: Life[], from: string, to: string, keep: (life: Life) => boolean = () => true) =>
  oracleFigures(all.filter(keep).map(asRead), from, to);

function fromLedger(items: FigureItem[], from: string, to: string, keep: (agencyId: string) => boolean = () => true) {
  const ledger = new Ledger(items);
  const all = () => '';
  const sum = (day: string) => [...ledger.totals(day, (k) => keep(k.agencyId), all).values()][0] ?? {};
  // Syncs and documents are not in these lives (test/unit/national-portal.test.ts, test/e2e/e-data.test.ts).
  const {
    rates: _rates,
    synced: _synced,
    documents: _documents,
    ...figures
  } = figuresOf(sum(addDays(from, -1)), sum(to));
  return figures;
}

describe('figures as running totals of daily changes (Circular 01/2018 groups)', () => {
  it('agree with the figures read off each dossier, for any period, and the identities hold', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 110 }),
        fc.integer({ min: 0, max: 60 }),
        (seed, offset, length) => {
          const all = lives(seed, 60);
          const items = readModel(all);
          const from = addDays('2026-10-15', offset);
          const to = addDays(from, length);
          const figures = fromLedger(items, from, to);
          expect(figures).toEqual(oracle(all, from, to));
          const { received, finished, withdrawn, inProgress, paused } = figures;
          expect(received.total).toBe(finished.total + withdrawn + inProgress.total + paused);
          expect(finished.total).toBe(finished.early + finished.onTime + finished.late);
          // Only what the boundaries need is read: the rest of the items change nothing.
          const needed = periodsToRead([addDays(from, -1), to]);
          const read = items.filter(
            (i) =>
              i.level === 'year' ||
              (i.level === 'month' && needed.monthsOfYears.includes(i.period.slice(0, 4))) ||
              (i.level === 'day' && needed.daysOfMonths.includes(i.period.slice(0, 7))),
          );
          expect(fromLedger(read, from, to)).toEqual(figures);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sum by agency to the whole, and by month to the period', () => {
    const all = lives(7, 200);
    const items = readModel(all);
    const [from, to] = ['2026-11-10', '2027-01-20'];
    const whole = fromLedger(items, from, to);
    for (const agency of ['A', 'B']) {
      expect(fromLedger(items, from, to, (a) => a === agency)).toEqual(
        oracle(all, from, to, (l) => l.agencyId === agency),
      );
    }
    const months = monthsOf(from, to).map((m) => fromLedger(items, m.from, m.to));
    expect(months.map((m) => m.received.online).reduce((a, b) => a + b)).toBe(whole.received.online);
    expect(months.map((m) => m.finished.late).reduce((a, b) => a + b)).toBe(whole.finished.late);
    expect(months.at(-1)!.inProgress).toEqual(whole.inProgress);
    // The generator reaches every group, or the comparison above proves little.
    expect(whole.finished.early * whole.finished.late * whole.withdrawn * whole.paused).toBeGreaterThan(0);
    expect(whole.inProgress.overdue * whole.received.carriedOver).toBeGreaterThan(0);
  });
});

describe('the recount from the history alone', () => {
  it('finds what the reaction stored, and every counter or place that differs from it', () => {
    const all = lives(11, 80);
    const events = all.flatMap(eventsOf);
    const channels = new Map(all.map((l) => [l.code, l.channel]));
    // Events in any order, old ones without a channel: the recount sorts them and asks for the dossier's channel.
    const shuffled = [...events]
      .reverse()
      .map((e, i) => (i % 3 ? e : { ...e, dossier: { ...e.dossier, channel: undefined } }));
    const expected = recount(
      shuffled,
      (code) => channels.get(code),
      () => 0,
      () => true,
    );
    const stored = recount(
      events,
      () => undefined,
      () => 0,
      () => true,
    );
    expect(differences(expected, stored)).toEqual({ items: [], places: [] });
    const sorted = (items: FigureItem[]) =>
      items
        .map(({ level, period, key, counts }) =>
          JSON.stringify([
            level,
            period,
            key,
            Object.entries(counts)
              .filter(([, n]) => n !== 0)
              .sort(),
          ]),
        )
        .sort();
    expect(sorted([...expected.items.values()])).toEqual(sorted(readModel(all)));

    const [first] = stored.items.keys();
    stored.items.set(first!, {
      ...stored.items.get(first!)!,
      counts: { ...stored.items.get(first!)!.counts, late: 9 },
    });
    stored.places.delete('C3');
    const found = differences(expected, stored);
    expect(found.items.map((d) => [d.id, d.stored.late])).toEqual([[first, 9]]);
    expect(found.places).toEqual(['C3']);
  });
});

describe('one event in the figures', () => {
  const life: Life = {
    code: 'X',
    agencyId: 'A',
    procedureId: 'P1',
    channel: 'counter',
    steps: [
      { at: '2026-11-02T09:00:00+07:00', status: 'RECEIVED', dueAt: '2026-11-04T17:00:00+07:00', action: 'intake' },
      {
        at: '2026-11-03T10:00:00+07:00',
        status: 'SUPPLEMENT_REQUESTED',
        dueAt: '2026-11-04T17:00:00+07:00',
        action: 'supplement',
      },
      { at: '2026-11-06T10:00:00+07:00', status: 'IN_PROGRESS', dueAt: '2026-11-09T17:00:00+07:00', action: 's' },
      { at: '2026-11-11T08:00:00+07:00', status: 'RESULT_READY', dueAt: '2026-11-09T17:00:00+07:00', action: 'a' },
    ],
  };
  const events = eventsOf(life);

  it('counts a reception once by its channel, opens it, and schedules its overdue day after the due date', () => {
    const change = figureChange(undefined, events[0]!, 'counter')!;
    expect(change.deltas).toEqual([
      { day: '2026-11-02', counts: { counter: 1, open: 1 } },
      { day: '2026-11-05', counts: { overdue: 1 } },
    ]);
    expect(figureChange(change.after, events[0]!, 'counter')).toBeUndefined();
  });

  it('pauses for a supplement (the overdue day is cancelled), resumes with a new due date, finishes late', () => {
    let place = figureChange(undefined, events[0]!, 'counter')!.after;
    const paused = figureChange(place, events[1]!, 'counter')!;
    expect(paused.deltas).toEqual([
      { day: '2026-11-03', counts: { paused: 1 } },
      { day: '2026-11-05', counts: { overdue: -1 } },
    ]);
    place = paused.after;
    const resumed = figureChange(place, events[2]!, 'counter')!;
    expect(resumed.deltas).toEqual([
      { day: '2026-11-06', counts: { paused: -1 } },
      { day: '2026-11-10', counts: { overdue: 1 } },
    ]);
    const finished = figureChange(resumed.after, events[3]!, 'counter')!;
    // Overdue since 10/11, it leaves the overdue count on the day it finishes.
    expect(finished.deltas).toEqual([{ day: '2026-11-11', counts: { overdue: -1, open: -1, late: 1 } }]);
  });

  it('does not count a dossier that was never received', () => {
    const submitted = eventsOf({ ...life, channel: 'online', steps: [{ ...life.steps[0]!, status: 'SUBMITTED' }] });
    expect(figureChange(undefined, submitted[0]!, 'online')).toBeUndefined();
  });
});
