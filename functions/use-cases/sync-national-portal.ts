import { catalogue, clock, deliveries, nationalPortal, syncs } from '../composition';
import {
  type DossierEvent,
  type IntakeRefusalEvent,
  isIntakeRefusal,
  isResyncEvent,
  type ResyncEvent,
} from '../domain/events';
import {
  failedAttempt,
  progressOf,
  receivedIn,
  recordOf,
  refusalRecord,
  type SyncPlace,
} from '../domain/national-portal';
import { toVietnamIso } from '../domain/vietnam-time';

/**
 * Đồng bộ lên Cổng DVCQG — brings the portal up to the event: every history entry it does not hold yet, in order
 * (so an entry that failed earlier, even one that went to the dead letters, goes with the next), then the record as
 * it stood after them. A dossier new to the portal is created first with its record at submission; a re-send
 * (an operator's request) sends everything again, which the portal takes as no change. Where the sync stands is kept
 * per dossier, only moved from the place read; a failure is recorded (`pending`, or `failed` on the queue's last
 * delivery) and thrown, so the queue retries with backoff.
 */
export async function syncToPortal(event: DossierEvent | ResyncEvent | IntakeRefusalEvent, attempt = 1) {
  if (!nationalPortal.configured()) return;
  if (isIntakeRefusal(event)) {
    const { refusal } = event;
    await nationalPortal.syncRecords([refusalRecord({ ...refusal, message: reasonOf(refusal.error) })], true);
    return;
  }
  const { code } = event;
  for (let round = 0; round < 3; round++) {
    const { place: before, record } = await syncs.syncState(code);
    const resend = isResyncEvent(event);
    const target = resend ? Number.POSITIVE_INFINITY : event.event.seq;
    const from = resend ? 0 : (before?.syncedSeq ?? 0);
    if (from >= target) return;
    if (!record) throw new Error(`dossier ${code} not found`);
    const history = record.history.filter((h) => h.seq <= target).sort((a, b) => a.seq - b.seq);
    const upTo = history.at(-1)?.seq ?? 0;
    if (upTo <= from) return;
    const agencies = new Map((await catalogue.province()).agencies.map((a) => [a.id, a.name]));
    const now = toVietnamIso(clock.now());
    try {
      const nationalId = record.dossier.nationalId;
      if (from === 0) await nationalPortal.syncRecords([recordOf(record.dossier, history, 1, nationalId)], false);
      const steps = progressOf(code, history, agencies).filter((_, i) => history[i]!.seq > from);
      await nationalPortal.updateProgress(steps);
      await nationalPortal.syncRecords([recordOf(record.dossier, history, upTo, nationalId)], true);
    } catch (error) {
      const message = `${(error as Error).name}: ${(error as Error).message}`;
      await syncs.failed(failedAttempt(before, code, upTo, attempt, deliveries.max(), message, now));
      throw error;
    }
    const counted = Boolean(before?.counted) || receivedIn(history);
    const after: SyncPlace = {
      code,
      state: 'synced',
      syncedSeq: Math.max(upTo, before?.syncedSeq ?? 0),
      attempts: 0,
      syncedAt: now,
      ...(counted ? { counted: true } : {}),
      updatedAt: now,
    };
    // Counted on the day the dossier was received: the share synced of the dossiers a period received.
    const { dossier } = record;
    const countOn =
      counted && !before?.counted
        ? {
            at: dossier.receivedAt ?? now,
            key: { agencyId: dossier.competentAgencyId, procedureId: dossier.procedureId, channel: dossier.channel },
          }
        : undefined;
    if (await syncs.synced(before, after, countOn)) return;
  }
  throw new Error(`the sync of ${code} kept moving while event ${event.id} was sent`);
}

/** The reason the portal shows: our message, and each field a validation named (never the values sent). */
function reasonOf(error: { message: string; details: unknown }) {
  const fields = Array.isArray(error.details)
    ? error.details.flatMap((d: { field?: unknown; message?: unknown }) =>
        typeof d?.field === 'string' ? [`${d.field}: ${String(d.message ?? '')}`] : [],
      )
    : [];
  return (fields.length ? `${error.message} — ${fields.join('; ')}` : error.message).slice(0, 2000);
}
