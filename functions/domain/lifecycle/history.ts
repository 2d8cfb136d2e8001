import type { Actor, Dossier, HistoryEvent, RecordedDecision, SystemActor, Task } from '../dossier';
import { businessRule, conflict } from '../errors';
import type { DossierStatus } from '../status';
import { canTransition } from './transitions';

/** Who made a history entry: the subject, in which role, for which agency. */
export function actedBy(actor: Actor | SystemActor): Pick<HistoryEvent, 'actor' | 'role' | 'agencyId'> {
  return { actor: actor.sub, role: actor.role, agencyId: actor.agencyId ?? null };
}

/** The history entry of a decision on a task: who decided what at which step (with its due time), and the status. */
export function decisionEntry(
  task: Task,
  decided: RecordedDecision,
  entry: { seq: number; at: string; fromStatus: DossierStatus; toStatus: DossierStatus },
): HistoryEvent {
  return {
    ...entry,
    ...actedBy(decided.actor),
    action: `${task.stepId}:${decided.decision}`,
    note: decided.note,
    stepId: task.stepId,
    stepDueAt: task.dueAt,
  };
}

/** Optimistic concurrency for clients: the dossier must still be at the version they saw (when they say which). */
export function assertDossierVersion(dossier: Dossier, expected: number | undefined) {
  if (expected !== undefined && expected !== dossier.version) {
    throw conflict('STALE_VERSION', `Hồ sơ ${dossier.code} đã thay đổi (version ${dossier.version})`, {
      version: dossier.version,
    });
  }
}

/** A move the transition table does not list is refused (422), never written. */
export function assertTransition(from: DossierStatus, to: DossierStatus) {
  if (!canTransition(from, to)) {
    throw businessRule('ILLEGAL_TRANSITION', `Không thể chuyển hồ sơ từ ${from} sang ${to}`, { from, to });
  }
}
