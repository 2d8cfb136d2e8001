import type { DecisionRoute, Dossier, HistoryEvent, RecordedDecision, StepSpec, Task } from '../dossier';
import { DossierClosedError, StepSupersededError, taskIdOf } from '../dossier';
import { isAtStep } from '../flow-position';
import { TERMINAL_STATUSES } from '../status';
import { toVietnamIso } from '../vietnam-time';
import type { WorkingCalendar } from '../working-calendar';
import { assertTransition } from './history';

/** Where a flow ends: a decision leading here leaves the dossier at no step. */
export const END = '$end';

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

/** Seconds a waiting state may wait: until the step's due time, at least one second. */
export const waitSeconds = (dueAt: string, now: number) => Math.max(1, Math.ceil((Date.parse(dueAt) - now) / 1000));

/**
 * What the waiting state of a settled task receives (and the expiry step returns): where the flow goes and, when
 * the decision opened the next step, that step's task and how long its waiting state may wait (else `''` and 0:
 * the state machine reads every field, and routes to an end or a parallel step without them).
 */
export function flowOutput(task: Task, now: number): FlowOutput {
  const routed = task.routed ?? { next: (task.decided && task.decisions[task.decided.decision]?.to) || '' };
  const output: FlowOutput =
    routed.taskId && routed.dueAt
      ? { next: routed.next, taskId: routed.taskId, timeoutSeconds: waitSeconds(routed.dueAt, now) }
      : { next: routed.next, taskId: '', timeoutSeconds: 0 };
  if (routed.branches) output.branches = branchWaits(routed.branches, now);
  return output;
}

/** What a route sends the state machine: the task its next waiting state waits on, or each branch's. */
export interface FlowOutput {
  next: string;
  taskId: string;
  timeoutSeconds: number;
  branches?: Record<string, { taskId: string; timeoutSeconds: number }>;
}

/**
 * Each branch's task and wait, as a parallel step's waiting states read them (`$.task.branches.<id>`). A branch with
 * no task (answered already) waits a second: its await-decision answers at once.
 */
export function branchWaits(waits: Record<string, { taskId: string; dueAt: string }>, now: number) {
  return Object.fromEntries(
    Object.entries(waits).map(([id, wait]) => [
      id,
      { taskId: wait.taskId, timeoutSeconds: wait.taskId ? waitSeconds(wait.dueAt, now) : 1 },
    ]),
  );
}

/** The run of parallel steps in progress: answers recorded now belong to it. */
export const currentRound = (dossier: Dossier) => (dossier.parallelRounds ?? 0) + 1;

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
  const task = newTask(
    dossier,
    step,
    taskIdOf(dossier.code, n),
    agencyId,
    at,
    calendar.addWorkingMinutes(now, hours * 60),
  );
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

/** Công việc — the task of a step: who acts for which agency, by when, with which decisions. */
function newTask(dossier: Dossier, step: StepSpec, id: string, agencyId: string, at: string, due: number): Task {
  const waitsOnOthers = step.kind && step.kind !== 'officer';
  return {
    id,
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
    dueAt: toVietnamIso(due),
    overdue: false,
    state: 'OPEN',
    decisions: step.decisions,
    decisionOrder: Object.keys(step.decisions),
    version: 1,
  };
}

/** The open-step map, rebuilt for dossiers written before it existed (their one open task is the current step's). */
function openStepsOf(dossier: Dossier): Record<string, string> {
  if (dossier.openSteps) return dossier.openSteps;
  const [only] = dossier.openTaskIds;
  return only && dossier.currentStepId ? { [dossier.currentStepId]: only } : {};
}

export function withoutStep(dossier: Dossier, task: Task): Record<string, string> {
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

/**
 * Where an applied decision sends the dossier. The dossier records where it is heading before the next step opens,
 * so a crash in between can be re-driven; a forwarding decision names the agency the next steps go to. (A branch's
 * answer does not move the dossier: functions/domain/lifecycle/answers.ts.)
 */
export function followRoute(next: Dossier, decided: RecordedDecision, route: DecisionRoute) {
  if (route.to === END) delete next.currentStepId;
  else next.currentStepId = route.to;
  if (decided.forwardTo) next.chosenAgencyId = decided.forwardTo;
}
