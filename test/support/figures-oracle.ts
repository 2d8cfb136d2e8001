/**
 * The figures of a period read off each dossier's history directly — where it stood at the end of a day — with none
 * of the read model's running totals, counters or items: what the property test and the replayed month compare
 * `/stats` with. It shares no code with functions/domain/figures.ts on purpose.
 */

export interface OracleDossier {
  agencyId: string;
  procedureId: string;
  /** `dvcqg`: handed over by the national portal, an online submission by law. */
  channel: 'online' | 'counter' | 'post' | 'dvcqg';
  /** The history as GET /dossiers/{code} shows it: each change, and the due date it left. */
  history: { at: string; fromStatus: string | null; toStatus: string; dueAt: string | null }[];
}

export interface OracleFigures {
  received: { total: number; online: number; counter: number; post: number; carriedOver: number };
  finished: { total: number; early: number; onTime: number; late: number };
  withdrawn: number;
  inProgress: { total: number; withinDeadline: number; overdue: number };
  paused: number;
}

const ENDINGS = new Set(['RESULT_READY', 'REFUSED', 'WITHDRAWN']);
const PAUSED = new Set(['SUPPLEMENT_REQUESTED', 'AWAITING_FINANCIAL_OBLIGATION', 'STOPPED']);

/** The calendar date in Vietnam (UTC+7, no daylight saving) of an ISO time. */
const vnDate = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

export function oracleFigures(dossiers: readonly OracleDossier[], from: string, to: string): OracleFigures {
  const f: OracleFigures = {
    received: { total: 0, online: 0, counter: 0, post: 0, carriedOver: 0 },
    finished: { total: 0, early: 0, onTime: 0, late: 0 },
    withdrawn: 0,
    inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
    paused: 0,
  };
  for (const dossier of dossiers) {
    const { history } = dossier;
    // Received: the first change out of SUBMITTED (or the counter intake) that is not a refusal or withdrawal at the desk.
    const reception = history.find((h) => h.toStatus !== 'SUBMITTED');
    if (!reception || (reception.fromStatus === 'SUBMITTED' && ENDINGS.has(reception.toStatus))) continue;
    const received = vnDate(reception.at);
    if (received > to) continue;
    const ending = history.find((h) => ENDINGS.has(h.toStatus));
    const endedOn = ending ? vnDate(ending.at) : undefined;
    if (received >= from) f.received[dossier.channel === 'dvcqg' ? 'online' : dossier.channel]++;
    else if (endedOn === undefined || endedOn >= from) f.received.carriedOver++;
    else continue;
    if (ending && endedOn! <= to) {
      if (ending.toStatus === 'WITHDRAWN') f.withdrawn++;
      else {
        const due = vnDate(ending.dueAt!);
        f.finished[endedOn! < due ? 'early' : endedOn === due ? 'onTime' : 'late']++;
      }
      continue;
    }
    const state = history.filter((h) => vnDate(h.at) <= to).at(-1)!;
    if (PAUSED.has(state.toStatus)) f.paused++;
    else f.inProgress[state.dueAt && vnDate(state.dueAt) < to ? 'overdue' : 'withinDeadline']++;
  }
  f.received.total = f.received.online + f.received.counter + f.received.post + f.received.carriedOver;
  f.finished.total = f.finished.early + f.finished.onTime + f.finished.late;
  f.inProgress.total = f.inProgress.withinDeadline + f.inProgress.overdue;
  return f;
}
