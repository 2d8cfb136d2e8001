import { calendarOf, clock, dossiers } from '../composition';
import type { StepSpec } from '../domain/dossier';
import { notFound } from '../domain/errors';
import { openTask, stepAgency } from '../domain/lifecycle';
import { notifyStatusChange } from '../use-cases/notify';

export interface OpenTaskEvent {
  dossierCode: string;
  hours: number;
  step: StepSpec;
}

/** Seconds the waiting state may wait: until the step's due time, at least one second. */
export const secondsUntil = (dueAt: string, now: number) => Math.max(1, Math.ceil((Date.parse(dueAt) - now) / 1000));

/**
 * Opens a human step: stores the task (agency, role, due time computed on the agency's working calendar) in the
 * agency's inbox and sets the step's entry status. Returns the wait timeout that the state machine applies.
 */
export async function handler(event: OpenTaskEvent) {
  const now = clock.now();
  const dossier = await dossiers.getDossier(event.dossierCode);
  if (!dossier) throw notFound('dossier', event.dossierCode);
  const calendar = await calendarOf(stepAgency(dossier, event.step));
  const opened = openTask(dossier, event.step, event.hours, now, calendar);
  if ('existing' in opened) {
    const task = await dossiers.getTask(opened.existing);
    if (!task) throw notFound('task', opened.existing);
    return { taskId: task.id, timeoutSeconds: secondsUntil(task.dueAt, now) };
  }
  await dossiers.openTask(dossier.version, opened.dossier, opened.task, opened.event);
  if (opened.event) await notifyStatusChange(opened.dossier, opened.event);
  return { taskId: opened.task.id, timeoutSeconds: secondsUntil(opened.task.dueAt, now) };
}
