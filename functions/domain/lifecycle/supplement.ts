import type { Actor, Dossier, DossierDocument, RecordedDecision, Task } from '../dossier';
import { businessRule, forbidden } from '../errors';
import { toVietnamIso } from '../vietnam-time';
import { MINUTES_PER_WORKING_DAY, type WorkingCalendar } from '../working-calendar';
import { allowedDecisions } from './decisions';
import type { ClockContext } from './transitions';

/** Decree 61/2018 Art.19.4: a supplement is requested within 3 working days of reception. */
export const SUPPLEMENT_WINDOW_MINUTES = 3 * MINUTES_PER_WORKING_DAY;

/**
 * Yêu cầu bổ sung trong quá trình giải quyết — allowed once, in one notice that lists everything missing, within
 * three working days of reception.
 */
export function checkSupplementRequest(
  dossier: Dossier,
  note: string | undefined,
  now: number,
  calendar: WorkingCalendar,
) {
  if (!note || note.length < 5) {
    throw businessRule('SUPPLEMENT_NOTE_REQUIRED', 'Thông báo bổ sung phải nêu đầy đủ các giấy tờ cần bổ sung (note)', {
      fields: ['note'],
    });
  }
  if ((dossier.supplements ?? []).length > 0) {
    throw businessRule('SUPPLEMENT_ALREADY_REQUESTED', 'Chỉ được yêu cầu bổ sung một lần, trong một thông báo');
  }
  if (
    !dossier.receivedAt ||
    calendar.workingMinutesBetween(Date.parse(dossier.receivedAt), now) > SUPPLEMENT_WINDOW_MINUTES
  ) {
    throw businessRule(
      'SUPPLEMENT_WINDOW_CLOSED',
      'Đã quá 3 ngày làm việc kể từ khi tiếp nhận: không được yêu cầu bổ sung',
      {
        receivedAt: dossier.receivedAt ?? null,
      },
    );
  }
}

/** Nộp bổ sung — the applicant (or the desk on the applicant's behalf) answers the supplement request. */
export function recordSupplement(
  dossier: Dossier,
  task: Task,
  actor: Actor,
  documents: DossierDocument[],
  note: string | undefined,
  now: number,
): RecordedDecision {
  const onBehalf = actor.role === 'receiver' && actor.agencyId === dossier.receivingAgencyId;
  if (actor.sub !== dossier.applicant.sub && !onBehalf)
    throw forbidden('Chỉ người nộp hồ sơ hoặc Bộ phận Một cửa được nộp bổ sung');
  if (task.kind !== 'applicant' || task.state !== 'OPEN') {
    throw businessRule('NOT_AWAITING_SUPPLEMENT', 'Hồ sơ không ở trạng thái chờ bổ sung');
  }
  if (documents.length === 0)
    throw businessRule('SUPPLEMENT_EMPTY', 'Cần ít nhất một giấy tờ bổ sung', { fields: ['documents'] });
  const decision = allowedDecisions(task)[0] ?? 'supplement';
  return { decision, note: note ?? null, actor, decidedAt: toVietnamIso(now), documents };
}

/** Clock effect `wait`: the request (who, for which agency, what is missing) is recorded; the clock waits. */
export function supplementRequested({ before, now, decided }: ClockContext): Partial<Dossier> {
  const request = {
    requestedAt: toVietnamIso(now),
    requestedBy: decided?.actor.sub ?? 'system',
    agencyId: decided?.actor.agencyId ?? null,
    note: decided?.note ?? '',
  };
  return { supplements: [...(before.supplements ?? []), request] };
}

/**
 * Clock effect `restart`: the complete supplement arrived. The clock restarts from zero (decree rule), or, where the
 * province pauses it instead, the due date moves by the working time spent waiting.
 */
export function supplementReceived({ before, now, rules }: ClockContext): Partial<Dossier> {
  if (!rules) throw new Error('a supplement restarts the clock: deadline rules are required');
  const change: Partial<Dossier> = {};
  const supplements = [...(before.supplements ?? [])];
  const last = supplements.pop();
  if (last) change.supplements = [...supplements, { ...last, respondedAt: toVietnamIso(now) }];
  if (rules.supplementPolicy === 'restart' || !last || !before.dueAt) {
    change.dueAt = toVietnamIso(rules.calendar.dueAt(now, rules.duration, before.channel));
  } else {
    const waited = rules.calendar.workingMinutesBetween(Date.parse(last.requestedAt), now);
    change.dueAt = toVietnamIso(rules.calendar.addWorkingMinutes(Date.parse(before.dueAt), waited));
  }
  return change;
}
