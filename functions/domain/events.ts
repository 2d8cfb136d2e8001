import type { Dossier, HistoryEvent } from './dossier';
import { EXTEND } from './lifecycle/decisions';
import { decisionOf, notifiesApplicant } from './lifecycle/transitions';
import type { OfficerNotice } from './officer-notices';
import type { Rating } from './ratings';
import type { Channel } from './working-calendar';

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
  /** How it was received (absent from events written before the figures: the dossier has it). */
  channel?: Channel;
  status: Dossier['status'];
  receivingAgencyId: string;
  competentAgencyId: string;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  /** Its documents, how many were reused from the applicant's e-data store, and its result's documents. */
  documents?: { total: number; reused: number; results: number };
}

export const eventId = (code: string, seq: number) => `${code}#${seq}`;

/** The event a stored history entry is: its fields, and the snapshot written beside them. */
export function historyEvent(code: string, entry: Record<string, unknown>): DossierEvent {
  const { snapshot, ...event } = entry;
  return {
    id: eventId(code, Number(event.seq)),
    code,
    event: event as unknown as HistoryEvent,
    dossier: snapshot as DossierSnapshot,
  };
}

export function snapshotOf(dossier: Dossier): DossierSnapshot {
  return {
    procedureId: dossier.procedureId,
    procedureName: dossier.procedureName,
    channel: dossier.channel,
    status: dossier.status,
    receivingAgencyId: dossier.receivingAgencyId,
    competentAgencyId: dossier.competentAgencyId,
    receivedAt: dossier.receivedAt ?? null,
    dueAt: dossier.dueAt ?? null,
    finishedAt: dossier.finishedAt ?? null,
    documents: {
      total: dossier.documents.length,
      reused: dossier.documents.filter((d) => d.storedDocumentId).length,
      results: dossier.result?.documents.length ?? 0,
    },
  };
}

/**
 * Thông báo cho cán bộ — an officer notice as the reactions receive it (written once, as its own item, by the step or
 * the sweep that decided it). Its group is the agency: one agency's notices reach a reaction in order.
 */
export interface OfficerNoticeEvent {
  id: string;
  group: string;
  notice: OfficerNotice;
}

/** Đánh giá — the applicant's one rating of a dossier, written once; its group is the dossier. */
export interface RatingEvent {
  id: string;
  code: string;
  rating: Rating;
}

export const ratingEventId = (code: string) => `${code}#rating`;

/** Đã đồng bộ — the dossier's record reached the national portal (DVCQG) for the first time; written once. */
export interface SyncedEvent {
  id: string;
  code: string;
  /** When the dossier was received (the day it is counted on), and what the figures break it down by. */
  synced: { at: string; key: { agencyId: string; procedureId: string; channel: Channel } };
}
export const syncedEventId = (code: string) => `${code}#synced`;

/** Gửi lại — an operator asked for the dossier's whole record and progress to be sent to the national portal again. */
export interface ResyncEvent {
  id: string;
  code: string;
  resync: { at: string; by: string };
}

/**
 * Từ chối tiếp nhận — a dossier the national portal handed over was refused at intake (unknown procedure, missing
 * component, unreachable document): the portal hears of it. Its group is the portal's dossier id.
 */
export interface IntakeRefusalEvent {
  id: string;
  code: string;
  refusal: IntakeRefusal;
}
export interface IntakeRefusal {
  nationalId: string;
  procedureCode: string;
  at: string;
  error: { code: string; message: string; details: unknown };
}
/** The group of a refusal: no dossier exists, the portal's id stands for it. */
export const refusalGroup = (nationalId: string) => `DVCQG#${nationalId}`;

/** What the table's stream carries to the reactions. */
export type StreamEvent =
  | DossierEvent
  | OfficerNoticeEvent
  | RatingEvent
  | SyncedEvent
  | ResyncEvent
  | IntakeRefusalEvent;

export const isOfficerNotice = (event: StreamEvent): event is OfficerNoticeEvent => 'notice' in event;
export const isRatingEvent = (event: StreamEvent): event is RatingEvent => 'rating' in event;
export const isDossierEvent = (event: StreamEvent): event is DossierEvent => 'event' in event && 'dossier' in event;
export const isSyncedEvent = (event: StreamEvent): event is SyncedEvent => 'synced' in event;
export const isResyncEvent = (event: StreamEvent): event is ResyncEvent => 'resync' in event;
export const isIntakeRefusal = (event: StreamEvent): event is IntakeRefusalEvent => 'refusal' in event;

/** Events of one group reach a reaction in order (the SQS FIFO message group): a dossier, or an agency's notices. */
export const groupOf = (event: StreamEvent) => (isOfficerNotice(event) ? event.group : event.code);

/** The reactions to the events: each has its own queue, retries and dead letters, and applies an event once. */
export const REACTIONS = ['notify-applicant', 'notify-officers', 'file-documents', 'figures', 'dvcqg-sync'] as const;
export type Reaction = (typeof REACTIONS)[number];

/**
 * What files a dossier's documents: its first event (the copies), and the changes after which an agency holds
 * documents of the applicant's for good — its reception, an answered supplement, its result.
 */
export const filesDocuments = (event: StreamEvent): event is DossierEvent => {
  if (!isDossierEvent(event)) return false;
  const { seq, fromStatus, toStatus } = event.event;
  if (seq === 1) return true;
  if (fromStatus === toStatus) return false;
  return toStatus === 'RECEIVED' || toStatus === 'RESULT_READY' || fromStatus === 'SUPPLEMENT_REQUESTED';
};

/** The changes the applicant hears of (the transition table): no other event costs notify-applicant a message. */
export const isApplicantNotice = (event: StreamEvent): event is DossierEvent =>
  isDossierEvent(event) && notifiesApplicant(event.event);

/** What the figures count: changes of status, and extensions (a new due date). */
export const isFigureEvent = (event: StreamEvent): event is DossierEvent =>
  isDossierEvent(event) &&
  (event.event.fromStatus !== event.event.toStatus || decisionOf(event.event.action) === EXTEND);

/** What the figures reaction takes: the events above, ratings, and first syncs to the national portal. */
export const countsInFigures = (event: StreamEvent): event is DossierEvent | RatingEvent | SyncedEvent =>
  isFigureEvent(event) || isRatingEvent(event) || isSyncedEvent(event);

/** What the national portal hears of: every processing step of every dossier, re-sends, and refused intakes. */
export const syncsToPortal = (event: StreamEvent): event is DossierEvent | ResyncEvent | IntakeRefusalEvent =>
  isDossierEvent(event) || isResyncEvent(event) || isIntakeRefusal(event);

/** Which events each reaction takes: only those reach its queue. */
export const REACTION_INPUT: Record<Reaction, (event: StreamEvent) => boolean> = {
  'notify-applicant': isApplicantNotice,
  'notify-officers': isOfficerNotice,
  'file-documents': filesDocuments,
  figures: countsInFigures,
  'dvcqg-sync': syncsToPortal,
};
