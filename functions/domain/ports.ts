import type { AgencyKind } from './agency-selector';
import type { ProcedureSummary } from './catalogue-search';
import type { Dossier, HistoryEvent, Task } from './dossier';
import type { ProcedureVersion } from './procedure';
import type { DossierStatus } from './status';
import type { CalendarSettings } from './working-calendar';

/** Cơ quan — an agency as the API shows it. */
export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
  parentId: string | null;
  unitId: string;
  email?: string;
  calendar: CalendarSettings;
}

/** The province settings the handlers need at run time, seeded from the province config. */
export interface ProvinceSettings {
  id: string;
  name: string;
  agencies: Agency[];
  uploads: { maxBytes: number; allowedContentTypes: string[] };
  supplementPolicy: 'restart' | 'pause';
  fromEmail: string;
  /** Administrative units (communes, wards) with their validity: merged units point to their successor. */
  units?: { id: string; name: string; kind: string; validTo?: string; successorId?: string }[];
}

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

/** Ports the use cases depend on; `functions/adapters` implements them on DynamoDB, S3 and Step Functions. */
export interface DossierStore {
  nextSequence(counterKey: string): Promise<number>;
  createDossier(
    dossier: Dossier,
    event: HistoryEvent,
    idempotency: { sub: string; key: string; bodyHash: string },
  ): Promise<void>;
  findIdempotency(sub: string, key: string): Promise<IdempotencyRecord | undefined>;
  getDossier(code: string): Promise<Dossier | undefined>;
  /** The dossier with its tasks and history, read in one query of its item collection. */
  getDossierRecord(code: string): Promise<{ dossier: Dossier; tasks: Task[]; history: HistoryEvent[] } | undefined>;
  getTasks(code: string): Promise<Task[]>;
  getTask(taskId: string): Promise<Task | undefined>;
  /** The applicant's dossiers, newest first; with a status, only those in it (every page full until the last). */
  listByApplicant(sub: string, limit: number, cursor?: string, status?: DossierStatus): Promise<Page<Dossier>>;
  /** The dossiers that passed through an agency, newest first; with a status, only those in it. */
  listByAgency(agencyId: string, limit: number, cursor?: string, status?: DossierStatus): Promise<Page<Dossier>>;
  inbox(agencyId: string, role: string, limit: number, cursor?: string): Promise<Page<Task>>;
  /** Overdue open tasks of one inbox (the agency leader's overview reads every role's). */
  overdueTasks(agencyId: string, role: string): Promise<Task[]>;
  /** Saves the dossier (version-checked), a new task and an optional history event in one transaction. */
  openTask(previousVersion: number, dossier: Dossier, task: Task, event?: HistoryEvent): Promise<void>;
  attachToken(task: Task, token: string): Promise<Task>;
  saveDecision(task: Task, decided: NonNullable<Task['decided']>): Promise<Task>;
  markOverdue(task: Task): Promise<Task>;
  /** Saves the dossier (version-checked), closes the task and appends the history event in one transaction. */
  applyDecision(previousVersion: number, dossier: Dossier, task: Task, event: HistoryEvent): Promise<void>;
  /** Dossiers not yet in a terminal status, received by an agency (the local host re-drives these on start). */
  /** Ends the dossier (version-checked), closes its open tasks (each version-checked) and appends the event. */
  closeDossier(previousVersion: number, dossier: Dossier, closedTasks: Task[], event: HistoryEvent): Promise<void>;
  /** Saves the dossier (version-checked) with one history event: a change that moves no task. */
  recordEvent(previousVersion: number, dossier: Dossier, event: HistoryEvent): Promise<void>;
  listOpenDossiers(agencyId: string, limit: number, cursor?: string): Promise<Page<Dossier>>;
}

export interface CatalogueStore {
  province(): Promise<ProvinceSettings>;
  /** Every procedure version's summary (the catalogue index), for listing and search. */
  catalogueIndex(): Promise<ProcedureSummary[]>;
  procedureVersions(id: string): Promise<ProcedureVersion[]>;
}

export interface UploadStore {
  saveUpload(upload: UploadRecord, ttlSeconds: number): Promise<void>;
  getUpload(uploadId: string): Promise<UploadRecord | undefined>;
  /** Stores the applicant's one rating; false when the dossier was already rated. */
  saveRating(
    code: string,
    rating: { level: number; comment: string | null; criteria: Record<string, number>; at: string },
  ): Promise<boolean>;
}
