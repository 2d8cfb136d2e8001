import { syncsToPortal } from '../domain/events';
import { syncToPortal } from '../use-cases/sync-national-portal';
import { reactionHandler } from './runner';

/**
 * Each processing step, re-send and refused intake → the national portal (DVCQG), in order per dossier. A sync sends
 * every entry up to its event, so of one dossier's events in a batch only the last is sent (one read, one write).
 */
export const handler = /* @__PURE__ */ reactionHandler('dvcqg-sync', syncsToPortal, syncToPortal, 'self', 'latest');
