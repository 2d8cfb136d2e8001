import { syncsToPortal } from '../domain/events';
import { syncToPortal } from '../use-cases/sync-national-portal';
import { reactionHandler } from './runner';

/** Each processing step, re-send and refused intake → the national portal (DVCQG), in order per dossier. */
export const handler = /* @__PURE__ */ reactionHandler('dvcqg-sync', syncsToPortal, syncToPortal, 'self');
