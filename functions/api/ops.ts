import { httpHandler } from '../http/handler';
import { dossierOperations, listExecutions } from '../use-cases/operations';
import { getOpsDossierSpec, listOpsExecutionsSpec } from './specs';

/** Vận hành — the workflow executions by flow and status, without personal data. */
export const listOpsExecutions = /* @__PURE__ */ httpHandler(listOpsExecutionsSpec, async ({ query }) => ({
  body: await listExecutions(query),
}));

/** Where a dossier's workflow is, for an operator, without personal data. */
export const getOpsDossier = /* @__PURE__ */ httpHandler(getOpsDossierSpec, async ({ path }) => ({
  body: await dossierOperations(path.code),
}));
