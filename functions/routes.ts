import { ACCESS_MATRIX, type RouteKey, type RouteRoles } from './http/authorization';
import type { HttpHandler } from './http/handler';

export interface Route {
  method: 'GET' | 'POST';
  /** API Gateway path syntax: `{name}` is one segment. */
  path: string;
  /** Handler module (repository-relative) and its export. */
  file: string;
  export: string;
  /** Roles the JWT must carry (from the authorisation matrix); `public` routes have no authorizer. */
  roles: RouteRoles;
  /** What the handler's function may touch: the stack grants exactly this (least privilege). */
  access: readonly Access[];
  /** Files the function reads beside its bundle: the stack copies them (repository-relative) into `dir`. */
  files?: { dir: string; from: readonly string[] };
}

export type Access =
  | 'table:read'
  | 'table:write'
  | 'files:read'
  | 'files:write'
  | 'workflow:start'
  | 'workflow:callback'
  | 'workflow:read'
  | 'notify'
  /** Put events on the reactions' queues (the stream's fan-out). */
  | 'events:publish'
  /** Consume a reaction's queue and postpone a failed message (backoff). */
  | 'events:consume'
  /** Call the national portal (DVCQG): its address, unit code and account in the function's configuration. */
  | 'national-portal';
const READ: Access[] = ['table:read'];

/** The API modules by file: `tsc` checks each file's module and, through `handler()`, each exported name. */
interface ApiModules {
  'functions/api/openapi.ts': typeof import('./api/openapi');
  'functions/api/docs.ts': typeof import('./api/docs');
  'functions/api/catalogue.ts': typeof import('./api/catalogue');
  'functions/api/uploads.ts': typeof import('./api/uploads');
  'functions/api/dossiers.ts': typeof import('./api/dossiers');
  'functions/api/tasks.ts': typeof import('./api/tasks');
  'functions/api/lookup.ts': typeof import('./api/lookup');
  'functions/api/ops.ts': typeof import('./api/ops');
  'functions/api/stats.ts': typeof import('./api/stats');
  'functions/api/dashboard.ts': typeof import('./api/dashboard');
  'functions/api/integrations.ts': typeof import('./api/integrations');
}
type HandlerName<M> = { [K in keyof M]: M[K] extends HttpHandler ? K : never }[keyof M] & string;

/**
 * A route's handler by its module file and export name (type-only: the table loads no handler, so CDK and the
 * bundles stay light), checked by `tsc`: a name the module does not export as a handler fails the build.
 */
function handler<F extends keyof ApiModules>(file: F, name: HandlerName<ApiModules[F]>) {
  return { file, export: name };
}

const DEFINITIONS: readonly Omit<Route, 'roles'>[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    ...handler('functions/api/openapi.ts', 'getOpenApi'),
    access: [],
  },
  { method: 'GET', path: '/docs', ...handler('functions/api/docs.ts', 'getDocs'), access: [] },
  // Swagger UI's script and styles, copied beside their functions' bundles (read by functions/http/docs-page.ts).
  {
    method: 'GET',
    path: '/docs/swagger-ui-bundle.js',
    ...handler('functions/api/docs.ts', 'getDocsScript'),
    access: [],
    files: { dir: 'swagger-ui', from: ['node_modules/swagger-ui-dist/swagger-ui-bundle.js'] },
  },
  {
    method: 'GET',
    path: '/docs/swagger-ui.css',
    ...handler('functions/api/docs.ts', 'getDocsStyles'),
    access: [],
    files: { dir: 'swagger-ui', from: ['node_modules/swagger-ui-dist/swagger-ui.css'] },
  },
  { method: 'GET', path: '/docs/init.js', ...handler('functions/api/docs.ts', 'getDocsInit'), access: [] },
  { method: 'GET', path: '/agencies', ...handler('functions/api/catalogue.ts', 'listAgencies'), access: READ },
  { method: 'GET', path: '/procedures', ...handler('functions/api/catalogue.ts', 'listProcedures'), access: READ },
  { method: 'GET', path: '/procedures/{id}', ...handler('functions/api/catalogue.ts', 'getProcedure'), access: READ },
  {
    method: 'POST',
    path: '/uploads',
    ...handler('functions/api/uploads.ts', 'createUpload'),
    access: ['table:read', 'table:write', 'files:write'],
  },
  {
    method: 'POST',
    path: '/dossiers',
    ...handler('functions/api/dossiers.ts', 'createDossier'),
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:start'],
  },
  {
    method: 'GET',
    path: '/dossiers',
    ...handler('functions/api/dossiers.ts', 'listDossiers'),
    access: READ,
  },
  {
    method: 'GET',
    path: '/dossiers/{code}',
    ...handler('functions/api/dossiers.ts', 'getDossier'),
    access: READ,
  },
  {
    method: 'GET',
    path: '/dossiers/{code}/documents/{uploadId}',
    ...handler('functions/api/dossiers.ts', 'getDossierDocument'),
    access: ['table:read', 'files:read'],
  },
  {
    method: 'GET',
    path: '/dossiers/{code}/forms/{form}',
    ...handler('functions/api/dossiers.ts', 'getDossierForm'),
    access: READ,
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/rating',
    ...handler('functions/api/dossiers.ts', 'rateDossier'),
    access: ['table:read', 'table:write'],
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/supplement',
    ...handler('functions/api/dossiers.ts', 'supplementDossier'),
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:callback'],
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/withdraw',
    ...handler('functions/api/dossiers.ts', 'withdrawDossier'),
    access: ['table:read', 'table:write', 'workflow:callback'],
  },
  {
    method: 'GET',
    path: '/tasks',
    ...handler('functions/api/tasks.ts', 'listTasks'),
    access: READ,
  },
  {
    method: 'POST',
    path: '/tasks/{id}/decision',
    ...handler('functions/api/tasks.ts', 'decide'),
    // A leader's apology or stop tells the applicant (SES/SNS).
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:callback'],
  },
  {
    method: 'GET',
    path: '/lookup/{code}',
    ...handler('functions/api/lookup.ts', 'lookupDossier'),
    access: READ,
  },
  {
    method: 'GET',
    path: '/stats',
    ...handler('functions/api/stats.ts', 'getStats'),
    access: READ,
  },
  {
    method: 'GET',
    path: '/stats/satisfaction',
    ...handler('functions/api/stats.ts', 'getSatisfaction'),
    access: READ,
  },
  {
    method: 'GET',
    path: '/stats/index766',
    ...handler('functions/api/stats.ts', 'getIndex'),
    access: READ,
  },
  {
    method: 'GET',
    path: '/stats/report.xlsx',
    ...handler('functions/api/stats.ts', 'getReport'),
    access: READ,
  },
  { method: 'GET', path: '/dashboard', ...handler('functions/api/dashboard.ts', 'getDashboard'), access: [] },
  {
    method: 'GET',
    path: '/dashboard/dashboard.js',
    ...handler('functions/api/dashboard.ts', 'getDashboardScript'),
    access: [],
    files: { dir: 'dashboard', from: ['functions/http/dashboard/dashboard.js'] },
  },
  {
    method: 'GET',
    path: '/ops/executions',
    ...handler('functions/api/ops.ts', 'listOpsExecutions'),
    // The province's flows come from its settings in the table.
    access: ['table:read', 'workflow:read'],
  },
  {
    method: 'GET',
    path: '/ops/dossiers/{code}',
    ...handler('functions/api/ops.ts', 'getOpsDossier'),
    access: ['table:read', 'workflow:read'],
  },
  {
    method: 'GET',
    path: '/ops/sync',
    ...handler('functions/api/ops.ts', 'listOpsSync'),
    access: READ,
  },
  {
    method: 'POST',
    path: '/ops/sync/{code}/resend',
    ...handler('functions/api/ops.ts', 'resendOpsSync'),
    access: ['table:read', 'table:write'],
  },
  {
    method: 'GET',
    path: '/me/documents',
    ...handler('functions/api/dossiers.ts', 'listMyDocuments'),
    access: READ,
  },
  {
    method: 'GET',
    path: '/me/documents/{id}',
    ...handler('functions/api/dossiers.ts', 'getMyDocument'),
    access: ['table:read', 'files:read'],
  },
  {
    method: 'POST',
    path: '/integrations/dvcqg/dossiers',
    ...handler('functions/api/integrations.ts', 'receivePortalDossier'),
    // As a submission, plus storing the documents it fetches from the portal (files:write).
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:start'],
  },
];

/** THE route table: CDK creates exactly these routes, the local gateway serves exactly these, with the matrix's roles. */
export const ROUTES: readonly Route[] = DEFINITIONS.map((route) => {
  const key = `${route.method} ${route.path}` as RouteKey;
  const roles = ACCESS_MATRIX[key];
  if (!roles) throw new Error(`route ${key} is missing from the authorisation matrix`);
  return { ...route, roles };
});

/**
 * Throttling classes: public reads (catalogue, lookup by code — a code-guessing target), authenticated reads, and
 * writes (submissions, uploads, decisions). The stack sets per-route API Gateway limits from the class.
 */
export type RouteClass = 'public' | 'read' | 'write';
export function routeClass(route: Route): RouteClass {
  if (route.method === 'POST') return 'write';
  return route.roles === 'public' ? 'public' : 'read';
}

/**
 * A stable, CloudFormation-safe name for a route's function: `GetDossiersCode`, `PostTasksIdDecision`,
 * `GetStatsReportXlsx`.
 */
export function routeName(route: Route): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return [route.method.toLowerCase(), ...words].map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
