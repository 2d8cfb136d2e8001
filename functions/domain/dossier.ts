import type { AgencyKind, AgencySelector } from './agency-selector';
import type { DossierStatus } from './status';
import type { Channel } from './working-calendar';

/**
 * Every role, once. `integration`: another agency's system (e.g. the tax authority) answering external steps;
 * `portal`: the national public service portal's adapter handing over the dossiers submitted there.
 */
export const ROLES = [
  'citizen',
  'receiver',
  'specialist',
  'leader',
  'admin',
  'operator',
  'integration',
  'portal',
] as const;
export type Role = (typeof ROLES)[number];
/** Roles that act for an agency and must carry its id. */
export const AGENCY_ROLES: ReadonlySet<Role> = new Set(['receiver', 'specialist', 'leader', 'integration']);
export const OFFICER_ROLES: ReadonlySet<Role> = new Set(['receiver', 'specialist', 'leader']);

/** Who acted: the JWT subject, role and (for officers) agency. */
export interface Actor {
  sub: string;
  role: Role;
  agencyId?: string;
  name?: string;
  /** A citizen's identification number, as their sign-in verified it (VNeID): the key of their e-data store. */
  idNumber?: string;
}

/** Người nộp hồ sơ — the applicant: personal data, shown only to the applicant and the handling officers. */
export interface Applicant {
  sub: string;
  fullName: string;
  idNumber: string;
  phone?: string;
  email?: string;
  address?: string;
  /** The administrative unit (commune/ward) of the address: routes steps to the applicant's commune. */
  addressUnitId?: string;
}

/** Kênh nhận thông báo — the channels an applicant chose; each needs its contact. */
export interface NotifyChannels {
  email: boolean;
  sms: boolean;
}

/**
 * The channels a submission asks for: each one the applicant has a contact for, unless turned off (`false`). So a
 * counter applicant who gave a phone number gets SMS without asking.
 */
export function notifyChannels(
  applicant: { email?: string | undefined; phone?: string | undefined },
  asked: { email?: boolean | undefined; sms?: boolean | undefined } = {},
): NotifyChannels {
  return {
    email: Boolean(applicant.email) && asked.email !== false,
    sms: Boolean(applicant.phone) && asked.sms !== false,
  };
}

/** The contacts a notice goes to: those of the channels the applicant kept. */
export function noticeContacts(dossier: Pick<Dossier, 'applicant' | 'notify'>) {
  const channels = dossier.notify ?? notifyChannels(dossier.applicant);
  return {
    ...(channels.email && dossier.applicant.email ? { email: dossier.applicant.email } : {}),
    ...(channels.sms && dossier.applicant.phone ? { phone: dossier.applicant.phone } : {}),
  };
}

/** Giá trị pháp lý — what a document is worth: an electronic original, a certified copy, or a scan of paper. */
export const LEGAL_STANDINGS = ['original-electronic', 'certified-copy', 'scan'] as const;
export type LegalStanding = (typeof LEGAL_STANDINGS)[number];

export interface DossierDocument {
  componentCode: string;
  /** The upload it came from, or for a document reused from the applicant's e-data store, the stored document's id. */
  uploadId: string;
  /** The S3 object key; never shown to clients, who get a presigned URL instead. */
  key: string;
  fileName: string;
  contentType: string;
  size: number;
  /** As the submitter declared it (default: a scan). */
  legalStanding?: LegalStanding;
  /** Valid until (a local date), when the document itself expires (an identity card, a licence). */
  validUntil?: string;
  /** Taken from the applicant's e-data store instead of being uploaded again (Decree 309/2026 Art.4.2a). */
  storedDocumentId?: string;
  /** Where a reused document's file is (the dossier's own copy is made from it). */
  sourceKey?: string;
}

/** Kết quả giải quyết — the result document. */
export interface DossierResult {
  number: string;
  signer: string;
  signedAt: string;
  documents: DossierDocument[];
}

/** Yêu cầu bổ sung (Form 02) — one supplement request during processing and when it was answered. */
export interface SupplementRequest {
  requestedAt: string;
  requestedBy: string;
  agencyId: string | null;
  note: string;
  respondedAt?: string;
}

export interface Extension {
  previousDueAt: string;
  newDueAt: string;
  reason: string;
  at: string;
  actor: string;
  agencyId: string | null;
}

export interface Delivery {
  method: 'counter' | 'post' | 'online';
  waybillNumber?: string;
  at: string;
}

/** The answer of one agency asked in a parallel step (a consultation, a linked procedure), or its lapse. */
export interface ParallelAnswer {
  /** Which run of the parallel step (a return may run it again). */
  round: number;
  parallelStepId: string;
  stepId: string;
  stepName: string;
  agencyId: string;
  decision: string;
  note: string | null;
  dueAt: string;
  at: string;
  /** No answer before the branch's deadline. */
  late: boolean;
}

/** Hồ sơ — a dossier. `version` guards every change (optimistic concurrency). */
export interface Dossier {
  code: string;
  procedureId: string;
  procedureName: string;
  procedureVersion: string;
  caseId: string;
  flowId: string;
  /** The flow version the dossier started on. */
  flowVersion?: number;
  channel: Channel;
  /** Mã hồ sơ trên Cổng DVCQG — the national portal's id of a dossier submitted there (channel `dvcqg`). */
  nationalId?: string;
  status: DossierStatus;
  applicant: Applicant;
  /** How the applicant hears of status changes (chosen at submission; absent on older dossiers: every contact). */
  notify?: NotifyChannels;
  receivingAgencyId: string;
  competentAgencyId: string;
  /** Agencies on the dossier's path so far: their officers may read it. */
  agencyIds: string[];
  documents: DossierDocument[];
  formData: Record<string, unknown>;
  submittedAt: string;
  receivedAt?: string;
  dueAt?: string;
  finishedAt?: string;
  deliveredAt?: string;
  currentStepId?: string;
  openTaskIds: string[];
  /** The open task of each step (a parallel step has several at once). */
  openSteps?: Record<string, string>;
  /** The agency the last forwarding decision sent the dossier to (steps whose agency is `chosen`). */
  chosenAgencyId?: string;
  /** Completed runs of parallel steps; answers of the current run carry `parallelRounds + 1`. */
  parallelRounds?: number;
  parallelAnswers?: ParallelAnswer[];
  taskCount: number;
  historyCount: number;
  result?: DossierResult;
  supplements?: SupplementRequest[];
  /** Nghĩa vụ tài chính (status 6): when the applicant was told to pay, and when the proof arrived. */
  financialObligation?: { notifiedAt: string; note: string; paidAt?: string };
  /** Xin lỗi và hẹn lại ngày trả kết quả (Form 04) — at most one per dossier. */
  extension?: Extension;
  delivery?: Delivery;
  version: number;
}

/** Một dòng của phiếu kiểm soát — one entry of the history (processing control slip, Form 05). */
export interface HistoryEvent {
  seq: number;
  at: string;
  actor: string;
  role: Role | 'system';
  agencyId: string | null;
  action: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  note: string | null;
  stepId?: string;
  stepDueAt?: string;
  /** The dossier's due date right after the change (read from the event's snapshot; never written with the event). */
  dueAt?: string | null;
}

/**
 * OPEN → APPLIED (the decision recorded, applied to the dossier and the next step opened, in one change); CLOSED when
 * the dossier ended under it. DECIDED (recorded, not yet applied) is what an older version left; the waiting step
 * settles such a task when it next attaches.
 */
export type TaskState = 'OPEN' | 'DECIDED' | 'APPLIED' | 'CLOSED';

/** What a decision leads to: the next step (or `$end`) and the status it sets. */
export interface DecisionRoute {
  to: string;
  status?: DossierStatus;
  noteRequired?: boolean;
  chooseAgency?: { kinds: AgencyKind[] };
}

/**
 * What kind of wait a task is: an officer's inbox item, the applicant's answer, another system's answer, or one
 * agency's part of a parallel step.
 */
export type TaskKind = 'officer' | 'applicant' | 'external' | 'branch';

/** A flow step as the state machine hands it to `open-task`. */
export interface StepSpec {
  id: string;
  name: string;
  kind?: TaskKind;
  /** The decision the system records when the step's deadline lapses (applicant, external and branch steps). */
  timeoutDecision?: string;
  role: Role;
  agency: AgencySelector;
  /** For a branch: its parallel step. */
  branchOf?: string;
  entryStatus?: DossierStatus;
  decisions: Record<string, DecisionRoute>;
}

/** The system acts when a deadline lapses. */
export interface SystemActor {
  sub: 'system';
  role: 'system';
  agencyId?: string;
  name?: string;
}

export interface RecordedDecision {
  decision: string;
  note: string | null;
  actor: Actor | SystemActor;
  decidedAt: string;
  /** Documents that come with the decision (a supplement). */
  documents?: DossierDocument[];
  /** The agency a forwarding decision sends the dossier to. */
  forwardTo?: string;
  result?: { number: string; documents: DossierDocument[] };
  delivery?: { method: Delivery['method']; waybillNumber?: string };
}

/** Công việc — a human task in an agency's inbox, waiting for one decision. */
export interface Task {
  id: string;
  dossierCode: string;
  procedureId: string;
  stepId: string;
  stepName: string;
  kind?: TaskKind;
  timeoutDecision?: string;
  branchOf?: string;
  role: Role;
  agencyId: string;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  state: TaskState;
  decisions: Record<string, DecisionRoute>;
  /** The flow's order of the decisions (a stored map has none): the primary decision first. */
  decisionOrder?: string[];
  token?: string;
  decided?: RecordedDecision;
  /** Where the settled decision sent the flow: the next step's task and its due time when it opened one. */
  routed?: RoutedTo;
  /** When the decision was applied (a branch's answer: when it came, as the dossier's history records it). */
  appliedAt?: string;
  version: number;
}

/** Where a settled decision sent the flow (the waiting state's output is built from it). */
export interface RoutedTo {
  next: string;
  taskId?: string;
  dueAt?: string;
  /** A route into a parallel step: the task of each branch (`''` when the branch was answered already). */
  branches?: Record<string, { taskId: string; dueAt: string }>;
}

/** The error a waiting step receives when its dossier ended under it (withdrawn, stopped): the flow just ends. */
export const DOSSIER_CLOSED = 'DossierClosed';

export class DossierClosedError extends Error {
  constructor(code: string) {
    super(`dossier ${code} is closed`);
    this.name = DOSSIER_CLOSED;
  }
}

/** The step an execution tries to open is no longer where the dossier is: that execution must stop driving it. */
export const STEP_SUPERSEDED = 'StepSuperseded';

export class StepSupersededError extends Error {
  constructor(code: string, stepId: string, currentStepId: string | undefined) {
    super(`dossier ${code} is at step ${currentStepId ?? '(none)'}, not ${stepId}`);
    this.name = STEP_SUPERSEDED;
  }
}

export const taskIdOf = (dossierCode: string, n: number) => `${dossierCode}.${n}`;
export function dossierCodeOfTask(taskId: string): string | undefined {
  const dot = taskId.lastIndexOf('.');
  if (dot <= 0 || !/^\d+$/.test(taskId.slice(dot + 1))) return undefined;
  return taskId.slice(0, dot);
}
