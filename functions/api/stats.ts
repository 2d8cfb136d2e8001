import { httpHandler } from '../http/handler';
import { index, report, satisfaction, statistics } from '../use-cases/figures';
import { getIndexSpec, getReportSpec, getSatisfactionSpec, getStatsSpec } from './specs';
import { reportWorkbook } from './stats-report';

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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Báo cáo tình hình, kết quả giải quyết TTHC — the period's report as a spreadsheet (Circular 01/2018 groups). */
export const getReport = /* @__PURE__ */ httpHandler(getReportSpec, async ({ query, actor }) => {
  const data = await report(actor, query);
  return {
    content: { type: XLSX, data: await reportWorkbook(data) },
    headers: { 'content-disposition': `attachment; filename="bao-cao-tthc-${data.from}-${data.to}.xlsx"` },
  };
});
