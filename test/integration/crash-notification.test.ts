import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/http';
import { localProcess } from '../support/process';

/**
 * `npm start` killed with SIGKILL between a status change and its notification: the change is in the table, its event
 * in the stream and the reaction's on-disk queue; after the restart the applicant hears of it, exactly once.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-crash-notify-'));
const runtimes = localProcess(dataDir);
afterAll(runtimes.cleanUp, 60_000);

describe('kill -9 between a status change and its notification', () => {
  it('sends the notification after the restart, exactly once', async () => {
    let runtime = await runtimes.start();
    let api = apiClient(runtime.url);
    // The mail service is down: the submission is stored, its notification cannot leave yet.
    await api.call('POST', '/local/outbox/fail', { body: { until: '2099-01-01T00:00:00+07:00' } });
    const citizen = await api.login('crash-notify', 'citizen');
    const code = await api.submitSample(
      citizen,
      { fullName: 'Phan Văn Tú', idNumber: '025190006543', email: 'tu@example.vn' },
      'crash-notify-0001',
    );
    // Positive signal: the event is queued and being retried (not yet sent, not yet given up).
    await api.until(
      () => api.call('GET', '/local/dead-letters'),
      (reply) => reply.body.pending > 0,
      'the notification queued',
    );
    await runtimes.kill9(runtime);

    runtime = await runtimes.start();
    api = apiClient(runtime.url);
    const mailsFor = async () =>
      (await api.call('GET', '/local/outbox')).body.items.filter((m: { subject?: string }) =>
        m.subject?.includes(code),
      );
    await api.until(mailsFor, (mails) => mails.length > 0, 'the notification after the restart', 30_000);
    await api.until(
      () => api.call('GET', '/local/dead-letters'),
      (reply) => reply.body.pending === 0,
      'the queues drained',
    );
    const mails = await mailsFor();
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['tu@example.vn']);
    expect((await api.call('GET', '/local/dead-letters')).body.items).toEqual([]);
  }, 180_000);
});
