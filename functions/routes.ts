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
}

const OFFICERS: Role[] = ['receiver', 'specialist', 'leader'];

/** THE route table: CDK creates exactly these routes, the local gateway serves exactly these. */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/agencies', file: 'functions/api/catalogue.ts', export: 'listAgencies', roles: 'public' },
  { method: 'GET', path: '/procedures', file: 'functions/api/catalogue.ts', export: 'listProcedures', roles: 'public' },
  {
    method: 'GET',
    path: '/procedures/{id}',
    file: 'functions/api/catalogue.ts',
    export: 'getProcedure',
    roles: 'public',
  },
  {
    method: 'POST',
    path: '/uploads',
    file: 'functions/api/uploads.ts',
    export: 'createUpload',
    roles: ['citizen', ...OFFICERS],
  },
  {
    method: 'POST',
    path: '/dossiers',
    file: 'functions/api/dossiers.ts',
    export: 'createDossier',
    roles: ['citizen', 'receiver'],
  },
  {
    method: 'GET',
    path: '/dossiers',
    file: 'functions/api/dossiers.ts',
    export: 'listDossiers',
    roles: ['citizen', ...OFFICERS],
  },
  {
    method: 'GET',
    path: '/dossiers/{code}',
    file: 'functions/api/dossiers.ts',
    export: 'getDossier',
    roles: ['citizen', ...OFFICERS],
  },
  {
    method: 'POST',
    path: '/dossiers/{code}/rating',
    file: 'functions/api/dossiers.ts',
    export: 'rateDossier',
    roles: ['citizen'],
  },
  { method: 'GET', path: '/tasks', file: 'functions/api/tasks.ts', export: 'listTasks', roles: OFFICERS },
  { method: 'POST', path: '/tasks/{id}/decision', file: 'functions/api/tasks.ts', export: 'decide', roles: OFFICERS },
  { method: 'GET', path: '/lookup/{code}', file: 'functions/api/lookup.ts', export: 'lookupDossier', roles: 'public' },
];

/** A stable, CloudFormation-safe name for a route's function: `GetDossiersCode`, `PostTasksIdDecision`. */
export function routeName(route: Route): string {
  const words = route.path.split(/[/{}]+/).filter(Boolean);
  return [route.method.toLowerCase(), ...words].map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
