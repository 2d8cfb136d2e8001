import { catalogue, dossiers, notifier } from '../composition';
import type { DossierEvent } from '../domain/events';
import { EXTEND } from '../domain/lifecycle/decisions';
import { notifiesApplicant } from '../domain/lifecycle/transitions';
import { STATUS_LABELS } from '../domain/status';
import { spokenTime } from '../domain/vietnam-time';

/**
 * Every status change notifies the applicant with the agency, the handling unit and the times of reception,
 * processing and return (Decree 224/2026 Art.15.1.g): whom a change tells is the transition table's to say. It reads
 * the dossier as it stood at the change (the event's snapshot) and only the contact from the dossier itself. A
 * failure is thrown: the reaction's queue retries it, and after the last attempt keeps it as a dead letter.
 */
export async function notifyApplicant({ code, event, dossier }: DossierEvent) {
  if (!notifiesApplicant(event)) return;
  const current = await dossiers.getDossier(code);
  if (!current) return;
  const province = await catalogue.province();
  const agencyName = (id: string | null) => province.agencies.find((a) => a.id === id)?.name ?? id ?? '';
  const lines = [
    `Hồ sơ ${code} (${dossier.procedureName}): ${STATUS_LABELS[event.toStatus]}.`,
    `Cơ quan tiếp nhận: ${agencyName(dossier.receivingAgencyId)}.`,
    `Đơn vị xử lý: ${agencyName(event.agencyId ?? dossier.competentAgencyId)}.`,
    `Thời điểm: ${spokenTime(event.at)}.`,
    dossier.receivedAt ? `Ngày tiếp nhận: ${spokenTime(dossier.receivedAt)}.` : '',
    dossier.dueAt ? `Hẹn trả kết quả: ${spokenTime(dossier.dueAt)}.` : '',
    event.note ? `Ghi chú: ${event.note}` : '',
  ].filter(Boolean);
  await notifier.send(
    current.applicant,
    {
      subject: `[${province.name}] Hồ sơ ${code}: ${event.action === EXTEND ? 'Xin lỗi và hẹn lại ngày trả kết quả' : STATUS_LABELS[event.toStatus]}`,
      body: lines.join('\n'),
    },
    province.fromEmail,
  );
}
