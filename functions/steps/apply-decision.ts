import { calendarOf, catalogue, clock, dossiers, tasks } from '../composition';
import { notFound } from '../domain/errors';
import { applyDecision } from '../domain/lifecycle/apply-decision';
import { caseOf } from '../domain/procedure';
import { logger, stepHandler } from '../observability';
import { retryOnStaleVersion } from '../use-cases/retry-on-stale-version';

export interface ApplyDecisionEvent {
  dossierCode: string;
  taskId: string;
}

/**
 * Applies a recorded decision: status change, task closed and history entry in one transaction, then the applicant
 * is notified. Idempotent: a replay after success returns the same route without writing. Branches of a parallel
 * step apply at the same time: a lost race on the dossier's version is retried.
 */
export const handler = /* @__PURE__ */ stepHandler((event: ApplyDecisionEvent) => {
  return retryOnStaleVersion(() => apply(event));
});

async function apply(event: ApplyDecisionEvent) {
  const [task, dossier] = await Promise.all([tasks.getTask(event.taskId), dossiers.getDossier(event.dossierCode)]);
  if (!task) throw notFound('task', event.taskId);
  if (!dossier) throw notFound('dossier', event.dossierCode);
  if (task.state === 'APPLIED' && task.decided) {
    return { next: task.decisions[task.decided.decision]?.to ?? '', status: dossier.status };
  }
  const procedureCase = caseOf(await catalogue.procedureVersions(dossier.procedureId), dossier);
  if (!procedureCase) throw notFound('procedure case', `${dossier.procedureId}/${dossier.caseId}`);
  const [calendar, province] = await Promise.all([calendarOf(dossier.receivingAgencyId), catalogue.province()]);
  const applied = applyDecision(dossier, task, clock.now(), {
    calendar,
    duration: procedureCase.duration,
    supplementPolicy: province.supplementPolicy,
  });
  await dossiers.applyDecision(dossier.version, applied.dossier, task, applied.event);
  logger.info('decision applied', {
    dossierCode: dossier.code,
    taskId: task.id,
    stepId: task.stepId,
    decision: task.decided?.decision,
    fromStatus: applied.event.fromStatus,
    toStatus: applied.event.toStatus,
  });
  return { next: applied.next, status: applied.dossier.status };
}
