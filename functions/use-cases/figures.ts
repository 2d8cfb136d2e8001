import { catalogue, clock, dossiers, figures } from '../composition';
import type { Actor } from '../domain/dossier';
import { badRequest, forbidden } from '../domain/errors';
import { type DossierEvent, isRatingEvent, isSyncedEvent, type RatingEvent, type SyncedEvent } from '../domain/events';
import {
  addCounts,
  agencyAndBelow,
  type Counts,
  type FigureChange,
  type FigureKey,
  type Figures,
  figureChange,
  figuresOf,
  Ledger,
  monthsOf,
  periodsToRead,
  ratingChange,
  ratingsOf,
  shardOf,
  syncedDeltas,
} from '../domain/figures';
import { index766 } from '../domain/index-766';
import {
  CRITERIA_IDS,
  RATING_CRITERIA,
  RATING_LEVELS,
  type RatingRecord,
  ratingRecords,
  satisfactionReport,
} from '../domain/ratings';
import { addDays, localDate } from '../domain/vietnam-time';
import type { Channel } from '../domain/working-calendar';

/**
 * Cộng số liệu — adds one dossier event to the figures. The dossier's place in the figures says what the event
 * changes; the change and the new place are written together, only over the place read, so a redelivered event (or
 * one delivered twice at once) is counted once.
 */
export async function countFigures(event: DossierEvent | RatingEvent | SyncedEvent) {
  if (isSyncedEvent(event)) {
    const { key } = event.synced;
    const agency = (await catalogue.province()).agencies.find((a) => a.id === key.agencyId);
    await figures.applyOnce(event.code, 'SYNCED', key, syncedDeltas(event.synced), shardOf(event.code, agency?.kind));
    return;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await figures.dossierFigures(event.code);
    let change: FigureChange | undefined;
    let records: RatingRecord[] = [];
    if (isRatingEvent(event)) {
      change = ratingChange(before, event.rating);
      records = ratingRecords(event.code, event.rating);
    } else change = figureChange(before, event, event.dossier.channel ?? (await channelOf(event.code)));
    if (!change) return;
    const { key } = change.after;
    const agency = (await catalogue.province()).agencies.find((a) => a.id === key.agencyId);
    if (await figures.apply(event.code, before, change, shardOf(event.code, agency?.kind), records)) return;
  }
  throw new Error(`figures of ${event.code} kept moving while event ${event.id} was applied`);
}

async function channelOf(code: string): Promise<Channel> {
  const dossier = await dossiers.getDossier(code);
  if (!dossier) throw new Error(`dossier ${code} not found`);
  return dossier.channel;
}

export type GroupBy = 'agency' | 'procedure' | 'month';

export interface StatsQuery {
  from?: string | undefined;
  to?: string | undefined;
  agencyId?: string | undefined;
  procedureId?: string | undefined;
  channel?: Channel | undefined;
  groupBy?: GroupBy | undefined;
}

type Row = Figures & { agencyId?: string; procedureId?: string; month?: string };

/** The longest period one request may cover: ten years of months. */
const MAX_DAYS = 3660;

/**
 * Báo cáo số liệu — the Circular 01/2018 figures of a period (Vietnam dates, both ends included), from the read model
 * only: a leader reads their agency and the agencies under it, an admin the whole province. A dossier counts for
 * its competent agency (functions/domain/figures.ts), once, whichever agencies took part.
 */
export async function statistics(actor: Actor, query: StatsQuery) {
  const today = localDate(clock.now());
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 7)}-01`;
  if (from > to)
    throw badRequest('INVALID_PERIOD', 'Ngày bắt đầu phải trước ngày kết thúc', { fields: ['from', 'to'] });
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) {
    throw badRequest('PERIOD_TOO_LONG', 'Kỳ báo cáo dài nhất 10 năm', { fields: ['from', 'to'] });
  }
  const { agencies } = await catalogue.province();
  let scope: Set<string> | undefined;
  if (actor.role !== 'admin') {
    if (!actor.agencyId) throw forbidden();
    scope = agencyAndBelow(actor.agencyId, agencies);
  }
  if (query.agencyId) {
    if (scope && !scope.has(query.agencyId)) throw forbidden('Chỉ xem số liệu của cơ quan mình và cơ quan cấp dưới');
    scope = agencyAndBelow(query.agencyId, agencies);
  }
  const keep = (key: FigureKey) =>
    (!scope || scope.has(key.agencyId)) &&
    (!query.procedureId || key.procedureId === query.procedureId) &&
    (!query.channel || key.channel === query.channel || (query.channel === 'online' && key.channel === 'dvcqg'));

  const months = query.groupBy === 'month' ? monthsOf(from, to) : [];
  const boundaries = [addDays(from, -1), to, ...months.flatMap((m) => [addDays(m.from, -1), m.to])];
  const ledger = new Ledger(await figures.read(periodsToRead(boundaries)));
  const all = () => '';
  const total = figuresOf(one(ledger.totals(addDays(from, -1), keep, all)), one(ledger.totals(to, keep, all)));

  let rows: Row[] = [];
  if (query.groupBy === 'month') {
    rows = months.map((m) => ({
      month: m.month,
      ...figuresOf(one(ledger.totals(addDays(m.from, -1), keep, all)), one(ledger.totals(m.to, keep, all))),
    }));
  } else if (query.groupBy) {
    const field = query.groupBy === 'agency' ? 'agencyId' : 'procedureId';
    const groupOf = (key: FigureKey) => key[field];
    const before = ledger.totals(addDays(from, -1), keep, groupOf);
    const atEnd = ledger.totals(to, keep, groupOf);
    rows = [...new Set([...before.keys(), ...atEnd.keys()])]
      .sort()
      .map((id) => ({ [field]: id, ...figuresOf(before.get(id) ?? {}, atEnd.get(id) ?? {}) }))
      .filter((row) => row.received.total > 0);
  }
  return { from, to, ...(query.groupBy ? { groupBy: query.groupBy } : {}), rows, total, notMeasured: NOT_MEASURED };
}

/** The period asked for (Vietnam dates, both ends included): by default this month to today. */
function periodOf(query: { from?: string | undefined; to?: string | undefined }) {
  const to = query.to ?? localDate(clock.now());
  const from = query.from ?? `${to.slice(0, 7)}-01`;
  if (from > to)
    throw badRequest('INVALID_PERIOD', 'Ngày bắt đầu phải trước ngày kết thúc', { fields: ['from', 'to'] });
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) {
    throw badRequest('PERIOD_TOO_LONG', 'Kỳ báo cáo dài nhất 10 năm', { fields: ['from', 'to'] });
  }
  return { from, to };
}

/**
 * The agencies whose figures the caller reads: a leader's agency and those under it (narrowed to `agencyId` and
 * below if asked), an admin's whole province (`undefined`: no filter) or `agencyId` and below.
 */
async function scopeOf(actor: Actor, agencyId: string | undefined): Promise<Set<string> | undefined> {
  const { agencies } = await catalogue.province();
  let scope: Set<string> | undefined;
  if (actor.role !== 'admin') {
    if (!actor.agencyId) throw forbidden();
    scope = agencyAndBelow(actor.agencyId, agencies);
  }
  if (agencyId) {
    if (scope && !scope.has(agencyId)) throw forbidden('Chỉ xem số liệu của cơ quan mình và cơ quan cấp dưới');
    scope = agencyAndBelow(agencyId, agencies);
  }
  return scope;
}

/**
 * Mức độ hài lòng — the ratings given in a period, per agency (levels, rate, each criterion's average) and per
 * officer who handled the rated dossiers, from the agencies' copies of the ratings (never the dossiers). The
 * comments go to the leaders of the agency they were given to only, without the applicant's name or contacts, and
 * with any number that could be a phone or an ID masked.
 */
export async function satisfaction(
  actor: Actor,
  query: { from?: string | undefined; to?: string | undefined; agencyId?: string | undefined },
) {
  const { from, to } = periodOf(query);
  // Each agency's copies are read month by month: a year at most per request (a query per agency and month).
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > 366) {
    throw badRequest('PERIOD_TOO_LONG', 'Kỳ tổng hợp mức độ hài lòng dài nhất 1 năm', { fields: ['from', 'to'] });
  }
  const scope = await scopeOf(actor, query.agencyId);
  const agencyIds = scope ? [...scope] : (await catalogue.province()).agencies.map((a) => a.id);
  const months = monthsOf(from, to).map((m) => m.month);
  const records = (await figures.ratingRecords(agencyIds, months)).filter((r) => {
    const day = localDate(Date.parse(r.at));
    return day >= from && day <= to;
  });
  const report = satisfactionReport(records);
  const comments =
    actor.role === 'leader'
      ? records
          .filter((r) => r.agencyId === actor.agencyId && r.comment)
          .sort((a, b) => a.at.localeCompare(b.at))
          .map((r) => ({
            at: r.at,
            dossierCode: r.dossierCode,
            procedureId: r.procedureId,
            level: r.level,
            comment: r.comment!,
          }))
      : [];
  return {
    from,
    to,
    levels: RATING_LEVELS,
    criteria: Object.fromEntries(CRITERIA_IDS.map((id) => [id, RATING_CRITERIA[id]])),
    ...report,
    comments,
  };
}

/**
 * Bộ chỉ số 766 — each agency's and the whole scope's index for a period (functions/domain/index-766.ts), from the
 * read model and the catalogue (which procedures are offered online).
 */
export async function index(
  actor: Actor,
  query: { from?: string | undefined; to?: string | undefined; agencyId?: string | undefined },
) {
  const { from, to } = periodOf(query);
  const scope = await scopeOf(actor, query.agencyId);
  const online = new Set((await catalogue.catalogueIndex()).filter((p) => p.onlineMode !== 'none').map((p) => p.id));
  const before = addDays(from, -1);
  const ledger = new Ledger(await figures.read(periodsToRead([before, to])));
  const keep = (key: FigureKey) => !scope || scope.has(key.agencyId);
  const pair = (key: FigureKey) => `${key.agencyId}|${key.procedureId}`;
  const [start, end] = [ledger.totals(before, keep, pair), ledger.totals(to, keep, pair)];
  const byAgency = new Map<string, { start: Counts; end: Counts; offered: { received: number; online: number } }>();
  const whole = { start: {} as Counts, end: {} as Counts, offered: { received: 0, online: 0 } };
  for (const id of new Set([...start.keys(), ...end.keys()])) {
    const [agencyId, procedureId] = id.split('|') as [string, string];
    const [a, b] = [start.get(id) ?? {}, end.get(id) ?? {}];
    const { received } = figuresOf(a, b);
    const offered = online.has(procedureId)
      ? { received: received.online + received.counter + received.post, online: received.online }
      : { received: 0, online: 0 };
    for (const entry of [
      byAgency.get(agencyId) ?? { start: {}, end: {}, offered: { received: 0, online: 0 } },
      whole,
    ]) {
      entry.start = addCounts(entry.start, a);
      entry.end = addCounts(entry.end, b);
      entry.offered.received += offered.received;
      entry.offered.online += offered.online;
      if (entry !== whole) byAgency.set(agencyId, entry);
    }
  }
  const scored = ({ start: a, end: b, offered }: typeof whole) =>
    index766({ figures: figuresOf(a, b), offeredOnline: offered, ratings: ratingsOf(a, b) });
  return {
    from,
    to,
    agencies: [...byAgency]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([agencyId, entry]) => ({ agencyId, ...scored(entry) })),
    total: scored(whole),
  };
}

/**
 * Báo cáo tình hình, kết quả giải quyết TTHC — the period's figures by agency, one part per level of government
 * (province: the PASC, departments, police, vertical agencies; commune), with each agency's name: what the
 * spreadsheet report lays out.
 */
export async function report(
  actor: Actor,
  query: { from?: string | undefined; to?: string | undefined; agencyId?: string | undefined },
) {
  const stats = await statistics(actor, { ...query, groupBy: 'agency' });
  const province = await catalogue.province();
  const agencies = new Map(province.agencies.map((a) => [a.id, a]));
  const levelOf = (agencyId: string) => (agencies.get(agencyId)?.kind === 'commune' ? 'commune' : 'province');
  return {
    province: province.name,
    from: stats.from,
    to: stats.to,
    levels: (['province', 'commune'] as const).map((level) => ({
      level,
      rows: stats.rows
        .filter((row) => levelOf(row.agencyId!) === level)
        .map((row) => ({ ...row, agencyName: agencies.get(row.agencyId!)?.name ?? row.agencyId! })),
    })),
    total: stats.total,
  };
}

const one = (sums: Map<string, Counts>) => [...sums.values()].reduce(addCounts, {});

/** The rates whose inputs the system does not record yet, and why (never a made-up number). */
const NOT_MEASURED = {
  onlinePayment: 'Chưa tích hợp nền tảng thanh toán trực tuyến',
} as const;
