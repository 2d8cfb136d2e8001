import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { JUSTICE, PASC } from '../support/agencies';
import { eventsSettled } from '../support/events';
import { apiClient } from '../support/http';

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
});
afterAll(() => runtime?.close());

const applicant = { fullName: 'Lê Thị Hoa', idNumber: '025190002468', email: 'hoa@example.vn' };

async function documents(token: string) {
  const refs = [];
  for (const code of ['TO_KHAI', 'CCCD'])
    refs.push({ componentCode: code, uploadId: (await api.upload(token, `${code}.pdf`, '%PDF')).uploadId });
  return refs;
}

const setClock = (now: string | null) => api.call('POST', '/local/clock', { body: { now, frozen: now !== null } });

describe('the development clock drives deadlines and step timeouts over HTTP', () => {
  it('counts a Friday 16:05 counter intake before Tết from 23/02, then flags the overdue step when the clock jumps', async () => {
    expect((await setClock('2026-02-13T16:05:00+07:00')).body.now).toBe('2026-02-13T16:05:00+07:00');
    const receiver = await api.login('tam', 'receiver', PASC);
    const created = await api.call('POST', '/dossiers', {
      token: receiver,
      body: { procedureId: '2.000488', applicant, documents: await documents(receiver) },
      headers: { 'idempotency-key': 'clock-counter-0001' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'RECEIVED', receivedAt: '2026-02-13T16:05:00+07:00' });
    // After 15:00 → next working day after Tết (23/02 07:00); 10 calendar days → Thursday 05/03/2026.
    expect(created.body.dueAt).toBe('2026-03-05T17:00:00+07:00');
    expect(created.body.code).toMatch(/-260213-0001$/);

    const specialist = await api.login('son', 'specialist', JUSTICE);
    const inbox = await api.until(
      () => api.call('GET', '/tasks', { token: specialist }),
      // Only once the step waits (token attached, version 2) does its timeout run on the clock.
      (r) => r.body.items.length === 1 && r.body.items[0].version >= 2,
      'appraisal task waiting',
    );
    // The step opens at once: 55 minutes on Friday 13/02, the other 39 h 05 from 23/02 (16–20/02 is Tết).
    expect(inbox.body.items[0]).toMatchObject({
      stepId: 'appraisal',
      dueAt: '2026-02-27T16:05:00+07:00',
      overdue: false,
    });

    const jumped = await setClock('2026-03-02T09:00:00+07:00');
    expect(jumped.body.fired).toBe(1);
    const overdue = await api.until(
      () => api.call('GET', '/tasks', { token: specialist }),
      (r) => r.body.items[0]?.overdue === true,
      'overdue flag',
    );
    expect(overdue.body.items[0].id).toBe(inbox.body.items[0].id);
    const leader = await api.login('lan', 'leader', JUSTICE);
    const overview = await api.call('GET', '/tasks?overdue=true', { token: leader });
    expect(overview.body.items.map((t: any) => [t.id, t.role])).toEqual([[inbox.body.items[0].id, 'specialist']]);
    // The overdue notice reaches the agency's leader through the event stream.
    await eventsSettled(runtime);
    const notices = (await api.call('GET', '/local/outbox')).body.items.filter((m: any) =>
      m.to.includes('giamdoc.stp@phutho.gov.vn'),
    );
    expect(notices.map((m: any) => m.subject).join('\n')).toContain(`Quá hạn xử lý: hồ sơ ${created.body.code}`);
    const lookup = await api.call('GET', `/lookup/${created.body.code}`);
    expect(lookup.body.timeliness).toBe('within_deadline');

    await setClock('2026-03-06T08:00:00+07:00');
    expect((await api.call('GET', `/lookup/${created.body.code}`)).body.timeliness).toBe('overdue');
    await setClock(null);
  });

  it('refuses a malformed clock', async () => {
    expect((await api.call('POST', '/local/clock', { body: { now: 'tomorrow' } })).status).toBe(400);
  });
});

describe('withdrawal by the applicant', () => {
  it('ends the dossier as WITHDRAWN, empties the inbox, ends the execution and refuses a second withdrawal', async () => {
    const citizen = await api.login('hoa', 'citizen');
    const created = await api.call('POST', '/dossiers', {
      token: citizen,
      body: { procedureId: '2.000488', applicant, documents: await documents(citizen) },
      headers: { 'idempotency-key': 'withdraw-000001' },
    });
    const code = created.body.code;
    const receiver = await api.login('tam', 'receiver', PASC);
    await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
      (r) => r.body.tasks?.length === 1,
      'reception task',
    );

    const stranger = await api.login('mallory', 'citizen');
    expect(
      (
        await api.call('POST', `/dossiers/${code}/withdraw`, {
          token: stranger,
          body: { reason: 'không phải của tôi' },
        })
      ).status,
    ).toBe(404);
    // The applicant saw an older version of the dossier: refused, nothing changes.
    const seen = (await api.call('GET', `/dossiers/${code}`, { token: citizen })).body.version as number;
    const stale = await api.call('POST', `/dossiers/${code}/withdraw`, {
      token: citizen,
      body: { reason: 'Nộp nhầm thủ tục', version: seen - 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', details: { version: seen } });
    const withdrawn = await api.call('POST', `/dossiers/${code}/withdraw`, {
      token: citizen,
      body: { reason: 'Nộp nhầm thủ tục', version: seen },
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', statusCode: 7 });

    const inbox = await api.call('GET', '/tasks', { token: receiver });
    expect(inbox.body.items.map((t: { dossierCode: string }) => t.dossierCode)).not.toContain(code);
    const execution = await api.until(
      async () => runtime.stepFunctions.list().find((e) => e.name === code)?.status,
      (status) => status === 'SUCCEEDED',
      'the execution to end',
    );
    expect(execution).toBe('SUCCEEDED');
    const detail = await api.call('GET', `/dossiers/${code}`, { token: citizen });
    expect(detail.body.tasks).toEqual([]);
    expect(detail.body.history.at(-1)).toMatchObject({
      action: 'withdraw',
      fromStatus: 'SUBMITTED',
      toStatus: 'WITHDRAWN',
      note: 'Nộp nhầm thủ tục',
    });
    const again = await api.call('POST', `/dossiers/${code}/withdraw`, { token: citizen, body: { reason: 'lần hai' } });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('NOT_WITHDRAWABLE');
  });
});

describe('apology and re-appointment (Form 04)', () => {
  it('moves the due date once, at least a working day ahead, and judges the finished dossier against the new date', async () => {
    await setClock('2026-03-02T09:00:00+07:00');
    const receiver = await api.login('tam', 'receiver', PASC);
    const created = await api.call('POST', '/dossiers', {
      token: receiver,
      body: { procedureId: '2.000488', applicant, documents: await documents(receiver) },
      headers: { 'idempotency-key': 'extend-counter-01' },
    });
    const code = created.body.code;
    expect(created.body.dueAt).toBe('2026-03-12T17:00:00+07:00');
    const specialist = await api.login('son', 'specialist', JUSTICE);
    const leader = await api.login('lan', 'leader', JUSTICE);
    const appraisal = await api.until(
      () => api.call('GET', '/tasks', { token: specialist }),
      (r) => r.body.items.some((t: any) => t.dossierCode === code),
      'appraisal',
    );
    const appraisalTask = appraisal.body.items.find((t: any) => t.dossierCode === code);
    expect(appraisalTask.allowedDecisions).not.toContain('extend');
    await api.call('POST', `/tasks/${appraisalTask.id}/decision`, { token: specialist, body: { decision: 'approve' } });
    const approval = await api.until(
      () => api.call('GET', '/tasks', { token: leader }),
      (r) => r.body.items.some((t: any) => t.dossierCode === code),
      'approval',
    );
    const task = approval.body.items.find((t: any) => t.dossierCode === code);
    expect(task.allowedDecisions).toEqual(['approve', 'return', 'extend', 'stop']);

    const incomplete = await api.call('POST', `/tasks/${task.id}/decision`, {
      token: leader,
      body: { decision: 'extend' },
    });
    expect(incomplete.status).toBe(422);
    const extended = await api.call('POST', `/tasks/${task.id}/decision`, {
      token: leader,
      body: {
        decision: 'extend',
        dueAt: '2026-03-19T17:00:00+07:00',
        note: 'Chờ kết quả xác minh của Trung tâm Lý lịch tư pháp quốc gia',
      },
    });
    expect(extended.status, JSON.stringify(extended.body)).toBe(202);
    expect(extended.body.dueAt).toBe('2026-03-19T17:00:00+07:00');
    const twice = await api.call('POST', `/tasks/${task.id}/decision`, {
      token: leader,
      body: { decision: 'extend', dueAt: '2026-03-26T17:00:00+07:00', note: 'Lần hai' },
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe('ALREADY_EXTENDED');
    await eventsSettled(runtime);
    const mails = (await api.call('GET', '/local/outbox')).body.items.filter((m: any) => m.subject?.includes(code));
    expect(mails.some((m: any) => m.subject.includes('hẹn lại'))).toBe(true);

    await setClock('2026-03-20T08:00:00+07:00');
    const approved = await api.call('POST', `/tasks/${task.id}/decision`, {
      token: leader,
      body: { decision: 'approve', resultNumber: '15/STP' },
    });
    expect(approved.status).toBe(202);
    const done = await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: receiver }),
      (r) => r.body.status === 'RESULT_READY',
      'RESULT_READY',
    );
    expect(done.body).toMatchObject({
      dueAt: '2026-03-19T17:00:00+07:00',
      finishedAt: '2026-03-20T08:00:00+07:00',
      timeliness: 'late',
    });
    expect(done.body.history.map((h: any) => h.action)).toContain('extend');

    const form = (id: string) => api.call('GET', `/dossiers/${code}/forms/${id}`, { token: receiver });
    const receipt = await form('01');
    expect(receipt.body).toMatchObject({
      form: '01',
      code,
      receivedAt: '2026-03-02T09:00:00+07:00',
      dueAt: '2026-03-19T17:00:00+07:00',
      qrPayload: expect.stringContaining(code),
    });
    expect(receipt.body.components.map((c: any) => c.code)).toEqual(['TO_KHAI', 'CCCD']);
    expect((await form('04')).body).toMatchObject({
      previousDueAt: '2026-03-12T17:00:00+07:00',
      newDueAt: '2026-03-19T17:00:00+07:00',
    });
    const slip = await form('05');
    expect(slip.body.steps.map((s: any) => [s.step, s.decision, s.onTime])).toEqual([
      ['Thẩm định hồ sơ', 'approve', true],
      ['Phê duyệt, ký kết quả', 'approve', false],
      ['Trả kết quả', null, null],
    ]);
    expect((await form('03')).status).toBe(422);
    expect((await form('06')).status).toBe(400);
    const stranger = await api.login('mallory', 'citizen');
    expect((await api.call('GET', `/dossiers/${code}/forms/05`, { token: stranger })).status).toBe(404);
    await setClock(null);
  });

  it('refuses an apology less than one working day before the due date', async () => {
    await setClock('2026-04-06T09:00:00+07:00');
    const receiver = await api.login('tam', 'receiver', PASC);
    const created = await api.call('POST', '/dossiers', {
      token: receiver,
      body: { procedureId: '2.000488', applicant, documents: await documents(receiver) },
      headers: { 'idempotency-key': 'extend-late-0001' },
    });
    const specialist = await api.login('son', 'specialist', JUSTICE);
    const leader = await api.login('lan', 'leader', JUSTICE);
    const code = created.body.code;
    await api.decide(specialist, await api.taskOf(specialist, code, 'appraisal'), { decision: 'approve' });
    const approvalTask = await api.taskOf(leader, code, 'approval');
    await setClock('2026-04-16T10:00:00+07:00');
    const late = await api.call('POST', `/tasks/${approvalTask.id}/decision`, {
      token: leader,
      body: { decision: 'extend', dueAt: '2026-04-24T17:00:00+07:00', note: 'Quá muộn' },
    });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('TOO_LATE_TO_EXTEND');
    await setClock(null);
  });
});

describe('stop by the agency', () => {
  it('lets the leader stop a dossier with a reason: STOPPED (8), tasks closed, execution ended, no timeliness', async () => {
    const receiver = await api.login('tam', 'receiver', PASC);
    const specialist = await api.login('son', 'specialist', JUSTICE);
    const leader = await api.login('lan', 'leader', JUSTICE);
    const created = await api.call('POST', '/dossiers', {
      token: receiver,
      body: { procedureId: '2.000488', applicant, documents: await documents(receiver) },
      headers: { 'idempotency-key': 'stop-counter-0001' },
    });
    const code = created.body.code;
    await api.decide(specialist, await api.taskOf(specialist, code, 'appraisal'), { decision: 'approve' });
    const approvalTask = await api.taskOf(leader, code, 'approval');
    const taskId = approvalTask.id;
    const noReason = await api.call('POST', `/tasks/${taskId}/decision`, { token: leader, body: { decision: 'stop' } });
    expect(noReason.body.error.code).toBe('STOP_REASON_REQUIRED');
    const stopped = await api.call('POST', `/tasks/${taskId}/decision`, {
      token: leader,
      body: { decision: 'stop', note: 'Có tranh chấp, chờ quyết định của Tòa án' },
    });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(202);
    expect(stopped.body.status).toBe('STOPPED');
    const detail = await api.call('GET', `/dossiers/${code}`, { token: receiver });
    expect(detail.body).toMatchObject({ status: 'STOPPED', statusCode: 8, timeliness: null, tasks: [] });
    expect(detail.body.history.at(-1)).toMatchObject({ action: 'stop', toStatus: 'STOPPED', agencyId: JUSTICE });
    await api.until(
      async () => runtime.stepFunctions.list().find((e) => e.name === code)?.status,
      (s) => s === 'SUCCEEDED',
      'execution end',
    );
    expect(
      (
        await api.call('POST', `/tasks/${taskId}/decision`, {
          token: leader,
          body: { decision: 'approve', resultNumber: '1' },
        })
      ).status,
    ).toBe(409);
  });
});
