import * as z from 'zod';
import { FORMS } from '../domain/forms';
import { CHANNELS } from '../domain/working-calendar';
import type { RouteKey } from '../http/authorization';
import type { Spec } from '../http/handler';
import * as R from './responses';
import { schema } from './schema';
import {
  agencyId,
  createDossierBody,
  decisionBody,
  dossierCode,
  dossierListQuery,
  idempotencyHeader,
  listQuery,
  pagination,
  portalDossierBody,
  procedureId,
  ratingBody,
  supplementBody,
  syncListQuery,
  taskId,
  text,
  uploadBody,
  uploadId,
  withdrawBody,
} from './schemas';

const codePath = /* @__PURE__ */ schema(() => z.object({ code: dossierCode }));
const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
/** A flow id as flows declare them; which flows exist is the province's (an unknown one is 400 UNKNOWN_FLOW). */
const flowId = /* @__PURE__ */ schema(() => z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'a flow id like single-agency'));

const procedureQuery = /* @__PURE__ */ schema(() =>
  z
    .object({
      ...pagination,
      q: text(100).optional(),
      agencyId: agencyId.optional(),
      sector: text(100).optional(),
      onlineMode: z.enum(['full', 'partial', 'none']).optional(),
    })
    .strict(),
);
const procedurePath = /* @__PURE__ */ schema(() => z.object({ id: procedureId }));
const idempotencyHeaders = /* @__PURE__ */ schema(() => z.object({ 'Idempotency-Key': idempotencyHeader }));
const formPath = /* @__PURE__ */ schema(() => z.object({ code: dossierCode, form: z.enum(FORMS) }));
const documentPath = /* @__PURE__ */ schema(() => z.object({ code: dossierCode, uploadId }));
const taskListQuery = /* @__PURE__ */ schema(() => listQuery.extend({ overdue: z.enum(['true', 'false']).optional() }));
/** A calendar date in Vietnam (the figures' periods). */
const localDay = /* @__PURE__ */ schema(() => z.iso.date('a date like 2026-11-30'));
const statsQuery = /* @__PURE__ */ schema(() =>
  z
    .object({
      from: localDay.optional().describe('First day (Vietnam date); default: the first day of the month of `to`'),
      to: localDay.optional().describe('Last day, included; default: today'),
      agencyId: agencyId.optional().describe('That agency and the agencies under it'),
      procedureId: procedureId.optional(),
      channel: z
        .enum(CHANNELS)
        .optional()
        .describe('`online` includes the dossiers the national portal handed over; `dvcqg` is those alone'),
      groupBy: z.enum(['agency', 'procedure', 'month']).optional(),
    })
    .strict(),
);
/** A period and an agency (and those under it): the satisfaction report and the 766 index. */
const satisfactionQuery = /* @__PURE__ */ schema(() =>
  z
    .object({
      from: localDay.optional().describe('First day (Vietnam date); default: the first day of the month of `to`'),
      to: localDay.optional().describe('Last day, included; default: today'),
      agencyId: agencyId.optional().describe('That agency and the agencies under it'),
    })
    .strict(),
);
const taskPath = /* @__PURE__ */ schema(() => z.object({ id: taskId }));
const lookupQuery = /* @__PURE__ */ schema(() =>
  z
    .object({
      idNumber: z
        .string()
        .regex(/^\d{12}$/)
        .optional(),
    })
    .strict(),
);
const executionListQuery = /* @__PURE__ */ schema(() =>
  z
    .object({ ...pagination, flowId: flowId.optional(), status: z.enum(EXECUTION_STATUSES).optional() })
    .strict()
    .refine((q) => !q.cursor || q.flowId, { message: 'a cursor pages one flow: give its flowId', path: ['cursor'] }),
);

/** The document is JSON but not described by a schema of ours: this function bundles no zod at all. */
export const getOpenApiSpec = { route: 'GET /openapi.json', media: 'application/json' } as const satisfies Spec;

export const getDocsSpec = { route: 'GET /docs', media: 'text/html' } as const satisfies Spec;

export const getDocsScriptSpec = {
  route: 'GET /docs/swagger-ui-bundle.js',
  media: 'text/javascript',
} as const satisfies Spec;
export const getDocsStylesSpec = { route: 'GET /docs/swagger-ui.css', media: 'text/css' } as const satisfies Spec;
export const getDocsInitSpec = { route: 'GET /docs/init.js', media: 'text/javascript' } as const satisfies Spec;

export const listAgenciesSpec = {
  route: 'GET /agencies',
  query: listQuery,
  response: R.agencyResponse,
} as const satisfies Spec;

export const listProceduresSpec = {
  route: 'GET /procedures',
  query: procedureQuery,
  response: R.procedurePage,
} as const satisfies Spec;

export const getProcedureSpec = {
  route: 'GET /procedures/{id}',
  path: procedurePath,
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
  headers: idempotencyHeaders,
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
  path: formPath,
  response: R.formResponse,
} as const satisfies Spec;

export const getDossierDocumentSpec = {
  route: 'GET /dossiers/{code}/documents/{uploadId}',
  path: documentPath,
  response: R.documentLink,
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
  query: taskListQuery,
  response: R.taskPage,
} as const satisfies Spec;

export const decideSpec = {
  route: 'POST /tasks/{id}/decision',
  path: taskPath,
  body: decisionBody,
  status: 202,
  response: R.decisionAccepted,
} as const satisfies Spec;

export const lookupDossierSpec = {
  route: 'GET /lookup/{code}',
  path: codePath,
  query: lookupQuery,
  response: R.lookupResponse,
} as const satisfies Spec;

export const listOpsExecutionsSpec = {
  route: 'GET /ops/executions',
  query: executionListQuery,
  response: R.executionPage,
} as const satisfies Spec;

export const getStatsSpec = {
  route: 'GET /stats',
  query: statsQuery,
  response: R.statsResponse,
} as const satisfies Spec;

export const getSatisfactionSpec = {
  route: 'GET /stats/satisfaction',
  query: satisfactionQuery,
  response: R.satisfactionResponse,
} as const satisfies Spec;

export const getIndexSpec = {
  route: 'GET /stats/index766',
  query: satisfactionQuery,
  response: R.indexResponse,
} as const satisfies Spec;

export const getReportSpec = {
  route: 'GET /stats/report.xlsx',
  query: satisfactionQuery,
  media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Spec;

export const getDashboardSpec = { route: 'GET /dashboard', media: 'text/html' } as const satisfies Spec;
export const getDashboardScriptSpec = {
  route: 'GET /dashboard/dashboard.js',
  media: 'text/javascript',
} as const satisfies Spec;

export const getOpsDossierSpec = {
  route: 'GET /ops/dossiers/{code}',
  path: codePath,
  response: R.operationsView,
} as const satisfies Spec;

export const listMyDocumentsSpec = {
  route: 'GET /me/documents',
  query: listQuery,
  response: R.storedDocumentPage,
} as const satisfies Spec;

export const getMyDocumentSpec = {
  route: 'GET /me/documents/{id}',
  path: /* @__PURE__ */ schema(() => z.object({ id: z.uuid() })),
  response: R.storedDocumentLink,
} as const satisfies Spec;

export const receivePortalDossierSpec = {
  route: 'POST /integrations/dvcqg/dossiers',
  body: portalDossierBody,
  status: 201,
  response: R.portalDossierCreated,
  // Errors carry the portal's `error_code` and `message` beside our envelope.
  errorStyle: 'dvcqg',
} as const satisfies Spec;

export const listSyncSpec = {
  route: 'GET /ops/sync',
  query: syncListQuery,
  response: R.syncPage,
} as const satisfies Spec;

export const resendSyncSpec = {
  route: 'POST /ops/sync/{code}/resend',
  path: codePath,
  status: 202,
  response: R.resendAccepted,
} as const satisfies Spec;

/**
 * What each route takes (path, query, body), validated by its handler and described by GET /openapi.json. Kept
 * apart from the handlers so that the contract can be read without loading them (and what they reach).
 */
export const SPECS = {
  'GET /openapi.json': getOpenApiSpec,
  'GET /docs': getDocsSpec,
  'GET /docs/swagger-ui-bundle.js': getDocsScriptSpec,
  'GET /docs/swagger-ui.css': getDocsStylesSpec,
  'GET /docs/init.js': getDocsInitSpec,
  'GET /agencies': listAgenciesSpec,
  'GET /procedures': listProceduresSpec,
  'GET /procedures/{id}': getProcedureSpec,
  'POST /uploads': createUploadSpec,
  'POST /dossiers': createDossierSpec,
  'GET /dossiers': listDossiersSpec,
  'GET /dossiers/{code}': getDossierSpec,
  'GET /dossiers/{code}/forms/{form}': getDossierFormSpec,
  'GET /dossiers/{code}/documents/{uploadId}': getDossierDocumentSpec,
  'POST /dossiers/{code}/supplement': supplementDossierSpec,
  'POST /dossiers/{code}/withdraw': withdrawDossierSpec,
  'POST /dossiers/{code}/rating': rateDossierSpec,
  'GET /tasks': listTasksSpec,
  'POST /tasks/{id}/decision': decideSpec,
  'GET /lookup/{code}': lookupDossierSpec,
  'GET /stats': getStatsSpec,
  'GET /stats/satisfaction': getSatisfactionSpec,
  'GET /stats/index766': getIndexSpec,
  'GET /stats/report.xlsx': getReportSpec,
  'GET /dashboard': getDashboardSpec,
  'GET /dashboard/dashboard.js': getDashboardScriptSpec,
  'GET /ops/executions': listOpsExecutionsSpec,
  'GET /ops/dossiers/{code}': getOpsDossierSpec,
  'GET /ops/sync': listSyncSpec,
  'POST /ops/sync/{code}/resend': resendSyncSpec,
  'POST /integrations/dvcqg/dossiers': receivePortalDossierSpec,
  'GET /me/documents': listMyDocumentsSpec,
  'GET /me/documents/{id}': getMyDocumentSpec,
} as const satisfies Record<RouteKey, Spec>;
