import type { Role } from '../domain/dossier';

/**
 * THE authorisation matrix: which roles may call each route. The route table (CDK routes and authorizer, local
 * gateway) and every handler read their roles from here, and test/e2e/authorization-matrix.test.ts checks every
 * cell over HTTP. What a role may do with a given dossier or task is the domain's to decide
 * (`functions/domain/dossier-access.ts`; a task is decided only by its own role and agency).
 *
 * - citizen: their own dossiers only; submits online, answers supplements, withdraws, rates.
 * - receiver / specialist / leader: tasks of their own agency and role; dossiers that passed through their agency.
 * - integration: another agency's system (e.g. the tax authority) answering the external steps of its agency and
 *   reading the dossiers sent there.
 * - admin: the catalogue and the province's configuration (through the catalogue import and the seed, not the API).
 * - operator: execution views and the national-portal sync, never personal data (no dossier route).
 * - portal: the national portal's adapter, handing over the dossiers submitted there (and uploading their files).
 */
export const ACCESS_MATRIX = {
  'GET /openapi.json': 'public',
  'GET /docs': 'public',
  'GET /docs/swagger-ui-bundle.js': 'public',
  'GET /docs/swagger-ui.css': 'public',
  'GET /docs/init.js': 'public',
  'GET /agencies': 'public',
  'GET /procedures': 'public',
  'GET /procedures/{id}': 'public',
  'GET /lookup/{code}': 'public',
  'POST /uploads': ['citizen', 'receiver', 'specialist', 'leader', 'portal'],
  'POST /dossiers': ['citizen', 'receiver'],
  'GET /dossiers': ['citizen', 'receiver', 'specialist', 'leader'],
  'GET /dossiers/{code}': ['citizen', 'receiver', 'specialist', 'leader', 'integration'],
  'GET /dossiers/{code}/forms/{form}': ['citizen', 'receiver', 'specialist', 'leader'],
  'GET /dossiers/{code}/documents/{uploadId}': ['citizen', 'receiver', 'specialist', 'leader', 'integration'],
  'POST /dossiers/{code}/supplement': ['citizen', 'receiver'],
  'POST /dossiers/{code}/withdraw': ['citizen'],
  'POST /dossiers/{code}/rating': ['citizen'],
  'GET /tasks': ['receiver', 'specialist', 'leader', 'integration'],
  'POST /tasks/{id}/decision': ['receiver', 'specialist', 'leader', 'integration'],
  'GET /stats': ['leader', 'admin'],
  'GET /stats/satisfaction': ['leader', 'admin'],
  'GET /stats/index766': ['leader', 'admin'],
  'GET /stats/report.xlsx': ['leader', 'admin'],
  // The page and its script hold no data: they read the figures with the reader's own token.
  'GET /dashboard': 'public',
  'GET /dashboard/dashboard.js': 'public',
  'GET /ops/executions': ['operator'],
  'GET /ops/dossiers/{code}': ['operator'],
  'GET /ops/sync': ['operator'],
  'POST /ops/sync/{code}/resend': ['operator'],
  // The national portal's adapter (client credentials), and nobody else.
  'POST /integrations/dvcqg/dossiers': ['portal'],
  // The citizen's e-data store: their own documents only (officers read a reused one through its dossier).
  'GET /me/documents': ['citizen'],
  'GET /me/documents/{id}': ['citizen'],
} as const satisfies Record<string, readonly Role[] | 'public'>;

export type RouteKey = keyof typeof ACCESS_MATRIX;
/** Routes that take no token. */
export type PublicRoute = { [K in RouteKey]: (typeof ACCESS_MATRIX)[K] extends 'public' ? K : never }[RouteKey];
export type RouteRoles = readonly Role[] | 'public';

export function rolesOf(key: RouteKey): RouteRoles {
  return ACCESS_MATRIX[key];
}
