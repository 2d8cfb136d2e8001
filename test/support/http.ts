import { expect } from 'vitest';
import { SPECS } from '../../functions/api/specs';
import type { Spec } from '../../functions/http/handler';
import { ROUTES } from '../../functions/routes';

/** Every route's path as a pattern, to find the contract of a reply. */
const CONTRACT = ROUTES.map((route) => ({
  method: route.method,
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`),
  spec: SPECS[`${route.method} ${route.path}` as keyof typeof SPECS] as Spec,
}));

/**
 * The contract test: a success reply must match the schema GET /openapi.json documents for its route (an
 * undocumented field, a wrong type or a missing one fails the test that made the call).
 */
function checkContract(method: string, path: string, status: number, body: unknown) {
  if (status < 200 || status >= 300) return;
  const pathname = path.split('?')[0]!;
  const entry = CONTRACT.find((c) => c.method === method && c.pattern.test(pathname));
  if (!entry) return;
  const documented = entry.spec.status ?? 200;
  if (status !== documented)
    throw new Error(`${method} ${pathname} answered ${status}, the contract says ${documented}`);
  const checked = entry.spec.response?.safeParse(body);
  if (checked && !checked.success) {
    throw new Error(
      `${method} ${pathname}: the reply does not match its contract: ${JSON.stringify(checked.error.issues)}`,
    );
  }
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client that knows only API.md: JSON over HTTP, a bearer token, an Idempotency-Key when asked. */
export function apiClient(baseUrl: string) {
  async function call<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text so the assertion shows it
    }
    checkContract(method, path, response.status, parsed);
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  async function login(username: string, role: string, agencyId?: string): Promise<string> {
    const reply = await call('POST', '/local/login', { body: { username, role, ...(agencyId ? { agencyId } : {}) } });
    expect(reply.status).toBe(200);
    return reply.body.token;
  }

  /** Presigned POST: the client sends `fields` then `file` to `url`, as API.md says. */
  async function upload(
    token: string,
    fileName: string,
    content: string | Uint8Array,
    contentType = 'application/pdf',
  ) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const ticket = await call('POST', '/uploads', { token, body: { fileName, contentType, size: bytes.length } });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const form = new FormData();
    for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([bytes], { type: contentType }), fileName);
    const s3 = await fetch(ticket.body.url, { method: 'POST', body: form });
    return {
      uploadId: ticket.body.uploadId as string,
      s3Status: s3.status,
      s3Body: await s3.text(),
      ticket: ticket.body,
    };
  }

  /** Polls until the predicate holds: the flow moves on asynchronously. */
  async function until<T>(
    read: () => Promise<T>,
    predicate: (value: T) => boolean,
    what: string,
    timeoutMs = 15_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: T = await read();
    while (!predicate(last)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 50));
      last = await read();
    }
    return last;
  }

  /** The open task of a step of a dossier in the caller's inbox, once the step waits (token attached, version ≥ 2). */
  async function taskOf(token: string, code: string, stepId: string) {
    const reply = await until(
      () => call('GET', '/tasks', { token }),
      (r) => r.body.items.some((t: any) => t.dossierCode === code && t.stepId === stepId && t.version >= 2),
      `${stepId} of ${code}`,
    );
    return reply.body.items.find((t: any) => t.dossierCode === code && t.stepId === stepId);
  }

  /** Decides a task and expects it accepted (202). */
  async function decide(token: string, task: { id: string }, body: Record<string, unknown>) {
    const reply = await call('POST', `/tasks/${task.id}/decision`, { token, body });
    expect(reply.status, JSON.stringify(reply.body)).toBe(202);
    return reply.body;
  }

  /**
   * A citizen's online submission of the criminal-record procedure (2.000488) with its two documents uploaded:
   * the dossier code of the 201.
   */
  async function submitSample(
    token: string,
    applicant: Record<string, unknown>,
    key: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const documents = [];
    for (const c of ['TO_KHAI', 'CCCD'])
      documents.push({ componentCode: c, uploadId: (await upload(token, `${c}.pdf`, '%PDF')).uploadId });
    const created = await call('POST', '/dossiers', {
      token,
      body: { procedureId: '2.000488', applicant, documents, ...extra },
      headers: { 'idempotency-key': key },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.code;
  }

  return { call, login, upload, until, taskOf, decide, submitSample };
}
