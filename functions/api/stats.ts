import { httpHandler } from '../http/handler';
import { index, satisfaction, statistics } from '../use-cases/figures';
import { getIndexSpec, getSatisfactionSpec, getStatsSpec } from './specs';

/** Số liệu — the Circular 01/2018 figures of a period, for a leader's agencies or (admin) the province. */
export const getStats = /* @__PURE__ */ httpHandler(getStatsSpec, async ({ query, actor }) => ({
  body: await statistics(actor, query),
}));

/** Mức độ hài lòng — ratings per agency and per officer, and (for the agency's leaders) their comments. */
export const getSatisfaction = /* @__PURE__ */ httpHandler(getSatisfactionSpec, async ({ query, actor }) => ({
  body: await satisfaction(actor, query),
}));

/** Bộ chỉ số 766 — each agency's index and the scope's, measured indicators scored, the others saying why not. */
export const getIndex = /* @__PURE__ */ httpHandler(getIndexSpec, async ({ query, actor }) => ({
  body: await index(actor, query),
}));
