import { calendarOf, catalogue, clock, notifier, officerNotices, tasks } from '../composition';
import { OFFICER_ROLES } from '../domain/dossier';
import type { OfficerNoticeEvent } from '../domain/events';
import { renderOfficerNotice } from '../domain/notices';
import {
  DEFAULT_OFFICER_NOTICES,
  digestTasks,
  latestDigestSlot,
  type OfficerNotice,
  pascOf,
  recipientOf,
  taskLine,
  taskNoticesDue,
} from '../domain/officer-notices';
import { spokenTime, toVietnamIso } from '../domain/vietnam-time';

/**
 * Quét công việc — run on a schedule (every 15 minutes): for each agency, the inbox digest once a digest time has
 * passed (the tasks opened since the last digest, in one mail), the warnings of tasks that came within the warning
 * time of their due time, and the escalations of tasks long overdue. It only writes notices, each once; sending them
 * is the `notify-officers` reaction's. A sweep that crashed half-way is finished by the next: what it wrote is not
 * written twice (conditional writes) and its cursor did not move.
 */
export async function sweepOfficerNotices() {
  const now = clock.now();
  const at = toVietnamIso(now);
  const province = await catalogue.province();
  const settings = province.officerNotices ?? DEFAULT_OFFICER_NOTICES;
  const written = { digests: 0, dueSoon: 0, escalated: 0 };
  for (const agency of province.agencies) {
    const open = (await Promise.all([...OFFICER_ROLES].map((role) => tasks.openTasks(agency.id, role)))).flat();
    const calendar = await calendarOf(agency.id);
    const previous = await officerNotices.sweepCursor(agency.id);
    const lastSweep = previous ? Date.parse(previous.sweptAt) : undefined;

    for (const task of open) {
      for (const kind of taskNoticesDue(task, now, lastSweep, calendar, settings)) {
        const notice: OfficerNotice = { kind, agencyId: agency.id, at, tasks: [taskLine(task)] };
        if (await officerNotices.recordTaskNotice(notice)) written[kind === 'due-soon' ? 'dueSoon' : 'escalated']++;
      }
    }

    const slotAt = latestDigestSlot(now, calendar, settings.inboxDigestAt);
    const slot = slotAt === undefined ? previous?.slot : toVietnamIso(slotAt);
    const newSlot = slot !== undefined && slot !== previous?.slot;
    // Nothing to record: no task open and no new digest time (the cursor stays; the next sweep looks back further).
    if (!newSlot && open.length === 0) continue;
    const fresh = newSlot ? digestTasks(open, previous?.slot, slotAt!) : [];
    const digest: OfficerNotice | undefined =
      fresh.length > 0
        ? { kind: 'inbox-digest', agencyId: agency.id, at: slot!, tasks: fresh.map(taskLine) }
        : undefined;
    const next = { ...(slot ? { slot } : {}), sweptAt: at };
    if ((await officerNotices.recordSweep(agency.id, previous, next, digest)) && digest) written.digests++;
  }
  return written;
}

/** Sends one officer notice to whom it is for; a failure is thrown (the reaction's queue retries it). */
export async function notifyOfficers({ notice }: OfficerNoticeEvent) {
  const province = await catalogue.province();
  const to = recipientOf(notice, province.agencies);
  if (!to) return;
  const settings = province.officerNotices ?? DEFAULT_OFFICER_NOTICES;
  const name = (id: string | undefined) => province.agencies.find((a) => a.id === id)?.name ?? id ?? '';
  const mail = renderOfficerNotice(notice, {
    province: province.name,
    agency: name(notice.agencyId),
    pasc: name(pascOf(notice.agencyId, province.agencies)?.id),
    days: notice.kind === 'escalated' ? settings.escalateAfterWorkingDays : settings.dueSoonWorkingDays,
    time: spokenTime,
  });
  await notifier.send({ email: to }, mail, province.fromEmail);
}
