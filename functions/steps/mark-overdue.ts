import { calendarOf, catalogue, clock, notifier, tasks } from '../composition';
import { notFound } from '../domain/errors';
import { MINUTES_PER_WORKING_DAY } from '../domain/working-calendar';
import { logger, stepHandler } from '../observability';

export interface MarkOverdueEvent {
  dossierCode: string;
  taskId: string;
}

/**
 * A step's due time passed without a decision: the task is flagged overdue (it stays in the inbox), the agency is
 * told, and the flow waits again, reminding once per working day. Overdue steps are reported, never failed.
 */
export const handler = /* @__PURE__ */ stepHandler(async (event: MarkOverdueEvent) => {
  const now = clock.now();
  const task = await tasks.getTask(event.taskId);
  if (!task) throw notFound('task', event.taskId);
  if (task.state === 'OPEN' && !task.overdue) await tasks.markOverdue(task);
  const calendar = await calendarOf(task.agencyId);
  const province = await catalogue.province();
  const agency = province.agencies.find((a) => a.id === task.agencyId);
  if (agency?.email && task.state === 'OPEN') {
    await notifier
      .send(
        { email: agency.email },
        {
          subject: `Quá hạn xử lý: hồ sơ ${task.dossierCode} – ${task.stepName}`,
          body: `Bước "${task.stepName}" của hồ sơ ${task.dossierCode} đã quá hạn (hạn ${task.dueAt}).`,
        },
        province.fromEmail,
      )
      .catch((error: Error) => logger.warn('overdue notice failed', { taskId: task.id, error: error.name }));
  }
  const remindAt = calendar.addWorkingMinutes(now, MINUTES_PER_WORKING_DAY);
  return { taskId: task.id, timeoutSeconds: Math.max(60, Math.ceil((remindAt - now) / 1000)) };
});
