import type { Dossier } from '../dossier';
import { toVietnamIso } from '../vietnam-time';
import { obligationMet, obligationNotified } from './financial-obligation';
import { supplementReceived, supplementRequested } from './supplement';
import type { ClockContext, ClockEffect } from './transitions';

/** Clock effect `start`: reception; the due date counts from the clock start (15:00 rule, next working opening). */
function startClock({ before, now, rules }: ClockContext): Partial<Dossier> {
  if (before.receivedAt) return {};
  if (!rules) throw new Error('reception starts the clock: deadline rules are required');
  return {
    receivedAt: toVietnamIso(now),
    dueAt: toVietnamIso(rules.calendar.dueAt(now, rules.duration, before.channel)),
  };
}

/** What each clock effect of the transition table changes on the dossier. */
const CLOCK_CHANGES: Record<ClockEffect, (context: ClockContext) => Partial<Dossier>> = {
  start: startClock,
  wait: supplementRequested,
  restart: supplementReceived,
  pause: obligationNotified,
  resume: obligationMet,
  // Processing finished: the time that timeliness is judged by (a withdrawal counts as finished, Decision 766).
  stop: ({ now }) => ({ finishedAt: toVietnamIso(now) }),
  none: () => ({}),
};

export function clockChange(effect: ClockEffect, context: ClockContext): Partial<Dossier> {
  return CLOCK_CHANGES[effect](context);
}
