import { isApplicantNotice } from '../domain/events';
import { notifyApplicant } from '../use-cases/notify';
import { reactionHandler } from './runner';

/**
 * Tells the applicant of each status change the transition table says they hear of (mail and SMS). It keeps its own
 * record of what it sent: it reads that with the applicant's contacts.
 */
export const handler = /* @__PURE__ */ reactionHandler('notify-applicant', isApplicantNotice, notifyApplicant, 'self');
