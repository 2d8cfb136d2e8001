import { isOfficerNotice } from '../domain/events';
import { notifyOfficers } from '../use-cases/officer-notices';
import { reactionHandler } from './runner';

/** Tells officers of their work: inbox digests, steps about to be due, overdue and escalated (mail). */
export const handler = /* @__PURE__ */ reactionHandler('notify-officers', isOfficerNotice, notifyOfficers);
