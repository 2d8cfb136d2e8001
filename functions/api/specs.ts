import * as z from 'zod';
import { FORMS } from '../domain/forms';
import type { RouteKey } from '../http/authorization';
import type { Spec } from '../http/handler';
import * as R from './responses';
import {
  agencyId,
  createDossierBody,
  decisionBody,
  dossierCode,
  dossierListQuery,
  idempotencyHeader,
  listQuery,
  pagination,
  procedureId,
  ratingBody,
  supplementBody,
  taskId,
  text,
  uploadBody,
  withdrawBody,
} from './schemas';

const codePath = z.object({ code: dossierCode });
const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
/** A flow id as flows declare them; which flows exist is the province's (an unknown one is 400 UNKNOWN_FLOW). */
const flowId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'a flow id like single-agency');

export const getOpenApiSpec = { route: 'GET /openapi.json', response: R.openApiResponse } as const satisfies Spec;

export const listAgenciesSpec = {
  route: 'GET /agencies',
  query: listQuery,
  response: R.agencyResponse,
} as const satisfies Spec;

export const listProceduresSpec = {
  route: 'GET /procedures',
  query: z
    .object({
      ...pagination,
      q: text(100).optional(),
      agencyId: agencyId.optional(),
      sector: text(100).optional(),
      onlineMode: z.enum(['full', 'partial', 'none']).optional(),
    })
    .strict(),
  response: R.procedurePage,
} as const satisfies Spec;

export const getProcedureSpec = {
  route: 'GET /procedures/{id}',
  path: z.object({ id: procedureId }),
  response: R.procedureVersion,
} as const satisfies Spec;

export const createUploadSpec = {
  route: 'POST /uploads',
  body: uploadBody,
  status: 201,
  response: R.uploadTicket,
} as const satisfies Spec;

export const createDossierSpec = {
  route: 'POST /dossiers',
  body: createDossierBody,
  // A retry with the same key and body answers with the same dossier; the handler refuses a missing key.
  headers: z.object({ 'Idempotency-Key': idempotencyHeader }),
  status: 201,
  response: R.dossierCreated,
} as const satisfies Spec;

export const listDossiersSpec = {
  route: 'GET /dossiers',
  query: dossierListQuery,
  response: R.dossierPage,
} as const satisfies Spec;

export const getDossierSpec = {
  route: 'GET /dossiers/{code}',
  path: codePath,
  response: R.dossierDetail,
} as const satisfies Spec;

export const getDossierFormSpec = {
  route: 'GET /dossiers/{code}/forms/{form}',
  path: z.object({ code: dossierCode, form: z.enum(FORMS) }),
  response: R.formResponse,
} as const satisfies Spec;

export const supplementDossierSpec = {
  route: 'POST /dossiers/{code}/supplement',
  path: codePath,
  body: supplementBody,
  status: 202,
  response: R.supplementAccepted,
} as const satisfies Spec;

export const withdrawDossierSpec = {
  route: 'POST /dossiers/{code}/withdraw',
  path: codePath,
  body: withdrawBody,
  response: R.dossierSummary,
} as const satisfies Spec;

export const rateDossierSpec = {
  route: 'POST /dossiers/{code}/rating',
  path: codePath,
  body: ratingBody,
  status: 201,
  response: R.ratingSaved,
} as const satisfies Spec;

export const listTasksSpec = {
  route: 'GET /tasks',
  query: listQuery.extend({ overdue: z.enum(['true', 'false']).optional() }),
  response: R.taskPage,
} as const satisfies Spec;

export const decideSpec = {
  route: 'POST /tasks/{id}/decision',
  path: z.object({ id: taskId }),
  body: decisionBody,
  status: 202,
  response: R.decisionAccepted,
} as const satisfies Spec;

export const lookupDossierSpec = {
  route: 'GET /lookup/{code}',
  path: codePath,
  query: z
    .object({
      idNumber: z
        .string()
        .regex(/^\d{12}$/)
        .optional(),
    })
    .strict(),
  response: R.lookupResponse,
} as const satisfies Spec;

export const listOpsExecutionsSpec = {
  route: 'GET /ops/executions',
  query: z
    .object({ ...pagination, flowId: flowId.optional(), status: z.enum(EXECUTION_STATUSES).optional() })
    .strict()
    .refine((q) => !q.cursor || q.flowId, { message: 'a cursor pages one flow: give its flowId', path: ['cursor'] }),
  response: R.executionPage,
} as const satisfies Spec;

export const getOpsDossierSpec = {
  route: 'GET /ops/dossiers/{code}',
  path: codePath,
  response: R.operationsView,
} as const satisfies Spec;

/**
 * What each route takes (path, query, body), validated by its handler and described by GET /openapi.json. Kept
 * apart from the handlers so that the contract can be read without loading them (and what they reach).
 */
export const SPECS = {
  'GET /openapi.json': getOpenApiSpec,
  'GET /agencies': listAgenciesSpec,
  'GET /procedures': listProceduresSpec,
  'GET /procedures/{id}': getProcedureSpec,
  'POST /uploads': createUploadSpec,
  'POST /dossiers': createDossierSpec,
  'GET /dossiers': listDossiersSpec,
  'GET /dossiers/{code}': getDossierSpec,
  'GET /dossiers/{code}/forms/{form}': getDossierFormSpec,
  'POST /dossiers/{code}/supplement': supplementDossierSpec,
  'POST /dossiers/{code}/withdraw': withdrawDossierSpec,
  'POST /dossiers/{code}/rating': rateDossierSpec,
  'GET /tasks': listTasksSpec,
  'POST /tasks/{id}/decision': decideSpec,
  'GET /lookup/{code}': lookupDossierSpec,
  'GET /ops/executions': listOpsExecutionsSpec,
  'GET /ops/dossiers/{code}': getOpsDossierSpec,
} as const satisfies Record<RouteKey, Spec>;
