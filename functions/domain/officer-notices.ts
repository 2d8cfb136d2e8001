import type { Role, Task } from './dossier';
import type { Agency, OfficerNoticeSettings } from './province-settings';
import { addDays, atLocal, localDate } from './vietnam-time';
import { MINUTES_PER_WORKING_DAY, type WorkingCalendar } from './working-calendar';

/**
 * Thông báo cho cán bộ — what officers hear of their work, besides the applicant's notices:
 * - `inbox-digest`: the tasks that reached an agency's inbox since its last digest, in one mail at the province's
 *   digest times (working days), never one mail per task;
 * - `due-soon`: a task is due within the province's warning time (1 working day by default);
 * - `overdue`: a task passed its due time (to the agency's leader);
 * - `escalated`: a task is still open so many working days after its due time (to the leader of the PASC, the
 *   province's public administrative service centre).
 * Each is an item written once (conditionally) and carried by the table's stream to the `notify-officers` reaction,
 * like every other side effect.
 */
export const OFFICER_NOTICE_KINDS = ['inbox-digest', 'due-soon', 'overdue', 'escalated'] as const;
export type OfficerNoticeKind = (typeof OFFICER_NOTICE_KINDS)[number];

/** One task as a notice lists it. */
export interface TaskLine {
  taskId: string;
  dossierCode: string;
  stepName: string;
  role: Role;
  openedAt: string;
  dueAt: string;
}

export interface OfficerNotice {
  kind: OfficerNoticeKind;
  agencyId: string;
  /** When it was decided (the digest's slot, the sweep's or the step's time). */
  at: string;
  tasks: TaskLine[];
}

/** Where an agency's officer-notice sweeps got to: the last digest slot covered, the last sweep's time. */
export interface SweepCursor {
  /** Absent until the first digest time passed. */
  slot?: string;
  sweptAt: string;
}

export const DEFAULT_OFFICER_NOTICES: OfficerNoticeSettings = {
  inboxDigestAt: ['08:00', '13:30'],
  dueSoonWorkingDays: 1,
  escalateAfterWorkingDays: 2,
};

export const taskLine = (task: Task): TaskLine => ({
  taskId: task.id,
  dossierCode: task.dossierCode,
  stepName: task.stepName,
  role: task.role,
  openedAt: task.openedAt,
  dueAt: task.dueAt,
});

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The latest digest time at or before `now` on one of the agency's working days (looking back two weeks, beyond
 * any run of holidays), or undefined when there is none.
 */
export function latestDigestSlot(now: number, calendar: WorkingCalendar, at: readonly string[]): number | undefined {
  if (at.length === 0) return undefined;
  const minutes = [...at].map(minuteOf).sort((a, b) => b - a);
  let date = localDate(now);
  for (let day = 0; day < 15; day++, date = addDays(date, -1)) {
    if (!calendar.isWorkingDay(date)) continue;
    const slot = minutes.map((m) => atLocal(date, m)).find((instant) => instant <= now);
    if (slot !== undefined) return slot;
  }
  return undefined;
}

/**
 * What a digest at `slot` lists: the open tasks opened after the previous digest's slot (all of them before the
 * agency's first digest) and by this one, oldest first.
 */
export function digestTasks(open: readonly Task[], previousSlot: string | undefined, slot: number): Task[] {
  const since = previousSlot ? Date.parse(previousSlot) : Number.NEGATIVE_INFINITY;
  return open
    .filter((t) => Date.parse(t.openedAt) > since && Date.parse(t.openedAt) <= slot)
    .sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
}

/** At `at`, the due time is ahead and within the warning time (working time). */
export function inWarningWindow(dueAt: string, at: number, calendar: WorkingCalendar, workingDays: number) {
  const due = Date.parse(dueAt);
  return (
    workingDays > 0 && due > at && calendar.workingMinutesBetween(at, due) <= workingDays * MINUTES_PER_WORKING_DAY
  );
}

/** At `at`, the due time passed at least the escalation delay ago (working time). */
export function pastEscalation(dueAt: string, at: number, calendar: WorkingCalendar, workingDays: number) {
  const due = Date.parse(dueAt);
  return (
    workingDays > 0 && due <= at && calendar.workingMinutesBetween(due, at) >= workingDays * MINUTES_PER_WORKING_DAY
  );
}

/**
 * What an open task is owed by a sweep at `now`, the previous sweep having run at `lastSweep`: the warning when it
 * entered the warning window since (a task opened already inside it is not warned: its digest tells), the
 * escalation when it crossed the escalation delay since. Each is thus decided once, by the sweep after the moment.
 */
export function taskNoticesDue(
  task: Task,
  now: number,
  lastSweep: number | undefined,
  calendar: WorkingCalendar,
  settings: OfficerNoticeSettings,
): OfficerNoticeKind[] {
  if (task.state !== 'OPEN') return [];
  const since = Math.max(Date.parse(task.openedAt), lastSweep ?? 0);
  const kinds: OfficerNoticeKind[] = [];
  const warn = (at: number) => inWarningWindow(task.dueAt, at, calendar, settings.dueSoonWorkingDays);
  if (!task.overdue && warn(now) && !warn(since)) kinds.push('due-soon');
  const escalate = (at: number) => pastEscalation(task.dueAt, at, calendar, settings.escalateAfterWorkingDays);
  if (escalate(now) && !escalate(since)) kinds.push('escalated');
  return kinds;
}

/**
 * Trung tâm Phục vụ hành chính công — the PASC an agency answers to for its one-stop work: the nearest PASC among
 * its parents, else the province's own (a PASC without a parent), else the first PASC listed.
 */
export function pascOf(agencyId: string, agencies: readonly Agency[]): Agency | undefined {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const seen = new Set<string>();
  for (let agency = byId.get(agencyId); agency && !seen.has(agency.id); agency = byId.get(agency.parentId ?? '')) {
    seen.add(agency.id);
    if (agency.kind === 'pasc') return agency;
  }
  const pascs = agencies.filter((a) => a.kind === 'pasc');
  return pascs.find((a) => a.parentId === null) ?? pascs[0];
}

/** Whom a notice goes to: the agency's one-stop mailbox, its leader (or the mailbox), or the PASC's leader. */
export function recipientOf(notice: OfficerNotice, agencies: readonly Agency[]): string | undefined {
  const agency = agencies.find((a) => a.id === notice.agencyId);
  switch (notice.kind) {
    case 'inbox-digest':
    case 'due-soon':
      return agency?.email;
    case 'overdue':
      return agency?.leaderEmail ?? agency?.email;
    case 'escalated': {
      const pasc = pascOf(notice.agencyId, agencies);
      return pasc?.leaderEmail ?? pasc?.email;
    }
  }
}
