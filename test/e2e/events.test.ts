import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { eventsSettled } from '../support/events';
import { apiClient } from '../support/http';

/**
 * The event stream end to end on the local runtime: a status change reaches the applicant through the table's
 * stream and the reaction's queue; a mail service that fails for a while delays notifications but loses none and
 * sends none twice; one that keeps failing leaves the event as a dead letter.
 */
let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  // Quick retries so that "for a while" and "for good" both fit in a test: 0.2 s doubling, six deliveries.
  runtime = await startLocalRuntime({ port: 0, province: 'phu-tho', reactionRetry: { baseMs: 200, maxReceives: 6 } });
  api = apiClient(runtime.url);
});
afterAll(() => runtime?.close());

async function submit(name: string, email: string, key: string) {
  const citizen = await api.login(name, 'citizen');
  return api.submitSample(citizen, { fullName: 'Lê Thị Hoa', idNumber: '025190004321', email }, key);
}

const mailsFor = async (code: string) =>
  (await api.call('GET', '/local/outbox')).body.items.filter((m: { subject?: string }) => m.subject?.includes(code));

describe('status changes reach the applicant through the event stream', () => {
  it('delivers every notification after the mail service recovers, none twice', async () => {
    const until = new Date(Date.now() + 1500).toISOString();
    expect((await api.call('POST', '/local/outbox/fail', { body: { until } })).body.failingUntil).toBe(until);
    const code = await submit('hoa', 'hoa@example.vn', 'events-recover-0001');
    expect(await mailsFor(code)).toEqual([]);
    await api.until(
      () => mailsFor(code),
      (mails) => mails.length > 0,
      'the notification after recovery',
    );
    await eventsSettled(runtime);
    const mails = await mailsFor(code);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['hoa@example.vn']);
    expect(Date.parse(mails[0].sentAt)).toBeGreaterThanOrEqual(Date.parse(until));
    expect(runtime.events.deadLetters()).toEqual([]);
  });

  it('keeps an event the mail service refuses for good as a dead letter, and sends nothing', async () => {
    await api.call('POST', '/local/outbox/fail', { body: { until: '2099-01-01T00:00:00+07:00' } });
    try {
      const code = await submit('khoa', 'khoa@example.vn', 'events-dead-0001');
      const dead = await api.until(
        () => api.call('GET', '/local/dead-letters'),
        (reply) => reply.body.items.some((d: { code: string }) => d.code === code),
        'the dead letter',
        30_000,
      );
      expect(dead.body.items.find((d: { code: string }) => d.code === code)).toMatchObject({
        reaction: 'notify-applicant',
        eventId: `${code}#1`,
        status: 'SUBMITTED',
        receiveCount: 6,
      });
      expect(await mailsFor(code)).toEqual([]);
    } finally {
      await api.call('POST', '/local/outbox/fail', { body: { until: null } });
    }
  });

  it('notifies on the channels the applicant chose: one SMS segment with the lookup link, no mail', async () => {
    const citizen = await api.login('minh', 'citizen');
    const applicant = {
      fullName: 'Đỗ Văn Minh',
      idNumber: '025190008765',
      email: 'minh@example.vn',
      phone: '0912345678',
    };
    const code = await api.submitSample(citizen, applicant, 'events-channels-0001', { notify: { email: false } });
    const messages = await api.until(
      async () =>
        (await api.call('GET', '/local/outbox')).body.items.filter(
          // What the applicant received (an officer's inbox digest may name the dossier too).
          (m: { to: string[]; body: string; subject?: string }) =>
            `${m.subject ?? ''} ${m.body}`.includes(code) && !m.to.some((to) => to.endsWith('.gov.vn')),
        ),
      (found) => found.length > 0,
      'the SMS',
    );
    await eventsSettled(runtime);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'sms', to: ['+84912345678'] });
    expect(messages[0].body.length).toBeLessThanOrEqual(160);
    expect(messages[0].body).toMatch(/^[\x20-\x7e]+$/);
    expect(messages[0].body).toContain(`https://dichvucong.phutho.gov.vn/tra-cuu?ma=${code}`);
    const noPhone = await api.call('POST', '/dossiers', {
      token: citizen,
      body: {
        procedureId: '2.000488',
        applicant: { ...applicant, phone: undefined },
        documents: [],
        notify: { sms: true },
      },
      headers: { 'idempotency-key': 'events-channels-0002' },
    });
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error.details).toContainEqual(expect.objectContaining({ field: 'notify.sms' }));
  });

  it('answers a malformed failure switch with a 400', async () => {
    const reply = await api.call('POST', '/local/outbox/fail', { body: { until: 'soon' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
  });
});
