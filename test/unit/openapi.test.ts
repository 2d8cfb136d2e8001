import { describe, expect, it } from 'vitest';
import { routeSpecs } from '../../functions/api/openapi';
import { openApiDocument } from '../../functions/http/openapi';
import { ROUTES } from '../../functions/routes';

describe('OpenAPI document generated from the handlers’ zod schemas', () => {
  const document = openApiDocument(routeSpecs());

  it('describes every route of the route table, with its path parameters and JWT where needed', () => {
    for (const route of ROUTES.filter((r) => r.path !== '/openapi.json')) {
      const operation = (document.paths[route.path] as Record<string, any>)?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(operation.parameters.filter((p: any) => p.in === 'path').map((p: any) => p.name)).toEqual(pathNames);
      expect(operation.security).toEqual(route.roles === 'public' ? [] : [{ jwt: [] }]);
    }
  });

  it('states the same body rules the handlers enforce (12-digit ID number, Idempotency-Key)', () => {
    const create = (document.paths['/dossiers'] as any).post;
    const applicant = create.requestBody.content['application/json'].schema.properties.applicant;
    expect(applicant.properties.idNumber.pattern).toBe('^\\d{12}$');
    expect(create.parameters.map((p: any) => p.name)).toContain('Idempotency-Key');
    expect(
      (document.paths['/tasks/{id}/decision'] as any).post.requestBody.content['application/json'].schema.required,
    ).toEqual(['decision']);
  });
});
