import { type HistoryEvent, OFFICER_ROLES, type Role } from './dossier';
import type { Channel } from './working-calendar';

/**
 * Đánh giá mức độ hài lòng — the applicant's one rating of a dossier, after delivery: one of five levels (the
 * national portal's and the provinces' scale: rất hài lòng … rất không hài lòng) and, optionally, the criteria of
 * the official evaluation set. Satisfaction rate = (very satisfied + satisfied) / ratings (Decision 766, MDHL).
 */
export const RATING_LEVELS = {
  5: 'Rất hài lòng',
  4: 'Hài lòng',
  3: 'Bình thường',
  2: 'Không hài lòng',
  1: 'Rất không hài lòng',
} as const;
export type RatingLevel = 1 | 2 | 3 | 4 | 5;
export const satisfied = (level: number) => level >= 4;

/**
 * The criteria of the evaluation set of Circular 01/2018/TT-VPCP Art.13 (Decree 61/2018 Art.31), as the Thanh Hóa
 * system's report `baocaoDGHLmau02` lists them; each answered 0, 1 or 2 as the circular scores its indices
 * (2 good, 1 acceptable, 0 not). Nothing else is taken: an unknown criterion is a 400, never stored.
 */
export const RATING_CRITERIA = {
  total_time: 'Tổng thời gian giải quyết hồ sơ so với thời hạn theo quy định',
  agency_time: 'Thời gian giải quyết tại từng cơ quan, đơn vị (kể cả cơ quan phối hợp)',
  contacts: 'Số lần phải liên hệ để hoàn thiện hồ sơ',
  agencies_contacted: 'Số cơ quan, đơn vị phải liên hệ',
  one_stop: 'Thủ tục được giải quyết tại Bộ phận Một cửa',
  publicity: 'Công khai thủ tục hành chính',
  attitude: 'Thái độ của cán bộ, công chức',
  feedback: 'Tiếp nhận, xử lý phản ánh, kiến nghị',
  online_service: 'Tiến độ, chất lượng cung cấp dịch vụ công trực tuyến',
} as const;
export type Criterion = keyof typeof RATING_CRITERIA;
export const CRITERIA_IDS = Object.keys(RATING_CRITERIA) as [Criterion, ...Criterion[]];

/** An officer who handled the dossier (from its history): whom the rating is tied to. */
export interface Handler {
  /** The officer's account (the identity provider's subject), as the history records who acted. */
  sub: string;
  role: Role;
  agencyId: string;
}

/** The rating as the stream carries it to the figures: no personal data of the applicant. */
export interface Rating {
  level: RatingLevel;
  criteria: Partial<Record<Criterion, number>>;
  comment: string | null;
  at: string;
  /** The competent agency (the one the figures count the dossier for), the procedure and the channel. */
  agencyId: string;
  procedureId: string;
  channel: Channel;
  handlers: Handler[];
}

/** The officers who acted on the dossier, once each, in the order they first acted. */
export function handlersOf(history: readonly Pick<HistoryEvent, 'actor' | 'role' | 'agencyId'>[]): Handler[] {
  const seen = new Map<string, Handler>();
  for (const event of history) {
    if (event.role === 'system' || !OFFICER_ROLES.has(event.role) || !event.agencyId || seen.has(event.actor)) continue;
    seen.set(event.actor, { sub: event.actor, role: event.role, agencyId: event.agencyId });
  }
  return [...seen.values()];
}

/** A comment as leaders read it: digits that could be a phone or an ID number are masked. */
export function maskedComment(comment: string | null): string | null {
  return comment?.replace(/\+?\d[\d .-]{7,}\d/g, '•••') ?? null;
}

/** One agency's copy of a rating, for its leaders: only its own officers among the handlers. */
export interface RatingRecord {
  dossierCode: string;
  agencyId: string;
  procedureId: string;
  level: RatingLevel;
  criteria: Partial<Record<Criterion, number>>;
  comment: string | null;
  at: string;
  officers: { sub: string; role: Role }[];
}

/** The copies a rating leaves: the competent agency's and each other agency whose officers handled the dossier. */
export function ratingRecords(code: string, rating: Rating): RatingRecord[] {
  const agencies = [rating.agencyId, ...rating.handlers.map((h) => h.agencyId)];
  return [...new Set(agencies)].map((agencyId) => ({
    dossierCode: code,
    agencyId,
    procedureId: rating.procedureId,
    level: rating.level,
    criteria: rating.criteria,
    comment: maskedComment(rating.comment),
    at: rating.at,
    officers: rating.handlers.filter((h) => h.agencyId === agencyId).map(({ sub, role }) => ({ sub, role })),
  }));
}

export interface SatisfactionFigures {
  ratings: number;
  levels: Record<RatingLevel, number>;
  /** (very satisfied + satisfied) / ratings; null without ratings. */
  rate: number | null;
}

export function satisfactionOf(levels: readonly number[]): SatisfactionFigures {
  const counts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<RatingLevel, number>;
  for (const level of levels) counts[level as RatingLevel]++;
  return {
    ratings: levels.length,
    levels: counts,
    rate: levels.length ? levels.filter(satisfied).length / levels.length : null,
  };
}

/** Per agency, per officer and per criterion, from the agencies' copies of the ratings. */
export function satisfactionReport(records: readonly RatingRecord[]) {
  const byAgency = new Map<string, RatingRecord[]>();
  const byOfficer = new Map<string, { sub: string; role: Role; agencyId: string; levels: number[] }>();
  for (const record of records) {
    byAgency.set(record.agencyId, [...(byAgency.get(record.agencyId) ?? []), record]);
    for (const officer of record.officers) {
      const id = `${record.agencyId}|${officer.sub}`;
      const entry = byOfficer.get(id) ?? { ...officer, agencyId: record.agencyId, levels: [] };
      entry.levels.push(record.level);
      byOfficer.set(id, entry);
    }
  }
  const agencies = [...byAgency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agencyId, list]) => ({
      agencyId,
      ...satisfactionOf(list.map((r) => r.level)),
      criteria: Object.fromEntries(
        CRITERIA_IDS.map((criterion) => {
          const answers = list.map((r) => r.criteria[criterion]).filter((v): v is number => v !== undefined);
          const average = answers.length ? answers.reduce((a, b) => a + b, 0) / answers.length : null;
          return [criterion, { answers: answers.length, average }];
        }),
      ) as Record<Criterion, { answers: number; average: number | null }>,
    }));
  const officers = [...byOfficer.values()]
    .sort((a, b) => a.agencyId.localeCompare(b.agencyId) || a.sub.localeCompare(b.sub))
    .map(({ levels, ...officer }) => ({ ...officer, ...satisfactionOf(levels) }));
  return { agencies, officers };
}
