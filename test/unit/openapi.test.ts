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

  it('documents the success status each route answers with (the handlers reply with the same spec)', () => {
    const success = (path: string, method: string) =>
      Object.keys((document.paths[path] as any)[method].responses).filter((status) => status.startsWith('2'));
    expect(success('/dossiers', 'post')).toEqual(['201']);
    expect(success('/uploads', 'post')).toEqual(['201']);
    expect(success('/tasks/{id}/decision', 'post')).toEqual(['202']);
    expect(success('/dossiers/{code}/supplement', 'post')).toEqual(['202']);
    expect(success('/dossiers/{code}/withdraw', 'post')).toEqual(['200']);
    expect(success('/dossiers/{code}', 'get')).toEqual(['200']);
    const header = (document.paths['/dossiers'] as any).post.parameters.find((p: any) => p.in === 'header');
    expect(header).toMatchObject({ name: 'Idempotency-Key', required: true, schema: { minLength: 8, maxLength: 128 } });
  });

  it('describes the body of every success reply (end-to-end tests check real replies against these schemas)', () => {
    for (const route of ROUTES.filter((r) => r.path !== '/openapi.json')) {
      const responses = (document.paths[route.path] as any)[route.method.toLowerCase()].responses;
      const success = Object.entries(responses).find(([status]) => status.startsWith('2'))![1] as any;
      const media =
        route.path.startsWith('/docs') || route.path.startsWith('/dashboard')
          ? ['text/html', 'text/javascript', 'text/css']
          : route.path.endsWith('.xlsx')
            ? ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']
            : ['application/json'];
      expect(Object.keys(success.content ?? {}), `${route.method} ${route.path}`).toEqual([expect.toBeOneOf(media)]);
      expect(Object.values(success.content)[0], `${route.method} ${route.path}`).toHaveProperty('schema');
    }
    const created = (document.paths['/dossiers'] as any).post.responses['201'].content['application/json'].schema;
    expect(created.required).toEqual(expect.arrayContaining(['code', 'status', 'statusCode', 'receiptUrl']));
  });
});
