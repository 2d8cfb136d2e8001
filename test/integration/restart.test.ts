import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamodb';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { apiClient } from '../support/http';

const PASC = '000.00.01.H45';
const JUSTICE = '000.00.12.H45';
const applicant = { fullName: 'Trần Thị Bích', idNumber: '025190004321', email: 'bich@example.vn' };

/**
 * Each test owns its data directory and its runtimes, started and stopped inside the test: nothing is shared between
 * tests, so one that restarts (or fails half-way) cannot leave another with a closed runtime.
 */
async function withDataDir(run: (dataDir: string, opened: LocalRuntime[]) => Promise<void>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-restart-'));
  const opened: LocalRuntime[] = [];
  try {
    await run(dataDir, opened);
  } finally {
    for (const runtime of opened) await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function uploads(api: ReturnType<typeof apiClient>, token: string, codes: string[]) {
  const documents = [];
  for (const code of codes) {
    const uploaded = await api.upload(token, `${code}.pdf`, `%PDF ${code}`);
    documents.push({ componentCode: code, uploadId: uploaded.uploadId });
  }
  return documents;
}

// Each case starts the runtime twice (two DynamoDB Local JVMs): under a loaded 2-core CI machine that alone can take 20 s.
describe('the local runtime keeps dossiers across restarts (DynamoDB is the source of truth)', {
  timeout: 60_000,
}, () => {
  it('re-drives a dossier in progress: its open task is still in the inbox and deciding it moves the flow on', () =>
    withDataDir(async (dataDir, opened) => {
      const first = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
      opened.push(first);
      let api = apiClient(first.url);
      const citizen = await api.login('bich', 'citizen');
      const created = await api.call('POST', '/dossiers', {
        token: citizen,
        body: { procedureId: '2.000488', applicant, documents: await uploads(api, citizen, ['TO_KHAI', 'CCCD']) },
        headers: { 'idempotency-key': 'restart-test-0001' },
      });
      expect(created.status).toBe(201);
      const code = created.body.code;
      const receiver = await api.login('binh', 'receiver', PASC);
      await api.decide(receiver, await api.taskOf(receiver, code, 'reception'), { decision: 'accept' });
      const specialist = await api.login('chi', 'specialist', JUSTICE);
      const appraisal = await api.taskOf(specialist, code, 'appraisal');

      await first.close();
      const second = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
      opened.push(second);
      api = apiClient(second.url);
      expect(second.redriven).toBe(1);

      // Tokens signed before the restart still verify: the local signing key is kept with the data.
      const after = await api.call('GET', '/tasks', { token: specialist });
      expect(after.body.items.map((t: { id: string }) => t.id)).toEqual([appraisal.id]);
      expect((await api.call('GET', `/dossiers/${code}`, { token: citizen })).body.status).toBe('IN_PROGRESS');
      await api.decide(specialist, appraisal, { decision: 'approve' });
      const leader = await api.login('dung', 'leader', JUSTICE);
      await api.decide(leader, await api.taskOf(leader, code, 'approval'), {
        decision: 'approve',
        resultNumber: '7/STP',
      });
      await api.decide(receiver, await api.taskOf(receiver, code, 'delivery'), {
        decision: 'deliver',
        deliveryMethod: 'post',
        waybillNumber: 'EB123456789VN',
      });
      const done = await api.until(
        () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
        (r) => r.body.status === 'DELIVERED',
        'DELIVERED',
      );
      expect(done.body.delivery).toMatchObject({ method: 'post', waybillNumber: 'EB123456789VN' });
      expect(done.body.history).toHaveLength(6);
    }));

  it('lets exactly one of two concurrent officers decide a task, and one of two concurrent retries create a dossier', () =>
    withDataDir(async (dataDir, opened) => {
      const runtime = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
      opened.push(runtime);
      const api = apiClient(runtime.url);
      const citizen = await api.login('cuong', 'citizen');
      const documents = await uploads(api, citizen, ['TO_KHAI', 'CCCD']);
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

      const [one, two] = [await api.login('r1', 'receiver', PASC), await api.login('r2', 'receiver', PASC)];
      const task = await api.taskOf(one, [...codes][0], 'reception');
      const decisions = await Promise.all(
        [one, two].map((token) =>
          api.call('POST', `/tasks/${task.id}/decision`, { token, body: { decision: 'accept' } }),
        ),
      );
      expect(decisions.map((d) => d.status).sort()).toEqual([202, 409]);
    }));

  it('keeps exactly one execution per dossier when its submission is retried the moment the runtime answers again', () =>
    withDataDir(async (dataDir, opened) => {
      const first = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
      opened.push(first);
      let api = apiClient(first.url);
      const receiver = await api.login('tiep-nhan', 'receiver', PASC);
      const specialist = await api.login('chuyen-vien', 'specialist', JUSTICE);
      const leader = await api.login('lanh-dao', 'leader', JUSTICE);
      const operator = await api.login('van-hanh', 'operator');
      // A counter intake: RECEIVED at once, its execution starts at the appraisal step.
      const body = {
        procedureId: '2.000488',
        applicant: { ...applicant, idNumber: '025190005555' },
        documents: await uploads(api, receiver, ['TO_KHAI', 'CCCD']),
      };
      const submit = () =>
        api.call('POST', '/dossiers', { token: receiver, body, headers: { 'idempotency-key': 'retry-after-crash' } });
      // The crash between the two writes: the dossier is stored, then Step Functions cannot be reached.
      await first.stepFunctions.close();
      expect((await submit()).status).toBe(500);
      await first.close();

      // Restart on a known port and retry the submission as soon as the gateway answers, while the re-drive runs.
      const port = await freePort();
      const starting = startLocalRuntime({ port, dataDir, province: 'phu-tho' });
      api = apiClient(`http://127.0.0.1:${port}`);
      let retried = await submit().catch(() => undefined);
      while (!retried) {
        await new Promise((r) => setTimeout(r, 20));
        retried = await submit().catch(() => undefined);
      }
      const second = await starting;
      opened.push(second);
      expect(retried.status).toBe(201);
      const code: string = retried.body.code;
      expect(second.redriven).toBe(1);

      await api.decide(specialist, await api.taskOf(specialist, code, 'appraisal'), { decision: 'approve' });
      await api.taskOf(leader, code, 'approval');
      const running = await api.call('GET', '/ops/executions?status=RUNNING&flowId=single-agency', {
        token: operator,
      });
      expect(running.body.items.map((e: { name: string }) => e.name)).toEqual([code]);
      // Time passes beyond every step deadline: the one execution flags the approval step overdue, nothing reopens.
      await api.call('POST', '/local/clock', { body: { now: '2027-06-01T09:00:00+07:00' } });
      const overdue = await api.until(
        () => api.call('GET', `/dossiers/${code}`, { token: leader }),
        (r) => r.body.tasks?.some((t: { overdue: boolean }) => t.overdue),
        'the approval step flagged overdue',
      );
      expect(overdue.body.tasks.map((t: { stepId: string }) => t.stepId)).toEqual(['approval']);
    }));

  it('re-drives a dossier in the middle of a parallel consultation without re-asking the agency that answered', () =>
    withDataDir(async (dataDir, opened) => {
      const first = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
      opened.push(first);
      let api = apiClient(first.url);
      const investor = await api.login('dau-tu', 'citizen');
      const created = await api.call('POST', '/dossiers', {
        token: investor,
        body: {
          procedureId: '1.009645',
          applicant: { ...applicant, idNumber: '025190007777' },
          documents: await uploads(api, investor, ['VAN_BAN_DE_NGHI', 'DE_XUAT', 'NANG_LUC']),
        },
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

      await first.close();
      const second = await startLocalRuntime({ port: 0, dataDir, province: 'phu-tho' });
      opened.push(second);
      api = apiClient(second.url);
      // The positive signal: the re-driven execution has ended the answered branch, which opened no task.
      await api.until(
        async () => second.stepFunctions.list().find((e) => e.name === code)?.history ?? [],
        // (Executions live in memory: this is the re-driven one's history.)
        (history) =>
          history.some((h) => h.stateName === 'opinion_construction.await' && String(h.type).endsWith('Exited')),
        'the answered branch ended',
      );
      // The answered agency is not asked again; the others keep the same tasks and can answer after the restart.
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
    }));
});
