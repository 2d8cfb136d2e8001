import { catalogue, clock, workflows } from '../composition';
import type { Dossier, Task } from '../domain/dossier';
import { startStep } from '../domain/flow-position';
import { waitSeconds } from '../domain/lifecycle/routing';
import { caseOf, type ProcedureCase } from '../domain/procedure';

/**
 * Makes sure the one execution that drives a dossier runs, from the step the dossier has reached. Submission, a
 * retried submission and the local host's re-drive after a restart all start executions here, under one name (the
 * dossier code), so Step Functions itself refuses a second one: a start that finds the execution running is a no-op.
 * Returns whether an execution was asked to run (false for a dossier that has ended).
 */
export async function ensureExecution(
  dossier: Dossier,
  procedureCase?: ProcedureCase,
  openedTask?: Task,
): Promise<boolean> {
  const found =
    procedureCase ?? caseOf(await catalogue.procedureVersions(dossier.procedureId, dossier.procedureVersion), dossier);
  if (!found)
    throw new Error(`dossier ${dossier.code}: procedure case ${dossier.procedureId}/${dossier.caseId} not found`);
  const startStepId = startStep(dossier, found);
  if (!startStepId) return false;
  // A start step whose task opened with the dossier is waited on at once (no open-task state, no transition).
  const task =
    openedTask && openedTask.stepId === startStepId
      ? { taskId: openedTask.id, timeoutSeconds: waitSeconds(openedTask.dueAt, clock.now()) }
      : undefined;
  await workflows.start({
    dossierCode: dossier.code,
    flowId: dossier.flowId,
    startStepId,
    stepHours: found.stepHours,
    ...(task ? { task } : {}),
  });
  return true;
}
