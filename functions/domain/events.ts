import type { Dossier, HistoryEvent } from './dossier';

/**
 * Sự kiện hồ sơ — one status change, as the reactions receive it: the history event written in the same transaction
 * as the change, with what the dossier was at that moment (no personal data: a reaction that needs the applicant's
 * contact reads it from the dossier). The event id is the dossier code and the event's sequence number, so a
 * reaction can tell an event it already applied.
 */
export interface DossierEvent {
  id: string;
  code: string;
  event: HistoryEvent;
  dossier: DossierSnapshot;
}

/** The dossier as it stood right after the change (status, deadlines, agencies): what a notification reports. */
export interface DossierSnapshot {
  procedureId: string;
  procedureName: string;
  status: Dossier['status'];
  receivingAgencyId: string;
  competentAgencyId: string;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
}

export const eventId = (code: string, seq: number) => `${code}#${seq}`;

export function snapshotOf(dossier: Dossier): DossierSnapshot {
  return {
    procedureId: dossier.procedureId,
    procedureName: dossier.procedureName,
    status: dossier.status,
    receivingAgencyId: dossier.receivingAgencyId,
    competentAgencyId: dossier.competentAgencyId,
    receivedAt: dossier.receivedAt ?? null,
    dueAt: dossier.dueAt ?? null,
    finishedAt: dossier.finishedAt ?? null,
  };
}

/** The reactions to every event: each has its own queue, retries and dead letters, and applies an event once. */
export const REACTIONS = ['notify-applicant'] as const;
export type Reaction = (typeof REACTIONS)[number];
