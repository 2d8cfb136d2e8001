import * as z from 'zod';
import type { Route } from '../routes';
import type { Spec } from './handler';

const ERROR_RESPONSE = {
  description: 'Error envelope',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message', 'details'],
            properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
          },
        },
      },
    },
  },
};

/** The envelope, plus the national portal's own `error_code` (the status) and `message`, for its adapter's routes. */
const PORTAL_ERROR_RESPONSE = {
  description: "Error envelope, with the national portal's error_code and message",
  content: {
    'application/json': {
      schema: {
        ...ERROR_RESPONSE.content['application/json'].schema,
        required: ['error', 'error_code', 'message'],
        properties: {
          ...ERROR_RESPONSE.content['application/json'].schema.properties,
          error_code: { type: 'integer', description: 'The HTTP status: non-zero, as the portal reports a failure' },
          message: { type: 'string' },
        },
      },
    },
  },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

/** Path, query or header parameters of an object schema, as OpenAPI parameter objects. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query' | 'header') {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the route table and the zod schemas each handler
 * validates with — the full contract front ends rely on (../shared/API.md is its summary).
 */
export function openApiDocument(entries: { route: Route; spec: Spec }[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { route, spec } of entries) {
    const operation: Record<string, unknown> = {
      operationId: route.export,
      parameters: [
        ...parameters(spec.path, 'path'),
        ...parameters(spec.query, 'query'),
        ...parameters(spec.headers, 'header'),
      ],
      responses: {
        [String(spec.status ?? 200)]: {
          description: 'Success',
          ...(spec.response
            ? { content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } }
            : spec.media
              ? {
                  content: {
                    [spec.media]: { schema: { type: spec.media === 'application/json' ? 'object' : 'string' } },
                  },
                }
              : {}),
        },
        '4XX': spec.errorStyle === 'dvcqg' ? PORTAL_ERROR_RESPONSE : ERROR_RESPONSE,
      },
      ...(route.roles === 'public' ? { security: [] } : { security: [{ jwt: [] }], 'x-motcua-roles': route.roles }),
    };
    if (spec.body)
      operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } };
    paths[route.path] = { ...(paths[route.path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'motcua — HTTP API v1',
      version: '1.0.0',
      description: 'Một cửa điện tử: one-stop shop backend of a province.',
    },
    components: { securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
