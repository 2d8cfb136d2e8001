/** Single-table key layout. Every access pattern is a key or a sparse GSI; no Scan on a request path. */
export const keys = {
  province: () => ({ pk: 'PROVINCE', sk: 'SETTINGS' }),
  /** One catalogue index entry per procedure version: the listing reads the whole (small) partition. */
  catalogEntry: (id: string, effectiveFrom: string) => ({ pk: 'CATALOG', sk: `V#${id}#${effectiveFrom}` }),
  procedureVersion: (id: string, effectiveFrom: string) => ({ pk: `PROC#${id}`, sk: `V#${effectiveFrom}` }),
  dossier: (code: string) => ({ pk: `D#${code}`, sk: 'DOSSIER' }),
  dossierAgency: (code: string, agencyId: string) => ({ pk: `D#${code}`, sk: `AGENCY#${agencyId}` }),
  history: (code: string, seq: number) => ({ pk: `D#${code}`, sk: `H#${String(seq).padStart(5, '0')}` }),
  task: (code: string, taskId: string) => ({ pk: `D#${code}`, sk: `T#${taskId}` }),
  /** A reaction applied this event (written after it succeeded): a redelivered event is skipped. */
  reacted: (code: string, reaction: string, seq: number) => ({
    pk: `D#${code}`,
    sk: `R#${reaction}#${String(seq).padStart(5, '0')}`,
  }),
  /** A reaction applied the dossier's rating. */
  ratingReacted: (code: string, reaction: string) => ({ pk: `D#${code}`, sk: `R#${reaction}#RATING` }),
  /** One agency's copy of a rating (functions/domain/ratings.ts), by month: what its leaders read. */
  ratingRecord: (agencyId: string, at: string, code: string) => ({
    pk: `RATINGS#${agencyId}#${at.slice(0, 7)}`,
    sk: `${at}#${code}`,
  }),
  /** An officer notice about one task (due soon, overdue, escalated): written once, read by the stream. */
  taskNotice: (code: string, taskId: string, kind: string) => ({ pk: `D#${code}`, sk: `O#${taskId}#${kind}` }),
  /** An agency's inbox digest of one slot, and where its officer-notice sweeps got to. */
  digest: (agencyId: string, slot: string) => ({ pk: `OFFICERS#${agencyId}`, sk: `DIGEST#${slot}` }),
  sweepCursor: (agencyId: string) => ({ pk: `OFFICERS#${agencyId}`, sk: 'SWEEP' }),
  /** A reaction applied an officer notice (the notice's event id is its item's keys). */
  noticeReacted: (eventId: string, reaction: string) => ({ pk: `R#${eventId}`, sk: reaction }),
  /** Where the dossier stands in the figures (functions/domain/figures.ts): the last event the figures applied. */
  dossierFigures: (code: string) => ({ pk: `D#${code}`, sk: 'FIGURES' }),
  /** Something the figures counted once for the dossier apart from its place (its first sync to the portal). */
  figuresMarker: (code: string, marker: string) => ({ pk: `D#${code}`, sk: `FIGURES#${marker}` }),
  /**
   * Figure counters: a year partition, a partition per year for its months, a partition per month for its days;
   * sorted by period, then key and shard, so a running total to any day is three queries.
   */
  figures: (level: 'day' | 'month' | 'year', period: string, key: string) => {
    if (level === 'year') return { pk: 'FIG#Y', sk: `${period}#${key}` };
    if (level === 'month') return { pk: `FIG#M#${period.slice(0, 4)}`, sk: `${period}#${key}` };
    return { pk: `FIG#D#${period.slice(0, 7)}`, sk: `${period}#${key}` };
  },
  /** Where the dossier's sync to the national portal stands; listed by state (gsi3) while it is behind. */
  syncPlace: (code: string) => ({ pk: `D#${code}`, sk: 'DVCQG' }),
  /** The one `synced` event of a dossier (the figures count it). */
  synced: (code: string) => ({ pk: `D#${code}`, sk: 'DVCQG#SYNCED' }),
  /** An operator's re-send request (an event). */
  resync: (code: string, at: string) => ({ pk: `D#${code}`, sk: `DVCQG#RESYNC#${at}` }),
  /** The notice of a refused intake, once per portal dossier id and body (an event). */
  intakeRefusal: (nationalId: string, bodyHash: string) => ({ pk: `DVCQG#${nationalId}`, sk: `REFUSAL#${bodyHash}` }),
  /** The sync listing of one state: `SYNC#failed`. */
  syncIndex: (state: string) => `SYNC#${state}`,
  /** One document of a citizen's e-data store: the partition is the owner's identification number. */
  storedDocument: (ownerIdNumber: string, id: string) => ({ pk: `EDATA#${ownerIdNumber}`, sk: `DOC#${id}` }),
  counter: (counterKey: string) => ({ pk: `COUNTER#${counterKey}`, sk: 'COUNTER' }),
  idempotency: (sub: string, key: string) => ({ pk: `IDEMP#${sub}#${key}`, sk: 'IDEMP' }),
  upload: (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' }),
  inbox: (agencyId: string, role: string) => `INBOX#${agencyId}#${role}`,
  applicantIndex: (sub: string) => `APPLICANT#${sub}`,
  agencyIndex: (agencyId: string) => `AGENCY#${agencyId}`,
  /** A listing partition narrowed to one status (the status index): `APPLICANT#sub#RECEIVED`. */
  byStatus: (partition: string, status: string) => `${partition}#${status}`,
};

export const INBOX_INDEX = 'gsi1';
export const LISTING_INDEX = 'gsi2';
export const STATUS_INDEX = 'gsi3';
