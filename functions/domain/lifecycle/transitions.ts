import type { Dossier, RecordedDecision } from '../dossier';
import type { FormId } from '../forms';
import { type DossierStatus, STATUS_CODES } from '../status';
import type { Duration, WorkingCalendar } from '../working-calendar';
import { EXTEND } from './decisions';

/**
 * What a status change does to the legal clock (the dossier's due date):
 * - `start`: reception; the clock starts (15:00 rule and next opening) and the due date is set;
 * - `wait`: a supplement is requested; the clock waits for the applicant;
 * - `restart`: the complete supplement arrived; the clock restarts from zero (decree rule), or resumes where the
 *   province pauses it instead (`supplementPolicy: 'pause'`);
 * - `pause`: a financial obligation is notified; the clock stops counting (sector law);
 * - `resume`: the obligation is met; the due date moves by the working time it waited;
 * - `stop`: processing finished (result, refusal, withdrawal); the finish time is recorded;
 * - `none`: the clock runs on (or does not run yet) as before.
 */
export type ClockEffect = 'start' | 'wait' | 'restart' | 'pause' | 'resume' | 'stop' | 'none';

/** What moving the legal clock needs: the receiving agency's calendar and the procedure case's duration. */
export interface DeadlineRules {
  calendar: WorkingCalendar;
  duration: Duration;
  /** Decree rule: the clock restarts from zero when the complete supplement arrives; a province may pause it instead. */
  supplementPolicy: 'restart' | 'pause';
}

/** A clock effect applies to the dossier as it was (`before`), at `now`, for the decision that moved it (if any). */
export interface ClockContext {
  before: Dossier;
  now: number;
  decided?: RecordedDecision;
  /** Needed by the effects that compute a due date (start, restart, resume); withdrawal and stop have none. */
  rules?: DeadlineRules;
}

/** One change of status: what it means, what it does to the clock, which form it issues, whom it tells. */
export interface TransitionEffect {
  /** `null`: a new dossier. */
  from: DossierStatus | null;
  to: DossierStatus;
  /** Nghiệp vụ — the legal action, in Vietnamese, then English. */
  action: string;
  clock: ClockEffect;
  /** The form of Circular 01/2018 the desk issues for it (01 receipt, 02 supplement, 03 refusal). */
  form: FormId | null;
  notifyApplicant: boolean;
}

/**
 * Bảng chuyển trạng thái — THE table of what each status change does. A flow step may only move a dossier along
 * these rows (anything else is a 422), the lifecycle applies the clock effect a row names, and the README prints it.
 * Every status change tells the applicant (Decree 224/2026 Art.15.1.g).
 */
export const TRANSITIONS: readonly TransitionEffect[] = [
  t(null, 'SUBMITTED', 'Nộp hồ sơ trực tuyến — online submission', 'none', null),
  t(null, 'RECEIVED', 'Tiếp nhận tại quầy — counter intake', 'start', '01'),
  t('SUBMITTED', 'RECEIVED', 'Tiếp nhận hồ sơ trực tuyến — accepted at the desk', 'start', '01'),
  t('SUBMITTED', 'REFUSED', 'Từ chối tiếp nhận — refused at the desk', 'stop', '03'),
  t('SUBMITTED', 'WITHDRAWN', 'Rút hồ sơ — withdrawn', 'stop', null),
  t('RECEIVED', 'IN_PROGRESS', 'Chuyển xử lý — processing starts', 'none', null),
  t('RECEIVED', 'RESULT_READY', 'Giải quyết ngay — decided at once (same-day cases)', 'stop', null),
  t('RECEIVED', 'REFUSED', 'Từ chối giải quyết — refused', 'stop', '03'),
  t('RECEIVED', 'WITHDRAWN', 'Rút hồ sơ — withdrawn', 'stop', null),
  t('RECEIVED', 'STOPPED', 'Dừng xử lý — stopped by the agency', 'none', null),
  t('IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'Yêu cầu bổ sung — supplement requested', 'wait', '02'),
  t(
    'IN_PROGRESS',
    'AWAITING_FINANCIAL_OBLIGATION',
    'Thông báo nghĩa vụ tài chính — obligation notified',
    'pause',
    null,
  ),
  t('IN_PROGRESS', 'RESULT_READY', 'Có kết quả — result ready', 'stop', null),
  t('IN_PROGRESS', 'REFUSED', 'Từ chối giải quyết — refused', 'stop', '03'),
  t('IN_PROGRESS', 'WITHDRAWN', 'Rút hồ sơ — withdrawn', 'stop', null),
  t('IN_PROGRESS', 'STOPPED', 'Dừng xử lý — stopped by the agency', 'none', null),
  t('SUPPLEMENT_REQUESTED', 'IN_PROGRESS', 'Nộp bổ sung — supplement received', 'restart', null),
  t('SUPPLEMENT_REQUESTED', 'REFUSED', 'Hết hạn bổ sung — supplement lapsed', 'stop', '03'),
  t('SUPPLEMENT_REQUESTED', 'WITHDRAWN', 'Rút hồ sơ — withdrawn', 'stop', null),
  t('AWAITING_FINANCIAL_OBLIGATION', 'IN_PROGRESS', 'Hoàn thành nghĩa vụ tài chính — obligation met', 'resume', null),
  t('AWAITING_FINANCIAL_OBLIGATION', 'WITHDRAWN', 'Rút hồ sơ — withdrawn', 'stop', null),
  t('AWAITING_FINANCIAL_OBLIGATION', 'STOPPED', 'Dừng xử lý — obligation not met', 'none', null),
  t('RESULT_READY', 'DELIVERED', 'Trả kết quả — result delivered', 'none', null),
];

function t(
  from: DossierStatus | null,
  to: DossierStatus,
  action: string,
  clock: ClockEffect,
  form: FormId | null,
): TransitionEffect {
  return { from, to, action, clock, form, notifyApplicant: true };
}

/** The row of a status change, or undefined when the lifecycle does not allow it. */
export function transitionEffect(from: DossierStatus | null, to: DossierStatus): TransitionEffect | undefined {
  return TRANSITIONS.find((row) => row.from === from && row.to === to);
}

/** A step may keep the status (forward, return, consult) or move it along a row of the table. */
export function canTransition(from: DossierStatus, to: DossierStatus): boolean {
  return from === to || transitionEffect(from, to) !== undefined;
}

/**
 * Decisions that keep the status but that the applicant hears of (Decree 224/2026 Art.15.1.g: the agency or what
 * they must do changes): the apology and re-appointment (Form 04), the notice of an incomplete dossier at reception,
 * a forward to another agency or level, a return to the commune, a consultation of other agencies, the file sent to
 * the tax authority. A return inside one agency (a leader sends a draft back to the clerk) is not news to them.
 */
export const NOTIFYING_DECISIONS = [
  EXTEND,
  'request_completion',
  'forward',
  'return_to_commune',
  'consult',
  'send_to_tax',
] as const;
export type NotifyingDecision = (typeof NOTIFYING_DECISIONS)[number];

/** The decision of a history event's action (`appraisal:forward` → `forward`; `extend` is its own). */
export const decisionOf = (action: string) => action.slice(action.lastIndexOf(':') + 1);

/** The notifying decision a status-keeping event is, if any. */
export function notifyingDecision(event: {
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  action: string;
}) {
  if (event.fromStatus !== event.toStatus) return undefined;
  const decision = decisionOf(event.action);
  return (NOTIFYING_DECISIONS as readonly string[]).includes(decision) ? (decision as NotifyingDecision) : undefined;
}

/** Whether a history event tells the applicant: every status change of the table that says so, and the decisions above. */
export function notifiesApplicant(event: {
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  action: string;
}) {
  if (event.fromStatus === event.toStatus) return notifyingDecision(event) !== undefined;
  return transitionEffect(event.fromStatus, event.toStatus)?.notifyApplicant ?? false;
}

/** The table as the README prints it (a test keeps the two the same). */
export function transitionTableMarkdown(): string {
  const status = (s: DossierStatus | null) => (s ? `${s} (${STATUS_CODES[s]})` : '—');
  const rows = TRANSITIONS.map(
    (row) =>
      `| ${status(row.from)} | ${status(row.to)} | ${row.action} | ${row.clock} | ${row.form ?? ''} | ${row.notifyApplicant ? 'yes' : 'no'} |`,
  );
  const kept = `Decisions that keep the status and are told to the applicant: ${NOTIFYING_DECISIONS.map((d) => `\`${d}\``).join(', ')}.`;
  return [
    '| from | to | action | clock | form | applicant told |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    kept,
  ].join('\n');
}
