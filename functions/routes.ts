import type { Role } from './domain/dossier';

export interface Route {
  method: 'GET' | 'POST';
  /** API Gateway path syntax: `{name}` is one segment. */
  path: string;
  /** Handler module (repository-relative) and its export. */
  file: string;
  export: string;
  /** Roles the JWT must carry; `public` routes have no authorizer. */
  roles: readonly Role[] | 'public';
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
  | 'notify';
const READ: Access[] = ['table:read'];
const CATALOGUE = 'functions/api/catalogue.ts';
const DOSSIERS = 'functions/api/dossiers.ts';
const TASKS = 'functions/api/tasks.ts';

const OFFICERS: Role[] = ['receiver', 'specialist', 'leader'];

/** THE route table: CDK creates exactly these routes, the local gateway serves exactly these. */
export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    file: 'functions/api/openapi.ts',
    export: 'getOpenApi',
    roles: 'public',
    access: [],
  },
  { method: 'GET', path: '/agencies', file: CATALOGUE, export: 'listAgencies', roles: 'public', access: READ },
  { method: 'GET', path: '/procedures', file: CATALOGUE, export: 'listProcedures', roles: 'public', access: READ },
  { method: 'GET', path: '/procedures/{id}', file: CATALOGUE, export: 'getProcedure', roles: 'public', access: READ },
  {
    method: 'POST',
    path: '/uploads',
    file: 'functions/api/uploads.ts',
    export: 'createUpload',
    roles: ['citizen', ...OFFICERS],
    access: ['table:read', 'table:write', 'files:write'],
  },
  {
    method: 'POST',
    path: '/dossiers',
    file: DOSSIERS,
    export: 'createDossier',
    roles: ['citizen', 'receiver'],
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:start', 'notify'],
  },
  {
    method: 'GET',
    path: '/dossiers',
    file: DOSSIERS,
    export: 'listDossiers',
    roles: ['citizen', ...OFFICERS],
    access: READ,
  },
  {
    method: 'GET',
    path: '/dossiers/{code}',
    file: DOSSIERS,
    export: 'getDossier',
    roles: ['citizen', ...OFFICERS, 'integration'],
    access: ['table:read', 'files:read'],
  },
  {
    method: 'GET',
    path: '/dossiers/{code}/forms/{form}',
    file: DOSSIERS,
    export: 'getDossierForm',
    roles: ['citizen', ...OFFICERS],
    access: READ,
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/rating',
    file: DOSSIERS,
    export: 'rateDossier',
    roles: ['citizen'],
    access: ['table:read', 'table:write'],
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/supplement',
    file: DOSSIERS,
    export: 'supplementDossier',
    roles: ['citizen', 'receiver'],
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:callback'],
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/withdraw',
    file: DOSSIERS,
    export: 'withdrawDossier',
    roles: ['citizen'],
    access: ['table:read', 'table:write', 'workflow:callback', 'notify'],
  },
  {
    method: 'GET',
    path: '/tasks',
    file: TASKS,
    export: 'listTasks',
    roles: [...OFFICERS, 'integration'],
    access: READ,
  },
  {
    method: 'POST',
    path: '/tasks/{id}/decision',
    file: TASKS,
    export: 'decide',
    roles: [...OFFICERS, 'integration'],
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'workflow:callback'],
  },
  {
    method: 'GET',
    path: '/lookup/{code}',
    file: 'functions/api/lookup.ts',
    export: 'lookupDossier',
    roles: 'public',
    access: READ,
  },
];

/** A stable, CloudFormation-safe name for a route's function: `GetDossiersCode`, `PostTasksIdDecision`. */
export function routeName(route: Route): string {
  const words = route.path.split(/[/{}]+/).filter(Boolean);
  return [route.method.toLowerCase(), ...words].map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
