import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { apiClient } from '../support/http';

const PASC = '000.00.01.H45';
const JUSTICE = '000.00.12.H45';
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-restart-'));
let runtime: LocalRuntime | undefined;

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const applicant = { fullName: 'Trần Thị Bích', idNumber: '025190004321', email: 'bich@example.vn' };

describe('the local runtime keeps dossiers across restarts (DynamoDB is the source of truth)', () => {
  it('re-drives a dossier in progress: its open task is still in the inbox and deciding it moves the flow on', async () => {
    runtime = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
    let api = apiClient(runtime.url);
    const citizen = await api.login('bich', 'citizen');
    const documents = [];
    for (const code of ['TO_KHAI', 'CCCD']) {
      const uploaded = await api.upload(citizen, `${code}.pdf`, `%PDF ${code}`);
      documents.push({ componentCode: code, uploadId: uploaded.uploadId });
    }
    const created = await api.call('POST', '/dossiers', {
      token: citizen,
      body: { procedureId: '2.000488', applicant, documents },
      headers: { 'idempotency-key': 'restart-test-0001' },
    });
    expect(created.status).toBe(201);
    const code = created.body.code;
    const receiver = await api.login('binh', 'receiver', PASC);
    const reception = await api.until(
      () => api.call('GET', '/tasks', { token: receiver }),
      (r) => r.body.items.length === 1,
      'reception task',
    );
    expect(
      (
        await api.call('POST', `/tasks/${reception.body.items[0].id}/decision`, {
          token: receiver,
          body: { decision: 'accept' },
        })
      ).status,
    ).toBe(202);
    const specialist = await api.login('chi', 'specialist', JUSTICE);
    const before = await api.until(
      () => api.call('GET', '/tasks', { token: specialist }),
      (r) => r.body.items.length === 1,
      'appraisal task',
    );
    const appraisalId = before.body.items[0].id;

    await runtime.close();
    runtime = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
    api = apiClient(runtime.url);
    expect(runtime.redriven).toBe(1);

    // Tokens signed before the restart still verify: the local signing key is kept with the data.
    const after = await api.call('GET', '/tasks', { token: specialist });
    expect(after.body.items.map((t: { id: string }) => t.id)).toEqual([appraisalId]);
    expect((await api.call('GET', `/dossiers/${code}`, { token: citizen })).body.status).toBe('IN_PROGRESS');
    const decided = await api.call('POST', `/tasks/${appraisalId}/decision`, {
      token: specialist,
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(202);
    const leader = await api.login('dung', 'leader', JUSTICE);
    const approval = await api.until(
      () => api.call('GET', '/tasks', { token: leader }),
      (r) => r.body.items.length === 1,
      'approval task',
    );
    await api.call('POST', `/tasks/${approval.body.items[0].id}/decision`, {
      token: leader,
      body: { decision: 'approve', resultNumber: '7/STP' },
    });
    const delivery = await api.until(
      () => api.call('GET', '/tasks', { token: receiver }),
      (r) => r.body.items.length === 1,
      'delivery task',
    );
    await api.call('POST', `/tasks/${delivery.body.items[0].id}/decision`, {
      token: receiver,
      body: { decision: 'deliver', deliveryMethod: 'post', waybillNumber: 'EB123456789VN' },
    });
    const done = await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
      (r) => r.body.status === 'DELIVERED',
      'DELIVERED',
    );
    expect(done.body.delivery).toMatchObject({ method: 'post', waybillNumber: 'EB123456789VN' });
    expect(done.body.history).toHaveLength(6);
  });

  it('lets exactly one of two concurrent officers decide a task, and one of two concurrent retries create a dossier', async () => {
    const api = apiClient(runtime!.url);
    const citizen = await api.login('cuong', 'citizen');
    const documents = [];
    for (const code of ['TO_KHAI', 'CCCD'])
      documents.push({ componentCode: code, uploadId: (await api.upload(citizen, `${code}.pdf`, 'x')).uploadId });
    const body = { procedureId: '2.000488', applicant: { ...applicant, idNumber: '025190009999' }, documents };
    const replies = await Promise.all(
      Array.from({ length: 4 }, () =>
        api.call('POST', '/dossiers', { token: citizen, body, headers: { 'idempotency-key': 'concurrent-0001' } }),
      ),
    );
    const codes = new Set(replies.filter((r) => r.status === 201).map((r) => r.body.code));
    expect(codes.size).toBe(1);
    for (const reply of replies) expect([201, 409]).toContain(reply.status);
    expect((await api.call('GET', '/dossiers', { token: citizen })).body.items).toHaveLength(1);

    const [first, second] = [await api.login('r1', 'receiver', PASC), await api.login('r2', 'receiver', PASC)];
    const code = [...codes][0];
    const task = await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
      (r) => r.body.tasks?.length === 1,
      'task',
    );
    const decisions = await Promise.all(
      [first, second].map((token) =>
        api.call('POST', `/tasks/${task.body.tasks[0].id}/decision`, { token, body: { decision: 'accept' } }),
      ),
    );
    expect(decisions.map((d) => d.status).sort()).toEqual([202, 409]);
  });

  it('re-drives a dossier in the middle of a parallel consultation without re-asking the agency that answered', async () => {
    let api = apiClient(runtime!.url);
    const investor = await api.login('dau-tu', 'citizen');
    const documents = [];
    for (const code of ['VAN_BAN_DE_NGHI', 'DE_XUAT', 'NANG_LUC'])
      documents.push({ componentCode: code, uploadId: (await api.upload(investor, `${code}.pdf`, 'x')).uploadId });
    const created = await api.call('POST', '/dossiers', {
      token: investor,
      body: { procedureId: '1.009645', applicant: { ...applicant, idNumber: '025190007777' }, documents },
      headers: { 'idempotency-key': 'restart-parallel-1' },
    });
    const code = created.body.code;
    const desk = await api.login('desk-p', 'receiver', PASC);
    const expert = await api.login('stc-p', 'specialist', '000.00.06.H45');
    const sxd = await api.login('sxd-p', 'specialist', '000.00.15.H45');
    const snnmt = await api.login('snnmt-p', 'specialist', '000.00.21.H45');
    const cat = await api.login('cat-p', 'specialist', '000.00.30.H45');
    await api.decide(desk, await api.taskOf(desk, code, 'reception'), { decision: 'accept' });
    await api.decide(expert, await api.taskOf(expert, code, 'appraisal'), { decision: 'consult' });
    const answered = await api.taskOf(sxd, code, 'opinion_construction');
    const pending = [
      await api.taskOf(snnmt, code, 'opinion_environment'),
      await api.taskOf(cat, code, 'opinion_security'),
    ];
    await api.decide(sxd, answered, { decision: 'agree' });
    await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: expert }),
      (r) => r.body.parallelAnswers?.length === 1,
      'the first answer',
    );

    await runtime!.close();
    runtime = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
    api = apiClient(runtime.url);
    // The answered agency is not asked again; the others keep the same tasks and can answer after the restart.
    await new Promise((r) => setTimeout(r, 300));
    expect((await api.call('GET', '/tasks', { token: sxd })).body.items).toEqual([]);
    expect((await api.taskOf(snnmt, code, 'opinion_environment')).id).toBe(pending[0].id);
    expect((await api.taskOf(cat, code, 'opinion_security')).id).toBe(pending[1].id);
    await api.decide(snnmt, pending[0], { decision: 'agree' });
    await api.decide(cat, pending[1], { decision: 'object', note: 'Chưa đủ điều kiện phòng cháy' });
    await api.taskOf(expert, code, 'synthesis');
    const after = (await api.call('GET', `/dossiers/${code}`, { token: expert })).body;
    expect(after.parallelAnswers.map((a: { decision: string }) => a.decision).sort()).toEqual([
      'agree',
      'agree',
      'object',
    ]);
  });
});
