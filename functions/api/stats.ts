import { httpHandler } from '../http/handler';
import { statistics } from '../use-cases/figures';
import { getStatsSpec } from './specs';

/** Số liệu — the Circular 01/2018 figures of a period, for a leader's agencies or (admin) the province. */
export const getStats = /* @__PURE__ */ httpHandler(getStatsSpec, async ({ query, actor }) => ({
  body: await statistics(actor, query),
}));
