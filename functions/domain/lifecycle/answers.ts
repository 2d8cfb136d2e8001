import type { Dossier, HistoryEvent, ParallelAnswer, Task } from '../dossier';
import { businessRule, conflict } from '../errors';
import { stepOnTime } from '../timeliness';
import { toVietnamIso } from '../vietnam-time';
import { decisionEntry } from './history';
import { currentRound, withoutStep } from './routing';

/**
 * Ý kiến của cơ quan được hỏi — the answer of one agency asked in a parallel step is settled on its own task item
 * alone: the dossier is not written, so agencies answering at once never race on it. The dossier takes the answers
 * in (`foldAnswers`) at its next change: the close of the parallel step, or a change that comes first (a withdrawal,
 * a stop, an extension); the views fold them in as they read.
 */
export function answerBranch(task: Task, now: number): Task {
  const decided = task.decided;
  if (!decided) throw conflict('TASK_NOT_DECIDED', `Công việc ${task.id} chưa có quyết định`);
  const route = task.decisions[decided.decision];
  if (!route) throw businessRule('DECISION_NOT_ALLOWED', `Quyết định ${decided.decision} không hợp lệ`);
  return {
    ...task,
    state: 'APPLIED',
    routed: { next: route.to },
    appliedAt: toVietnamIso(now),
    version: task.version + 1,
  };
}

/** Answered branches the dossier has not taken in yet: settled branch tasks still among its open tasks. */
export function pendingAnswers(dossier: Dossier, tasks: readonly Task[]): Task[] {
  const open = new Set(dossier.openTaskIds);
  return tasks
    .filter((t) => t.kind === 'branch' && t.state === 'APPLIED' && open.has(t.id))
    .sort((a, b) => answeredAt(a).localeCompare(answeredAt(b)) || a.stepId.localeCompare(b.stepId));
}

const answeredAt = (task: Task) => task.appliedAt ?? task.decided?.decidedAt ?? task.openedAt;

/**
 * The dossier with the answers of its settled branches taken in, in the order they came: each recorded among the
 * parallel answers of the current run (late when the branch lapsed or answered after its deadline), its task no
 * longer open, and one history entry each, with the dossier as it stood after it. The version is left to the change
 * that writes the result.
 */
export function foldAnswers(dossier: Dossier, tasks: readonly Task[]) {
  let after = dossier;
  const events: { event: HistoryEvent; dossier: Dossier }[] = [];
  for (const task of pendingAnswers(dossier, tasks)) {
    const decided = task.decided!;
    const at = answeredAt(task);
    const answer: ParallelAnswer = {
      round: currentRound(after),
      parallelStepId: task.branchOf ?? '',
      stepId: task.stepId,
      stepName: task.stepName,
      agencyId: task.agencyId,
      decision: decided.decision,
      note: decided.note,
      dueAt: task.dueAt,
      at,
      late: stepOnTime(task) === false,
    };
    after = {
      ...after,
      openTaskIds: after.openTaskIds.filter((id) => id !== task.id),
      openSteps: withoutStep(after, task),
      parallelAnswers: [...(after.parallelAnswers ?? []), answer],
      historyCount: after.historyCount + 1,
    };
    const entry = { seq: after.historyCount, at, fromStatus: after.status, toStatus: after.status };
    events.push({ event: decisionEntry(task, decided, entry), dossier: after });
  }
  return { dossier: after, events };
}

/**
 * A dossier's record as readers see it: with the answers its branches settled and it has not taken in yet, as it will
 * take them in (each history entry showing the due date it left, as stored entries do).
 */
export function withAnswers<R extends { dossier: Dossier; history: HistoryEvent[]; tasks: Task[] }>(record: R): R {
  const answered = foldAnswers(record.dossier, record.tasks);
  if (!answered.events.length) return record;
  const entries = answered.events.map(({ event, dossier }) => ({ ...event, dueAt: dossier.dueAt ?? null }));
  return { ...record, dossier: answered.dossier, history: [...record.history, ...entries] };
}
