import type { AgencyEntry } from './agency-selector';
import type {
  Actor,
  Applicant,
  Dossier,
  DossierDocument,
  Extension,
  HistoryEvent,
  ParallelAnswer,
  RecordedDecision,
  StepSpec,
  SystemActor,
  Task,
  TaskKind,
} from './dossier';
import { DossierClosedError, StepSupersededError, taskIdOf } from './dossier';
import { businessRule, conflict, forbidden } from './errors';
import { isAtStep } from './flow-position';
import type { ProcedureCase, ProcedureVersion } from './procedure';
import { canTransition, type DossierStatus, TERMINAL_STATUSES } from './status';
import { stepOnTime } from './timeliness';
import { toVietnamIso } from './vietnam-time';
import { type Channel, type Duration, MINUTES_PER_WORKING_DAY, type WorkingCalendar } from './working-calendar';

export const END = '$end';

/** Who made a history entry: the subject, in which role, for which agency. */
function actedBy(actor: Actor | SystemActor): Pick<HistoryEvent, 'actor' | 'role' | 'agencyId'> {
  return { actor: actor.sub, role: actor.role, agencyId: actor.agencyId ?? null };
}

export interface NewDossierInput {
  code: string;
  version: ProcedureVersion;
  procedureCase: ProcedureCase;
  channel: Channel;
  applicant: Applicant;
  receivingAgencyId: string;
  documents: DossierDocument[];
  formData: Record<string, unknown>;
  actor: Actor;
  now: number;
  calendar: WorkingCalendar;
}

/**
 * Tiếp nhận — a new dossier. An online submission waits for the one-stop desk (SUBMITTED, no clock); a counter
 * intake by a receiver is RECEIVED at once and its due date is set from the clock-start rules.
 */
export function createDossier(input: NewDossierInput): { dossier: Dossier; event: HistoryEvent } {
  const at = toVietnamIso(input.now);
  const receivedByDesk = input.actor.role === 'receiver';
  const status: DossierStatus = receivedByDesk ? 'RECEIVED' : 'SUBMITTED';
  const dossier: Dossier = {
    code: input.code,
    procedureId: input.version.id,
    procedureName: input.version.name,
    procedureVersion: input.version.effectiveFrom,
    caseId: input.procedureCase.id,
    flowId: input.procedureCase.flowId,
    ...(input.procedureCase.flowVersion ? { flowVersion: input.procedureCase.flowVersion } : {}),
    channel: input.channel,
    status,
    applicant: input.applicant,
    receivingAgencyId: input.receivingAgencyId,
    competentAgencyId: input.version.agencyId ?? input.receivingAgencyId,
    agencyIds: [input.receivingAgencyId],
    documents: input.documents,
    formData: input.formData,
    submittedAt: at,
    // Where the flow begins: recorded now so that every (re)start of the execution begins here (flow-position.ts).
    currentStepId: receivedByDesk ? input.procedureCase.intakeStepId : input.procedureCase.startStepId,
    openTaskIds: [],
    taskCount: 0,
    historyCount: 1,
    version: 1,
  };
  if (receivedByDesk) {
    dossier.receivedAt = at;
    dossier.dueAt = toVietnamIso(input.calendar.dueAt(input.now, input.procedureCase.duration, input.channel));
  }
  const event: HistoryEvent = {
    seq: 1,
    at,
    ...actedBy(input.actor),
    action: receivedByDesk ? 'receive' : 'submit',
    fromStatus: null,
    toStatus: status,
    note: null,
  };
  return { dossier, event };
}

/** The facts that route a dossier's steps to agencies. */
export function routingFacts(dossier: Dossier) {
  return {
    receivingAgencyId: dossier.receivingAgencyId,
    competentAgencyId: dossier.competentAgencyId,
    ...(dossier.chosenAgencyId ? { chosenAgencyId: dossier.chosenAgencyId } : {}),
    ...(dossier.applicant.addressUnitId ? { applicantUnitId: dossier.applicant.addressUnitId } : {}),
  };
}

export interface OpenedTask {
  task: Task;
  dossier: Dossier;
  event?: HistoryEvent;
}

/** The run of parallel steps in progress: answers recorded now belong to it. */
const currentRound = (dossier: Dossier) => (dossier.parallelRounds ?? 0) + 1;

/**
 * Chuyển bước — opens a step's task for the agency that the flow's selector resolved. Idempotent: when the dossier
 * already has an open task for this step (a Lambda retry, or the local host re-driving an execution), that task is
 * returned unchanged; a branch already answered in this run of its parallel step is skipped.
 */
export function openTask(
  dossier: Dossier,
  step: StepSpec,
  hours: number,
  now: number,
  calendar: WorkingCalendar,
  agencyId: string,
): { existing: Task['id'] } | { skip: true } | OpenedTask {
  const existing =
    dossier.openSteps?.[step.id] ??
    (!dossier.openSteps && dossier.currentStepId === step.id ? dossier.openTaskIds[0] : undefined);
  if (existing) return { existing };
  if (TERMINAL_STATUSES.has(dossier.status)) throw new DossierClosedError(dossier.code);
  const branch = step.kind === 'branch';
  if (!branch && !isAtStep(dossier, step.id)) {
    throw new StepSupersededError(dossier.code, step.id, dossier.currentStepId);
  }
  if (
    branch &&
    (dossier.currentStepId !== step.branchOf ||
      (dossier.parallelAnswers ?? []).some((a) => a.stepId === step.id && a.round === currentRound(dossier)))
  ) {
    return { skip: true };
  }
  const n = dossier.taskCount + 1;
  const at = toVietnamIso(now);
  const waitsOnOthers = step.kind && step.kind !== 'officer';
  const task: Task = {
    id: taskIdOf(dossier.code, n),
    dossierCode: dossier.code,
    procedureId: dossier.procedureId,
    stepId: step.id,
    stepName: step.name,
    ...(waitsOnOthers
      ? { kind: step.kind, ...(step.timeoutDecision ? { timeoutDecision: step.timeoutDecision } : {}) }
      : {}),
    ...(step.branchOf ? { branchOf: step.branchOf } : {}),
    role: step.role,
    agencyId,
    openedAt: at,
    dueAt: toVietnamIso(calendar.addWorkingMinutes(now, hours * 60)),
    overdue: false,
    state: 'OPEN',
    decisions: step.decisions,
    decisionOrder: Object.keys(step.decisions),
    version: 1,
  };
  const next: Dossier = {
    ...dossier,
    ...(branch ? {} : { currentStepId: step.id }),
    openTaskIds: [...dossier.openTaskIds, task.id],
    openSteps: { ...openStepsOf(dossier), [step.id]: task.id },
    taskCount: n,
    agencyIds: dossier.agencyIds.includes(agencyId) ? dossier.agencyIds : [...dossier.agencyIds, agencyId],
    version: dossier.version + 1,
  };
  let event: HistoryEvent | undefined;
  if (step.entryStatus && step.entryStatus !== dossier.status) {
    assertTransition(dossier.status, step.entryStatus);
    next.status = step.entryStatus;
    next.historyCount = dossier.historyCount + 1;
    event = {
      seq: next.historyCount,
      at,
      actor: 'system',
      role: 'system',
      agencyId,
      action: `open:${step.id}`,
      fromStatus: dossier.status,
      toStatus: step.entryStatus,
      note: step.name,
      stepId: step.id,
      stepDueAt: task.dueAt,
    };
  }
  return { task, dossier: next, event };
}

/** The open-step map, rebuilt for dossiers written before it existed (their one open task is the current step's). */
function openStepsOf(dossier: Dossier): Record<string, string> {
  if (dossier.openSteps) return dossier.openSteps;
  const [only] = dossier.openTaskIds;
  return only && dossier.currentStepId ? { [dossier.currentStepId]: only } : {};
}

function withoutStep(dossier: Dossier, task: Task): Record<string, string> {
  const steps = { ...openStepsOf(dossier) };
  if (steps[task.stepId] === task.id) delete steps[task.stepId];
  return steps;
}

/**
 * Every branch of a parallel step ended (answered or lapsed): the dossier moves on to the step after it and one
 * history entry records who answered late. Idempotent: nothing to do once the dossier left the parallel step.
 */
export function closeParallel(dossier: Dossier, step: { id: string; name: string; next: string }, now: number) {
  if (dossier.currentStepId !== step.id) return undefined;
  const round = currentRound(dossier);
  const answers = (dossier.parallelAnswers ?? []).filter((a) => a.parallelStepId === step.id && a.round === round);
  const late = answers.filter((a) => a.late);
  const next: Dossier = {
    ...dossier,
    currentStepId: step.next,
    parallelRounds: round,
    historyCount: dossier.historyCount + 1,
    version: dossier.version + 1,
  };
  const event: HistoryEvent = {
    seq: next.historyCount,
    at: toVietnamIso(now),
    actor: 'system',
    role: 'system',
    agencyId: null,
    action: `${step.id}:done`,
    fromStatus: dossier.status,
    toStatus: dossier.status,
    note:
      late.length > 0
        ? `${step.name}: ${answers.length - late.length}/${answers.length} cơ quan trả lời đúng hạn; quá hạn: ${late.map((a) => a.agencyId).join(', ')}`
        : `${step.name}: ${answers.length}/${answers.length} cơ quan trả lời đúng hạn`,
    stepId: step.id,
  };
  return { dossier: next, event, late: late.map((a) => a.agencyId) };
}

/** Optimistic concurrency for clients: the dossier must still be at the version they saw (when they say which). */
export function assertDossierVersion(dossier: Dossier, expected: number | undefined) {
  if (expected !== undefined && expected !== dossier.version) {
    throw conflict('STALE_VERSION', `Hồ sơ ${dossier.code} đã thay đổi (version ${dossier.version})`, {
      version: dossier.version,
    });
  }
}

function assertTransition(from: DossierStatus, to: DossierStatus) {
  if (!canTransition(from, to)) {
    throw businessRule('ILLEGAL_TRANSITION', `Không thể chuyển hồ sơ từ ${from} sang ${to}`, { from, to });
  }
}

/** Decree 61/2018 Art.19.4: a supplement is requested within 3 working days of reception. */
export const SUPPLEMENT_WINDOW_MINUTES = 3 * MINUTES_PER_WORKING_DAY;

/**
 * Yêu cầu bổ sung trong quá trình giải quyết — allowed once, in one notice that lists everything missing, within
 * three working days of reception.
 */
export function checkSupplementRequest(
  dossier: Dossier,
  note: string | undefined,
  now: number,
  calendar: WorkingCalendar,
) {
  if (!note || note.length < 5) {
    throw businessRule('SUPPLEMENT_NOTE_REQUIRED', 'Thông báo bổ sung phải nêu đầy đủ các giấy tờ cần bổ sung (note)', {
      fields: ['note'],
    });
  }
  if ((dossier.supplements ?? []).length > 0) {
    throw businessRule('SUPPLEMENT_ALREADY_REQUESTED', 'Chỉ được yêu cầu bổ sung một lần, trong một thông báo');
  }
  if (
    !dossier.receivedAt ||
    calendar.workingMinutesBetween(Date.parse(dossier.receivedAt), now) > SUPPLEMENT_WINDOW_MINUTES
  ) {
    throw businessRule(
      'SUPPLEMENT_WINDOW_CLOSED',
      'Đã quá 3 ngày làm việc kể từ khi tiếp nhận: không được yêu cầu bổ sung',
      {
        receivedAt: dossier.receivedAt ?? null,
      },
    );
  }
}

/** Nộp bổ sung — the applicant (or the desk on the applicant's behalf) answers the supplement request. */
export function recordSupplement(
  dossier: Dossier,
  task: Task,
  actor: Actor,
  documents: DossierDocument[],
  note: string | undefined,
  now: number,
): RecordedDecision {
  const onBehalf = actor.role === 'receiver' && actor.agencyId === dossier.receivingAgencyId;
  if (actor.sub !== dossier.applicant.sub && !onBehalf)
    throw forbidden('Chỉ người nộp hồ sơ hoặc Bộ phận Một cửa được nộp bổ sung');
  if (task.kind !== 'applicant' || task.state !== 'OPEN') {
    throw businessRule('NOT_AWAITING_SUPPLEMENT', 'Hồ sơ không ở trạng thái chờ bổ sung');
  }
  if (documents.length === 0)
    throw businessRule('SUPPLEMENT_EMPTY', 'Cần ít nhất một giấy tờ bổ sung', { fields: ['documents'] });
  const decision = allowedDecisions(task)[0] ?? 'supplement';
  return { decision, note: note ?? null, actor, decidedAt: toVietnamIso(now), documents };
}

const LAPSE_NOTES: Record<TaskKind, string> = {
  applicant: 'Hết thời hạn bổ sung hồ sơ (supplement deadline lapsed)',
  external: 'Hết thời hạn chờ hệ thống liên thông trả lời (external answer deadline lapsed)',
  branch: 'Cơ quan được hỏi không trả lời đúng hạn (no answer before the deadline)',
  officer: 'Hết thời hạn xử lý',
};

/** The system's decision when an applicant step's deadline lapses (e.g. no supplement in time → refused). */
export function recordLapse(task: Task, now: number): RecordedDecision {
  if (!task.timeoutDecision || !task.decisions[task.timeoutDecision]) {
    throw businessRule('NO_TIMEOUT_DECISION', `Bước ${task.stepName} không có quyết định khi hết hạn`);
  }
  return {
    decision: task.timeoutDecision,
    note: LAPSE_NOTES[task.kind ?? 'applicant'],
    actor: { sub: 'system', role: 'system', agencyId: task.agencyId, name: 'system' },
    decidedAt: toVietnamIso(now),
  };
}

/** Statuses from which the applicant may still withdraw: processing has not produced a result yet. */
const WITHDRAWABLE = new Set([
  'SUBMITTED',
  'RECEIVED',
  'IN_PROGRESS',
  'SUPPLEMENT_REQUESTED',
  'AWAITING_FINANCIAL_OBLIGATION',
]);

/**
 * Rút hồ sơ — the applicant withdraws before the result is ready. The dossier ends WITHDRAWN (counted as finished),
 * and every task still open under it is closed so that it leaves the inboxes.
 */
export function withdraw(dossier: Dossier, openTasks: Task[], actor: Actor, reason: string, now: number) {
  if (actor.sub !== dossier.applicant.sub) throw forbidden('Chỉ người nộp hồ sơ được rút hồ sơ');
  if (!WITHDRAWABLE.has(dossier.status)) {
    throw businessRule('NOT_WITHDRAWABLE', `Không thể rút hồ sơ ở trạng thái ${dossier.status}`, {
      status: dossier.status,
    });
  }
  return endDossier(dossier, openTasks, actor, 'WITHDRAWN', reason, now);
}

/**
 * Dừng xử lý — the leader of an agency handling the dossier stops it, with a reason (status 8, terminal). Stopped
 * dossiers count as paused, not finished, in the figures.
 */
export function stopDossier(
  dossier: Dossier,
  task: Task,
  openTasks: Task[],
  actor: Actor,
  reason: string | undefined,
  now: number,
) {
  if (actor.role !== 'leader' || actor.agencyId !== task.agencyId || task.role !== 'leader') {
    throw forbidden('Chỉ lãnh đạo cơ quan đang xử lý được dừng xử lý hồ sơ');
  }
  if (task.state !== 'OPEN') throw conflict('TASK_ALREADY_DECIDED', `Công việc ${task.id} đã được xử lý`);
  if (!reason || reason.length < 5)
    throw businessRule('STOP_REASON_REQUIRED', 'Cần nêu lý do dừng xử lý (note)', { fields: ['note'] });
  if (!canTransition(dossier.status, 'STOPPED') || dossier.status === 'STOPPED') {
    throw businessRule('NOT_STOPPABLE', `Không thể dừng xử lý hồ sơ ở trạng thái ${dossier.status}`, {
      status: dossier.status,
    });
  }
  return endDossier(dossier, openTasks, actor, 'STOPPED', reason, now);
}

/** Ends a dossier under its open tasks: status, history and the closed tasks change together. */
function endDossier(
  dossier: Dossier,
  openTasks: Task[],
  actor: Actor,
  status: 'WITHDRAWN' | 'STOPPED',
  reason: string,
  now: number,
) {
  const undecided = openTasks.filter((t) => t.state === 'DECIDED');
  if (undecided.length > 0) {
    throw conflict('DECISION_IN_FLIGHT', 'Hồ sơ đang được chuyển bước, vui lòng thử lại sau giây lát', {
      taskIds: undecided.map((t) => t.id),
    });
  }
  const at = toVietnamIso(now);
  const next: Dossier = {
    ...dossier,
    status,
    openTaskIds: [],
    openSteps: {},
    historyCount: dossier.historyCount + 1,
    version: dossier.version + 1,
  };
  // Withdrawn dossiers count as finished (Decision 766 tables); stopped ones as paused.
  if (status === 'WITHDRAWN') next.finishedAt = at;
  delete next.currentStepId;
  const event: HistoryEvent = {
    seq: next.historyCount,
    at,
    ...actedBy(actor),
    action: status === 'WITHDRAWN' ? 'withdraw' : STOP,
    fromStatus: dossier.status,
    toStatus: status,
    note: reason,
  };
  const closed = openTasks.map((t): Task => ({ ...t, state: 'CLOSED', version: t.version + 1 }));
  return { dossier: next, event, closed };
}

/** The side decision a leader may take on any open task: stop processing the dossier. */
export const STOP = 'stop';

/** The side decision a leader may take on any open task of the agency: apology and a new due date. */
export const EXTEND = 'extend';

/** Decisions an officer may take on a task: the step's own, plus the apology/re-appointment for its leader. */
export function allowedDecisions(task: Task): string[] {
  // The applicant answers through POST /dossiers/{code}/supplement; the lapse is the system's.
  const own = task.decisionOrder ?? Object.keys(task.decisions);
  if (task.kind && task.kind !== 'officer') return own.filter((d) => d !== task.timeoutDecision);
  return [...own, ...(task.role === 'leader' ? [EXTEND, STOP].filter((d) => !own.includes(d)) : [])];
}

/**
 * Xin lỗi, hẹn lại ngày trả kết quả (Decree 61/2018 Art.19.9; Form 04) — when a dossier will be late, the agency
 * apologises and sets a new due date: at most once per dossier, at least one working day before the due date in
 * force, with a reason. The task stays open; the dossier's due date moves and the applicant is told.
 */
export function extendDueDate(
  dossier: Dossier,
  task: Task,
  actor: Actor,
  input: { newDueAt: string | undefined; reason: string | undefined },
  now: number,
  calendar: WorkingCalendar,
) {
  if (actor.role !== 'leader' || actor.agencyId !== task.agencyId || task.role !== 'leader') {
    throw forbidden('Chỉ lãnh đạo cơ quan đang xử lý được hẹn lại ngày trả kết quả');
  }
  if (task.state !== 'OPEN') throw conflict('TASK_ALREADY_DECIDED', `Công việc ${task.id} đã được xử lý`);
  if (!dossier.dueAt || TERMINAL_STATUSES.has(dossier.status) || dossier.status === 'RESULT_READY') {
    throw businessRule('NOT_EXTENDABLE', `Hồ sơ ở trạng thái ${dossier.status} không thể hẹn lại`);
  }
  if (dossier.extension) {
    throw businessRule('ALREADY_EXTENDED', 'Hồ sơ đã được hẹn lại một lần; chỉ được hẹn lại một lần', {
      extension: dossier.extension,
    });
  }
  const missing = [...(input.newDueAt ? [] : ['dueAt']), ...(input.reason ? [] : ['note'])];
  if (missing.length > 0)
    throw businessRule('EXTENSION_INCOMPLETE', 'Cần lý do (note) và ngày hẹn mới (dueAt)', { fields: missing });
  const due = Date.parse(dossier.dueAt);
  if (calendar.workingMinutesBetween(now, due) < MINUTES_PER_WORKING_DAY) {
    throw businessRule('TOO_LATE_TO_EXTEND', 'Phải hẹn lại chậm nhất trước một ngày làm việc so với hạn trả kết quả', {
      dueAt: dossier.dueAt,
    });
  }
  const newDue = Date.parse(input.newDueAt!);
  if (!(newDue > due))
    throw businessRule('DUE_DATE_NOT_LATER', 'Ngày hẹn mới phải sau hạn hiện tại', { dueAt: dossier.dueAt });
  const at = toVietnamIso(now);
  const extension: Extension = {
    previousDueAt: dossier.dueAt,
    newDueAt: toVietnamIso(newDue),
    reason: input.reason!,
    at,
    actor: actor.sub,
    agencyId: actor.agencyId ?? null,
  };
  const next: Dossier = {
    ...dossier,
    dueAt: extension.newDueAt,
    extension,
    historyCount: dossier.historyCount + 1,
    version: dossier.version + 1,
  };
  const event: HistoryEvent = {
    seq: next.historyCount,
    at,
    ...actedBy(actor),
    action: EXTEND,
    fromStatus: dossier.status,
    toStatus: dossier.status,
    note: `${extension.reason} (hẹn lại: ${extension.newDueAt})`,
    stepId: task.stepId,
    stepDueAt: task.dueAt,
  };
  return { dossier: next, event };
}

export interface DecisionInput {
  decision: string;
  note?: string;
  resultNumber?: string;
  resultDocuments?: DossierDocument[];
  deliveryMethod?: 'counter' | 'post' | 'online';
  waybillNumber?: string;
  /** For a forwarding decision: the agency the dossier goes to. */
  agencyId?: string;
}

/**
 * Quyết định trên một công việc — checks that the officer may decide this task (same role and agency, task still
 * open, decision allowed by the step, version current) and records the decision. The flow applies it afterwards.
 */
export function recordDecision(
  task: Task,
  input: DecisionInput,
  actor: Actor,
  expectedVersion: number | undefined,
  now: number,
  agencies: readonly AgencyEntry[] = [],
) {
  if (actor.role !== task.role || actor.agencyId !== task.agencyId) {
    throw forbidden('Công việc này thuộc vai trò hoặc cơ quan khác (task belongs to another role or agency)');
  }
  if (task.state !== 'OPEN') throw conflict('TASK_ALREADY_DECIDED', `Công việc ${task.id} đã được xử lý`);
  if (expectedVersion !== undefined && expectedVersion !== task.version) {
    throw conflict('STALE_VERSION', `Công việc ${task.id} đã thay đổi (version ${task.version})`, {
      version: task.version,
    });
  }
  const route = task.decisions[input.decision];
  if (!route || !allowedDecisions(task).includes(input.decision)) {
    throw businessRule(
      'DECISION_NOT_ALLOWED',
      `Quyết định "${input.decision}" không áp dụng cho bước ${task.stepName}`,
      {
        allowedDecisions: allowedDecisions(task),
      },
    );
  }
  if (route.noteRequired && (!input.note || input.note.length < 5)) {
    throw businessRule('NOTE_REQUIRED', `Quyết định "${input.decision}" phải nêu rõ lý do hoặc nội dung (note)`, {
      fields: ['note'],
    });
  }
  const decided: RecordedDecision = {
    decision: input.decision,
    note: input.note ?? null,
    actor,
    decidedAt: toVietnamIso(now),
  };
  if (route.chooseAgency) decided.forwardTo = checkForward(route.chooseAgency.kinds, input.agencyId, task, agencies);
  if (route.status === 'RESULT_READY') {
    if (!input.resultNumber) {
      throw businessRule('RESULT_REQUIRED', 'Cần số hiệu văn bản kết quả (resultNumber) để phê duyệt', {
        fields: ['resultNumber'],
      });
    }
    decided.result = { number: input.resultNumber, documents: input.resultDocuments ?? [] };
  }
  if (route.status === 'DELIVERED') {
    const method = input.deliveryMethod ?? 'counter';
    if (method === 'post' && !input.waybillNumber) {
      throw businessRule('WAYBILL_REQUIRED', 'Trả kết quả qua bưu chính cần mã vận đơn (waybillNumber)', {
        fields: ['waybillNumber'],
      });
    }
    decided.delivery = { method, ...(input.waybillNumber ? { waybillNumber: input.waybillNumber } : {}) };
  }
  return decided;
}

/** Chuyển liên thông — the named agency must exist, be of an allowed kind, and not be the forwarding agency itself. */
function checkForward(
  kinds: readonly string[],
  agencyId: string | undefined,
  task: Task,
  agencies: readonly AgencyEntry[],
) {
  if (!agencyId) {
    throw businessRule('AGENCY_REQUIRED', 'Cần chọn cơ quan nhận hồ sơ chuyển đến (agencyId)', {
      fields: ['agencyId'],
      kinds,
    });
  }
  const agency = agencies.find((a) => a.id === agencyId);
  if (!agency || !kinds.includes(agency.kind) || agency.id === task.agencyId) {
    throw businessRule('AGENCY_NOT_ALLOWED', `Không thể chuyển hồ sơ đến cơ quan ${agencyId}`, {
      fields: ['agencyId'],
      kinds,
      allowed: agencies.filter((a) => kinds.includes(a.kind) && a.id !== task.agencyId).map((a) => a.id),
    });
  }
  return agency.id;
}

/**
 * Áp dụng quyết định — moves the dossier as the decided route says, closes the task and writes one history entry.
 * Returns where the flow goes next.
 */
/** What applying a decision needs to move the legal clock: the receiving agency's calendar and the case's duration. */
export interface DeadlineRules {
  calendar: WorkingCalendar;
  duration: Duration;
  /** Decree rule: the clock restarts from zero when the complete supplement arrives; a province may pause it instead. */
  supplementPolicy: 'restart' | 'pause';
}

export function applyDecision(dossier: Dossier, task: Task, now: number, rules: DeadlineRules) {
  const decided = task.decided;
  if (!decided) throw conflict('TASK_NOT_DECIDED', `Công việc ${task.id} chưa có quyết định`);
  const route = task.decisions[decided.decision];
  if (!route) throw businessRule('DECISION_NOT_ALLOWED', `Quyết định ${decided.decision} không hợp lệ`);
  const at = toVietnamIso(now);
  const toStatus = route.status ?? dossier.status;
  assertTransition(dossier.status, toStatus);
  const next: Dossier = {
    ...dossier,
    status: toStatus,
    openTaskIds: dossier.openTaskIds.filter((id) => id !== task.id),
    openSteps: withoutStep(dossier, task),
    historyCount: dossier.historyCount + 1,
    version: dossier.version + 1,
  };
  // The dossier records where it is heading before the next step opens, so a crash in between can be re-driven.
  // A branch's answer leaves the dossier at its parallel step, which moves on when every branch ended.
  if (task.kind === 'branch') {
    const answer: ParallelAnswer = {
      round: currentRound(dossier),
      parallelStepId: task.branchOf ?? '',
      stepId: task.stepId,
      stepName: task.stepName,
      agencyId: task.agencyId,
      decision: decided.decision,
      note: decided.note,
      dueAt: task.dueAt,
      at,
      late: stepOnTime({ ...task, decided }) === false,
    };
    next.parallelAnswers = [...(dossier.parallelAnswers ?? []), answer];
  } else if (route.to === END) delete next.currentStepId;
  else next.currentStepId = route.to;
  if (decided.forwardTo) next.chosenAgencyId = decided.forwardTo;
  if (toStatus === 'RECEIVED' && !dossier.receivedAt) {
    next.receivedAt = at;
    next.dueAt = toVietnamIso(rules.calendar.dueAt(now, rules.duration, dossier.channel));
  }
  if (toStatus === 'SUPPLEMENT_REQUESTED' && dossier.status !== 'SUPPLEMENT_REQUESTED') {
    const request = {
      requestedAt: at,
      requestedBy: decided.actor.sub,
      agencyId: decided.actor.agencyId ?? null,
      note: decided.note ?? '',
    };
    next.supplements = [...(dossier.supplements ?? []), request];
  }
  if (dossier.status === 'SUPPLEMENT_REQUESTED' && toStatus === 'IN_PROGRESS') {
    const supplements = [...(dossier.supplements ?? [])];
    const last = supplements.pop();
    if (last) {
      supplements.push({ ...last, respondedAt: at });
      next.supplements = supplements;
    }
    if (rules.supplementPolicy === 'restart' || !last || !dossier.dueAt) {
      next.dueAt = toVietnamIso(rules.calendar.dueAt(now, rules.duration, dossier.channel));
    } else {
      const waited = rules.calendar.workingMinutesBetween(Date.parse(last.requestedAt), now);
      next.dueAt = toVietnamIso(rules.calendar.addWorkingMinutes(Date.parse(dossier.dueAt), waited));
    }
  }
  if (toStatus === 'AWAITING_FINANCIAL_OBLIGATION' && dossier.status !== toStatus) {
    next.financialObligation = { notifiedAt: at, note: decided.note ?? '' };
  }
  if (
    dossier.status === 'AWAITING_FINANCIAL_OBLIGATION' &&
    toStatus !== dossier.status &&
    dossier.financialObligation
  ) {
    next.financialObligation = { ...dossier.financialObligation, paidAt: at };
    // Sector law (land): the time spent on the financial obligation does not count: the clock pauses.
    if (dossier.dueAt && toStatus === 'IN_PROGRESS') {
      const waited = rules.calendar.workingMinutesBetween(Date.parse(dossier.financialObligation.notifiedAt), now);
      next.dueAt = toVietnamIso(rules.calendar.addWorkingMinutes(Date.parse(dossier.dueAt), waited));
    }
  }
  if (decided.documents?.length) next.documents = [...dossier.documents, ...decided.documents];
  if (toStatus === 'RESULT_READY' || toStatus === 'REFUSED') next.finishedAt = at;
  if (decided.result) {
    next.result = {
      number: decided.result.number,
      signer: decided.actor.name ?? decided.actor.sub,
      signedAt: decided.decidedAt,
      documents: decided.result.documents,
    };
  }
  if (decided.delivery && toStatus === 'DELIVERED') {
    next.delivery = { ...decided.delivery, at };
    next.deliveredAt = at;
  }
  const event: HistoryEvent = {
    seq: next.historyCount,
    at,
    ...actedBy(decided.actor),
    action: `${task.stepId}:${decided.decision}`,
    fromStatus: dossier.status,
    toStatus,
    note: decided.note,
    stepId: task.stepId,
    stepDueAt: task.dueAt,
  };
  return { dossier: next, event, next: route.to };
}
