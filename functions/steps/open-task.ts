import { calendarOf, catalogue, clock, dossiers, tasks } from '../composition';
import { resolveAgency } from '../domain/agency-selector';
import type { StepSpec } from '../domain/dossier';
import { notFound } from '../domain/errors';
import { openTask, routingFacts, waitSeconds } from '../domain/lifecycle/routing';
import { stepHandler } from '../observability';
import { retryOnStaleVersion } from '../use-cases/retry-on-stale-version';

export interface OpenTaskEvent {
  dossierCode: string;
  hours: number;
  step: StepSpec;
}

/**
 * Opens a human step: resolves the agency that acts on it (the flow's selector), stores the task (due time computed
 * on that agency's working calendar) in its inbox and sets the step's entry status. Returns the wait timeout that
 * the state machine applies; `skip` for a branch already answered in this run of its parallel step. The branches of
 * a parallel step open at the same time: a lost race on the dossier's version is retried.
 */
export const handler = /* @__PURE__ */ stepHandler((event: OpenTaskEvent) => {
  return retryOnStaleVersion(() => open(event));
});

async function open(event: OpenTaskEvent) {
  const now = clock.now();
  const dossier = await dossiers.getDossier(event.dossierCode);
  if (!dossier) throw notFound('dossier', event.dossierCode);
  const province = await catalogue.province();
  const agencyId = resolveAgency(event.step.agency, routingFacts(dossier), province.agencies);
  const calendar = await calendarOf(agencyId);
  const opened = openTask(dossier, event.step, event.hours, now, calendar, agencyId);
  if ('skip' in opened) return { taskId: '', timeoutSeconds: 1, skip: true };
  if ('existing' in opened) {
    const task = await tasks.getTask(opened.existing);
    if (!task) throw notFound('task', opened.existing);
    return { taskId: task.id, timeoutSeconds: waitSeconds(task.dueAt, now), skip: false };
  }
  await dossiers.openTask(dossier.version, opened.dossier, opened.task, opened.event);
  return { taskId: opened.task.id, timeoutSeconds: waitSeconds(opened.task.dueAt, now), skip: false };
}
