import { calendarOf, clock, tasks } from '../composition';
import { notFound } from '../domain/errors';
import { taskLine } from '../domain/officer-notices';
import { toVietnamIso } from '../domain/vietnam-time';
import { MINUTES_PER_WORKING_DAY } from '../domain/working-calendar';
import { stepHandler } from '../observability';

export interface MarkOverdueEvent {
  dossierCode: string;
  taskId: string;
}

/**
 * A step's due time passed without a decision: the task is flagged overdue (it stays in the inbox) and, in the same
 * write, the notice to the agency's leader is recorded (the `notify-officers` reaction sends it); the flow waits
 * again, looking once per working day. Overdue steps are reported, never failed; escalation to the PASC's leader is
 * the officer-notice sweep's.
 */
export const handler = /* @__PURE__ */ stepHandler(async (event: MarkOverdueEvent) => {
  const now = clock.now();
  const task = await tasks.getTask(event.taskId);
  if (!task) throw notFound('task', event.taskId);
  if (task.state === 'OPEN' && !task.overdue) {
    await tasks.markOverdue(task, {
      kind: 'overdue',
      agencyId: task.agencyId,
      at: toVietnamIso(now),
      tasks: [taskLine(task)],
    });
  }
  const calendar = await calendarOf(task.agencyId);
  const remindAt = calendar.addWorkingMinutes(now, MINUTES_PER_WORKING_DAY);
  return { taskId: task.id, timeoutSeconds: Math.max(60, Math.ceil((remindAt - now) / 1000)) };
});
