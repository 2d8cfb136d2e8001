import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Route } from '../../functions/routes';
import type { LocalIdentity } from './identity';
import { lambdaContext } from './lambda-context';
import { meter } from './metering';

export type ApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;
export type LocalRoute = (req: IncomingMessage, body: string, url: URL) => Promise<{ status: number; body: unknown }>;

/** API Gateway HTTP APIs refuse request payloads above 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const NO_BODY = Buffer.alloc(0);

const envelope = (code: string, message: string) => ({ error: { code, message, details: null } });

function compile(path: string) {
  const names: string[] = [];
  const pattern = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${pattern}$`), names };
}

/**
 * The local HTTP API: turns requests into API Gateway v2 events for the handlers of the route table, after verifying
 * JWTs as the HTTP API's JWT authorizer would (public routes get no claims, exactly as on AWS).
 */
export class LocalGateway {
  private server?: Server;
  private readonly compiled: { route: Route; handler: ApiHandler; regex: RegExp; names: string[] }[];
  /** The development routes with a path parameter, matched on `METHOD /path` (compiled once). */
  private readonly localPatterns: { regex: RegExp; route: LocalRoute }[];

  constructor(
    routes: { route: Route; handler: ApiHandler }[],
    private readonly identity: LocalIdentity,
    private readonly localRoutes: Record<string, LocalRoute>,
  ) {
    this.compiled = routes.map((r) => ({ ...r, ...compile(r.route.path) }));
    this.localPatterns = Object.entries(localRoutes)
      .filter(([key]) => key.includes('{'))
      .map(([key, route]) => ({ regex: compile(key).regex, route }));
  }

  async listen(port: number): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Node answers an over-long request line or header block itself, with an empty body; answer in the envelope.
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return socket.destroy();
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      const body = JSON.stringify(
        tooLarge
          ? envelope('REQUEST_HEADER_TOO_LARGE', 'Đường dẫn hoặc header quá dài (request line or headers too large)')
          : envelope('BAD_REQUEST', 'Yêu cầu HTTP không hợp lệ (malformed HTTP request)'),
      );
      socket.end(
        `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close() {
    this.server?.closeAllConnections?.();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    try {
      let body = NO_BODY;
      // An HTTP/1.1 request has a body only if it says its length or its transfer encoding: a GET reads nothing.
      if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of req) {
          size += (chunk as Buffer).length;
          if (size > MAX_PAYLOAD_BYTES)
            return this.send(res, 413, envelope('PAYLOAD_TOO_LARGE', 'Request Entity Too Large'));
          chunks.push(chunk as Buffer);
        }
        body = Buffer.concat(chunks);
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = (req.method ?? 'GET').toUpperCase();
      const key = `${method} ${url.pathname}`;
      const local = this.localRoutes[key] ?? this.localPatterns.find(({ regex }) => regex.test(key))?.route;
      if (local) {
        const reply = await local(req, body.toString('utf8'), url);
        return this.send(res, reply.status, reply.body);
      }
      meter.apiRequests++;
      let matched: (typeof this.compiled)[number] | undefined;
      let params: RegExpExecArray | null = null;
      let pathExists = false;
      for (const candidate of this.compiled) {
        const m = candidate.regex.exec(url.pathname);
        if (!m) continue;
        pathExists = true;
        if (candidate.route.method === method) {
          matched = candidate;
          params = m;
          break;
        }
      }
      if (!matched || !params) {
        return this.send(
          res,
          pathExists ? 405 : 404,
          envelope(pathExists ? 'METHOD_NOT_ALLOWED' : 'ROUTE_NOT_FOUND', 'Not Found'),
        );
      }
      const pathParameters: Record<string, string> = {};
      try {
        matched.names.forEach((name, i) => {
          pathParameters[name] = decodeURIComponent(params![i + 1]!);
        });
      } catch {
        return this.send(res, 400, envelope('INVALID_PATH', 'Đường dẫn không hợp lệ (malformed path encoding)'));
      }
      let claims: Record<string, string | number | boolean | string[]> | undefined;
      if (matched.route.roles !== 'public') {
        claims = await this.identity.verify(String(req.headers.authorization ?? ''));
        if (!claims)
          return this.send(res, 401, envelope('UNAUTHENTICATED', 'Unauthorized'), { 'www-authenticate': 'Bearer' });
      }
      const event = this.event(req, url, method, matched.route, pathParameters, body, claims);
      const result = await meter.invoke(`${matched.route.method} ${matched.route.path}`, () =>
        matched.handler(event, lambdaContext(matched.route.export)),
      );
      const payload = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
      this.send(res, result.statusCode ?? 200, payload, (result.headers ?? {}) as Record<string, string>);
    } catch {
      if (!res.headersSent) this.send(res, 500, envelope('INTERNAL', 'Internal Server Error'));
    }
  }

  private event(
    req: IncomingMessage,
    url: URL,
    method: string,
    route: Route,
    pathParameters: Record<string, string>,
    body: Buffer,
    claims: Record<string, unknown> | undefined,
  ): APIGatewayProxyEventV2WithJWTAuthorizer {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
    const contentType = String(req.headers['content-type'] ?? '');
    const textual =
      body.length === 0 || /^(application\/(json|x-www-form-urlencoded|xml)|text\/)|\+json/.test(contentType);
    const now = Date.now();
    return {
      version: '2.0',
      routeKey: `${route.method} ${route.path}`,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: String(req.headers.host ?? 'localhost'),
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: String(req.headers['user-agent'] ?? ''),
        },
        requestId: randomUUID(),
        routeKey: `${route.method} ${route.path}`,
        stage: '$default',
        time: new Date(now).toISOString(),
        timeEpoch: now,
        authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: (claims ?? {}) as never, scopes: [] } },
      },
      ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !textual,
    } as APIGatewayProxyEventV2WithJWTAuthorizer;
  }
}
