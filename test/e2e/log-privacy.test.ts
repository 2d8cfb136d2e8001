import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { apiClient } from '../support/http';

/**
 * Personal data never reaches the logs: every handler and workflow step logs at DEBUG while a dossier goes through
 * its whole life (and some requests fail), and the captured output is scanned for the applicant's data.
 */
const PASC = '000.00.01.H45';
const JUSTICE = '000.00.12.H45';
const applicant = {
  fullName: 'Vũ Thị Hạnh Riêng Tư',
  idNumber: '038195004242',
  phone: '0987654321',
  email: 'hanh.riengtu@example.vn',
  address: 'Số 7 ngõ Bí Mật, phường Việt Trì',
};
const captured: string[] = [];
const originals = {
  stdout: process.stdout.write.bind(process.stdout),
  stderr: process.stderr.write.bind(process.stderr),
};
let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  const capture = (chunk: unknown) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
});
afterAll(async () => {
  process.stdout.write = originals.stdout;
  process.stderr.write = originals.stderr;
  await runtime?.close();
});

describe('logs carry no personal data', () => {
  it('logs every request and step, and never the applicant’s ID number, name, phone, e-mail or address', async () => {
    const citizen = await api.login('hanh', 'citizen');
    const other = await api.login('someone-else', 'citizen');
    const desk = await api.login('desk-log', 'receiver', PASC);
    const expert = await api.login('expert-log', 'specialist', JUSTICE);
    const chief = await api.login('chief-log', 'leader', JUSTICE);
    await api.call('POST', '/local/clock', { body: { now: '2026-03-02T09:00:00+07:00', frozen: true } });
    const documents = [];
    for (const c of ['TO_KHAI', 'CCCD'])
      documents.push({ componentCode: c, uploadId: (await api.upload(citizen, `${c}.pdf`, '%PDF')).uploadId });
    // Rejected requests that carry personal data.
    await api.call('POST', '/dossiers', {
      token: citizen,
      body: { procedureId: '2.000488', applicant: { ...applicant, idNumber: `${applicant.idNumber}9` }, documents },
      headers: { 'idempotency-key': 'log-privacy-bad-1' },
    });
    await api.call('POST', '/dossiers', { token: citizen, raw: `{"applicant":{"fullName":"${applicant.fullName}"` });
    const created = await api.call('POST', '/dossiers', {
      token: citizen,
      body: { procedureId: '2.000488', applicant, documents },
      headers: { 'idempotency-key': 'log-privacy-0001' },
    });
    expect(created.status).toBe(201);
    const code = created.body.code as string;
    await api.call('GET', `/dossiers/${code}`, { token: other });
    await api.call('GET', `/lookup/${code}`);
    await api.decide(desk, await api.taskOf(desk, code, 'reception'), { decision: 'accept' });
    await api.decide(expert, await api.taskOf(expert, code, 'appraisal'), {
      decision: 'request_supplement',
      note: `Bổ sung giấy tờ cư trú của ${applicant.fullName}`,
    });
    await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
      (r) => r.body.tasks?.[0]?.stepId === 'supplement',
      'supplement step',
    );
    const proof = await api.upload(citizen, 'cu-tru.pdf', '%PDF');
    await api.call('POST', `/dossiers/${code}/supplement`, {
      token: citizen,
      body: { documents: [{ componentCode: 'CU_TRU', uploadId: proof.uploadId }], note: applicant.address },
    });
    await api.decide(expert, await api.taskOf(expert, code, 'appraisal'), { decision: 'approve' });
    await api.decide(chief, await api.taskOf(chief, code, 'approval'), { decision: 'approve', resultNumber: '9/LLTP' });
    await api.decide(desk, await api.taskOf(desk, code, 'delivery'), { decision: 'deliver' });
    await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
      (r) => r.body.status === 'DELIVERED',
      'delivered',
    );
    const logs = captured.join('');
    // The capture works: requests and applied decisions are there.
    expect(logs).toContain('"route":"POST /dossiers"');
    expect(logs).toContain('"message":"decision applied"');
    for (const value of [
      applicant.idNumber,
      applicant.fullName,
      applicant.phone,
      applicant.email,
      applicant.address,
      'Vũ Thị Hạnh',
    ]) {
      expect(logs.includes(value), `logs contain ${value}`).toBe(false);
    }
  });
});
