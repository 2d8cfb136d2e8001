import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { JUSTICE, PASC } from '../support/agencies';
import { eventsSettled } from '../support/events';
import { apiClient } from '../support/http';

/**
 * Officers hear of their work through the same event stream as applicants: the inbox digest at the province's digest
 * times, the warning one working day before a step is due, the overdue notice to the agency's leader, the escalation
 * to the PASC's leader two working days later. The development clock moves the time; each notice comes once.
 */
const JUSTICE_MAILBOX = 'motcua.stp@phutho.gov.vn';
const JUSTICE_LEADER = 'giamdoc.stp@phutho.gov.vn';
const PASC_LEADER = 'giamdoc.ttphvhcc@phutho.gov.vn';

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
  api = apiClient(runtime.url);
});
afterAll(() => runtime?.close());

const setClock = async (now: string | null) => {
  const reply = await api.call('POST', '/local/clock', { body: { now, frozen: now !== null } });
  expect(reply.status).toBe(200);
  return reply.body;
};

interface Mail {
  channel: string;
  to: string[];
  subject?: string;
  body: string;
}

/** Mails to officers' addresses, oldest first (the outbox lists newest first). */
async function officerMails(): Promise<Mail[]> {
  const items: Mail[] = (await api.call('GET', '/local/outbox')).body.items;
  return items.filter((m) => m.to.some((to) => to.endsWith('@phutho.gov.vn'))).reverse();
}

async function mailsAfter(step: string, count: number) {
  await eventsSettled(runtime);
  return api.until(officerMails, (mails) => mails.length >= count, step);
}

describe('officers are told of new, due and overdue work, each once', () => {
  it('digests the inbox, warns a working day ahead, tells the leader when overdue, then escalates to the PASC', async () => {
    await setClock('2026-03-02T09:00:00+07:00');
    const receiver = await api.login('tam', 'receiver', PASC);
    const documents = [];
    for (const code of ['TO_KHAI', 'CCCD'])
      documents.push({ componentCode: code, uploadId: (await api.upload(receiver, `${code}.pdf`, '%PDF')).uploadId });
    const created = await api.call('POST', '/dossiers', {
      token: receiver,
      body: {
        procedureId: '2.000488',
        applicant: { fullName: 'Lê Thị Hoa', idNumber: '025190002468', email: 'hoa@example.vn' },
        documents,
      },
      headers: { 'idempotency-key': 'officer-notices-0001' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const code: string = created.body.code;
    const specialist = await api.login('son', 'specialist', JUSTICE);
    const inbox = await api.until(
      () => api.call('GET', '/tasks', { token: specialist }),
      (r) => r.body.items.length === 1 && r.body.items[0].version >= 2,
      'appraisal task waiting',
    );
    // 40 working hours from Monday 09:00: the next Monday 09:00.
    expect(inbox.body.items[0]).toMatchObject({ dossierCode: code, dueAt: '2026-03-09T09:00:00+07:00' });

    // 13:30 is a digest time: the afternoon digest lists the task opened this morning.
    await setClock('2026-03-02T13:45:00+07:00');
    const [digest] = await mailsAfter('the inbox digest', 1);
    expect(digest).toMatchObject({ channel: 'email', to: [JUSTICE_MAILBOX] });
    expect(digest!.subject).toBe('[Tỉnh Phú Thọ] 1 công việc mới tại Sở Tư pháp tỉnh Phú Thọ');
    expect(digest!.body).toContain(`- Hồ sơ ${code}: `);
    expect(digest!.body).toContain('nhận lúc 09:00 ngày 02/03/2026, hạn 09:00 ngày 09/03/2026');

    // Friday 08:45 is more than a working day ahead; 09:15 is within it.
    await setClock('2026-03-06T08:45:00+07:00');
    await eventsSettled(runtime);
    expect(await officerMails()).toHaveLength(1);
    await setClock('2026-03-06T09:15:00+07:00');
    const warned = await mailsAfter('the due-soon warning', 2);
    expect(warned[1]).toMatchObject({
      to: [JUSTICE_MAILBOX],
      subject: expect.stringContaining(`Sắp đến hạn: hồ sơ ${code}`),
    });

    // Past due: the step's timeout flags it; the notice goes to the agency's leader.
    expect((await setClock('2026-03-09T09:30:00+07:00')).fired).toBe(1);
    const overdue = await mailsAfter('the overdue notice', 3);
    expect(overdue[2]).toMatchObject({
      to: [JUSTICE_LEADER],
      subject: expect.stringContaining(`Quá hạn xử lý: hồ sơ ${code}`),
    });

    // Two working days after the due time, the PASC's leader hears of it.
    await setClock('2026-03-11T08:45:00+07:00');
    await eventsSettled(runtime);
    expect(await officerMails()).toHaveLength(3);
    await setClock('2026-03-11T09:15:00+07:00');
    const escalated = await mailsAfter('the escalation', 4);
    expect(escalated[3]).toMatchObject({
      to: [PASC_LEADER],
      subject: `[Tỉnh Phú Thọ] Quá hạn 2 ngày làm việc: hồ sơ ${code} – ${inbox.body.items[0].stepName}`,
    });
    expect(escalated[3]!.body).toContain('Kính gửi lãnh đạo Trung tâm Phục vụ hành chính công tỉnh Phú Thọ');

    // Later sweeps repeat none of it: the next digest has nothing new, no warning or escalation comes twice.
    await setClock('2026-03-12T14:00:00+07:00');
    await eventsSettled(runtime);
    expect((await officerMails()).map((m) => m.to[0])).toEqual([
      JUSTICE_MAILBOX,
      JUSTICE_MAILBOX,
      JUSTICE_LEADER,
      PASC_LEADER,
    ]);
    expect((await api.call('GET', '/local/dead-letters')).body.items).toEqual([]);
    await setClock(null);
  });
});
