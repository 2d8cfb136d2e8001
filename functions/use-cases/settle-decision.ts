import { calendarOf, catalogue, clock, dossiers, flowSteps, tasks } from '../composition';
import type { Dossier, RecordedDecision, RoutedTo, Task } from '../domain/dossier';
import { notFound } from '../domain/errors';
import { answerBranch } from '../domain/lifecycle/answers';
import { applyDecision } from '../domain/lifecycle/apply-decision';
import { flowOutput } from '../domain/lifecycle/routing';
import { caseOf } from '../domain/procedure';
import { logger } from '../observability';
import { openSteps } from './open-steps';

/**
 * Áp dụng quyết định và chuyển bước — a decision (an officer's, the applicant's supplement, the system's at a lapse)
 * is recorded on its task, applied to the dossier and the step its route leads to is opened (its task, or every
 * branch's of a parallel step) for the agencies the selectors resolve: one transaction, so the dossier is never
 * half-moved. The waiting state then only routes on `output`, which the caller sends (a request, the waiting step)
 * or returns (the expiry step) to the state machine. Throws STALE_VERSION when the dossier or the task moved since
 * read. A parallel branch's answer is settled on its task alone (`settleAnswer`).
 */
export async function settleDecision(task: Task, decided: RecordedDecision, options: { dossier?: Dossier } = {}) {
  const now = clock.now();
  if (task.kind === 'branch') return settleAnswer(task, decided, now, options.dossier);
  const dossier = options.dossier ?? (await dossiers.getDossier(task.dossierCode));
  if (!dossier) throw notFound('dossier', task.dossierCode);
  const [versions, calendar, province] = await Promise.all([
    catalogue.procedureVersions(dossier.procedureId, dossier.procedureVersion),
    calendarOf(dossier.receivingAgencyId),
    catalogue.province(),
  ]);
  const procedureCase = caseOf(versions, dossier);
  if (!procedureCase) throw notFound('procedure case', `${dossier.procedureId}/${dossier.caseId}`);
  const decidedTask: Task = { ...task, decided };
  const applied = applyDecision(dossier, decidedTask, now, {
    calendar,
    duration: procedureCase.duration,
    supplementPolicy: province.supplementPolicy,
  });
  // The route opens the next step's task, or one per branch of a parallel step (a step open already is waited on).
  const step = flowSteps.taskStep(dossier.flowId, dossier.flowVersion, applied.next);
  const branches = step ? undefined : flowSteps.parallelBranches(dossier.flowId, dossier.flowVersion, applied.next);
  const hoursOf = (stepId: string) => {
    const hours = procedureCase.stepHours[stepId];
    if (hours === undefined) throw notFound('step hours', `${procedureCase.id}/${stepId}`);
    return hours;
  };
  const opening = await openSteps(applied.dossier, step ? [step] : (branches ?? []), hoursOf, now);
  const after = opening.dossier;
  const events = [{ event: applied.event, dossier: applied.dossier }, ...opening.events];
  const wait = step && opening.waits[step.id];
  const routed: RoutedTo = wait?.taskId
    ? { next: applied.next, taskId: wait.taskId, dueAt: wait.dueAt }
    : branches
      ? { next: applied.next, branches: opening.waits }
      : { next: applied.next };
  const opened = opening.opened;
  const settled: Task = { ...decidedTask, state: 'APPLIED', routed, version: task.version + 1 };
  const uploadIds = [...(decided.documents ?? []), ...(decided.result?.documents ?? [])].map((d) => d.uploadId);
  await dossiers.settleDecision({
    previousVersion: dossier.version,
    dossier: after,
    task: { before: task, after: settled },
    events,
    opened,
    uploadIds,
  });
  logger.info('decision applied', {
    dossierCode: dossier.code,
    taskId: task.id,
    stepId: task.stepId,
    decision: decided.decision,
    fromStatus: applied.event.fromStatus,
    toStatus: applied.event.toStatus,
    ...(opened.length ? { opened: opened.map((t) => t.id) } : {}),
  });
  return { dossier: after, task: settled, output: flowOutput(settled, now) };
}

/**
 * A branch's answer (or its lapse) settles on its task alone, in one conditional write: the agencies of a parallel
 * step answer at once without racing on the dossier, which takes the answers in when the step closes
 * (functions/domain/lifecycle/answers.ts).
 */
async function settleAnswer(task: Task, decided: RecordedDecision, now: number, dossier: Dossier | undefined) {
  const settled = await tasks.settleAnswer(task, answerBranch({ ...task, decided }, now));
  logger.info('decision applied', {
    dossierCode: task.dossierCode,
    taskId: task.id,
    stepId: task.stepId,
    decision: decided.decision,
    answerOf: task.branchOf,
  });
  // What the caller reports (the status, which an answer leaves as it was): read only when the caller had not.
  const read = dossier ?? (await dossiers.getDossier(task.dossierCode));
  if (!read) throw notFound('dossier', task.dossierCode);
  return { dossier: read, task: settled, output: flowOutput(settled, now) };
}
