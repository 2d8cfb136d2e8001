import type { HistoryEvent } from '../../functions/domain/dossier';
import { notifiesApplicant } from '../../functions/domain/lifecycle/transitions';
import { noticeWords } from '../../functions/domain/notices';
import type { LocalRuntime } from '../../infra/local/runtime';
import type { apiClient } from './http';

/**
 * Waits until every event written so far has been read from the stream and applied by every reaction (or given up
 * as a dead letter): the positive signal before asserting that something was sent exactly once.
 */
export async function eventsSettled(runtime: LocalRuntime, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  // A reaction may write an event of its own (the portal sync's first `synced`): settled is the stream read to its
  // end after every queue emptied.
  for (;;) {
    await runtime.events.drained();
    while (runtime.events.depth() > 0) {
      if (Date.now() > deadline) throw new Error(`reactions still have ${runtime.events.depth()} events queued`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await runtime.events.drained();
    if (runtime.events.depth() === 0) return;
  }
}

/**
 * The same signal over HTTP, for a runtime in another process (`npm start`): every reaction's queue is empty, and
 * none holds a dead letter (one fails the run).
 */
export async function queuesDrained(api: ReturnType<typeof apiClient>) {
  for (;;) {
    const queued = (await api.call('GET', '/local/dead-letters')).body;
    if (queued.items.length) throw new Error(`${queued.items.length} events went to dead letters`);
    if (queued.pending === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the transition table promises the applicant hears of a history, in order: the words of each subject. */
export function promisedNotices(history: HistoryEvent[]): string[] {
  return history.filter((event) => notifiesApplicant(event)).map((event) => noticeWords(event).status);
}

/** The subjects of the mails an address received, oldest first (the outbox lists newest first). */
export function subjectsTo(outbox: { channel: string; to: string[]; subject?: string }[], email: string) {
  return outbox
    .filter((m) => m.channel === 'email' && m.to.includes(email))
    .map((m) => (m.subject ?? '').replace(/^\[[^\]]+\] Hồ sơ [^:]+: /, ''))
    .reverse();
}

/**
 * What the applicant of one dossier was sent (mail subjects naming its code, oldest first) and what the transition
 * table promises for its history, once every event written so far has been applied.
 */
export async function applicantNotices(
  runtime: LocalRuntime,
  api: ReturnType<typeof apiClient>,
  token: string,
  code: string,
): Promise<{ sent: string[]; promised: string[] }> {
  await eventsSettled(runtime);
  const dossier = (await api.call('GET', `/dossiers/${code}`, { token })).body;
  const outbox: { channel: string; to: string[]; subject?: string }[] = (await api.call('GET', '/local/outbox')).body
    .items;
  const mine = outbox.filter((m) => m.subject?.includes(`Hồ sơ ${code}:`));
  return { sent: subjectsTo(mine, dossier.applicant.email), promised: promisedNotices(dossier.history) };
}
