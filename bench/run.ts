/**
 * Micro-benchmarks of the hot pure paths, reported as ratios to a baseline measured in the same run (the machines
 * are noisy; absolute numbers are not comparable between runs). Baseline: a JSON round trip of one dossier.
 */
import './quiet';
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import * as z from 'zod';
import { createDossierBody } from '../functions/api/schemas';
import { type ProcedureSummary, searchCatalogue } from '../functions/domain/catalogue-search';
import { formatDossierCode } from '../functions/domain/dossier-code';
import { httpHandler } from '../functions/http/handler';
import { phuThoCalendar, vn } from '../test/support/calendar';
import { compileFlow } from '../workflows/compile';
import { FLOWS } from '../workflows/flows';

function measure(name: string, fn: () => unknown, minMs = 300): { name: string; nsPerOp: number } {
  for (let i = 0; i < 50; i++) fn();
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) fn();
    ops += 100;
    elapsed = performance.now() - start;
  }
  return { name, nsPerOp: (elapsed * 1e6) / ops };
}

async function measureAsync(name: string, fn: () => Promise<unknown>, minMs = 300) {
  for (let i = 0; i < 50; i++) await fn();
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    ops++;
  }
  return { name, nsPerOp: ((performance.now() - start) * 1e6) / ops };
}

const dossier = {
  procedureId: '2.000488',
  applicant: { fullName: 'Nguyễn Văn An', idNumber: '025090001234', email: 'an@example.vn', phone: '0912345678' },
  documents: [
    { componentCode: 'TO_KHAI', uploadId: '0b7f7a46-1c1e-4f3c-9c39-3f7a4b2f9a11' },
    { componentCode: 'CCCD', uploadId: '5d1c2d0e-8f1e-4a54-9b7a-2b1d1e9c7f22' },
  ],
};
const calendar = phuThoCalendar();
const flow = [...FLOWS.values()][0]!;
const consultation = FLOWS.get('department-consultation')!;
// A province-sized catalogue: 2,000 procedure versions with Vietnamese names.
const words = ['Đăng ký', 'Cấp', 'giấy phép', 'xây dựng', 'khai sinh', 'hộ kinh doanh', 'đất đai', 'chứng thực'];
const index: ProcedureSummary[] = Array.from({ length: 2000 }, (_, i) => ({
  id: `1.${String(i).padStart(6, '0')}`,
  code: `1.${String(i).padStart(6, '0')}`,
  name: `${words[i % 8]} ${words[(i * 3) % 8]} ${words[(i * 5) % 8]} số ${i}`,
  sector: words[(i * 7) % 8]!,
  agencyId: null,
  receivingAgencyIds: ['000.00.01.H45'],
  onlineMode: 'full',
  effectiveFrom: '2025-07-01',
}));
const event = (body: unknown) =>
  ({
    version: '2.0',
    routeKey: 'POST /bench',
    rawPath: '/bench',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims: { sub: 'bench', role: 'citizen' }, scopes: [] } } },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
const makeHandler = () =>
  httpHandler({ route: 'POST /dossiers', body: createDossierBody, query: z.object({}) }, async ({ body }) => ({
    body: { ok: body.procedureId },
  }));
const context = {} as Context;

const baseline = measure('baseline: JSON round trip of a dossier body', () => JSON.parse(JSON.stringify(dossier)));
const results = [
  measure('working calendar: due date, 3 working days, counter after 15:00', () =>
    calendar.dueAt(vn('2026-02-13T16:00:00'), { value: 3, unit: 'working_days' }, 'counter'),
  ),
  measure('working calendar: due date, 20 working days across Tết', () =>
    calendar.dueAt(vn('2026-02-10T09:00:00'), { value: 20, unit: 'working_days' }, 'online'),
  ),
  measure('dossier code: format', () => formatDossierCode('000.00.01.H45', 1_772_420_400_000, 42)),
  measure('flow compiler: single-agency flow → ASL', () => compileFlow(flow)),
  measure('flow compiler: parallel consultation flow → ASL', () => compileFlow(consultation)),
  measure('catalogue search: 2,000 versions, folded query, ranked, first page', () =>
    searchCatalogue(index, { q: 'dang ky khai sinh', limit: 20 }, '2026-11-23'),
  ),
  (() => {
    const start = performance.now();
    const handler = makeHandler();
    void handler(event(dossier), context);
    return { name: 'HTTP stack: build + first (cold) invocation', nsPerOp: (performance.now() - start) * 1e6 };
  })(),
];
const warm = makeHandler();
results.push(
  await measureAsync('HTTP stack: warm invocation (middy + zod body validation)', () => warm(event(dossier), context)),
);
results.push(
  await measureAsync('HTTP stack: warm invocation rejecting a bad body (400)', () =>
    warm(event({ procedureId: 1 }), context),
  ),
);

console.log(`baseline ${baseline.name}: ${baseline.nsPerOp.toFixed(0)} ns/op (= 1.0×)`);
for (const r of results) console.log(`${(r.nsPerOp / baseline.nsPerOp).toFixed(1).padStart(8)}×  ${r.name}`);
