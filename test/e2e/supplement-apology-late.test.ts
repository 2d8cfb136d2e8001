import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { JUSTICE, PASC } from '../support/agencies';
import { applicantNotices } from '../support/events';
import { apiClient } from '../support/http';

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
});
afterAll(() => runtime?.close());

const applicant = { fullName: 'Phạm Văn Nam', idNumber: '025088001357', email: 'nam@example.vn' };
const at = (now: string) => api.call('POST', '/local/clock', { body: { now, frozen: true } });

/** The applicant heard of exactly what the transition table promises, in order; returns what that was. */
async function expectPromisedNotices(token: string, code: string) {
  const { sent, promised } = await applicantNotices(runtime, api, token, code);
  expect(sent).toEqual(promised);
  return promised;
}

const taskOf = (token: string, code: string, stepId: string) => api.taskOf(token, code, stepId);
const decide = (token: string, task: { id: string }, body: Record<string, unknown>) => api.decide(token, task, body);

async function statusOf(token: string, code: string, status: string) {
  return (
    await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token }),
      (r) => r.body.status === status,
      status,
    )
  ).body;
}

async function submit(citizen: string, key: string) {
  const documents = [];
  for (const code of ['TO_KHAI', 'CCCD'])
    documents.push({ componentCode: code, uploadId: (await api.upload(citizen, `${code}.pdf`, '%PDF')).uploadId });
  const created = await api.call('POST', '/dossiers', {
    token: citizen,
    body: { procedureId: '2.000488', applicant, documents },
    headers: { 'idempotency-key': key },
  });
  expect(created.status).toBe(201);
  return created.body.code as string;
}

describe('supplement → clock restart → apology → late delivery, over HTTP', () => {
  it('follows every status, due date and handover of the control slip', async () => {
    const citizen = await api.login('nam', 'citizen');
    const receiver = await api.login('tam', 'receiver', PASC);
    const specialist = await api.login('son', 'specialist', JUSTICE);
    const leader = await api.login('lan', 'leader', JUSTICE);

    await at('2026-03-02T09:00:00+07:00');
    const code = await submit(citizen, 'story-0000000001');
    await at('2026-03-02T09:30:00+07:00');
    await decide(receiver, await taskOf(receiver, code, 'reception'), { decision: 'accept' });
    const received = await statusOf(citizen, code, 'IN_PROGRESS');
    expect(received).toMatchObject({ receivedAt: '2026-03-02T09:30:00+07:00', dueAt: '2026-03-12T17:00:00+07:00' });

    await at('2026-03-04T10:00:00+07:00');
    const appraisal = await taskOf(specialist, code, 'appraisal');
    const noNote = await api.call('POST', `/tasks/${appraisal.id}/decision`, {
      token: specialist,
      body: { decision: 'request_supplement' },
    });
    expect(noNote.body.error?.code).toBe('NOTE_REQUIRED');
    await decide(specialist, appraisal, {
      decision: 'request_supplement',
      note: 'Bổ sung: giấy tờ chứng minh nơi cư trú (bản sao chứng thực).',
    });
    const waiting = (
      await api.until(
        () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
        (r) => r.body.status === 'SUPPLEMENT_REQUESTED' && r.body.tasks?.length === 1,
        'the supplement step',
      )
    ).body;
    expect(waiting.statusCode).toBe(5);
    expect(waiting.tasks[0]).toMatchObject({ stepId: 'supplement', role: 'citizen', allowedDecisions: ['supplement'] });
    const form02 = await api.call('GET', `/dossiers/${code}/forms/02`, { token: citizen });
    expect(form02.body).toMatchObject({
      requestedAt: '2026-03-04T10:00:00+07:00',
      items: expect.stringContaining('nơi cư trú'),
      respondedAt: null,
    });
    expect(form02.body.deadline).toBeTruthy();

    await at('2026-03-09T14:00:00+07:00');
    const extra = await api.upload(citizen, 'cu-tru.pdf', '%PDF cư trú');
    const supplied = await api.call('POST', `/dossiers/${code}/supplement`, {
      token: citizen,
      body: { documents: [{ componentCode: 'CU_TRU', uploadId: extra.uploadId }], note: 'Đã bổ sung' },
    });
    expect(supplied.status, JSON.stringify(supplied.body)).toBe(202);
    const resumed = await statusOf(citizen, code, 'IN_PROGRESS');
    // The clock restarts from zero at the complete supplement: 09/03 14:00 + 10 days → Thursday 19/03.
    expect(resumed.dueAt).toBe('2026-03-19T17:00:00+07:00');
    expect(resumed.documents.map((d: any) => d.componentCode)).toEqual(['TO_KHAI', 'CCCD', 'CU_TRU']);
    const again = await api.call('POST', `/dossiers/${code}/supplement`, {
      token: citizen,
      body: { documents: [{ componentCode: 'CU_TRU', uploadId: extra.uploadId }] },
    });
    expect(again.status).toBe(422);

    await decide(specialist, await taskOf(specialist, code, 'appraisal'), { decision: 'approve' });
    await at('2026-03-16T09:00:00+07:00');
    const approval = await taskOf(leader, code, 'approval');
    await decide(leader, approval, {
      decision: 'extend',
      dueAt: '2026-03-26T17:00:00+07:00',
      note: 'Chờ kết quả xác minh',
    });
    await at('2026-03-27T09:00:00+07:00');
    await decide(leader, approval, { decision: 'approve', resultNumber: '21/STP' });
    const ready = await statusOf(citizen, code, 'RESULT_READY');
    expect(ready).toMatchObject({
      dueAt: '2026-03-26T17:00:00+07:00',
      finishedAt: '2026-03-27T09:00:00+07:00',
      timeliness: 'late',
    });
    await decide(receiver, await taskOf(receiver, code, 'delivery'), { decision: 'deliver', deliveryMethod: 'online' });
    const delivered = await statusOf(citizen, code, 'DELIVERED');
    expect(delivered.timeliness).toBe('late');
    expect(delivered.history.map((h: any) => `${h.action}:${h.toStatus}`)).toEqual([
      'submit:SUBMITTED',
      'reception:accept:RECEIVED',
      'open:appraisal:IN_PROGRESS',
      'appraisal:request_supplement:SUPPLEMENT_REQUESTED',
      'supplement:supplement:IN_PROGRESS',
      'appraisal:approve:IN_PROGRESS',
      'extend:IN_PROGRESS',
      'approval:approve:RESULT_READY',
      'delivery:deliver:DELIVERED',
    ]);
    const slip = (await api.call('GET', `/dossiers/${code}/forms/05`, { token: receiver })).body;
    expect(slip.steps.map((s: any) => [s.step, s.decision])).toEqual([
      ['Tiếp nhận hồ sơ tại Bộ phận Một cửa', 'accept'],
      ['Thẩm định hồ sơ', 'request_supplement'],
      ['Chờ công dân bổ sung hồ sơ', 'supplement'],
      ['Thẩm định hồ sơ', 'approve'],
      ['Phê duyệt, ký kết quả', 'approve'],
      ['Trả kết quả', 'deliver'],
    ]);
    expect(slip.steps[4].onTime).toBe(false);
    expect((await api.call('GET', `/dossiers/${code}/forms/02`, { token: citizen })).body.respondedAt).toBe(
      '2026-03-09T14:00:00+07:00',
    );
    expect(await expectPromisedNotices(citizen, code)).toEqual([
      'Mới đăng ký',
      'Được tiếp nhận',
      'Đang xử lý',
      'Yêu cầu bổ sung giấy tờ',
      'Đang xử lý',
      'Xin lỗi và hẹn lại ngày trả kết quả',
      'Đã xử lý xong',
      'Đã trả kết quả',
    ]);
  });

  it('ends the dossier refused when the supplement deadline lapses', async () => {
    const citizen = await api.login('nam2', 'citizen');
    const receiver = await api.login('tam', 'receiver', PASC);
    const specialist = await api.login('son', 'specialist', JUSTICE);
    await at('2026-05-04T09:00:00+07:00');
    const code = await submit(citizen, 'story-lapse-0001');
    await decide(receiver, await taskOf(receiver, code, 'reception'), { decision: 'accept' });
    await decide(specialist, await taskOf(specialist, code, 'appraisal'), {
      decision: 'request_supplement',
      note: 'Bổ sung tờ khai có chữ ký.',
    });
    await statusOf(citizen, code, 'SUPPLEMENT_REQUESTED');
    await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
      (r) => r.body.tasks?.[0]?.stepId === 'supplement' && r.body.tasks[0].version >= 2,
      'supplement step waiting',
    );
    await at('2026-06-30T09:00:00+07:00');
    const refused = await statusOf(citizen, code, 'REFUSED');
    expect(refused.history.at(-1)).toMatchObject({
      action: 'supplement:lapse',
      actor: 'system',
      role: 'system',
      toStatus: 'REFUSED',
    });
    expect((await api.call('GET', `/dossiers/${code}/forms/03`, { token: citizen })).body.reasons).toContain(
      'Hết thời hạn bổ sung',
    );
    expect((await expectPromisedNotices(citizen, code)).at(-1)).toBe('Không được tiếp nhận');
  });

  it('refuses a supplement request made more than three working days after reception', async () => {
    const citizen = await api.login('nam3', 'citizen');
    const receiver = await api.login('tam', 'receiver', PASC);
    const specialist = await api.login('son', 'specialist', JUSTICE);
    await at('2026-07-06T09:00:00+07:00');
    const code = await submit(citizen, 'story-window-001');
    await decide(receiver, await taskOf(receiver, code, 'reception'), { decision: 'accept' });
    const task = await taskOf(specialist, code, 'appraisal');
    await at('2026-07-10T09:00:00+07:00');
    const late = await api.call('POST', `/tasks/${task.id}/decision`, {
      token: specialist,
      body: { decision: 'request_supplement', note: 'Bổ sung muộn' },
    });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('SUPPLEMENT_WINDOW_CLOSED');
  });

  it('sends one notice of missing items at reception without starting the clock, then refuses with reasons (Form 03)', async () => {
    const citizen = await api.login('nam4', 'citizen');
    const receiver = await api.login('tam', 'receiver', PASC);
    await at('2026-08-03T09:00:00+07:00');
    const code = await submit(citizen, 'story-intake-001');
    const reception = await taskOf(receiver, code, 'reception');
    expect(reception.allowedDecisions).toEqual(['accept', 'request_completion', 'refuse']);
    const bare = await api.call('POST', `/tasks/${reception.id}/decision`, {
      token: receiver,
      body: { decision: 'request_completion' },
    });
    expect(bare.body.error.code).toBe('NOTE_REQUIRED');
    await decide(receiver, reception, {
      decision: 'request_completion',
      note: 'Thiếu: giấy tờ chứng minh nơi cư trú; tờ khai chưa ký.',
    });
    const waiting = (
      await api.until(
        () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
        (r) => r.body.tasks?.[0]?.stepId === 'completion',
        'the completion step',
      )
    ).body;
    expect(waiting).toMatchObject({ status: 'SUBMITTED', receivedAt: null, dueAt: null });
    const extra = await api.upload(citizen, 'cu-tru.pdf', '%PDF');
    expect(
      (
        await api.call('POST', `/dossiers/${code}/supplement`, {
          token: citizen,
          body: { documents: [{ componentCode: 'CU_TRU', uploadId: extra.uploadId }] },
        })
      ).status,
    ).toBe(202);
    const again = await taskOf(receiver, code, 'reception');
    expect(again.id).not.toBe(reception.id);
    await decide(receiver, again, {
      decision: 'refuse',
      note: 'Người yêu cầu không thuộc đối tượng được cấp Phiếu lý lịch tư pháp số 2.',
    });
    const refused = await statusOf(citizen, code, 'REFUSED');
    expect(refused.statusCode).toBe(3);
    const form03 = await api.call('GET', `/dossiers/${code}/forms/03`, { token: citizen });
    expect(form03.body).toMatchObject({ form: '03', reasons: expect.stringContaining('không thuộc đối tượng') }); // The notice of missing items reached the applicant, though the status stayed "submitted".
    expect(await expectPromisedNotices(citizen, code)).toEqual([
      'Mới đăng ký',
      'Hồ sơ chưa đầy đủ, cần hoàn thiện',
      'Không được tiếp nhận',
    ]);
  });

  it('pauses the clock while the applicant meets a financial obligation (status 6), then resumes at the proof of payment', async () => {
    const citizen = await api.login('nam5', 'citizen');
    const receiver = await api.login('tam', 'receiver', PASC);
    const specialist = await api.login('son', 'specialist', JUSTICE);
    const leader = await api.login('lan', 'leader', JUSTICE);
    await at('2026-09-07T09:00:00+07:00');
    const code = await submit(citizen, 'story-payment-01');
    await decide(receiver, await taskOf(receiver, code, 'reception'), { decision: 'accept' });
    const received = await statusOf(citizen, code, 'IN_PROGRESS');
    expect(received.dueAt).toBe('2026-09-17T17:00:00+07:00');
    await at('2026-09-08T09:00:00+07:00');
    await decide(specialist, await taskOf(specialist, code, 'appraisal'), {
      decision: 'request_payment',
      note: 'Nộp phí cung cấp thông tin lý lịch tư pháp 200.000 đồng theo Thông tư 244/2016/TT-BTC.',
    });
    const waiting = (
      await api.until(
        () => api.call('GET', `/dossiers/${code}`, { token: citizen }),
        (r) => r.body.status === 'AWAITING_FINANCIAL_OBLIGATION' && r.body.tasks?.[0]?.version >= 2,
        'the payment step',
      )
    ).body;
    expect(waiting.statusCode).toBe(6);
    expect(waiting.tasks[0]).toMatchObject({ stepId: 'payment', allowedDecisions: ['paid'] });
    // Five working days later (Tue 15/09 09:00) the proof of payment arrives: the due date moves by those 40 hours.
    await at('2026-09-15T09:00:00+07:00');
    const receipt = await api.upload(citizen, 'bien-lai.pdf', '%PDF biên lai');
    const paid = await api.call('POST', `/dossiers/${code}/supplement`, {
      token: citizen,
      body: { documents: [{ componentCode: 'CU_TRU', uploadId: receipt.uploadId }], note: 'Biên lai nộp phí' },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(202);
    const resumed = await statusOf(citizen, code, 'IN_PROGRESS');
    expect(resumed.dueAt).toBe('2026-09-24T17:00:00+07:00');
    expect(resumed.history.map((h: any) => h.action)).toEqual(
      expect.arrayContaining(['appraisal:request_payment', 'payment:paid']),
    );
    expect((await api.taskOf(leader, code, 'approval')).stepId).toBe('approval');
    expect(await expectPromisedNotices(citizen, code)).toEqual(
      expect.arrayContaining(['Yêu cầu thực hiện nghĩa vụ tài chính']),
    );
  });
});
