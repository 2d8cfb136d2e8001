import type { DossierEvent, RatingEvent, SyncedEvent } from './events';
import type { DossierStatus } from './status';
import { timeliness } from './timeliness';
import { addDays, localDate } from './vietnam-time';
import type { Channel } from './working-calendar';

/**
 * Số liệu — the figures leaders are judged by (Circular 01/2018/TT-VPCP, Decision 766/QĐ-TTg), kept as a read model.
 *
 * Every figure is a sum of daily changes, so the figures of any period come from two running totals: a flow (received,
 * finished, withdrawn) is its total at the period's last day minus its total the day before the period; a gauge (open,
 * paused, overdue) is its total at a day. The reaction of the event stream turns each dossier event into those daily
 * changes (`figureChange`); the store adds them to day, month and year items; `/stats` reads a handful of items.
 *
 * Where each ending is counted (Circular 01/2018 Art.12, the 766 progress indicator, as the national portal counts):
 * - finished (early, on time, late by date against the due date in force): a result (status 9), and a refusal
 *   after reception (status 3), including a supplement that lapsed: processing ended with a written answer;
 * - withdrawn (status 7): on its own line;
 * - paused (statuses 5, 6, 8): waiting for the applicant's supplement or payment, or stopped by the agency (status 8
 *   is final: a stopped dossier stays paused and is carried over from period to period);
 * - in progress: every other received dossier, within its deadline or overdue (its due date before the day).
 * A dossier refused or withdrawn at the desk before reception was never received: it is not counted.
 */

/** The counters kept per day: received by channel, endings, and the changes of the gauges. */
export const COUNTERS = [
  'online',
  'counter',
  'post',
  'early',
  'onTime',
  'late',
  'withdrawn',
  'open',
  'paused',
  'overdue',
  // Ratings by level (1 very dissatisfied … 5 very satisfied), counted on the day they were given.
  'rating1',
  'rating2',
  'rating3',
  'rating4',
  'rating5',
  // Dossiers whose record reached the national portal (DVCQG), counted once, on the day they were received.
  'synced',
  // On reception: dossiers whose documents were kept digitally (all of them go to the applicant's e-data store), and
  // those that reused at least one stored document; on finishing with a result: results issued as electronic files.
  'digitised',
  'reused',
  'electronicResult',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counts = Partial<Record<Counter, number>>;

/**
 * What the figures are broken down by: the competent agency (cơ quan có thẩm quyền giải quyết: the department whose
 * procedure it is, even when the provincial PASC received it; for commune procedures, the commune), the procedure
 * and the channel of reception. A dossier several agencies worked on is counted once, for the agency that answers
 * for it.
 */
export interface FigureKey {
  agencyId: string;
  procedureId: string;
  channel: Channel;
}

/** Where a dossier stands in the figures: what the next event is compared with. */
export interface DossierFigures {
  /** The last event applied (events reach the reaction in order; an older one is a redelivery). */
  seq: number;
  key: FigureKey;
  phase: Phase;
  /** While running with a due date: the first day it counts as overdue (the day after its due date, or later). */
  overdueFrom?: string;
  /** The level of the applicant's rating, once counted. */
  rated?: number;
}

type Phase = 'running' | 'paused' | 'closed';

const PHASES: Partial<Record<DossierStatus, Phase>> = {
  RECEIVED: 'running',
  IN_PROGRESS: 'running',
  SUPPLEMENT_REQUESTED: 'paused',
  AWAITING_FINANCIAL_OBLIGATION: 'paused',
  STOPPED: 'paused',
  RESULT_READY: 'closed',
  REFUSED: 'closed',
  WITHDRAWN: 'closed',
  DELIVERED: 'closed',
};

/** One day's changes of one dossier. */
export interface FigureDelta {
  day: string;
  counts: Counts;
}

export interface FigureChange {
  after: DossierFigures;
  deltas: FigureDelta[];
}

/**
 * What one event changes in the figures: `undefined` when nothing (an event already applied, a dossier not yet
 * received, a decision that keeps the status and the due date).
 */
export function figureChange(
  before: DossierFigures | undefined,
  event: DossierEvent,
  channel: Channel,
): FigureChange | undefined {
  if (before && event.event.seq <= before.seq) return undefined;
  const snapshot = event.dossier;
  const phase = PHASES[snapshot.status];
  const day = localDate(Date.parse(event.event.at));
  const changes = new Changes();
  let state: DossierFigures;
  if (!before) {
    if (!snapshot.receivedAt || !phase) return undefined;
    const receivedDay = localDate(Date.parse(snapshot.receivedAt));
    // A dossier handed over by the national portal was submitted online (its key keeps `dvcqg`).
    changes.add(receivedDay, channel === 'dvcqg' ? 'online' : channel, 1);
    changes.add(receivedDay, 'open', 1);
    const documents = snapshot.documents;
    if (documents?.total) changes.add(receivedDay, 'digitised', 1);
    if (documents?.reused) changes.add(receivedDay, 'reused', 1);
    state = {
      seq: event.event.seq,
      key: { agencyId: snapshot.competentAgencyId, procedureId: snapshot.procedureId, channel },
      phase: 'running',
    };
    enterRunning(state, changes, day, snapshot.dueAt);
    if (phase === 'running') return { after: state, deltas: changes.list() };
  } else {
    state = { ...before, seq: event.event.seq };
    if (!phase || before.phase === 'closed') return undefined;
    if (phase === before.phase && phase === 'running') {
      // A new due date (an extension) moves the day it turns overdue; already overdue before and after is no change.
      const next = overdueStart(day, snapshot.dueAt);
      const was = before.overdueFrom;
      if (next === was || (next !== undefined && was !== undefined && next <= day && was <= day)) return undefined;
    } else if (phase === before.phase) return undefined;
  }
  // Leave the phase it was in, then enter the new one.
  if (state.phase === 'running') leaveRunning(state, changes, day);
  else changes.add(day, 'paused', -1);
  state.phase = phase;
  if (phase === 'running') enterRunning(state, changes, day, snapshot.dueAt);
  else if (phase === 'paused') changes.add(day, 'paused', 1);
  else {
    const finishedDay = snapshot.finishedAt ? localDate(Date.parse(snapshot.finishedAt)) : day;
    changes.add(finishedDay, 'open', -1);
    changes.add(finishedDay, endingOf(snapshot.status, snapshot.dueAt, snapshot.finishedAt ?? event.event.at), 1);
    if (snapshot.status === 'RESULT_READY' && snapshot.documents?.results)
      changes.add(finishedDay, 'electronicResult', 1);
  }
  return { after: state, deltas: changes.list() };
}

/** What the applicant's rating adds: one rating of its level, on the day given; nothing if counted before. */
export function ratingChange(before: DossierFigures | undefined, rating: { level: number; at: string }) {
  // A dossier is rated after delivery: its place exists unless its events are still on their way (the reaction
  // retries) — never count a rating for a dossier the figures have not received.
  if (!before) throw new Error('the rated dossier is not in the figures yet');
  if (before.rated !== undefined) return undefined;
  const counter = `rating${rating.level}` as Counter;
  if (!COUNTERS.includes(counter)) throw new Error(`no rating level ${rating.level}`);
  return {
    after: { ...before, rated: rating.level },
    deltas: [{ day: localDate(Date.parse(rating.at)), counts: { [counter]: 1 } }],
  } satisfies FigureChange;
}

/**
 * What the first sync of a dossier to the national portal adds: one synced dossier, on its reception day, for its
 * competent agency, procedure and channel. Counted once by its own marker, not by the dossier's place: the sync may
 * come before the figures have the reception.
 */
export function syncedDeltas(synced: { at: string }): FigureDelta[] {
  return [{ day: localDate(Date.parse(synced.at)), counts: { synced: 1 } }];
}

function endingOf(status: DossierStatus, dueAt: string | null, finishedAt: string): Counter {
  if (status === 'WITHDRAWN') return 'withdrawn';
  const judged = timeliness(dueAt ?? undefined, finishedAt, Date.parse(finishedAt));
  // A dossier without a due date (none is received without one) cannot be late.
  return judged === 'late' ? 'late' : judged === 'early' ? 'early' : 'onTime';
}

/** The first day a dossier running from `day` with this due date counts as overdue (none without a due date). */
function overdueStart(day: string, dueAt: string | null): string | undefined {
  if (!dueAt) return undefined;
  const afterDue = addDays(localDate(Date.parse(dueAt)), 1);
  return afterDue > day ? afterDue : day;
}

function enterRunning(state: DossierFigures, changes: Changes, day: string, dueAt: string | null) {
  state.phase = 'running';
  state.overdueFrom = overdueStart(day, dueAt);
  if (state.overdueFrom) changes.add(state.overdueFrom, 'overdue', 1);
}

/** Leaving on `day` ends the overdue count from that day on, or cancels the one not begun yet. */
function leaveRunning(state: DossierFigures, changes: Changes, day: string) {
  if (state.overdueFrom) changes.add(state.overdueFrom > day ? state.overdueFrom : day, 'overdue', -1);
  delete state.overdueFrom;
}

/** Changes by day, those that cancel out dropped. */
class Changes {
  private readonly byDay = new Map<string, Counts>();

  add(day: string, counter: Counter, n: number) {
    const counts = this.byDay.get(day) ?? {};
    counts[counter] = (counts[counter] ?? 0) + n;
    this.byDay.set(day, counts);
  }

  list(): FigureDelta[] {
    const deltas: FigureDelta[] = [];
    for (const [day, counts] of [...this.byDay].sort(([a], [b]) => a.localeCompare(b))) {
      const kept = nonZero(counts);
      if (Object.keys(kept).length) deltas.push({ day, counts: kept });
    }
    return deltas;
  }
}

/**
 * Counter items of a busy agency are split into shards (a dossier always adds to the same one): an item takes at
 * most about 1,000 writes a second, and the provincial PASC receives for every department. Reads sum the shards.
 */
export const SHARDS_BY_KIND: Readonly<Record<string, number>> = { pasc: 4 };

export function shardOf(code: string, agencyKind: string | undefined): number {
  const shards = SHARDS_BY_KIND[agencyKind ?? ''] ?? 1;
  let hash = 0;
  for (let i = 0; i < code.length; i++) hash = (hash * 31 + code.charCodeAt(i)) >>> 0;
  return hash % shards;
}

/** The agencies whose figures a leader of `agencyId` reads: the agency and every agency under it. */
export function agencyAndBelow(agencyId: string, agencies: readonly { id: string; parentId: string | null }[]) {
  const scope = new Set([agencyId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const agency of agencies) {
      if (agency.parentId && scope.has(agency.parentId) && !scope.has(agency.id)) {
        scope.add(agency.id);
        grew = true;
      }
    }
  }
  return scope;
}

// ---------------------------------------------------------------------------------------------------------------
// Periods: a day's change is kept in its day's, month's and year's item, so that a running total to any day is the
// sum of a few items: the years before it, the months before it in its year, the days up to it in its month.

export type Level = 'day' | 'month' | 'year';

/** The items a day's change is added to: `2026-11-03` → day `2026-11-03`, month `2026-11`, year `2026`. */
export const periodsOf = (day: string): Record<Level, string> => ({
  day,
  month: day.slice(0, 7),
  year: day.slice(0, 4),
});

/** Counts of one key in one period's item. */
export interface FigureItem {
  level: Level;
  /** `2026-11-03`, `2026-11` or `2026`. */
  period: string;
  key: FigureKey;
  counts: Counts;
}

const LEVELS: readonly Level[] = ['day', 'month', 'year'];

/** What a change adds to each item (day, month, year): one entry per item, its days' changes summed. */
export function itemChanges(deltas: readonly FigureDelta[]): { level: Level; period: string; counts: Counts }[] {
  const byItem = new Map<string, { level: Level; period: string; counts: Counts }>();
  for (const delta of deltas) {
    const periods = periodsOf(delta.day);
    for (const level of LEVELS) {
      const id = `${level}|${periods[level]}`;
      const entry = byItem.get(id) ?? { level, period: periods[level], counts: {} };
      entry.counts = addCounts(entry.counts, delta.counts);
      byItem.set(id, entry);
    }
  }
  return [...byItem.values()]
    .map((entry) => ({ ...entry, counts: nonZero(entry.counts) }))
    .filter((entry) => Object.keys(entry.counts).length > 0);
}

const nonZero = (counts: Counts) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0)) as Counts;

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** Periods up to `bound`, the bound itself included or not. */
interface Bound {
  bound: string;
  inclusive: boolean;
}
const within = (period: string, { bound, inclusive }: Bound) => (inclusive ? period <= bound : period < bound);

/** The items a running total to the end of `day` sums: the years, the months of one year, the days of one month. */
export function prefixParts(day: string): {
  years: Bound;
  months?: Bound & { year: string };
  days?: Bound & { month: string };
} {
  const { month, year } = periodsOf(day);
  if (day.endsWith('-12-31')) return { years: { bound: year, inclusive: true } };
  const years = { bound: year, inclusive: false };
  if (day === lastDayOfMonth(month)) return { years, months: { year, bound: month, inclusive: true } };
  return { years, months: { year, bound: month, inclusive: false }, days: { month, bound: day, inclusive: true } };
}

/** What a set of period items gives: running totals to the end of any day it covers, per key. */
export class Ledger {
  constructor(private readonly items: readonly FigureItem[]) {}

  /** Running totals to the end of `day` for each key `keep` accepts, grouped by `groupOf`. */
  totals(day: string, keep: (key: FigureKey) => boolean, groupOf: (key: FigureKey) => string) {
    const parts = prefixParts(day);
    const sums = new Map<string, Counts>();
    for (const item of this.items) {
      if (!keep(item.key) || !inPrefix(item, parts)) continue;
      const group = groupOf(item.key);
      sums.set(group, addCounts(sums.get(group) ?? {}, item.counts));
    }
    return sums;
  }
}

function inPrefix(item: FigureItem, parts: ReturnType<typeof prefixParts>): boolean {
  switch (item.level) {
    case 'year':
      return within(item.period, parts.years);
    case 'month':
      return (
        parts.months !== undefined && item.period.startsWith(parts.months.year) && within(item.period, parts.months)
      );
    case 'day':
      return parts.days !== undefined && item.period.startsWith(parts.days.month) && within(item.period, parts.days);
  }
}

export function addCounts(a: Counts, b: Counts): Counts {
  const sum: Counts = { ...a };
  for (const counter of COUNTERS) if (b[counter]) sum[counter] = (sum[counter] ?? 0) + (b[counter] ?? 0);
  return sum;
}

/** The item periods a /stats read needs, for a period `[from, to]` cut at these boundaries (row ends). */
export function periodsToRead(boundaries: readonly string[]) {
  const years = new Set<string>();
  const months = new Set<string>();
  for (const day of boundaries) {
    const parts = prefixParts(day);
    if (parts.months) years.add(parts.months.year);
    if (parts.days) months.add(parts.days.month);
  }
  return { yearItems: true, monthsOfYears: [...years].sort(), daysOfMonths: [...months].sort() };
}

// ---------------------------------------------------------------------------------------------------------------
// Figures of a period (the shape of GET /stats).

export interface Figures {
  received: { total: number; online: number; counter: number; post: number; carriedOver: number };
  finished: { total: number; early: number; onTime: number; late: number };
  withdrawn: number;
  inProgress: { total: number; withinDeadline: number; overdue: number };
  paused: number;
  /** Dossiers received in the period whose record has reached the national portal (DVCQG). */
  synced: number;
  /**
   * Received in the period with their documents kept digitally / reusing a stored document; finished in the period
   * with the result issued as electronic files.
   */
  documents: { digitised: number; reused: number; electronicResults: number };
  rates: {
    onTime: number | null;
    overallOnTime: number | null;
    online: number | null;
    digitised: number | null;
    reused: number | null;
    onlinePayment: number | null;
    satisfaction: number | null;
    /** Dossiers synced to the national portal per dossier received (DOSSIER_SYNC of the 766 index), at most 1. */
    synced: number | null;
  };
}

const n = (counts: Counts, counter: Counter) => counts[counter] ?? 0;
const RATINGS = ['rating1', 'rating2', 'rating3', 'rating4', 'rating5'] as const satisfies readonly Counter[];
const rate = (num: number, den: number) => (den === 0 ? null : num / den);

/** The ratings given in a period, and how many were very satisfied or satisfied (levels 5 and 4). */
export function ratingsOf(before: Counts, atEnd: Counts) {
  const flow = (counter: Counter) => n(atEnd, counter) - n(before, counter);
  return { total: RATINGS.reduce((sum, c) => sum + flow(c), 0), satisfied: flow('rating4') + flow('rating5') };
}

/**
 * The figures of a period from the running totals the day before it (`before`) and at its last day (`atEnd`).
 * The identities hold by construction: whatever was open before or received during the period is, at its end,
 * finished, withdrawn, paused or still in progress.
 */
export function figuresOf(before: Counts, atEnd: Counts): Figures {
  const flow = (counter: Counter) => n(atEnd, counter) - n(before, counter);
  const received = {
    online: flow('online'),
    counter: flow('counter'),
    post: flow('post'),
    carriedOver: n(before, 'open'),
  };
  const finished = { early: flow('early'), onTime: flow('onTime'), late: flow('late') };
  const finishedTotal = finished.early + finished.onTime + finished.late;
  const receivedTotal = received.online + received.counter + received.post + received.carriedOver;
  const paused = n(atEnd, 'paused');
  const inProgressTotal = n(atEnd, 'open') - paused;
  const overdue = n(atEnd, 'overdue');
  const withinDeadline = inProgressTotal - overdue;
  const newlyReceived = received.online + received.counter + received.post;
  const ratings = ratingsOf(before, atEnd);
  return {
    received: { total: receivedTotal, ...received },
    finished: { total: finishedTotal, ...finished },
    withdrawn: flow('withdrawn'),
    inProgress: { total: inProgressTotal, withinDeadline, overdue },
    paused,
    synced: flow('synced'),
    documents: { digitised: flow('digitised'), reused: flow('reused'), electronicResults: flow('electronicResult') },
    rates: {
      onTime: rate(finished.early + finished.onTime, finishedTotal),
      overallOnTime: rate(finished.early + finished.onTime + withinDeadline, receivedTotal),
      online: rate(received.online, newlyReceived),
      digitised: rate(flow('digitised'), newlyReceived),
      reused: rate(flow('reused'), newlyReceived),
      // Not measured yet: online payment arrives with the payment platform.
      onlinePayment: null,
      satisfaction: rate(ratings.satisfied, ratings.total),
      synced: rate(Math.min(flow('synced'), newlyReceived), newlyReceived),
    },
  };
}

/** The rows of a period cut by month: each month's part of `[from, to]`. */
export function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const rows: { month: string; from: string; to: string }[] = [];
  for (let start = from; start <= to; ) {
    const month = start.slice(0, 7);
    const end = lastDayOfMonth(month) < to ? lastDayOfMonth(month) : to;
    rows.push({ month, from: start, to: end });
    start = addDays(end, 1);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Recounting: the figures computed again from the history alone, and how they differ from what is stored.

/** A counter item as stored: its period and key, and the shard it is. */
export interface StoredFigureItem extends FigureItem {
  shard: number;
}

export const itemId = (item: { level: Level; period: string; key: FigureKey; shard: number }) =>
  `${item.level}|${item.period}|${item.key.agencyId}|${item.key.procedureId}|${item.key.channel}|${item.shard}`;

/**
 * The figures as the reaction would have left them after every event of `events` (any order; each dossier's are
 * taken in sequence): each dossier's place and every counter item.
 */
export function recount(
  events: readonly (DossierEvent | RatingEvent | SyncedEvent)[],
  channelOf: (code: string) => Channel | undefined,
  shard: (code: string, agencyId: string) => number,
  counts: (event: DossierEvent) => boolean,
) {
  const byDossier = new Map<string, DossierEvent[]>();
  const ratings = new Map<string, RatingEvent>();
  const syncs = new Map<string, SyncedEvent>();
  for (const event of events) {
    if ('rating' in event) ratings.set(event.code, event);
    else if ('synced' in event) syncs.set(event.code, event);
    else if (counts(event)) byDossier.set(event.code, [...(byDossier.get(event.code) ?? []), event]);
  }
  const places = new Map<string, DossierFigures>();
  const items = new Map<string, StoredFigureItem>();
  const add = (code: string, key: FigureKey, deltas: readonly FigureDelta[]) => {
    for (const { level, period, counts: added } of itemChanges(deltas)) {
      const entry = { level, period, key, shard: shard(code, key.agencyId), counts: {} };
      const id = itemId(entry);
      const before = items.get(id) ?? entry;
      items.set(id, { ...before, counts: addCounts(before.counts, added) });
    }
  };
  for (const [code, list] of byDossier) {
    let place: DossierFigures | undefined;
    for (const event of list.sort((a, b) => a.event.seq - b.event.seq)) {
      const channel = event.dossier.channel ?? channelOf(code);
      if (!channel) throw new Error(`no channel for dossier ${code}`);
      const change = figureChange(place, event, channel);
      if (!change) continue;
      place = change.after;
      add(code, place.key, change.deltas);
    }
    const rating = ratings.get(code);
    if (place && rating) {
      const change = ratingChange(place, rating.rating)!;
      place = change.after;
      add(code, place.key, change.deltas);
    }
    if (place) places.set(code, place);
  }
  for (const [code, { synced }] of syncs) add(code, synced.key, syncedDeltas(synced));
  return { places, items };
}

export interface FigureDifference {
  id: string;
  expected: Counts;
  stored: Counts;
}

/** The counter items whose counts differ (a missing item counts zero), and the dossiers whose place differs. */
export function differences(
  expected: { places: Map<string, DossierFigures>; items: Map<string, StoredFigureItem> },
  stored: { places: Map<string, DossierFigures>; items: Map<string, StoredFigureItem> },
) {
  const items: FigureDifference[] = [];
  for (const id of new Set([...expected.items.keys(), ...stored.items.keys()])) {
    const want = nonZero(expected.items.get(id)?.counts ?? {});
    const have = nonZero(stored.items.get(id)?.counts ?? {});
    if (COUNTERS.some((c) => (want[c] ?? 0) !== (have[c] ?? 0))) items.push({ id, expected: want, stored: have });
  }
  const places = [...new Set([...expected.places.keys(), ...stored.places.keys()])].filter(
    (code) => canonical(expected.places.get(code)) !== canonical(stored.places.get(code)),
  );
  return { items: items.sort((a, b) => a.id.localeCompare(b.id)), places: places.sort() };
}

const canonical = (place: DossierFigures | undefined) =>
  place
    ? JSON.stringify([
        place.seq,
        place.key.agencyId,
        place.key.procedureId,
        place.key.channel,
        place.phase,
        place.overdueFrom ?? null,
      ])
    : 'none';
