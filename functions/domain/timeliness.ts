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
