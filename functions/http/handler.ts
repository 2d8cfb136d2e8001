import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import type { Actor, Role } from '../domain/dossier';
import { AppError } from '../domain/errors';
import { lambdaContextLogging, logger, logUnhandled } from '../observability';
import { actorFromEvent } from './auth';
import { type PublicRoute, type RouteKey, rolesOf } from './authorization';

/** Bodies above this are refused before parsing (API Gateway itself caps payloads at 10 MB). */
export const MAX_BODY_BYTES = 256 * 1024;

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export interface Spec<
  B extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
> {
  /** The route: its roles come from the authorisation matrix; `public` routes take no token. */
  route: RouteKey;
  body?: B;
  path?: P;
  query?: Q;
  /** Request headers the route requires (documented; the handler checks them with its own error code). */
  headers?: z.ZodObject;
  /** The status of a success (default 200): replies use it unless they say otherwise, and the contract says it. */
  status?: 200 | 201 | 202;
  /** The body of a success, as the contract documents it (end-to-end tests check real replies against it). */
  response?: z.ZodType;
  /** The media type of a success that has no response schema (a page, a static asset, the contract itself). */
  media?: string;
  /** `dvcqg`: errors also carry the national portal's `error_code` (non-zero) and `message`, for its adapter. */
  errorStyle?: 'dvcqg';
}

/** What a route does besides answering when a client's request is refused (4xx): e.g. tell another system. */
export interface HandlerOptions {
  onClientError?: (error: AppError, event: HttpEvent) => Promise<void>;
}

export interface Request<B, P, Q> {
  body: B;
  path: P;
  query: Q;
  actor: Actor;
  headers: Record<string, string | undefined>;
  event: HttpEvent;
}
export type PublicRequest<B, P, Q> = Omit<Request<B, P, Q>, 'actor'> & { actor?: Actor };

export type HttpHandler = middy.MiddyfiedHandler<HttpEvent, APIGatewayProxyStructuredResultV2> & { spec: Spec };

export type Reply = JsonReply | ContentReply;
export interface JsonReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}
/** A reply that is not JSON (an HTML page, a static asset): bytes travel base64-encoded, as API Gateway wants. */
export interface ContentReply {
  status?: number;
  content: { type: string; data: string | Uint8Array };
  headers?: Record<string, string>;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return (value ?? {}) as z.infer<T>;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new AppError(
    'validation',
    'VALIDATION_FAILED',
    'Dữ liệu không hợp lệ (validation failed)',
    result.error.issues.map((issue) => ({ in: where, field: issue.path.join('.'), message: issue.message })),
  );
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** Errors → `{ error: { code, message, details } }`. Only errors meant for the client say anything; a 500 says nothing. */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof AppError) {
    return json(error.statusCode, {
      error: { code: error.code, message: error.message, details: error.details ?? null },
    });
  }
  const httpError = error as { statusCode?: number; cause?: { package?: string; message?: string; data?: unknown } };
  if (httpError.cause?.package === '@middy/http-json-body-parser') {
    if (httpError.cause.message !== undefined || httpError.cause.data === undefined) {
      return json(400, {
        error: {
          code: 'INVALID_JSON',
          message: 'Nội dung yêu cầu không phải JSON hợp lệ (malformed JSON body)',
          details: null,
        },
      });
    }
    return json(415, {
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type phải là application/json', details: null },
    });
  }
  logUnhandled('unhandled error', error);
  return json(500, {
    error: { code: 'INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau (internal error)', details: null },
  });
}

/** Our error envelope plus the national portal's own fields: a non-zero `error_code` (the status) and `message`. */
function portalStyle(body: string, status: number) {
  const parsed = JSON.parse(body) as { error: { message: string } };
  return JSON.stringify({ ...parsed, error_code: status, message: parsed.error.message });
}

/**
 * One structured line per request at DEBUG (API Gateway's access log already records every request): route, status,
 * caller role, duration. Never the body, the query, the path values or the token: personal data stays out of the
 * logs (test/e2e/log-privacy.test.ts scans them at DEBUG).
 */
function requestLog(route: RouteKey): middy.MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2> {
  const started = new WeakMap<object, number>();
  const write = (request: middy.Request<HttpEvent, APIGatewayProxyStructuredResultV2>) => {
    const claims = request.event.requestContext?.authorizer?.jwt?.claims;
    logger.debug('request', {
      route,
      status: request.response?.statusCode,
      role: typeof claims?.role === 'string' ? claims.role : undefined,
      ms: Date.now() - (started.get(request) ?? Date.now()),
    });
  };
  return {
    before: (request) => {
      started.set(request, Date.now());
    },
    after: write,
    onError: write,
  };
}

function bodySizeLimit(): middy.MiddlewareObj<HttpEvent> {
  return {
    before: (request) => {
      const body = request.event.body;
      const bytes = body
        ? request.event.isBase64Encoded
          ? Math.floor((body.length * 3) / 4)
          : Buffer.byteLength(body)
        : 0;
      if (bytes > MAX_BODY_BYTES) {
        throw new AppError('payload_too_large', 'PAYLOAD_TOO_LARGE', `Nội dung vượt quá ${MAX_BODY_BYTES} byte`);
      }
    },
  };
}

function authorize(roles: readonly Role[] | 'public'): middy.MiddlewareObj<HttpEvent> {
  return {
    before: (request) => {
      const actor = actorFromEvent(request.event);
      if (roles === 'public') return;
      if (!actor) throw new AppError('unauthenticated', 'UNAUTHENTICATED', 'Cần đăng nhập (authentication required)');
      if (!roles.includes(actor.role)) {
        throw new AppError('forbidden', 'ROLE_NOT_ALLOWED', `Vai trò ${actor.role} không được phép gọi chức năng này`);
      }
    },
  };
}

/**
 * The middy stack of every API handler: header normalisation, body size limit, JSON parsing (for routes with a body),
 * role check, zod validation of path, query and body, and one error mapping. The handler itself only decides.
 */
export function httpHandler<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType>(
  spec: Spec<B, P, Q> & { route: Exclude<RouteKey, PublicRoute> },
  fn: (req: Request<z.infer<B>, z.infer<P>, z.infer<Q>>) => Promise<Reply>,
  options?: HandlerOptions,
): HttpHandler;
export function httpHandler<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType>(
  spec: Spec<B, P, Q> & { route: PublicRoute },
  fn: (req: PublicRequest<z.infer<B>, z.infer<P>, z.infer<Q>>) => Promise<Reply>,
  options?: HandlerOptions,
): HttpHandler;
export function httpHandler<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType>(
  spec: Spec<B, P, Q>,
  // biome-ignore lint/suspicious/noExplicitAny: the overloads above give callers their precise request type
  fn: (req: any) => Promise<Reply>,
  options: HandlerOptions = {},
): HttpHandler {
  const core = async (event: HttpEvent): Promise<APIGatewayProxyStructuredResultV2> => {
    const reply = await fn({
      body: parse(spec.body, event.body, 'body'),
      path: parse(spec.path, event.pathParameters, 'path'),
      query: parse(spec.query, event.queryStringParameters, 'query'),
      actor: actorFromEvent(event),
      headers: (event.headers ?? {}) as Record<string, string | undefined>,
      event,
    });
    const status = reply.status ?? spec.status ?? 200;
    if (!('content' in reply)) return json(status, reply.body, reply.headers);
    const { type, data } = reply.content;
    const bytes = typeof data !== 'string';
    return {
      statusCode: status,
      headers: { 'content-type': type, 'x-content-type-options': 'nosniff', ...reply.headers },
      body: bytes ? Buffer.from(data).toString('base64') : data,
      isBase64Encoded: bytes,
    };
  };
  const handler = middy<HttpEvent, APIGatewayProxyStructuredResultV2>(core)
    .use(lambdaContextLogging())
    .use(httpHeaderNormalizer())
    .use(bodySizeLimit())
    .use(authorize(rolesOf(spec.route)));
  if (spec.body) handler.use(httpJsonBodyParser());
  handler.use({
    onError: async (request) => {
      let error: unknown = request.error;
      if (error instanceof AppError && error.statusCode < 500 && options.onClientError) {
        // If telling fails, the client hears a 500 and sends again: the refusal is not lost.
        await options.onClientError(error, request.event).catch((failure: unknown) => {
          error = failure;
        });
      }
      const response = errorResponse(error);
      if (spec.errorStyle === 'dvcqg') response.body = portalStyle(response.body as string, response.statusCode!);
      request.response = response;
    },
  });
  handler.use(requestLog(spec.route));
  // The spec travels with the handler: the OpenAPI document is generated from these very schemas.
  return Object.assign(handler, { spec: spec as Spec });
}
