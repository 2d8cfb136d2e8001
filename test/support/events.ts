import type { HistoryEvent } from '../../functions/domain/dossier';
import { notifiesApplicant } from '../../functions/domain/lifecycle/transitions';
import { NOTICE_TEMPLATES } from '../../functions/domain/notices';
import type { LocalRuntime } from '../../infra/local/runtime';

/**
 * Waits until every event written so far has been read from the stream and applied by every reaction (or given up
 * as a dead letter): the positive signal before asserting that something was sent exactly once.
 */
export async function eventsSettled(runtime: LocalRuntime, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  await runtime.events.drained();
  while (runtime.events.depth() > 0) {
    if (Date.now() > deadline) throw new Error(`reactions still have ${runtime.events.depth()} events queued`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const VI = NOTICE_TEMPLATES.vi;

/** What the transition table promises the applicant hears of a history, in order: the words of each subject. */
export function promisedNotices(history: HistoryEvent[]): string[] {
  return history
    .filter((event) => notifiesApplicant(event))
    .map((event) => (VI.actions[event.action] ?? VI.statuses[event.toStatus]).status);
}

/** The subjects of the mails an address received, oldest first (the outbox lists newest first). */
export function subjectsTo(outbox: { channel: string; to: string[]; subject?: string }[], email: string) {
  return outbox
    .filter((m) => m.channel === 'email' && m.to.includes(email))
    .map((m) => (m.subject ?? '').replace(/^\[[^\]]+\] Hồ sơ [^:]+: /, ''))
    .reverse();
}
