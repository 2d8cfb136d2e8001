import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { apiClient } from '../support/http';

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;
let tokens: (string | undefined)[];

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
  ];
});
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
const bodies = fc.oneof(
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

async function dossierCount(token: string) {
  return (await api.call('GET', '/dossiers?limit=100', { token })).body.items.length;
}

describe('bad input never produces a 5xx (fast-check over every route)', () => {
  it('answers arbitrary bodies, paths, queries and headers with a 4xx error envelope and changes nothing', async () => {
    const before = await dossierCount(tokens[1]!);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.array(nasty, { minLength: 2, maxLength: 2 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), nasty, { maxKeys: 3 }),
        bodies,
        fc.integer({ min: 0, max: 7 }),
        fc.option(nasty),
        async (route, params, query, body, who, idempotencyKey) => {
          const search = new URLSearchParams(query).toString();
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
    expect(await dossierCount(tokens[1]!)).toBe(before);
  }, 180_000);

  it('refuses bodies over the size limit with 413', async () => {
    const reply = await api.call('POST', '/dossiers', {
      token: tokens[1],
      raw: JSON.stringify({ procedureId: '2.000488', padding: 'x'.repeat(300 * 1024) }),
      headers: { 'idempotency-key': 'too-big-000001' },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
