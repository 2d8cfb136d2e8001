import { countsInFigures } from '../domain/events';
import { countFigures } from '../use-cases/figures';
import { reactionHandler } from './runner';

/** Adds each change of status (each new due date, each rating) to the figures, once: the figures' own write tells it. */
export const handler = /* @__PURE__ */ reactionHandler('figures', countsInFigures, countFigures, 'self');
