import { httpHandler } from '../http/handler';
import { lookup } from '../use-cases/dossier-views';
import { lookupDossierSpec } from './specs';

/** Tra cứu — public progress by code; the applicant's ID number unlocks step-level progress. */
export const lookupDossier = /* @__PURE__ */ httpHandler(lookupDossierSpec, async ({ path, query }) => ({
  body: await lookup(path.code, query.idNumber),
}));
