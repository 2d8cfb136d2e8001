import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX } from '../../functions/http/authorization';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { apiClient } from '../support/http';

const PASC = '000.00.01.H45';
const CONSTRUCTION = '000.00.15.H45';
const TAX = '000.50.01.H45';
let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;
let code: string;
let taskId: string;
let uploadId: string;
const tokens: Record<string, string | undefined> = {};

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
  const login = (name: string, role: string, agencyId?: string) => api.login(name, role, agencyId);
  // The owner signed in through VNeID (their identification number in the token: their e-data store).
  tokens.owner = (
    await api.call('POST', '/local/login', { body: { username: 'owner', role: 'citizen', idNumber: '025190007777' } })
  ).body.token;
  tokens.otherCitizen = await login('other', 'citizen');
  tokens.receiver = await login('r-same', 'receiver', PASC);
  tokens.receiverOther = await login('r-other', 'receiver', CONSTRUCTION);
  tokens.specialist = await login('s-same', 'specialist', PASC);
  tokens.specialistOther = await login('s-other', 'specialist', CONSTRUCTION);
  tokens.leader = await login('l-same', 'leader', PASC);
  tokens.leaderOther = await login('l-other', 'leader', CONSTRUCTION);
  tokens.admin = await login('admin', 'admin');
  tokens.operator = await login('operator', 'operator');
  tokens.integration = await login('sys-same', 'integration', PASC);
  tokens.integrationOther = await login('sys-other', 'integration', TAX);
  tokens.portal = await login('dvcqg-adapter', 'portal');
  tokens.anonymous = undefined;
  const documents = [];
  for (const c of ['TO_KHAI', 'CCCD'])
    documents.push({ componentCode: c, uploadId: (await api.upload(tokens.owner!, `${c}.pdf`, '%PDF')).uploadId });
  const created = await api.call('POST', '/dossiers', {
    token: tokens.owner,
    body: { procedureId: '2.000488', applicant: { fullName: 'Đỗ Thị Mai', idNumber: '025190007777' }, documents },
    headers: { 'idempotency-key': 'matrix-dossier-01' },
  });
  code = created.body.code;
  uploadId = documents[0]!.uploadId;
  taskId = (await api.taskOf(tokens.receiver!, code, 'reception')).id;
});
afterAll(() => runtime?.close());

/**
 * Expected status per caller. The reception task belongs to the PASC's receivers; a dossier a caller may not read
 * answers 404 (codes are guessable), a role the route does not admit 403, no token 401.
 */
const CALLERS = [
  'owner',
  'otherCitizen',
  'receiver',
  'receiverOther',
  'specialist',
  'specialistOther',
  'leader',
  'leaderOther',
  'admin',
  'operator',
  'integration',
  'integrationOther',
  'portal',
  'anonymous',
];
const MATRIX: [string, () => [string, string, unknown?], number[]][] = [
  [
    'read the dossier',
    () => ['GET', `/dossiers/${code}`],
    [200, 404, 200, 404, 200, 404, 200, 404, 403, 403, 200, 404, 403, 401],
  ],
  [
    'get a download link for one of its documents',
    () => ['GET', `/dossiers/${code}/documents/${uploadId}`],
    [200, 404, 200, 404, 200, 404, 200, 404, 403, 403, 200, 404, 403, 401],
  ],
  [
    'read its control slip',
    () => ['GET', `/dossiers/${code}/forms/05`],
    [200, 404, 200, 404, 200, 404, 200, 404, 403, 403, 403, 403, 403, 401],
  ],
  ['look it up publicly', () => ['GET', `/lookup/${code}`], Array(14).fill(200)],
  ['list dossiers', () => ['GET', '/dossiers'], [200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 401]],
  ['list the inbox', () => ['GET', '/tasks'], [403, 403, 200, 200, 200, 200, 200, 200, 403, 403, 200, 200, 403, 401]],
  [
    'decide the reception task (with a decision the step lacks)',
    () => ['POST', `/tasks/${taskId}/decision`, { decision: 'nope' }],
    [403, 403, 422, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ],
  [
    'rate it',
    () => ['POST', `/dossiers/${code}/rating`, { level: 5 }],
    [422, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ],
  [
    'supplement it',
    () => [
      'POST',
      `/dossiers/${code}/supplement`,
      { documents: [{ componentCode: 'CU_TRU', uploadId: '00000000-0000-4000-8000-000000000000' }] },
    ],
    [422, 404, 422, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ],
  ['read the API contract', () => ['GET', '/openapi.json'], Array(14).fill(200)],
  ['read its documentation page', () => ['GET', '/docs'], Array(14).fill(200)],
  ['load the page script', () => ['GET', '/docs/init.js'], Array(14).fill(200)],
  ['load Swagger UI', () => ['GET', '/docs/swagger-ui-bundle.js'], Array(14).fill(200)],
  ['load its styles', () => ['GET', '/docs/swagger-ui.css'], Array(14).fill(200)],
  ['open the figures dashboard (no data in it)', () => ['GET', '/dashboard'], Array(14).fill(200)],
  ['load its script', () => ['GET', '/dashboard/dashboard.js'], Array(14).fill(200)],
  ['list the agencies', () => ['GET', '/agencies'], Array(14).fill(200)],
  ['search the catalogue', () => ['GET', '/procedures?q=ly%20lich'], Array(14).fill(200)],
  ['read a procedure', () => ['GET', '/procedures/2.000488'], Array(14).fill(200)],
  [
    'submit a dossier (with an empty body)',
    () => ['POST', '/dossiers', {}],
    [400, 400, 400, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ],
  [
    'ask for an upload',
    () => ['POST', '/uploads', { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 }],
    [201, 201, 201, 201, 201, 201, 201, 201, 403, 403, 403, 403, 201, 401],
  ],
  [
    "read the figures of the PASC (a leader's own agency and below; admin: the province)",
    () => ['GET', `/stats?agencyId=${PASC}`],
    [403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 401],
  ],
  [
    'read the ratings of the PASC',
    () => ['GET', `/stats/satisfaction?agencyId=${PASC}`],
    [403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 401],
  ],
  [
    'read the 766 index of the PASC',
    () => ['GET', `/stats/index766?agencyId=${PASC}`],
    [403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 401],
  ],
  [
    'download the report of the PASC',
    () => ['GET', `/stats/report.xlsx?agencyId=${PASC}`],
    [403, 403, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 401],
  ],
  [
    'list workflow executions',
    () => ['GET', '/ops/executions?status=RUNNING'],
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 401],
  ],
  [
    'see where its workflow is (operator view)',
    () => ['GET', `/ops/dossiers/${code}`],
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 401],
  ],
  [
    'list the dossiers whose national-portal sync is behind',
    () => ['GET', '/ops/sync?status=failed'],
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 401],
  ],
  [
    'ask for its record to be sent to the national portal again',
    () => ['POST', `/ops/sync/${code}/resend`],
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 202, 403, 403, 403, 401],
  ],
  [
    'hand over a dossier from the national portal (with an empty body)',
    () => ['POST', '/integrations/dvcqg/dossiers', {}],
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 401],
  ],
  [
    'list their e-data store (a citizen with a verified identity)',
    () => ['GET', '/me/documents'],
    [200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ],
  [
    'read a stored document that is not theirs',
    () => ['GET', '/me/documents/00000000-0000-4000-8000-000000000000'],
    [404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ],
  // Last: the owner's withdrawal succeeds, so every later caller meets a withdrawn dossier.
  [
    'withdraw it',
    () => ['POST', `/dossiers/${code}/withdraw`, { reason: 'Không còn nhu cầu' }],
    [200, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ],
];

/** Every route of the authorisation matrix appears in a row above. */
const COVERED = [
  'GET /dossiers/{code}',
  'GET /dossiers/{code}/forms/{form}',
  'GET /dossiers/{code}/documents/{uploadId}',
  'GET /lookup/{code}',
  'GET /dossiers',
  'GET /tasks',
  'POST /tasks/{id}/decision',
  'POST /dossiers/{code}/rating',
  'POST /dossiers/{code}/supplement',
  'GET /openapi.json',
  'GET /docs',
  'GET /docs/swagger-ui-bundle.js',
  'GET /docs/swagger-ui.css',
  'GET /docs/init.js',
  'GET /agencies',
  'GET /procedures',
  'GET /procedures/{id}',
  'POST /dossiers',
  'POST /uploads',
  'POST /dossiers/{code}/withdraw',
  'GET /stats',
  'GET /stats/satisfaction',
  'GET /stats/index766',
  'GET /stats/report.xlsx',
  'GET /dashboard',
  'GET /dashboard/dashboard.js',
  'GET /ops/executions',
  'GET /ops/dossiers/{code}',
  'GET /ops/sync',
  'POST /ops/sync/{code}/resend',
  'POST /integrations/dvcqg/dossiers',
  'GET /me/documents',
  'GET /me/documents/{id}',
];

describe('GET /docs: Swagger UI over the contract, from the npm package (no CDN)', () => {
  it('serves a page whose every script and style comes from this API, and the contract it renders', async () => {
    const page = await fetch(`${runtime.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(referenced.sort()).toEqual(['docs/init.js', 'docs/swagger-ui-bundle.js', 'docs/swagger-ui.css']);
    for (const path of referenced) {
      // Relative to the page (/docs), as a browser resolves them.
      const asset = await fetch(new URL(path, `${runtime.url}/docs`), { headers: { 'accept-encoding': 'gzip' } });
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(path.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect((await asset.text()).length, path).toBeGreaterThan(path === 'docs/init.js' ? 50 : 100_000);
    }
    const init = await (await fetch(`${runtime.url}/docs/init.js`)).text();
    const contract = init.match(/url: '([^']+)'/)![1]!;
    const document = await fetch(new URL(contract, `${runtime.url}/docs`));
    expect(((await document.json()) as { openapi: string }).openapi).toBe('3.1.0');
    const missing = await api.call('GET', '/docs/swagger-ui.js.map');
    expect(missing.status).toBe(404);
  });
});

describe('operator views', () => {
  it('show executions and where a dossier is, with no personal data', async () => {
    const executions = await api.call('GET', '/ops/executions?status=RUNNING&flowId=single-agency', {
      token: tokens.operator,
    });
    expect(executions.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: code, flowId: 'single-agency', status: 'RUNNING' })]),
    );
    const view = (await api.call('GET', `/ops/dossiers/${code}`, { token: tokens.operator })).body;
    expect(view).toMatchObject({ code, status: 'SUBMITTED', currentStepId: 'reception' });
    expect(view.openTasks).toEqual([
      expect.objectContaining({ stepId: 'reception', role: 'receiver', agencyId: PASC, waiting: true }),
    ]);
    expect(view.execution).toMatchObject({ name: code, status: 'RUNNING' });
    expect(view).not.toHaveProperty('applicant');
    const badCursor = await api.call('GET', '/ops/executions?cursor=abc', { token: tokens.operator });
    expect(badCursor.status).toBe(400);
  });
});

describe('authorisation matrix: route × role × same/other agency', () => {
  it('covers every route of the matrix', () => {
    expect([...COVERED].sort()).toEqual(Object.keys(ACCESS_MATRIX).sort());
  });

  for (const [action, request, expected] of MATRIX) {
    it(`${action}: ${CALLERS.map((c, i) => `${c} ${expected[i]}`).join(', ')}`, async () => {
      const [method, path, body] = request();
      const actual: number[] = [];
      for (const caller of CALLERS) {
        actual.push((await api.call(method, path, { token: tokens[caller], ...(body ? { body } : {}) })).status);
      }
      expect(Object.fromEntries(CALLERS.map((c, i) => [c, actual[i]]))).toEqual(
        Object.fromEntries(CALLERS.map((c, i) => [c, expected[i]])),
      );
    });
  }

  it('shows no personal data to those who may not read the dossier', async () => {
    for (const caller of [
      'otherCitizen',
      'receiverOther',
      'specialistOther',
      'leaderOther',
      'admin',
      'operator',
      'integrationOther',
      'portal',
      'anonymous',
    ]) {
      for (const path of [
        `/dossiers/${code}`,
        `/dossiers/${code}/forms/01`,
        `/dossiers/${code}/forms/05`,
        `/lookup/${code}`,
        '/dossiers',
        '/tasks',
        `/ops/dossiers/${code}`,
        '/ops/executions',
        '/ops/sync?status=pending',
        '/ops/sync?status=failed',
        '/stats?groupBy=procedure',
        '/stats/satisfaction',
      ]) {
        const text = JSON.stringify((await api.call('GET', path, { token: tokens[caller] })).body);
        expect(text, `${caller} ${path}`).not.toContain('025190007777');
        expect(text, `${caller} ${path}`).not.toContain('Đỗ Thị Mai');
      }
    }
  });
});
