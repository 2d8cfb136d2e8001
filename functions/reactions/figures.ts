import { isFigureEvent } from '../domain/events';
import { countFigures } from '../use-cases/figures';
import { reactionHandler } from './runner';

/** Adds each change of status (and each new due date) to the figures, once: the figures' own write tells it. */
export const handler = /* @__PURE__ */ reactionHandler('figures', isFigureEvent, countFigures, 'self');
