/**
 * Step Functions state transitions per dossier (Standard workflows bill each one), counted from the execution
 * history of one dossier taken through its whole life over HTTP on the local runtime: the single-agency flow and the
 * three-department consultation, each decided on time at every step.
 */
import './quiet';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime';
import { apiClient } from '../test/support/http';

const PASC = '000.00.01.H45';
const FINANCE = '000.00.06.H45';
const JUSTICE = '000.00.12.H45';
/** AWS Step Functions Standard, ap-southeast-1, list price as of 2026-12: $0.025 per 1,000 state transitions. */
const USD_PER_TRANSITION = 0.025 / 1000;

async function transitionsOf(runtime: LocalRuntime, code: string) {
  const api = apiClient(runtime.url);
  const execution = await api.until(
    async () => runtime.stepFunctions.list().find((e) => e.name === code),
    (e) => e?.status === 'SUCCEEDED',
    `the execution of ${code} to end`,
  );
  return execution!.history.filter((event) => String(event.type).endsWith('StateEntered')).length;
}

async function lifecycle(
  runtime: LocalRuntime,
  procedureId: string,
  components: string[],
  steps: [string, string, string, string, Record<string, unknown>][],
) {
  const api = apiClient(runtime.url);
  const citizen = await api.login('bench-citizen', 'citizen');
  const documents = [];
  for (const component of components) {
    const uploaded = await api.upload(citizen, `${component}.pdf`, `%PDF ${component}`);
    documents.push({ componentCode: component, uploadId: uploaded.uploadId });
  }
  const created = await api.call('POST', '/dossiers', {
    token: citizen,
    body: { procedureId, applicant: { fullName: 'Nguyễn Văn Đo', idNumber: '025090007777' }, documents },
    headers: { 'idempotency-key': `bench-${procedureId}` },
  });
  const code: string = created.body.code;
  for (const [user, role, agencyId, stepId, decision] of steps) {
    const token = await api.login(user, role, agencyId);
    await api.decide(token, await api.taskOf(token, code, stepId), decision);
  }
  return transitionsOf(runtime, code);
}

const runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
try {
  const single = await lifecycle(
    runtime,
    '2.000488',
    ['TO_KHAI', 'CCCD'],
    [
      ['b-desk', 'receiver', PASC, 'reception', { decision: 'accept' }],
      ['b-spec', 'specialist', JUSTICE, 'appraisal', { decision: 'approve' }],
      ['b-lead', 'leader', JUSTICE, 'approval', { decision: 'approve', resultNumber: '1/BENCH' }],
      ['b-desk', 'receiver', PASC, 'delivery', { decision: 'deliver', deliveryMethod: 'counter' }],
    ],
  );
  const consultation = await lifecycle(
    runtime,
    '1.009645',
    ['VAN_BAN_DE_NGHI', 'DE_XUAT', 'NANG_LUC'],
    [
      ['b-desk', 'receiver', PASC, 'reception', { decision: 'accept' }],
      ['b-stc', 'specialist', FINANCE, 'appraisal', { decision: 'consult' }],
      ['b-sxd', 'specialist', '000.00.15.H45', 'opinion_construction', { decision: 'agree' }],
      ['b-snnmt', 'specialist', '000.00.21.H45', 'opinion_environment', { decision: 'agree' }],
      ['b-cat', 'specialist', '000.00.30.H45', 'opinion_security', { decision: 'agree' }],
      ['b-stc', 'specialist', FINANCE, 'synthesis', { decision: 'propose' }],
      ['b-gd', 'leader', FINANCE, 'approval', { decision: 'approve', resultNumber: '2/BENCH' }],
      ['b-desk', 'receiver', PASC, 'delivery', { decision: 'deliver', deliveryMethod: 'counter' }],
    ],
  );
  console.log(
    'Step Functions state transitions per dossier (StateEntered events of one whole life, every step on time)',
  );
  for (const [flow, humanSteps, transitions] of [
    ['single-agency', 4, single],
    ['department-consultation', 8, consultation],
  ] as const) {
    console.log(
      `  ${flow.padEnd(24)} ${String(transitions).padStart(3)} transitions for ${humanSteps} human steps = ${(transitions / humanSteps).toFixed(2)} per step; $${(transitions * USD_PER_TRANSITION * 1000).toFixed(3)} per 1,000 dossiers`,
    );
  }
} finally {
  await runtime.close();
}
