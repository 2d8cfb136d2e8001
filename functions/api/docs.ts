import { DOCS_PAGE, DOCS_POLICY, type DocsAsset, docsAsset } from '../http/docs-page';
import { httpHandler, type Request } from '../http/handler';
import { getDocsInitSpec, getDocsScriptSpec, getDocsSpec, getDocsStylesSpec } from './specs';

/** GET /docs — the contract of GET /openapi.json, readable (Swagger UI). */
export const getDocs = /* @__PURE__ */ httpHandler(getDocsSpec, async () => ({
  content: { type: 'text/html; charset=utf-8', data: DOCS_PAGE },
  headers: { 'content-security-policy': DOCS_POLICY, 'cache-control': 'no-cache' },
}));

/**
 * The page's script and styles, one fixed route each (no path parameter to validate, so these functions bundle no
 * schema library), gzip-compressed when the client accepts it.
 */
const serve =
  (name: DocsAsset) =>
  async ({ headers }: Pick<Request<unknown, unknown, unknown>, 'headers'>) => {
    const asset = docsAsset(name);
    const gzip = /\bgzip\b/.test(headers['accept-encoding'] ?? '');
    return {
      content: { type: asset.type, data: gzip ? asset.gzip : asset.plain },
      headers: {
        'cache-control': 'public, max-age=86400',
        vary: 'accept-encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      },
    };
  };

/** GET /docs/swagger-ui-bundle.js */
export const getDocsScript = /* @__PURE__ */ httpHandler(getDocsScriptSpec, serve('swagger-ui-bundle.js'));
/** GET /docs/swagger-ui.css */
export const getDocsStyles = /* @__PURE__ */ httpHandler(getDocsStylesSpec, serve('swagger-ui.css'));
/** GET /docs/init.js */
export const getDocsInit = /* @__PURE__ */ httpHandler(getDocsInitSpec, serve('init.js'));
