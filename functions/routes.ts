import { ACCESS_MATRIX, type RouteKey, type RouteRoles } from './http/authorization';

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
}

export type Access =
  | 'table:read'
  | 'table:write'
  | 'files:read'
  | 'files:write'
  | 'workflow:start'
  | 'workflow:callback'
  | 'workflow:read'
  | 'notify';
const READ: Access[] = ['table:read'];
const CATALOGUE = 'functions/api/catalogue.ts';
const DOSSIERS = 'functions/api/dossiers.ts';
const TASKS = 'functions/api/tasks.ts';
const OPS = 'functions/api/ops.ts';

const DEFINITIONS: readonly Omit<Route, 'roles'>[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    file: 'functions/api/openapi.ts',
    export: 'getOpenApi',
    access: [],
  },
  { method: 'GET', path: '/agencies', file: CATALOGUE, export: 'listAgencies', access: READ },
  { method: 'GET', path: '/procedures', file: CATALOGUE, export: 'listProcedures', access: READ },
  { method: 'GET', path: '/procedures/{id}', file: CATALOGUE, export: 'getProcedure', access: READ },
  {
    method: 'POST',
    path: '/uploads',
    file: 'functions/api/uploads.ts',
    export: 'createUpload',
    access: ['table:read', 'table:write', 'files:write'],
  },
  {
    method: 'POST',
    path: '/dossiers',
    file: DOSSIERS,
    export: 'createDossier',
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:start', 'notify'],
  },
  {
    method: 'GET',
    path: '/dossiers',
    file: DOSSIERS,
    export: 'listDossiers',
    access: READ,
  },
  {
    method: 'GET',
    path: '/dossiers/{code}',
    file: DOSSIERS,
    export: 'getDossier',
    access: ['table:read', 'files:read'],
  },
  {
    method: 'GET',
    path: '/dossiers/{code}/forms/{form}',
    file: DOSSIERS,
    export: 'getDossierForm',
    access: READ,
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/rating',
    file: DOSSIERS,
    export: 'rateDossier',
    access: ['table:read', 'table:write'],
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/supplement',
    file: DOSSIERS,
    export: 'supplementDossier',
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:callback'],
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/withdraw',
    file: DOSSIERS,
    export: 'withdrawDossier',
    access: ['table:read', 'table:write', 'workflow:callback', 'notify'],
  },
  {
    method: 'GET',
    path: '/tasks',
    file: TASKS,
    export: 'listTasks',
    access: READ,
  },
  {
    method: 'POST',
    path: '/tasks/{id}/decision',
    file: TASKS,
    export: 'decide',
    // A leader's apology or stop tells the applicant (SES/SNS).
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:callback', 'notify'],
  },
  {
    method: 'GET',
    path: '/lookup/{code}',
    file: 'functions/api/lookup.ts',
    export: 'lookupDossier',
    access: READ,
  },
  {
    method: 'GET',
    path: '/ops/executions',
    file: OPS,
    export: 'listOpsExecutions',
    // The province's flows come from its settings in the table.
    access: ['table:read', 'workflow:read'],
  },
  {
    method: 'GET',
    path: '/ops/dossiers/{code}',
    file: OPS,
    export: 'getOpsDossier',
    access: ['table:read', 'workflow:read'],
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

/** A stable, CloudFormation-safe name for a route's function: `GetDossiersCode`, `PostTasksIdDecision`. */
export function routeName(route: Route): string {
  const words = route.path.split(/[/{}]+/).filter(Boolean);
  return [route.method.toLowerCase(), ...words].map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
