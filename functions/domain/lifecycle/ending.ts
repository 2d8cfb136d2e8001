import type { Actor, Dossier, HistoryEvent, RecordedDecision, Task, TaskKind } from '../dossier';
import { businessRule, conflict, forbidden } from '../errors';
import { toVietnamIso } from '../vietnam-time';
import { clockChange } from './clock';
import { STOP } from './decisions';
import { actedBy } from './history';
import { canTransition, transitionEffect } from './transitions';

const LAPSE_NOTES: Record<TaskKind, string> = {
  applicant: 'Hết thời hạn bổ sung hồ sơ (supplement deadline lapsed)',
  external: 'Hết thời hạn chờ hệ thống liên thông trả lời (external answer deadline lapsed)',
  branch: 'Cơ quan được hỏi không trả lời đúng hạn (no answer before the deadline)',
  officer: 'Hết thời hạn xử lý',
};

/** The system's decision when an applicant step's deadline lapses (e.g. no supplement in time → refused). */
export function recordLapse(task: Task, now: number): RecordedDecision {
  if (!task.timeoutDecision || !task.decisions[task.timeoutDecision]) {
    throw businessRule('NO_TIMEOUT_DECISION', `Bước ${task.stepName} không có quyết định khi hết hạn`);
  }
  return {
    decision: task.timeoutDecision,
    note: LAPSE_NOTES[task.kind ?? 'applicant'],
    actor: { sub: 'system', role: 'system', agencyId: task.agencyId, name: 'system' },
    decidedAt: toVietnamIso(now),
  };
}

/** Statuses from which the applicant may still withdraw: processing has not produced a result yet. */
const WITHDRAWABLE = new Set([
  'SUBMITTED',
  'RECEIVED',
  'IN_PROGRESS',
  'SUPPLEMENT_REQUESTED',
  'AWAITING_FINANCIAL_OBLIGATION',
]);

/**
 * Rút hồ sơ — the applicant withdraws before the result is ready. The dossier ends WITHDRAWN (counted as finished),
 * and every task still open under it is closed so that it leaves the inboxes.
 */
export function withdraw(dossier: Dossier, openTasks: Task[], actor: Actor, reason: string, now: number) {
  if (actor.sub !== dossier.applicant.sub) throw forbidden('Chỉ người nộp hồ sơ được rút hồ sơ');
  if (!WITHDRAWABLE.has(dossier.status)) {
    throw businessRule('NOT_WITHDRAWABLE', `Không thể rút hồ sơ ở trạng thái ${dossier.status}`, {
      status: dossier.status,
    });
  }
  return endDossier(dossier, openTasks, actor, 'WITHDRAWN', reason, now);
}

/**
 * Dừng xử lý — the leader of an agency handling the dossier stops it, with a reason (status 8, terminal). Stopped
 * dossiers count as paused, not finished, in the figures.
 */
export function stopDossier(
  dossier: Dossier,
  task: Task,
  openTasks: Task[],
  actor: Actor,
  reason: string | undefined,
  now: number,
) {
  if (actor.role !== 'leader' || actor.agencyId !== task.agencyId || task.role !== 'leader') {
    throw forbidden('Chỉ lãnh đạo cơ quan đang xử lý được dừng xử lý hồ sơ');
  }
  if (task.state !== 'OPEN') throw conflict('TASK_ALREADY_DECIDED', `Công việc ${task.id} đã được xử lý`);
  if (!reason || reason.length < 5)
    throw businessRule('STOP_REASON_REQUIRED', 'Cần nêu lý do dừng xử lý (note)', { fields: ['note'] });
  if (!canTransition(dossier.status, 'STOPPED') || dossier.status === 'STOPPED') {
    throw businessRule('NOT_STOPPABLE', `Không thể dừng xử lý hồ sơ ở trạng thái ${dossier.status}`, {
      status: dossier.status,
    });
  }
  return endDossier(dossier, openTasks, actor, 'STOPPED', reason, now);
}

/** Ends a dossier under its open tasks: status, history and the closed tasks change together. */
function endDossier(
  dossier: Dossier,
  openTasks: Task[],
  actor: Actor,
  status: 'WITHDRAWN' | 'STOPPED',
  reason: string,
  now: number,
) {
  const undecided = openTasks.filter((t) => t.state === 'DECIDED');
  if (undecided.length > 0) {
    throw conflict('DECISION_IN_FLIGHT', 'Hồ sơ đang được chuyển bước, vui lòng thử lại sau giây lát', {
      taskIds: undecided.map((t) => t.id),
    });
  }
  const at = toVietnamIso(now);
  const next: Dossier = {
    ...dossier,
    status,
    openTaskIds: [],
    openSteps: {},
    historyCount: dossier.historyCount + 1,
    version: dossier.version + 1,
  };
  // The table's clock effect: withdrawn dossiers count as finished (Decision 766 tables), stopped ones as paused.
  Object.assign(next, clockChange(transitionEffect(dossier.status, status)?.clock ?? 'none', { before: dossier, now }));
  delete next.currentStepId;
  const event: HistoryEvent = {
    seq: next.historyCount,
    at,
    ...actedBy(actor),
    action: status === 'WITHDRAWN' ? 'withdraw' : STOP,
    fromStatus: dossier.status,
    toStatus: status,
    note: reason,
  };
  const closed = openTasks.map((t): Task => ({ ...t, state: 'CLOSED', version: t.version + 1 }));
  return { dossier: next, event, closed };
}
