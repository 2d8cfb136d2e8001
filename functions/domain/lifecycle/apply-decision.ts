import type { Dossier, Task } from '../dossier';
import { businessRule, conflict } from '../errors';
import { toVietnamIso } from '../vietnam-time';
import { clockChange } from './clock';
import { assertTransition, decisionEntry } from './history';
import { followRoute, withoutStep } from './routing';
import { type DeadlineRules, transitionEffect } from './transitions';

/**
 * Áp dụng quyết định — moves the dossier as the decided route says: the status, the clock effect the transition
 * table names for that change, the route to the next step, the documents, result or delivery the decision carries;
 * closes the task and writes one history entry. Returns where the flow goes next.
 */
export function applyDecision(dossier: Dossier, task: Task, now: number, rules: DeadlineRules) {
  const decided = task.decided;
  if (!decided) throw conflict('TASK_NOT_DECIDED', `Công việc ${task.id} chưa có quyết định`);
  // A branch's answer settles on its task alone (answerBranch): the dossier takes it in later.
  if (task.kind === 'branch') throw conflict('BRANCH_ANSWER', `Công việc ${task.id} là ý kiến của một nhánh song song`);
  const route = task.decisions[decided.decision];
  if (!route) throw businessRule('DECISION_NOT_ALLOWED', `Quyết định ${decided.decision} không hợp lệ`);
  const at = toVietnamIso(now);
  const toStatus = route.status ?? dossier.status;
  assertTransition(dossier.status, toStatus);
  const clock = toStatus === dossier.status ? 'none' : (transitionEffect(dossier.status, toStatus)?.clock ?? 'none');
  const next: Dossier = {
    ...dossier,
    status: toStatus,
    openTaskIds: dossier.openTaskIds.filter((id) => id !== task.id),
    openSteps: withoutStep(dossier, task),
    historyCount: dossier.historyCount + 1,
    version: dossier.version + 1,
    ...clockChange(clock, { before: dossier, now, decided, rules }),
  };
  followRoute(next, decided, route);
  if (decided.documents?.length) next.documents = [...dossier.documents, ...decided.documents];
  Object.assign(next, outcomeOf(decided, toStatus, at));
  const event = decisionEntry(task, decided, { seq: next.historyCount, at, fromStatus: dossier.status, toStatus });
  return { dossier: next, event, next: route.to };
}

/** Kết quả và trả kết quả — the result a decision issues (number, signer, documents), and its delivery. */
function outcomeOf(decided: NonNullable<Task['decided']>, toStatus: Dossier['status'], at: string): Partial<Dossier> {
  const outcome: Partial<Dossier> = {};
  if (decided.result) {
    outcome.result = {
      number: decided.result.number,
      signer: decided.actor.name ?? decided.actor.sub,
      signedAt: decided.decidedAt,
      documents: decided.result.documents,
    };
  }
  if (decided.delivery && toStatus === 'DELIVERED') {
    outcome.delivery = { ...decided.delivery, at };
    outcome.deliveredAt = at;
  }
  return outcome;
}
