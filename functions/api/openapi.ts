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

/**
 * The document as the bundler baked it in at synth (infra/aws/function.ts `bakedConstants`): the deployed function
 * then carries neither the schemas nor the generator, and its cold start builds nothing. Unbundled (the local
 * runtime, tests) it is undefined and the document is generated on first request, from the same schemas.
 */
declare const MOTCUA_OPENAPI_DOCUMENT: string | undefined;

let document: unknown;

/** GET /openapi.json — the contract, generated from the same schemas the handlers validate with. */
export const getOpenApi = /* @__PURE__ */ httpHandler(getOpenApiSpec, async () => {
  document ??=
    typeof MOTCUA_OPENAPI_DOCUMENT === 'string' ? JSON.parse(MOTCUA_OPENAPI_DOCUMENT) : openApiDocument(routeSpecs());
  return { body: document };
});
