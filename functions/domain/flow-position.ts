import type { Dossier } from './dossier';
import type { ProcedureCase } from './procedure';
import { TERMINAL_STATUSES } from './status';

/**
 * Where a dossier's execution begins, whether it starts for the first time (submission) or again (a restart of the
 * local host, a retried submission): the step the dossier has reached, which it records before that step opens.
 * Nothing when the dossier has ended. Dossiers written before the first step was recorded at creation start at
 * their procedure case's first step (online) or intake step (counter) while no task was ever opened.
 */
export function startStep(
  dossier: Pick<Dossier, 'status' | 'currentStepId' | 'taskCount'>,
  procedureCase: Pick<ProcedureCase, 'startStepId' | 'intakeStepId'>,
): string | undefined {
  if (TERMINAL_STATUSES.has(dossier.status)) return undefined;
  if (dossier.currentStepId) return dossier.currentStepId;
  if (dossier.taskCount > 0) return undefined;
  return dossier.status === 'SUBMITTED' ? procedureCase.startStepId : procedureCase.intakeStepId;
}

/**
 * A step may open a task only while the dossier is at that step: an execution that started from an older position
 * (a duplicate, or one re-driven from a stale read) must not reopen a step already decided.
 */
export function isAtStep(dossier: Pick<Dossier, 'currentStepId' | 'taskCount'>, stepId: string): boolean {
  return dossier.currentStepId === undefined ? dossier.taskCount === 0 : dossier.currentStepId === stepId;
}

/**
 * Nothing was decided on the dossier since it was created: no task yet, or only the first one, still open. A retried
 * submission then makes sure the execution runs (the first attempt may have stopped before starting it).
 */
export function notYetDecided(dossier: Pick<Dossier, 'taskCount' | 'openTaskIds'>): boolean {
  return dossier.taskCount <= 1 && dossier.openTaskIds.length === dossier.taskCount;
}
