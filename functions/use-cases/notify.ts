import { catalogue, notifier, reactions } from '../composition';
import { noticeContacts } from '../domain/dossier';
import type { DossierEvent } from '../domain/events';
import { notifiesApplicant } from '../domain/lifecycle/transitions';
import { renderNotice } from '../domain/notices';
import { spokenTime } from '../domain/vietnam-time';

const REACTION = 'notify-applicant';

/**
 * Every status change notifies the applicant with the agency, the handling unit and the times of reception,
 * processing and return (Decree 224/2026 Art.15.1.g): whom a change tells is the transition table's to say, what it
 * says is the notice templates'. It reads the dossier as it stood at the change (the event's snapshot) and only the
 * contacts from the dossier itself, on the channels the applicant kept. A failure is thrown: the reaction's queue
 * retries it, and after the last attempt keeps it as a dead letter. Once per event: whether it was sent already is
 * read with those contacts (one read), and recorded after the send.
 */
export async function notifyApplicant(streamEvent: DossierEvent) {
  const { code, event, dossier } = streamEvent;
  if (!notifiesApplicant(event)) return;
  const read = await reactions.dossierUnlessApplied(REACTION, streamEvent);
  if (read.applied) return;
  const current = read.dossier;
  if (!current) return;
  const contacts = noticeContacts(current);
  if (!contacts.email && !contacts.phone) return;
  const province = await catalogue.province();
  const agencyName = (id: string | null) => province.agencies.find((a) => a.id === id)?.name ?? id ?? '';
  const time = (iso: string | null) => (iso ? spokenTime(iso) : undefined);
  const notice = renderNotice({
    province: province.name,
    code,
    procedure: dossier.procedureName,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    action: event.action,
    role: event.role,
    at: spokenTime(event.at),
    receivingAgency: agencyName(dossier.receivingAgencyId),
    handlingAgency: agencyName(event.agencyId ?? dossier.competentAgencyId),
    receivedAt: time(dossier.receivedAt),
    dueAt: time(dossier.dueAt),
    finishedAt: time(dossier.finishedAt),
    note: event.note,
    lookupUrl: province.lookupUrl?.replace('{code}', encodeURIComponent(code)),
  });
  await notifier.send(contacts, notice, province.fromEmail);
  await reactions.record(REACTION, streamEvent);
}
