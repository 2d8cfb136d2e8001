import type { ProcedureSummary } from './catalogue-search';
import type { Dossier, HistoryEvent, StepSpec, Task } from './dossier';
import type { StoredDocument } from './e-data';
import type { DossierEvent, IntakeRefusal, RatingEvent, Reaction, StreamEvent, SyncedEvent } from './events';
import type { DossierFigures, FigureChange, FigureDelta, FigureItem, FigureKey, StoredFigureItem } from './figures';
import type { PortalProgress, SyncPlace } from './national-portal';
import type { OfficerNotice, SweepCursor } from './officer-notices';
import type { ProcedureVersion } from './procedure';
import type { ProvinceSettings } from './province-settings';
import type { Rating, RatingRecord } from './ratings';
import type { DossierStatus } from './status';
import type { Channel } from './working-calendar';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface IdempotencyRecord {
  bodyHash: string;
  code: string;
}

export interface UploadRecord {
  uploadId: string;
  owner: string;
  key: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
  /** The dossier the upload was attached to: an upload belongs to one dossier only. */
  usedBy?: string;
}

/**
 * Ports the use cases depend on; `functions/adapters` implements them on DynamoDB, S3 and Step Functions.
 * Hồ sơ — the dossiers: a move that changes a dossier writes it (version-checked) with its tasks and history at once.
 */
export interface DossierStore {
  nextSequence(counterKey: string): Promise<number>;
  /**
   * A new dossier in one transaction: the dossier, its idempotency record, its first history event and, when the
   * first step's task opened with it, that task (and the step's entry event), each event with the dossier as it
   * stood after it; the uploads it uses claimed.
   */
  createDossier(
    dossier: Dossier,
    event: HistoryEvent,
    idempotency: { sub: string; key: string; bodyHash: string },
    opened?: { task: Task; event?: HistoryEvent; before: Dossier },
  ): Promise<void>;
  findIdempotency(sub: string, key: string): Promise<IdempotencyRecord | undefined>;
  getDossier(code: string): Promise<Dossier | undefined>;
  /** The dossier with its tasks and history, read in one query of its item collection. */
  getDossierRecord(code: string): Promise<{ dossier: Dossier; tasks: Task[]; history: HistoryEvent[] } | undefined>;
  /** The dossier with its history only (not its tasks or links): a narrower read for what needs no more. */
  getDossierHistory(code: string): Promise<{ dossier: Dossier; history: HistoryEvent[] } | undefined>;
  /** The applicant's dossiers, newest first; with a status, only those in it (every page full until the last). */
  listByApplicant(sub: string, limit: number, cursor?: string, status?: DossierStatus): Promise<Page<Dossier>>;
  /** The dossiers that passed through an agency, newest first; with a status, only those in it. */
  listByAgency(agencyId: string, limit: number, cursor?: string, status?: DossierStatus): Promise<Page<Dossier>>;
  /**
   * Stores tasks opened at once (one step's, or every branch of a parallel step) with the dossier and its events.
   * `previous` is the dossier as read: its version is checked, and the agencies it passed through have their links.
   */
  openStepTasks(
    previous: Dossier,
    dossier: Dossier,
    opened: Task[],
    events: { event: HistoryEvent; dossier: Dossier }[],
  ): Promise<void>;
  /**
   * A decision settled in one transaction: the dossier (version-checked), the decided task (checked unchanged since
   * read, then applied), the uploads the decision carries claimed, its history events (each with the dossier as it
   * stood after it), and the next step's task when the decision opened one.
   */
  settleDecision(change: SettledDecision): Promise<void>;
  /**
   * Ends the dossier (version-checked), closes its open tasks (each version-checked) and appends the events (the
   * answers it took in, then its end), each with the dossier as it stood after it.
   */
  closeDossier(
    previousVersion: number,
    dossier: Dossier,
    closedTasks: Task[],
    events: { event: HistoryEvent; dossier: Dossier }[],
  ): Promise<void>;
  /** Saves the dossier (version-checked) with its history events: a change that opens or closes no task. */
  recordEvents(
    previousVersion: number,
    dossier: Dossier,
    events: { event: HistoryEvent; dossier: Dossier }[],
  ): Promise<void>;
}

/** What `DossierStore.settleDecision` writes. */
export interface SettledDecision {
  previousVersion: number;
  dossier: Dossier;
  /** The task as read, and as settled. */
  task: { before: Task; after: Task };
  events: { event: HistoryEvent; dossier: Dossier }[];
  /** The tasks the route opened: the next step's, or one per branch of a parallel step. */
  opened: Task[];
  uploadIds: string[];
}

/**
 * The steps of the flows that `workflows/` compiles, as their tasks open: what a settled decision opens next without
 * a state transition of its own.
 */
export interface FlowSteps {
  /** The step `stepId` of a flow version when it is a step with one task; undefined for a parallel step or an end. */
  taskStep(flowId: string, version: number | undefined, stepId: string): StepSpec | undefined;
  /** The branches of the parallel step `stepId`, as their tasks open; undefined when it is not a parallel step. */
  parallelBranches(flowId: string, version: number | undefined, stepId: string): StepSpec[] | undefined;
}

/** Công việc — the tasks of opened steps: read, listed by inbox, and changed one at a time (version-checked). */
export interface TaskStore {
  getTasks(code: string): Promise<Task[]>;
  getTask(taskId: string): Promise<Task | undefined>;
  inbox(agencyId: string, role: string, limit: number, cursor?: string): Promise<Page<Task>>;
  /** Overdue open tasks of one inbox (the agency leader's overview reads every role's). */
  overdueTasks(agencyId: string, role: string): Promise<Task[]>;
  attachToken(task: Task, token: string): Promise<Task>;
  /** Stores the token on the task if it is open, in one write without reading it first; else undefined. */
  attachTokenIfOpen(taskId: string, token: string): Promise<Task | undefined>;
  /** Every open task of one inbox (the officer-notice sweep reads every officer role's). */
  openTasks(agencyId: string, role: string): Promise<Task[]>;
  /** Flags an open task overdue, with its notice to the agency's leader written in the same change. */
  markOverdue(task: Task, notice: OfficerNotice): Promise<Task>;
  /**
   * A branch's answer (functions/domain/lifecycle/answers.ts): the task as settled replaces the task as read, if it
   * is unchanged and still open (or decided); the dossier is not written.
   */
  settleAnswer(before: Task, after: Task): Promise<Task>;
}

/** Officer notices, each written once (the stream then carries it to the `notify-officers` reaction). */
export interface OfficerNoticeStore {
  /** A task's notice of a kind (due soon, escalated); false when that task already had it. */
  recordTaskNotice(notice: OfficerNotice): Promise<boolean>;
  /** Where an agency's sweeps got to (undefined before its first). */
  sweepCursor(agencyId: string): Promise<SweepCursor | undefined>;
  /**
   * Moves the agency's cursor from `previous` to `next`, with the inbox digest of the tasks in between when there is
   * one; false when another sweep moved it first.
   */
  recordSweep(
    agencyId: string,
    previous: SweepCursor | undefined,
    next: SweepCursor,
    digest: OfficerNotice | undefined,
  ): Promise<boolean>;
}

export interface CatalogueStore {
  province(): Promise<ProvinceSettings>;
  /** Every procedure version's summary (the catalogue index), for listing and search. */
  catalogueIndex(): Promise<ProcedureSummary[]>;
  /**
   * A procedure's versions (read through a short cache); with `holding`, never without the version of that
   * effective date if the store has it (a dossier's own version, imported after the cache was filled).
   */
  procedureVersions(id: string, holding?: string): Promise<ProcedureVersion[]>;
}

export interface UploadStore {
  saveUpload(upload: UploadRecord, ttlSeconds: number): Promise<void>;
  getUpload(uploadId: string): Promise<UploadRecord | undefined>;
  /** Upload records by id, read at once (an id without a record is not in the map). */
  getUploads(uploadIds: readonly string[]): Promise<Map<string, UploadRecord>>;
  /** The applicant's one rating of a dossier: `false` when it was rated before. */
  saveRating(code: string, rating: Rating): Promise<boolean>;
}

/** A presigned browser upload: the client sends `fields`, then the file, to `url` before `expiresAt`. */
export interface UploadTicket {
  url: string;
  fields: Record<string, string>;
  expiresAt: number;
}

/** Tệp hồ sơ — where documents are kept: private, reached only through short-lived presigned URLs. */
export interface FileStore {
  /** Where an upload waits until a dossier takes it. */
  uploadKey(uploadId: string): string;
  /** A presigned POST that accepts exactly the declared type and size under the upload's key. */
  presignUpload(key: string, contentType: string, size: number, now: number): Promise<UploadTicket>;
  /** The stored object's size and type, or undefined when nothing was uploaded under the key. */
  stat(key: string): Promise<{ size: number; contentType: string } | undefined>;
  /** Where a dossier keeps one of its documents. */
  dossierKey(code: string, uploadId: string): string;
  /** Takes an upload into a dossier (idempotent): returns the document's key under the dossier. */
  copyToDossier(sourceKey: string, code: string, uploadId: string): Promise<string>;
  /** Stores a file fetched on someone's behalf (a document the national portal handed over by URL). */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** SHA-256 of the stored file, hex (undefined when nothing is stored under the key). */
  sha256(key: string): Promise<string | undefined>;
}

/** Kho dữ liệu điện tử — each citizen's stored documents, by their identification number. */
export interface DocumentStore {
  get(ownerIdNumber: string, id: string): Promise<StoredDocument | undefined>;
  /** Which of these ids the owner's store holds (one read for all). */
  keptAmong(ownerIdNumber: string, ids: readonly string[]): Promise<Set<string>>;
  /** Keeps a document once (by its id): `false` when it was kept before. */
  keep(document: StoredDocument): Promise<boolean>;
  list(ownerIdNumber: string, limit: number, cursor?: string): Promise<Page<StoredDocument>>;
}

/** A document fetched from where another system keeps it, within the province's limits. */
export interface FetchedDocument {
  body: Uint8Array;
  contentType: string;
}

/** Tải giấy tờ — fetches a document by URL (the national portal's store), refusing what is too large or not allowed. */
export interface DocumentFetcher {
  /**
   * Throws a `DocumentFetchError` naming why: unreachable (network, timeout, non-2xx), too large, or a type the
   * province does not accept.
   */
  fetch(url: string, limits: { maxBytes: number; allowedContentTypes: readonly string[] }): Promise<FetchedDocument>;
}

export class DocumentFetchError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'too_large' | 'type_not_allowed',
    message: string,
  ) {
    super(message);
    this.name = 'DocumentFetchError';
  }
}

/**
 * Cổng DVCQG — the national portal's integration service: the dossier record (`DongBoHoSoMC`), the processing
 * steps (`CapNhatTienDoHoSoMC`). Each call is idempotent on the portal's side (a resend changes nothing).
 */
export interface NationalPortal {
  /** Whether the province is connected (a deployment without the portal's address syncs nothing). */
  configured(): boolean;
  syncRecords(records: readonly object[], isUpdating: boolean): Promise<void>;
  updateProgress(steps: readonly PortalProgress[]): Promise<void>;
}

/** Where each dossier's sync to the national portal stands (`GET /ops/sync`), and the operators' re-send requests. */
export interface SyncStore {
  /** Where the dossier's sync stands, with the dossier and its history, in one read. */
  syncState(
    code: string,
  ): Promise<{ place: SyncPlace | undefined; record: { dossier: Dossier; history: HistoryEvent[] } | undefined }>;
  /**
   * Moves the place to `synced` at `seq`, only from the place read; the first time the portal holds the dossier as
   * received, also writes the one `synced` event the figures count, dated when the dossier was received (`countOn`).
   * `false` when the place moved meanwhile.
   */
  synced(before: SyncPlace | undefined, after: SyncPlace, countOn: SyncedEvent['synced'] | undefined): Promise<boolean>;
  /** Records a failed attempt (listed under `pending` or `failed`). */
  failed(place: SyncPlace): Promise<void>;
  list(state: 'pending' | 'failed', limit: number, cursor?: string): Promise<Page<SyncPlace>>;
  /** Writes a re-send request (a stream event): the reaction sends the dossier's whole record and progress again. */
  requestResend(code: string, at: string, by: string): Promise<void>;
  /** Writes the notice of a refused intake (a stream event), once per portal dossier id and body. */
  recordRefusal(refusal: IntakeRefusal, bodyHash: string): Promise<void>;
}

/** Tải tệp — short-lived links to a dossier's files (a port of its own: reading a dossier signs no upload). */
export interface DownloadLinks {
  /** A short-lived download link that saves the file under its name, and when it stops working. */
  presignDownload(key: string, fileName: string): Promise<{ url: string; expiresAt: string }>;
}

/** What an execution starts with: the dossier, its flow, the step it begins at and the case's step hours. */
export interface ExecutionInput {
  dossierCode: string;
  flowId: string;
  startStepId: string;
  stepHours: Record<string, number>;
  /** The start step's task when it is open already (opened with the dossier): the execution waits on it at once. */
  task?: { taskId: string; timeoutSeconds: number };
}

/** What operators see of an execution: its name (the dossier code), flow, status and times; never its data. */
export interface ExecutionSummary {
  name: string;
  flowId: string;
  status: string;
  startDate: string | null;
  stopDate: string | null;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Quy trình — the engine that runs each dossier's flow (Step Functions), one execution per dossier. */
export interface WorkflowEngine {
  /** Starts the dossier's execution, named after its code: a second start of a running one is a no-op. */
  start(input: ExecutionInput): Promise<void>;
  /** Hands a decision to the waiting step; false when the token is no longer valid (used or timed out). */
  sendDecision(token: string, output: unknown): Promise<boolean>;
  /** Fails the waiting step with an error the flow catches (e.g. the dossier ended). */
  sendFailure(token: string, error: string, cause: string): Promise<boolean>;
  listExecutions(
    flowId: string,
    options: { status?: ExecutionStatus; limit: number; cursor?: string },
  ): Promise<Page<ExecutionSummary>>;
  /** The execution of a dossier, or undefined when there is none. */
  describeExecution(flowId: string, name: string): Promise<ExecutionSummary | undefined>;
}

export interface Message {
  subject: string;
  body: string;
  /** The SMS text (one segment); without it an SMS carries the subject. */
  sms?: string;
}

/** Thông báo — email and SMS to a person's contacts; returns how many messages were sent. */
export interface Notifier {
  send(contact: { email?: string; phone?: string }, message: Message, fromEmail: string): Promise<number>;
}

/** Which events each reaction already applied: a redelivered event (at-least-once delivery) is applied once. */
export interface ReactionLog {
  applied(reaction: Reaction, event: StreamEvent): Promise<boolean>;
  /** Written after the reaction succeeded; a second write for the same event is a no-op. */
  record(reaction: Reaction, event: StreamEvent): Promise<void>;
  /**
   * Whether the reaction applied a dossier event, and if not, the dossier as it is now (consistent): one read for a
   * reaction that needs both (a reaction using it records the event itself, `idempotence: 'self'`).
   */
  dossierUnlessApplied(
    reaction: Reaction,
    event: DossierEvent,
  ): Promise<{ applied: true } | { applied: false; dossier: Dossier | undefined }>;
}

/** The queues that carry events to the reactions (one per reaction, ordered per dossier). */
export interface EventPublisher {
  /** Hands every event to the queue of each reaction that takes it (REACTION_INPUT); resolves once all are queued. */
  publish(events: StreamEvent[]): Promise<void>;
}

/** A reaction's queue, asked to redeliver a failed message no sooner than `seconds` from now (backoff). */
export interface Redelivery {
  retryLater(message: { receiptHandle: string; eventSourceARN: string }, seconds: number): Promise<void>;
}

/**
 * Số liệu — the figures read model: each dossier's place in the figures and the counters by day, month and year.
 * A change is applied whole or not at all, and only over the place it was computed from (`before`).
 */
export interface FigureStore {
  dossierFigures(code: string): Promise<DossierFigures | undefined>;
  /**
   * Adds the change's deltas and moves the dossier's place, with the agencies' copies of a rating if it is one;
   * `false` when its place moved meanwhile (a redelivery).
   */
  apply(
    code: string,
    before: DossierFigures | undefined,
    change: FigureChange,
    shard: number,
    records?: readonly RatingRecord[],
  ): Promise<boolean>;
  /**
   * Adds deltas counted once by a marker of their own (`D#code / FIGURES#<marker>`), not by the dossier's place:
   * `false` when the marker exists (counted before).
   */
  applyOnce(
    code: string,
    marker: string,
    key: FigureKey,
    deltas: readonly FigureDelta[],
    shard: number,
  ): Promise<boolean>;
  /** The agencies' copies of the ratings given in these months (`YYYY-MM`). */
  ratingRecords(agencyIds: readonly string[], months: readonly string[]): Promise<RatingRecord[]>;
  /** The counter items of the year partition, of the months of these years and of the days of these months. */
  read(periods: { monthsOfYears: readonly string[]; daysOfMonths: readonly string[] }): Promise<FigureItem[]>;
}

/** What a recount of the figures reads (the whole history: an operator's command, never a request) and rewrites. */
export interface FigureHistory {
  scan(): Promise<{
    events: (DossierEvent | RatingEvent | SyncedEvent)[];
    channels: Map<string, Channel>;
    places: Map<string, DossierFigures>;
    items: Map<string, StoredFigureItem>;
  }>;
  /** Writes these counter items and places as given; an id mapped to `undefined` is removed. */
  overwrite(
    items: Map<string, StoredFigureItem | undefined>,
    places: Map<string, DossierFigures | undefined>,
  ): Promise<void>;
}
