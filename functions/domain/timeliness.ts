import { localDate } from './vietnam-time';

/**
 * Trước hạn / đúng hạn / quá hạn — judged by date in Vietnam time against the due date in force (Decision 766/QĐ-TTg):
 * a dossier finished on its due date is on time whatever the hour. Open dossiers are within deadline or overdue.
 */
export type Timeliness = 'early' | 'on_time' | 'late' | 'within_deadline' | 'overdue';

export function timeliness(
  dueAt: string | undefined,
  finishedAt: string | undefined,
  now: number,
  stopped = false,
): Timeliness | null {
  // A stopped dossier is neither finished nor running late: the figures count it as paused.
  if (!dueAt || stopped) return null;
  const due = Date.parse(dueAt);
  if (finishedAt) {
    const finished = localDate(Date.parse(finishedAt));
    const dueDate = localDate(due);
    return finished < dueDate ? 'early' : finished === dueDate ? 'on_time' : 'late';
  }
  return now > due ? 'overdue' : 'within_deadline';
}

/** What a step's timeliness depends on: its due time, the decision it lapses into, and the decision it got. */
export interface StepRecord {
  dueAt: string;
  timeoutDecision?: string;
  decided?: { decision: string; decidedAt: string; actor: { sub: string } };
}

/** A step ended by its deadline: the system recorded the step's timeout decision because nobody answered in time. */
export function lapsed(step: StepRecord): boolean {
  return step.decided?.actor.sub === 'system' && step.decided.decision === step.timeoutDecision;
}

/**
 * Bước xử lý đúng hạn — the one rule for a step (every view, form and figure uses it): a step is on time when it
 * was decided no later than its due time, and never when it lapsed unanswered; a step with no decision (still open,
 * or closed because its dossier ended) has no timeliness (`null`).
 */
export function stepOnTime(step: StepRecord): boolean | null {
  if (!step.decided) return null;
  if (lapsed(step)) return false;
  return Date.parse(step.decided.decidedAt) <= Date.parse(step.dueAt);
}
