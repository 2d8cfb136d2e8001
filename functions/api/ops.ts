import * as z from 'zod';
import { httpHandler } from '../http/handler';
import { dossierOperations, listExecutions } from '../use-cases/operations';
import { dossierCode, pagination } from './schemas';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
/** A flow id as flows declare them; which flows exist is the province's (an unknown one is 400 UNKNOWN_FLOW). */
const flowId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'a flow id like single-agency');

const executionsQuery = z
  .object({ ...pagination, flowId: flowId.optional(), status: z.enum(STATUSES).optional() })
  .strict()
  .refine((q) => !q.cursor || q.flowId, { message: 'a cursor pages one flow: give its flowId', path: ['cursor'] });

/** Vận hành — the workflow executions by flow and status, without personal data. */
export const listOpsExecutions = httpHandler(
  { route: 'GET /ops/executions', query: executionsQuery },
  async ({ query }) => ({
    body: await listExecutions(query),
  }),
);

/** Where a dossier's workflow is, for an operator, without personal data. */
export const getOpsDossier = httpHandler(
  { route: 'GET /ops/dossiers/{code}', path: z.object({ code: dossierCode }) },
  async ({ path }) => ({ body: await dossierOperations(path.code) }),
);
