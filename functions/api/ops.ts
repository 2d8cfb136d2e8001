import * as z from 'zod';
import { FLOWS } from '../../workflows/flows';
import { describeExecution, type ExecutionSummary, listExecutions } from '../adapters/workflow-engine';
import { clock, dossiers } from '../composition';
import { notFound } from '../domain/errors';
import { STATUS_CODES } from '../domain/status';
import { timeliness } from '../domain/timeliness';
import { httpHandler } from '../http/handler';
import { dossierCode, pagination } from './schemas';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
const flowId = z.enum([...FLOWS.keys()] as [string, ...string[]]);

const executionsQuery = z
  .object({ ...pagination, flowId: flowId.optional(), status: z.enum(STATUSES).optional() })
  .strict()
  .refine((q) => !q.cursor || q.flowId, { message: 'a cursor pages one flow: give its flowId', path: ['cursor'] });

/**
 * Vận hành — the workflow executions, newest first, by flow and status (e.g. every FAILED one). An execution is named
 * after its dossier code; nothing of the dossier's data is shown. Without `flowId` each flow's newest executions are
 * merged (give a `flowId` to page further).
 */
export const listOpsExecutions = httpHandler(
  { route: 'GET /ops/executions', query: executionsQuery },
  async ({ query }) => {
    const flows = query.flowId ? [query.flowId] : [...FLOWS.keys()];
    const pages = await Promise.all(
      flows.map((id) =>
        listExecutions(id, {
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
    return { body: { items, nextCursor: query.flowId ? (pages[0]?.nextCursor ?? null) : null } };
  },
);

/**
 * Where a dossier's workflow is, for an operator: status, step, open tasks (agency, role, due, overdue), the
 * history's actions and the execution — without the applicant, documents, notes or form data.
 */
export const getOpsDossier = httpHandler(
  { route: 'GET /ops/dossiers/{code}', path: z.object({ code: dossierCode }) },
  async ({ path }) => {
    const record = await dossiers.getDossierRecord(path.code);
    if (!record) throw notFound('dossier', path.code);
    const { dossier, tasks, history } = record;
    return {
      body: {
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
        execution: (await describeExecution(dossier.flowId, dossier.code)) ?? null,
      },
    };
  },
);
