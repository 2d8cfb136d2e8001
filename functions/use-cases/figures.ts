import { catalogue, clock, dossiers, figures } from '../composition';
import type { Actor } from '../domain/dossier';
import { badRequest, forbidden } from '../domain/errors';
import type { DossierEvent } from '../domain/events';
import {
  addCounts,
  agencyAndBelow,
  type Counts,
  type FigureKey,
  type Figures,
  figureChange,
  figuresOf,
  Ledger,
  monthsOf,
  periodsToRead,
  shardOf,
} from '../domain/figures';
import { addDays, localDate } from '../domain/vietnam-time';
import type { Channel } from '../domain/working-calendar';

/**
 * Cộng số liệu — adds one dossier event to the figures. The dossier's place in the figures says what the event
 * changes; the change and the new place are written together, only over the place read, so a redelivered event (or
 * one delivered twice at once) is counted once.
 */
export async function countFigures(event: DossierEvent) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await figures.dossierFigures(event.code);
    const channel = event.dossier.channel ?? (await channelOf(event.code));
    const change = figureChange(before, event, channel);
    if (!change) return;
    const agency = (await catalogue.province()).agencies.find((a) => a.id === change.after.key.agencyId);
    if (await figures.apply(event.code, before, change, shardOf(event.code, agency?.kind))) return;
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
    (!query.channel || key.channel === query.channel);

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

const one = (sums: Map<string, Counts>) => [...sums.values()].reduce(addCounts, {});

/** The rates whose inputs the system does not record yet, and why (never a made-up number). */
const NOT_MEASURED = {
  digitised: 'Chưa ghi nhận thành phần hồ sơ số hoá tái sử dụng/kết quả số hoá (chờ tích hợp Cổng DVC quốc gia)',
  reused: 'Chưa khai thác dữ liệu từ cơ sở dữ liệu quốc gia, chuyên ngành (chờ tích hợp Cổng DVC quốc gia)',
  onlinePayment: 'Chưa tích hợp nền tảng thanh toán trực tuyến',
  satisfaction: 'Chưa tổng hợp kết quả đánh giá mức độ hài lòng',
} as const;
