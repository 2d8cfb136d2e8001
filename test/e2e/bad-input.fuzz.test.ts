import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { apiClient, type Reply } from '../support/http';

const PROCEDURE = '2.000488';
const APPLICANT = { fullName: 'Nguyễn Văn Fuzz', idNumber: '025090009999', phone: '0912345678' };

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;
let tokens: (string | undefined)[];
/** Real, unused uploads of the citizen and of the receiver: a body that slipped through validation would use them. */
let documents: { componentCode: string; uploadId: string }[][];
/** Cursors an attacker would try: real ones of another caller or query, tampered, forged, unsigned. */
let cursors: string[];

async function uploadsFor(token: string) {
  const procedure = await api.call('GET', `/procedures/${PROCEDURE}`);
  const mandatory = (procedure.body.components as { code: string; mandatory: boolean }[]).filter((c) => c.mandatory);
  const uploaded = [];
  for (const component of mandatory) {
    const { uploadId, s3Status } = await api.upload(token, `${component.code}.pdf`, `%PDF-1.7 ${component.code}`);
    expect(s3Status).toBeLessThan(300);
    uploaded.push({ componentCode: component.code, uploadId });
  }
  return uploaded;
}

async function submitValid(token: string, key: string) {
  const body = { procedureId: PROCEDURE, applicant: APPLICANT, documents: await uploadsFor(token) };
  const reply = await api.call('POST', '/dossiers', { token, body, headers: { 'idempotency-key': key } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
  tokens = [
    undefined,
    await api.login('fuzz-citizen', 'citizen'),
    await api.login('fuzz-receiver', 'receiver', '000.00.01.H45'),
    await api.login('fuzz-leader', 'leader', '000.00.12.H45'),
    await api.login('fuzz-operator', 'operator'),
    await api.login('fuzz-specialist', 'specialist', '000.00.12.H45'),
    await api.login('fuzz-tax', 'integration', '000.50.01.H45'),
    await api.login('fuzz-admin', 'admin'),
    await api.login('fuzz-other-citizen', 'citizen'),
  ];
  // Two dossiers of the other citizen, so that their listing has a real second page.
  await submitValid(tokens[8]!, 'fuzz-setup-0001');
  await submitValid(tokens[8]!, 'fuzz-setup-0002');
  const other = await api.call('GET', '/dossiers?limit=1', { token: tokens[8] });
  const otherCursor: string = other.body.nextCursor;
  expect(otherCursor).toEqual(expect.any(String));
  const inbox = await api.until(
    () => api.call('GET', '/tasks?limit=1', { token: tokens[2] }),
    (r) => typeof r.body.nextCursor === 'string',
    'a second inbox page at the PASC',
  );
  const [payload, signature] = otherCursor.split('.');
  const otherCode: string = other.body.items[0].code;
  cursors = [
    'eyJwayI6IngifQ',
    'eyJnc2kxcGsiOiJ4In0',
    otherCursor,
    inbox.body.nextCursor,
    `${payload}.${signature!.slice(0, -3)}abc`,
    `${b64({ pk: `D#${otherCode}`, sk: 'DOSSIER', gsi2pk: 'APPLICANT#fuzz-other-citizen', gsi2sk: `x#${otherCode}` })}.${signature}`,
    b64({ pk: `D#${otherCode}`, sk: 'DOSSIER', gsi2pk: 'APPLICANT#fuzz-other-citizen', gsi2sk: `x#${otherCode}` }),
    b64({ gsi1pk: 'INBOX#000.00.12.H45#specialist', gsi1sk: 'x', pk: 'x', sk: 'y' }),
    b64({ pk: { S: 'x' } }),
  ];
  documents = [await uploadsFor(tokens[1]!), await uploadsFor(tokens[2]!)];
}, 120_000);
afterAll(() => runtime?.close());

/** Strings that break naive code: combining diacritics, NUL, RTL overrides, traversal, huge, unpaired surrogates. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '../../etc/passwd',
    '..%2F..%2F',
    'Nguye\u0302\u0303n',
    '\u0000',
    '\u202eevil',
    '\ud800',
    '%',
    '{"$gt":""}',
    ' ',
    '000.00.01.H45-260302-0001',
    '000.00.01.H45-260302-0001.1',
    '1.004194',
  ),
  fc.string({ minLength: 5000, maxLength: 20000 }),
);
const json = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(nasty, fc.jsonValue()),
  fc.array(fc.anything()).map((v) => JSON.parse(JSON.stringify(v) ?? 'null')),
);
/** A valid submission with real uploads and exactly one field made invalid: validation must catch that one field. */
const notTwelveDigits = nasty.filter((v) => !/^\d{12}$/.test(v));
const nearlyValid = fc
  .record({
    uploads: fc.integer({ min: 0, max: 1 }),
    defect: fc.oneof(
      notTwelveDigits.map((idNumber) => ({ applicant: { ...APPLICANT, idNumber } })),
      fc
        .oneof(
          fc.integer(),
          fc.constant(null),
          nasty.filter((v) => v !== PROCEDURE),
        )
        .map((procedureId) => ({ procedureId })),
      fc.constant({ documents: [] }),
      nasty.map((componentCode) => ({ component: componentCode })),
      fc
        .dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue(), { minKeys: 1, maxKeys: 2 })
        .map((extra) => ({
          extra: Object.fromEntries(Object.entries(extra).map(([k, v]) => [`x_${k}`, v])),
        })),
    ),
  })
  .map(({ uploads, defect }) => {
    const docs = documents[uploads]!.map((d, i) =>
      'component' in defect && i === 0 ? { ...d, componentCode: `${defect.component}\u0000` } : d,
    );
    const { component: _c, extra, ...fields } = defect as Record<string, unknown>;
    return JSON.stringify({
      procedureId: PROCEDURE,
      applicant: APPLICANT,
      documents: docs,
      ...fields,
      ...(extra as object | undefined),
    });
  });
const bodies = fc.oneof(
  nearlyValid,
  json.map((v) => JSON.stringify(v)),
  nasty,
  fc.constant('{"procedureId":'),
  fc
    .record({
      procedureId: nasty,
      applicant: fc.dictionary(nasty, nasty),
      documents: fc.array(fc.dictionary(nasty, nasty)),
    })
    .map((v) => JSON.stringify(v)),
  fc.record({ decision: nasty, note: nasty, version: fc.anything() }).map((v) => JSON.stringify(v) ?? ''),
  // The right fields with the wrong types.
  fc
    .record({
      procedureId: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())),
      applicant: fc.oneof(fc.string(), fc.integer(), fc.record({ idNumber: fc.integer(), fullName: fc.boolean() })),
      documents: fc.oneof(fc.string(), fc.dictionary(fc.string(), fc.integer())),
      caseId: fc.anything(),
    })
    .map((v) => JSON.stringify(v) ?? ''),
  fc
    .record({
      decision: fc.oneof(fc.integer(), fc.constant('approve'), fc.constant('forward')),
      agencyId: nasty,
      dueAt: nasty,
      version: fc.oneof(fc.string(), fc.double()),
      documents: fc.anything(),
    })
    .map((v) => JSON.stringify(v) ?? ''),
  fc
    .record({ fileName: nasty, contentType: nasty, size: fc.oneof(fc.double(), fc.string(), fc.bigInt().map(String)) })
    .map((v) => JSON.stringify(v)),
);

/** Percent-encodes every UTF-8 byte (lone surrogates included), keeping some slashes raw to probe traversal. */
function fill(path: string, values: string[]) {
  let i = 0;
  return path.replace(/\{\w+\}/g, () =>
    [...Buffer.from(values[i++] ?? '', 'utf8')]
      .map((b) => (b === 0x2f && i % 2 ? '/' : `%${b.toString(16).padStart(2, '0')}`))
      .join(''),
  );
}

/** Every dossier every caller can list, all pages: what a request that slipped through would change. */
async function dossiersOfEveryone(): Promise<string[]> {
  const seen = new Set<string>();
  for (const token of tokens.filter(Boolean)) {
    let cursor: string | null = null;
    do {
      const reply: Reply = await api.call('GET', `/dossiers?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
      if (reply.status === 403) break; // a role with no dossier listing (operator, admin, integration)
      expect(reply.status).toBe(200);
      for (const item of reply.body.items) seen.add(`${item.code}:${item.status}`);
      cursor = reply.body.nextCursor;
    } while (cursor);
  }
  return [...seen].sort();
}

describe('bad input never produces a 5xx (fast-check over every route)', () => {
  it('answers arbitrary bodies, paths, queries and headers with a 4xx error envelope and changes nothing', async () => {
    const before = await dossiersOfEveryone();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.array(nasty, { minLength: 2, maxLength: 2 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), nasty, { maxKeys: 3 }),
        bodies,
        fc.integer({ min: 0, max: 8 }),
        fc.option(fc.oneof(nasty, fc.constantFrom('fuzz-key-0001', 'fuzz-key-0002'))),
        fc.option(fc.oneof(fc.constantFrom(...cursors), nasty)),
        async (route, params, query, body, who, idempotencyKey, cursor) => {
          const search = new URLSearchParams({ ...query, ...(cursor === null ? {} : { cursor }) }).toString();
          const path = `${fill(route.path, params)}${search ? `?${search}` : ''}`;
          const headers: Record<string, string> = {};
          if (idempotencyKey !== null && /^[\x20-\x7e]*$/.test(idempotencyKey))
            headers['idempotency-key'] = idempotencyKey;
          const reply = await api.call(route.method, path, {
            token: tokens[who],
            ...(route.method === 'POST' ? { raw: body } : {}),
            headers,
          });
          expect(
            reply.status,
            `${route.method} ${path.slice(0, 200)} → ${String(JSON.stringify(reply.body)).slice(0, 300)}`,
          ).toBeLessThan(500);
          if (reply.status >= 400) {
            expect(reply.body?.error, `${route.method} ${path.slice(0, 200)} → ${reply.status}`).toMatchObject({
              code: expect.any(String),
              message: expect.any(String),
            });
          }
        },
      ),
      { numRuns: 500, endOnFailure: true },
    );
    expect(await dossiersOfEveryone()).toEqual(before);
    // The check above sees a change: one valid submission shows up in it.
    await submitValid(tokens[1]!, 'fuzz-after-0001');
    expect((await dossiersOfEveryone()).length).toBeGreaterThan(before.length);
  }, 240_000);

  it('refuses every cursor it did not issue for this query and caller with 400 INVALID_CURSOR', async () => {
    for (const [who, path] of [
      [1, '/dossiers'],
      [2, '/dossiers'],
      [2, '/tasks'],
      [5, '/tasks'],
      [8, '/dossiers?status=SUBMITTED'],
    ] as const) {
      for (const cursor of cursors) {
        const own = (who === 8 && cursor === cursors[2]) || (who === 2 && path === '/tasks' && cursor === cursors[3]);
        const reply = await api.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=1&cursor=${cursor}`, {
          token: tokens[who],
        });
        if (own) continue;
        expect(reply.status, `${path} ${cursor}`).toBe(400);
        expect(reply.body.error.code).toBe('INVALID_CURSOR');
      }
    }
    // The caller's own cursor, on the query it came from, pages on.
    const next = await api.call('GET', `/dossiers?limit=1&cursor=${cursors[2]}`, { token: tokens[8] });
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const reply = await api.call('POST', '/dossiers', {
      token: tokens[1],
      raw: JSON.stringify({ procedureId: '2.000488', padding: 'x'.repeat(300 * 1024) }),
      headers: { 'idempotency-key': 'too-big-000001' },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads a body sent in chunks, without a length', async () => {
    const payload = JSON.stringify({
      procedureId: PROCEDURE,
      applicant: APPLICANT,
      documents: await uploadsFor(tokens[1]!),
    });
    // node:http sends a body written in two parts, with no content-length, chunked.
    const reply = await new Promise<{ status: number; chunked: boolean; body: { code?: string } }>(
      (resolve, reject) => {
        const request = http.request(
          `${runtime.url}/dossiers`,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${tokens[1]}`,
              'content-type': 'application/json',
              'idempotency-key': 'chunked-body-000001',
            },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk) => {
              text += chunk;
            });
            response.on('end', () =>
              resolve({
                status: response.statusCode!,
                chunked: request.getHeader('transfer-encoding') === 'chunked' || !request.getHeader('content-length'),
                body: JSON.parse(text),
              }),
            );
          },
        );
        request.on('error', reject);
        request.write(payload.slice(0, 40));
        request.end(payload.slice(40));
      },
    );
    expect(reply.chunked).toBe(true);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.code).toEqual(expect.any(String));
  });
});
