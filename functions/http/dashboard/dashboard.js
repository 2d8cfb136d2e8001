// The figures dashboard (GET /dashboard): reads GET /stats and GET /stats/index766 with the caller's token and draws
// them as SVG, with no library and no network beyond this API. Every drawn bar carries its figure in data-*
// attributes (the browser test reads them back). The token comes from the address (#token=…) or the form, and is
// kept in this tab's sessionStorage only.

const SVG = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const percent = (rate) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const today = () => new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 10);
function monthsBack(date, n) {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
}

async function get(path, token) {
  const reply = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  const body = await reply.json();
  if (!reply.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${reply.status}`);
  return body;
}

/** Vertical bars per month, one colour per series; the scale is the largest value (or 100 for rates). */
function monthBars(target, rows, series, { max, unit } = {}) {
  const width = 640;
  const height = 220;
  const left = 40;
  const bottom = 30;
  const top = max ?? Math.max(1, ...rows.flatMap((row) => series.map((s) => s.value(row) ?? 0)));
  const svg = element('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' });
  const band = (width - left) / Math.max(rows.length, 1);
  const barWidth = Math.min(40, (band - 10) / series.length);
  rows.forEach((row, i) => {
    series.forEach((s, j) => {
      const value = s.value(row);
      const h = value === null ? 0 : ((height - bottom - 20) * value) / top;
      const x = left + i * band + 5 + j * barWidth;
      const bar = element('rect', {
        x,
        y: height - bottom - h,
        width: barWidth - 2,
        height: h,
        fill: s.colour,
        'data-series': s.id,
        'data-month': row.month,
        'data-value': value === null ? '' : value,
      });
      bar.appendChild(element('title', {}, `${s.label} ${row.month}: ${value === null ? '—' : value}${unit ?? ''}`));
      svg.appendChild(bar);
      svg.appendChild(
        element(
          'text',
          { x: x + (barWidth - 2) / 2, y: height - bottom - h - 4, 'text-anchor': 'middle', class: 'value' },
          value === null ? '—' : `${unit === '%' ? value.toFixed(1) : value}`,
        ),
      );
    });
    svg.appendChild(
      element('text', { x: left + i * band + band / 2, y: height - 10, 'text-anchor': 'middle' }, row.month),
    );
  });
  svg.appendChild(element('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: '#555' }));
  target.replaceChildren(svg);
  const legend = document.createElement('p');
  legend.className = 'legend';
  legend.innerHTML = series.map((s) => `<span style="color:${s.colour}">■</span> ${s.label}`).join(' &nbsp; ');
  target.appendChild(legend);
}

/** The 766 groups as horizontal bars: the measured points against the group's maximum; unmeasured hatched. */
function indexBars(target, index) {
  const width = 640;
  const row = 30;
  const left = 270;
  const svg = element('svg', {
    viewBox: `0 0 ${width} ${index.groups.length * row + 10}`,
    role: 'img',
    class: 'chart',
  });
  index.groups.forEach((group, i) => {
    const y = 5 + i * row;
    const full = width - left - 80;
    svg.appendChild(element('text', { x: 0, y: y + 17 }, `${group.code} — ${group.name}`));
    svg.appendChild(element('rect', { x: left, y, width: full, height: 20, fill: 'url(#hatch)', stroke: '#bbb' }));
    const score = group.score;
    const bar = element('rect', {
      x: left,
      y,
      width: score === null ? 0 : (full * score) / group.max,
      height: 20,
      fill: '#1f6f43',
      'data-group': group.code,
      'data-value': score === null ? '' : score,
      'data-max': group.max,
    });
    bar.appendChild(element('title', {}, `${group.name}: ${score === null ? 'chưa đo' : score} / ${group.max}`));
    svg.appendChild(bar);
    svg.appendChild(
      element(
        'text',
        { x: left + full + 6, y: y + 15 },
        score === null ? `chưa đo / ${group.max}` : `${score} / ${group.max}`,
      ),
    );
  });
  const defs = element('defs', {});
  const hatch = element('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse' });
  hatch.appendChild(element('path', { d: 'M0,6 L6,0', stroke: '#ccc' }));
  defs.appendChild(hatch);
  svg.prepend(defs);
  target.replaceChildren(svg);
}

function tiles(total, index) {
  const items = [
    ['received', 'Hồ sơ tiếp nhận', total.received.total],
    ['finished', 'Đã giải quyết', total.finished.total],
    ['onTime', 'Tỷ lệ đúng hạn', percent(total.rates.onTime)],
    ['overallOnTime', 'Đúng hạn / tiếp nhận', percent(total.rates.overallOnTime)],
    ['online', 'Tỷ lệ trực tuyến', percent(total.rates.online)],
    ['satisfaction', 'Tỷ lệ hài lòng', percent(total.rates.satisfaction)],
    ['index', `Chỉ số 766 (đã đo ${index.measuredMax} điểm)`, `${index.score}`],
  ];
  $('tiles').innerHTML = items
    .map(([id, label, value]) => `<div class="tile" data-tile="${id}"><b>${value}</b><span>${label}</span></div>`)
    .join('');
}

async function show() {
  const token = sessionStorage.getItem('motcua.token');
  const from = $('from').value;
  const to = $('to').value;
  const agency = $('agency').value;
  const query = `from=${from}&to=${to}${agency ? `&agencyId=${encodeURIComponent(agency)}` : ''}`;
  $('status').textContent = 'Đang tải…';
  try {
    const [stats, index] = await Promise.all([
      get(`stats?${query}&groupBy=month`, token),
      get(`stats/index766?${query}`, token),
    ]);
    tiles(stats.total, index.total);
    monthBars($('volume'), stats.rows, [
      {
        id: 'received',
        label: 'Tiếp nhận (kể cả kỳ trước chuyển qua)',
        colour: '#2b6cb0',
        value: (r) => r.received.total,
      },
      { id: 'finished', label: 'Đã giải quyết', colour: '#1f6f43', value: (r) => r.finished.total },
    ]);
    monthBars(
      $('ontime'),
      stats.rows,
      [
        {
          id: 'onTime',
          label: 'Tỷ lệ đúng hạn',
          colour: '#c05621',
          value: (r) => (r.rates.onTime === null ? null : r.rates.onTime * 100),
        },
      ],
      { max: 100, unit: '%' },
    );
    indexBars($('index'), index.total);
    $('status').textContent = `Kỳ ${stats.from} – ${stats.to}`;
    document.body.dataset.ready = 'true';
  } catch (error) {
    $('status').textContent = `Không tải được số liệu: ${error.message}`;
    document.body.dataset.ready = 'error';
  }
}

window.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('token')) {
    sessionStorage.setItem('motcua.token', params.get('token'));
    history.replaceState(null, '', location.pathname);
  }
  $('to').value = params.get('to') ?? today();
  $('from').value = params.get('from') ?? monthsBack($('to').value, 5);
  $('agency').value = params.get('agencyId') ?? '';
  $('form').addEventListener('submit', (event) => {
    event.preventDefault();
    if ($('token').value) sessionStorage.setItem('motcua.token', $('token').value.trim());
    show();
  });
  if (sessionStorage.getItem('motcua.token')) show();
  else $('status').textContent = 'Dán mã truy cập (token) của lãnh đạo hoặc quản trị để xem số liệu.';
});
