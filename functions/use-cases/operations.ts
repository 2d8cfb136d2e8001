import { catalogue, clock, dossiers, syncs, workflows } from '../composition';
import type { Actor } from '../domain/dossier';
import { badRequest, notFound } from '../domain/errors';
import { withAnswers } from '../domain/lifecycle/answers';
import type { ExecutionStatus, ExecutionSummary } from '../domain/ports';
import { STATUS_CODES } from '../domain/status';
import { timeliness } from '../domain/timeliness';
import { toVietnamIso } from '../domain/vietnam-time';

/**
 * Vận hành — the workflow executions, newest first, by flow and status (e.g. every FAILED one). An execution is named
 * after its dossier code; nothing of the dossier's data is shown. Without a flow, each flow's newest executions are
 * merged (give a flow to page further). The flows are the province's (its settings list them).
 */
export async function listExecutions(query: {
  flowId?: string;
  status?: ExecutionStatus;
  limit: number;
  cursor?: string;
}) {
  const known = (await catalogue.province()).flowIds ?? [];
  if (query.flowId && !known.includes(query.flowId)) {
    throw badRequest('UNKNOWN_FLOW', `Không có quy trình ${query.flowId}`, { fields: ['flowId'], flowIds: known });
  }
  const flows = query.flowId ? [query.flowId] : known;
  const pages = await Promise.all(
    flows.map((id) =>
      workflows.listExecutions(id, {
        limit: query.limit,
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      }),
    ),
  );
  const items: ExecutionSummary[] = pages
    .flatMap((p) => p.items)
    .sort((a, b) => ((a.startDate ?? '') < (b.startDate ?? '') ? 1 : -1))
    .slice(0, query.limit);
  return { items, nextCursor: query.flowId ? (pages[0]?.nextCursor ?? null) : null };
}

/**
 * Where a dossier's workflow is, for an operator: status, step, open tasks (agency, role, due, overdue), the
 * history's actions and the execution — without the applicant, documents, notes or form data.
 */
export async function dossierOperations(code: string) {
  const record = await dossiers.getDossierRecord(code);
  if (!record) throw notFound('dossier', code);
  // With the answers of parallel branches the dossier has not taken in yet.
  const { dossier, tasks, history } = withAnswers(record);
  return {
    code: dossier.code,
    procedureId: dossier.procedureId,
    flowId: dossier.flowId,
    status: dossier.status,
    statusCode: STATUS_CODES[dossier.status],
    currentStepId: dossier.currentStepId ?? null,
    receivingAgencyId: dossier.receivingAgencyId,
    competentAgencyId: dossier.competentAgencyId,
    dueAt: dossier.dueAt ?? null,
    timeliness: timeliness(dossier.dueAt, dossier.finishedAt, clock.now(), dossier.status === 'STOPPED'),
    openTasks: tasks
      .filter((t) => t.state === 'OPEN' || t.state === 'DECIDED')
      .map((t) => ({
        id: t.id,
        stepId: t.stepId,
        state: t.state,
        role: t.role,
        agencyId: t.agencyId,
        dueAt: t.dueAt,
        overdue: t.overdue,
        waiting: Boolean(t.token),
      })),
    history: history.map((h) => ({
      at: h.at,
      action: h.action,
      role: h.role,
      agencyId: h.agencyId,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      stepId: h.stepId ?? null,
    })),
    execution: (await workflows.describeExecution(dossier.flowId, dossier.code)) ?? null,
  };
}

/** Đồng bộ DVCQG — the dossiers whose sync to the national portal is behind: still retrying, or given up on. */
export function listSync(query: { status: 'pending' | 'failed'; limit: number; cursor?: string | undefined }) {
  return syncs.list(query.status, query.limit, query.cursor);
}

/**
 * Gửi lại — an operator asks for a dossier's whole record and progress to be sent to the portal again (after a
 * failure, or when the portal lost it). The request is an event: the sync reaction sends it in the dossier's order.
 */
export async function resendToPortal(actor: Actor, code: string) {
  if (!(await dossiers.getDossier(code))) throw notFound('dossier', code);
  const requestedAt = toVietnamIso(clock.now());
  await syncs.requestResend(code, requestedAt, actor.sub);
  return { code, requestedAt };
}
