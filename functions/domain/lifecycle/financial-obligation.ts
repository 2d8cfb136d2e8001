import type { Dossier } from '../dossier';
import { toVietnamIso } from '../vietnam-time';
import type { ClockContext } from './transitions';

/**
 * Nghĩa vụ tài chính — clock effect `pause`: the obligation (e.g. land-use tax assessed by the tax authority) is
 * notified; sector law stops the clock while the applicant pays.
 */
export function obligationNotified({ now, decided }: ClockContext): Partial<Dossier> {
  return { financialObligation: { notifiedAt: toVietnamIso(now), note: decided?.note ?? '' } };
}

/** Clock effect `resume`: the obligation is met; the due date moves by the working time the clock was paused. */
export function obligationMet({ before, now, rules }: ClockContext): Partial<Dossier> {
  if (!before.financialObligation) return {};
  if (!rules) throw new Error('meeting an obligation moves the due date: deadline rules are required');
  const change: Partial<Dossier> = {
    financialObligation: { ...before.financialObligation, paidAt: toVietnamIso(now) },
  };
  if (before.dueAt) {
    const waited = rules.calendar.workingMinutesBetween(Date.parse(before.financialObligation.notifiedAt), now);
    change.dueAt = toVietnamIso(rules.calendar.addWorkingMinutes(Date.parse(before.dueAt), waited));
  }
  return change;
}
