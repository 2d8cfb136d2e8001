import { DASHBOARD_PAGE, DASHBOARD_POLICY, dashboardScript } from '../http/dashboard-page';
import { httpHandler } from '../http/handler';
import { getDashboardScriptSpec, getDashboardSpec } from './specs';

/** GET /dashboard — the figures page (its data comes from GET /stats with the reader's own token). */
export const getDashboard = /* @__PURE__ */ httpHandler(getDashboardSpec, async () => ({
  content: { type: 'text/html; charset=utf-8', data: DASHBOARD_PAGE },
  headers: { 'content-security-policy': DASHBOARD_POLICY, 'cache-control': 'no-cache' },
}));

/** GET /dashboard/dashboard.js */
export const getDashboardScript = /* @__PURE__ */ httpHandler(getDashboardScriptSpec, async () => ({
  content: { type: 'text/javascript; charset=utf-8', data: dashboardScript() },
  headers: { 'cache-control': 'no-cache' },
}));
