/**
 * Notification lag on the local runtime: from the moment a status change is committed (the submission's reply) to
 * the moment its mail reaches the outbox, through the table's stream (polled every 100 ms, as Lambda's event source
 * mapping polls a stream about four times a second) and the reaction's queue. Median and p99 over one run.
 */
import './quiet';
import { startLocalRuntime } from '../infra/local/runtime';
import { eventsSettled } from '../test/support/events';
import { apiClient } from '../test/support/http';

const DOSSIERS = Number(process.env.BENCH_NOTIFICATIONS ?? 40);

const runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
try {
  const api = apiClient(runtime.url);
  const citizen = await api.login('bench-notify', 'citizen');
  const committed = new Map<string, number>();
  for (let i = 0; i < DOSSIERS; i++) {
    const code = await api.submitSample(
      citizen,
      { fullName: 'Vũ Thị Lan', idNumber: '025190001111', email: 'lan@example.vn' },
      `bench-notify-${String(i).padStart(4, '0')}`,
    );
    committed.set(code, Date.now());
    // One submission at a time, spaced like a busy desk: each lag is measured alone.
    await new Promise((r) => setTimeout(r, 50));
  }
  await eventsSettled(runtime, 60_000);
  const lags: number[] = [];
  for (const mail of runtime.outbox.messages()) {
    const code = /Hồ sơ (\S+):/.exec(mail.subject ?? '')?.[1];
    const at = code ? committed.get(code) : undefined;
    if (at !== undefined) lags.push(Date.parse(mail.sentAt) - at);
  }
  lags.sort((a, b) => a - b);
  const pick = (q: number) => lags[Math.min(lags.length - 1, Math.ceil(q * lags.length) - 1)]!;
  console.log(
    `notification lag (status change → outbox, ${lags.length} of ${DOSSIERS} dossiers): median ${pick(0.5)} ms, p99 ${pick(0.99)} ms (stream polled every 100 ms)`,
  );
  if (lags.length !== DOSSIERS) throw new Error(`expected ${DOSSIERS} notifications, found ${lags.length}`);
} finally {
  await runtime.close();
}
