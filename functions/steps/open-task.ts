import { clock, dossiers } from '../composition';
import type { StepSpec } from '../domain/dossier';
import { notFound } from '../domain/errors';
import { branchWaits, waitSeconds } from '../domain/lifecycle/routing';
import { stepHandler } from '../observability';
import { openSteps } from '../use-cases/open-steps';
import { retryOnStaleVersion } from '../use-cases/retry-on-stale-version';

export type OpenTaskEvent =
  | { dossierCode: string; hours: number; step: StepSpec }
  /** A parallel step: every branch opens at once, each with its own hours. */
  | { dossierCode: string; branches: Record<string, { step: StepSpec; hours: number }> };

/**
 * Opens a human step when an execution enters it (a start, a re-drive, after a parallel step): resolves the agency
 * that acts on it (the flow's selector), stores the task (due time computed on that agency's working calendar) in
 * its inbox and sets the step's entry status; a parallel step's branches all open in the same write. Returns the wait
 * the state machine applies: `{ taskId, timeoutSeconds }`, or `{ branches: { <id>: { taskId, timeoutSeconds } } }`
 * where a branch already answered in this run of its parallel step has no task (`''`). A step reached by a decision
 * was opened by that decision (`settleDecision`).
 */
export const handler = /* @__PURE__ */ stepHandler((event: OpenTaskEvent) => {
  return retryOnStaleVersion(() => open(event));
});

async function open(event: OpenTaskEvent) {
  const now = clock.now();
  const dossier = await dossiers.getDossier(event.dossierCode);
  if (!dossier) throw notFound('dossier', event.dossierCode);
  const steps = 'branches' in event ? Object.values(event.branches) : [{ step: event.step, hours: event.hours }];
  const hours = new Map(steps.map(({ step, hours }) => [step.id, hours]));
  const opening = await openSteps(
    dossier,
    steps.map(({ step }) => step),
    (id) => hours.get(id)!,
    now,
  );
  if (opening.opened.length) {
    await dossiers.openStepTasks(dossier, opening.dossier, opening.opened, opening.events);
  }
  if ('branches' in event) return { branches: branchWaits(opening.waits, now) };
  const wait = opening.waits[event.step.id]!;
  return { taskId: wait.taskId, timeoutSeconds: waitSeconds(wait.dueAt, now) };
}
