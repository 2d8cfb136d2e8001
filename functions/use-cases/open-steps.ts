import { calendarOf, catalogue, tasks } from '../composition';
import { resolveAgency } from '../domain/agency-selector';
import type { Dossier, HistoryEvent, StepSpec, Task } from '../domain/dossier';
import { notFound } from '../domain/errors';
import { openTask, routingFacts } from '../domain/lifecycle/routing';

/** The task a waiting state waits on; `''` for a branch already answered in this run of its parallel step. */
export interface Wait {
  taskId: string;
  dueAt: string;
}

/**
 * Opens what entering a step opens: its one task, or one task per branch of a parallel step, each for the agency its
 * selector resolves on that agency's calendar. Idempotent like `openTask`: a step already open is waited on again, an
 * answered branch is skipped. Writes nothing: the caller stores `dossier`, `opened` and `events` in one transaction.
 */
export async function openSteps(dossier: Dossier, steps: StepSpec[], hoursOf: (stepId: string) => number, now: number) {
  const { agencies } = await catalogue.province();
  let after = dossier;
  const opened: Task[] = [];
  const events: { event: HistoryEvent; dossier: Dossier }[] = [];
  const waits: Record<string, Wait> = {};
  for (const step of steps) {
    const agencyId = resolveAgency(step.agency, routingFacts(after), agencies);
    const opening = openTask(after, step, hoursOf(step.id), now, await calendarOf(agencyId), agencyId);
    if ('skip' in opening) {
      waits[step.id] = { taskId: '', dueAt: '' };
    } else if ('existing' in opening) {
      const existing = await tasks.getTask(opening.existing);
      if (!existing) throw notFound('task', opening.existing);
      waits[step.id] = { taskId: existing.id, dueAt: existing.dueAt };
    } else {
      after = opening.dossier;
      opened.push(opening.task);
      if (opening.event) events.push({ event: opening.event, dossier: after });
      waits[step.id] = { taskId: opening.task.id, dueAt: opening.task.dueAt };
    }
  }
  return { dossier: after, opened, events, waits };
}
