import { httpHandler } from '../http/handler';
import { openApiDocument } from '../http/openapi';
import { ROUTES } from '../routes';
import { getOpenApiSpec, SPECS } from './specs';

/** Every route with the spec its handler validates with (the document route itself describes no body). */
export function routeSpecs() {
  return ROUTES.filter((route) => route.file !== 'functions/api/openapi.ts').map((route) => ({
    route,
    spec: SPECS[`${route.method} ${route.path}` as keyof typeof SPECS],
  }));
}

let document: ReturnType<typeof openApiDocument> | undefined;

/** GET /openapi.json — the contract, generated from the same schemas the handlers validate with. */
export const getOpenApi = /* @__PURE__ */ httpHandler(getOpenApiSpec, async () => {
  document ??= openApiDocument(routeSpecs());
  return { body: document };
});
