import type { HttpHandler } from '../http/handler';
import { httpHandler } from '../http/handler';
import { openApiDocument } from '../http/openapi';
import { ROUTES } from '../routes';
import * as catalogue from './catalogue';
import * as dossiers from './dossiers';
import * as lookup from './lookup';
import * as ops from './ops';
import * as tasks from './tasks';
import * as uploads from './uploads';

const MODULES: Record<string, Record<string, unknown>> = {
  'functions/api/catalogue.ts': catalogue,
  'functions/api/dossiers.ts': dossiers,
  'functions/api/lookup.ts': lookup,
  'functions/api/ops.ts': ops,
  'functions/api/tasks.ts': tasks,
  'functions/api/uploads.ts': uploads,
};

/** Every route with the spec its handler validates with (the document route itself describes no body). */
export function routeSpecs() {
  return ROUTES.filter((route) => route.file !== 'functions/api/openapi.ts').map((route) => {
    const handler = MODULES[route.file]?.[route.export] as HttpHandler | undefined;
    if (!handler?.spec) throw new Error(`no handler spec for ${route.method} ${route.path}`);
    return { route, spec: handler.spec };
  });
}

let document: ReturnType<typeof openApiDocument> | undefined;

/** GET /openapi.json — the contract, generated from the same schemas the handlers validate with. */
export const getOpenApi = httpHandler({ route: 'GET /openapi.json' }, async () => {
  document ??= openApiDocument(routeSpecs());
  return { body: document };
});
