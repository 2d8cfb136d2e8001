import { catalogue, notifier } from '../composition';
import type { Dossier, HistoryEvent } from '../domain/dossier';
import { EXTEND } from '../domain/lifecycle/decisions';
import { notifiesApplicant } from '../domain/lifecycle/transitions';
import { STATUS_LABELS } from '../domain/status';
import { logger } from '../observability';

/**
 * Every status change notifies the applicant with the agency, the handling unit and the times of reception,
 * processing and return (Decree 224/2026 Art.15.1.g): whom a change tells is the transition table's to say. A failed
 * send is logged and never undoes the change.
 */
export async function notifyStatusChange(dossier: Dossier, event: HistoryEvent) {
  if (!notifiesApplicant(event)) return;
  try {
    const province = await catalogue.province();
    const agencyName = (id: string | null) => province.agencies.find((a) => a.id === id)?.name ?? id ?? '';
    const lines = [
      `Hồ sơ ${dossier.code} (${dossier.procedureName}): ${STATUS_LABELS[event.toStatus]}.`,
      `Cơ quan tiếp nhận: ${agencyName(dossier.receivingAgencyId)}.`,
      `Đơn vị xử lý: ${agencyName(event.agencyId ?? dossier.competentAgencyId)}.`,
      `Thời điểm: ${event.at}.`,
      dossier.receivedAt ? `Ngày tiếp nhận: ${dossier.receivedAt}.` : '',
      dossier.dueAt ? `Hẹn trả kết quả: ${dossier.dueAt}.` : '',
      event.note ? `Ghi chú: ${event.note}` : '',
    ].filter(Boolean);
    await notifier.send(
      dossier.applicant,
      {
        subject: `[${province.name}] Hồ sơ ${dossier.code}: ${event.action === EXTEND ? 'Xin lỗi và hẹn lại ngày trả kết quả' : STATUS_LABELS[event.toStatus]}`,
        body: lines.join('\n'),
      },
      province.fromEmail,
    );
  } catch (error) {
    logger.warn('notification failed', {
      dossierCode: dossier.code,
      status: event.toStatus,
      error: (error as Error).name,
    });
  }
}
