import { httpHandler } from '../http/handler';
import { dossierOperations, listExecutions, listSync, resendToPortal } from '../use-cases/operations';
import { getOpsDossierSpec, listOpsExecutionsSpec, listSyncSpec, resendSyncSpec } from './specs';

/** Vận hành — the workflow executions by flow and status, without personal data. */
export const listOpsExecutions = /* @__PURE__ */ httpHandler(listOpsExecutionsSpec, async ({ query }) => ({
  body: await listExecutions(query),
}));

/** Where a dossier's workflow is, for an operator, without personal data. */
export const getOpsDossier = /* @__PURE__ */ httpHandler(getOpsDossierSpec, async ({ path }) => ({
  body: await dossierOperations(path.code),
}));

/** The dossiers whose sync to the national portal is behind (`?status=pending|failed`). */
export const listOpsSync = /* @__PURE__ */ httpHandler(listSyncSpec, async ({ query }) => ({
  body: await listSync(query),
}));

/** Sends a dossier's record and progress to the national portal again (202: the sync reaction does it). */
export const resendOpsSync = /* @__PURE__ */ httpHandler(resendSyncSpec, async ({ path, actor }) => ({
  body: await resendToPortal(actor, path.code),
}));
