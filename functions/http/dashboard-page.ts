import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * GET /dashboard: one page of figures for leaders — the period's tiles, volume and on-time rate by month, the 766
 * groups as bars — drawn in the browser from GET /stats and GET /stats/index766 (`dashboard/dashboard.js`, no
 * library, no CDN: it reads nothing but this API). The page and its script hold no data: the caller's token does
 * the rest. On AWS the stack copies the script beside the function's bundle (the route's `files`).
 */
export const DASHBOARD_PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>motcua — Số liệu giải quyết thủ tục hành chính</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 70rem; color: #222; padding: 0 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; }
label { display: flex; flex-direction: column; font-size: .85rem; }
#tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: .75rem; margin-top: 1rem; }
.tile { border: 1px solid #ddd; border-radius: .4rem; padding: .75rem; }
.tile b { display: block; font-size: 1.5rem; } .tile span { font-size: .85rem; color: #555; }
.chart { width: 100%; max-width: 48rem; font-size: 11px; } .chart .value { font-size: 10px; fill: #333; }
.legend { font-size: .85rem; }
</style>
</head>
<body>
<h1>Số liệu giải quyết thủ tục hành chính</h1>
<form id="form">
<label>Từ ngày <input id="from" type="date" required></label>
<label>Đến ngày <input id="to" type="date" required></label>
<label>Cơ quan (mã, để trống: tất cả) <input id="agency" size="16"></label>
<label>Mã truy cập (token) <input id="token" type="password" size="24" autocomplete="off"></label>
<button type="submit">Xem</button>
</form>
<p id="status"></p>
<div id="tiles"></div>
<h2>Số hồ sơ theo tháng</h2>
<div id="volume"></div>
<h2>Tỷ lệ giải quyết đúng hạn theo tháng</h2>
<div id="ontime"></div>
<h2>Bộ chỉ số 766 (điểm đã đo so với tối đa của nhóm)</h2>
<div id="index"></div>
<script src="dashboard/dashboard.js"></script>
</body>
</html>
`;

/** Its own script and styles only, and calls to this API only. */
export const DASHBOARD_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'";

let script: Buffer | undefined;

/** The page's script, beside the bundle on AWS (`dashboard/`) as in the source tree. */
export function dashboardScript(): Buffer {
  script ??= readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'dashboard', 'dashboard.js'));
  return script;
}
