import type { Actor, Dossier, Extension, HistoryEvent, Task } from '../dossier';
import { businessRule, conflict, forbidden } from '../errors';
import { TERMINAL_STATUSES } from '../status';
import { toVietnamIso } from '../vietnam-time';
import { MINUTES_PER_WORKING_DAY, type WorkingCalendar } from '../working-calendar';
import { EXTEND } from './decisions';
import { actedBy } from './history';

/**
 * Xin lỗi, hẹn lại ngày trả kết quả (Decree 61/2018 Art.19.9; Form 04) — when a dossier will be late, the agency
 * apologises and sets a new due date: at most once per dossier, at least one working day before the due date in
 * force, with a reason. The task stays open; the dossier's due date moves and the applicant is told.
 */
export function extendDueDate(
  dossier: Dossier,
  task: Task,
  actor: Actor,
  input: { newDueAt: string | undefined; reason: string | undefined },
  now: number,
  calendar: WorkingCalendar,
) {
  if (actor.role !== 'leader' || actor.agencyId !== task.agencyId || task.role !== 'leader') {
    throw forbidden('Chỉ lãnh đạo cơ quan đang xử lý được hẹn lại ngày trả kết quả');
  }
  if (task.state !== 'OPEN') throw conflict('TASK_ALREADY_DECIDED', `Công việc ${task.id} đã được xử lý`);
  if (!dossier.dueAt || TERMINAL_STATUSES.has(dossier.status) || dossier.status === 'RESULT_READY') {
    throw businessRule('NOT_EXTENDABLE', `Hồ sơ ở trạng thái ${dossier.status} không thể hẹn lại`);
  }
  if (dossier.extension) {
    throw businessRule('ALREADY_EXTENDED', 'Hồ sơ đã được hẹn lại một lần; chỉ được hẹn lại một lần', {
      extension: dossier.extension,
    });
  }
  const missing = [...(input.newDueAt ? [] : ['dueAt']), ...(input.reason ? [] : ['note'])];
  if (missing.length > 0)
    throw businessRule('EXTENSION_INCOMPLETE', 'Cần lý do (note) và ngày hẹn mới (dueAt)', { fields: missing });
  const due = Date.parse(dossier.dueAt);
  if (calendar.workingMinutesBetween(now, due) < MINUTES_PER_WORKING_DAY) {
    throw businessRule('TOO_LATE_TO_EXTEND', 'Phải hẹn lại chậm nhất trước một ngày làm việc so với hạn trả kết quả', {
      dueAt: dossier.dueAt,
    });
  }
  const newDue = Date.parse(input.newDueAt!);
  if (!(newDue > due))
    throw businessRule('DUE_DATE_NOT_LATER', 'Ngày hẹn mới phải sau hạn hiện tại', { dueAt: dossier.dueAt });
  const at = toVietnamIso(now);
  const extension: Extension = {
    previousDueAt: dossier.dueAt,
    newDueAt: toVietnamIso(newDue),
    reason: input.reason!,
    at,
    actor: actor.sub,
    agencyId: actor.agencyId ?? null,
  };
  const next: Dossier = {
    ...dossier,
    dueAt: extension.newDueAt,
    extension,
    historyCount: dossier.historyCount + 1,
    version: dossier.version + 1,
  };
  const event: HistoryEvent = {
    seq: next.historyCount,
    at,
    ...actedBy(actor),
    action: EXTEND,
    fromStatus: dossier.status,
    toStatus: dossier.status,
    note: `${extension.reason} (hẹn lại: ${extension.newDueAt})`,
    stepId: task.stepId,
    stepDueAt: task.dueAt,
  };
  return { dossier: next, event };
}
