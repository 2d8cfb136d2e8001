import { calendarOf, catalogue, clock, dossiers, flowSteps, tasks } from '../composition';
import { resolveAgency } from '../domain/agency-selector';
import type { Dossier, RecordedDecision, Task } from '../domain/dossier';
import { notFound } from '../domain/errors';
import { applyDecision } from '../domain/lifecycle/apply-decision';
import { flowOutput, openTask, routingFacts } from '../domain/lifecycle/routing';
import { caseOf } from '../domain/procedure';
import { logger } from '../observability';

/**
 * Áp dụng quyết định và chuyển bước — a decision (an officer's, the applicant's supplement, the system's at a lapse)
 * is recorded on its task, applied to the dossier and, when its route leads to a step with one task, that step is
 * opened for the agency its selector resolves: one transaction, so the dossier is never half-moved. The waiting
 * state then only routes on `output`, which the caller sends (a request, the waiting step) or returns (the expiry
 * step) to the state machine. Throws STALE_VERSION when the dossier or the task moved since read.
 */
export async function settleDecision(task: Task, decided: RecordedDecision, options: { dossier?: Dossier } = {}) {
  const now = clock.now();
  const dossier = options.dossier ?? (await dossiers.getDossier(task.dossierCode));
  if (!dossier) throw notFound('dossier', task.dossierCode);
  const [versions, calendar, province] = await Promise.all([
    catalogue.procedureVersions(dossier.procedureId),
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
  const events = [{ event: applied.event, dossier: applied.dossier }];
  let after = applied.dossier;
  let routed: NonNullable<Task['routed']> = { next: applied.next };
  let opened: Task | undefined;
  const step = flowSteps.taskStep(dossier.flowId, dossier.flowVersion, applied.next);
  if (step) {
    const agencyId = resolveAgency(step.agency, routingFacts(after), province.agencies);
    const hours = procedureCase.stepHours[step.id];
    if (hours === undefined) throw notFound('step hours', `${procedureCase.id}/${step.id}`);
    const opening = openTask(after, step, hours, now, await calendarOf(agencyId), agencyId);
    if ('task' in opening) {
      opened = opening.task;
      after = opening.dossier;
      if (opening.event) events.push({ event: opening.event, dossier: after });
      routed = { next: applied.next, taskId: opened.id, dueAt: opened.dueAt };
    } else if ('existing' in opening) {
      // The step is open already (a return to a step another path reopened): the flow waits on that task.
      const existing = await tasks.getTask(opening.existing);
      if (existing) routed = { next: applied.next, taskId: existing.id, dueAt: existing.dueAt };
    }
  }
  const settled: Task = { ...decidedTask, state: 'APPLIED', routed, version: task.version + 1 };
  const uploadIds = [...(decided.documents ?? []), ...(decided.result?.documents ?? [])].map((d) => d.uploadId);
  await dossiers.settleDecision({
    previousVersion: dossier.version,
    dossier: after,
    task: { before: task, after: settled },
    events,
    ...(opened ? { opened } : {}),
    uploadIds,
  });
  logger.info('decision applied', {
    dossierCode: dossier.code,
    taskId: task.id,
    stepId: task.stepId,
    decision: decided.decision,
    fromStatus: applied.event.fromStatus,
    toStatus: applied.event.toStatus,
    ...(opened ? { opened: opened.id } : {}),
  });
  return { dossier: after, task: settled, output: flowOutput(settled, now) };
}
