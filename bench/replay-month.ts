/**
 * A replayed month: `npm run replay -- --dossiers 5000 --days 22 --seed 1 [--concurrency 8] [--start 2026-11-02]`
 * drives N dossiers of all six flows through `--days` working days on `npm start`'s runtime (a child process over a
 * fresh data directory), on the development clock: each working day, its share of new dossiers arrives (online, at
 * the counter, by post; some counter intakes after 15:00), and three rounds of work decide what officers find open,
 * with random but legal decisions (seeded): most steps go ahead, some wait for a later day (and turn late), some ask
 * for a supplement or a payment (the applicant answers, or lets it lapse), some are refused, returned, extended or
 * stopped, and some applicants withdraw. Dossiers still open at the end are carried over from week to week and from
 * month to month.
 *
 * Then it compares `GET /stats` with the figures computed independently from each dossier's history
 * (test/support/figures-oracle.ts) for the whole period, each week, each month's part and single days, in total and
 * by agency, procedure and month, checks the Circular 01/2018 identities on every row, and prints the differences:
 * there must be none.
 */
import './quiet';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PASC } from '../test/support/agencies';
import { queuesDrained } from '../test/support/events';
import { type OracleDossier, type OracleFigures, oracleFigures } from '../test/support/figures-oracle';
import { apiClient, type Reply } from '../test/support/http';
import { localProcess } from '../test/support/process';
import { eachOf, seeded } from '../test/support/seeded';
import { RUNS } from './flow-runs';

const { values: args } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '300' },
    days: { type: 'string', default: '22' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
    start: { type: 'string', default: '2026-11-02' },
  },
});
const N = Number(args.dossiers);
const DAYS = Number(args.days);
const SEED = Number(args.seed);
const CONCURRENCY = Number(args.concurrency);
if (!(N > 0 && DAYS > 0 && CONCURRENCY > 0 && Number.isInteger(SEED) && /^\d{4}-\d{2}-\d{2}$/.test(args.start!)))
  throw new Error('usage: npm run replay -- --dossiers N --days D --seed S [--concurrency C] [--start YYYY-MM-DD]');

const rand = seeded(SEED);
const chance = (p: number) => rand() < p;

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The working days replayed: Monday to Friday from the start (the seeded province has no holiday in them). */
const workingDays: string[] = [];
for (let day = args.start!; workingDays.length < DAYS; day = addDays(day, 1))
  if (weekday(day) !== 0 && weekday(day) !== 6) workingDays.push(day);

/** What a new dossier is: the procedure of one of the six flows, its documents, where and how it arrives. */
interface Kind {
  flow: string;
  procedureId: string;
  components: string[];
  receivingAgencyId: string;
  applicant?: Record<string, unknown>;
  /** Only procedures received at a desk may come at the counter or by post here. */
  counter: boolean;
}
const KINDS: Kind[] = [
  ...RUNS.map((run) => ({
    flow: run.flow,
    procedureId: run.procedureId,
    components: run.components,
    receivingAgencyId: String(run.extra?.receivingAgencyId ?? PASC),
    ...(run.applicant ? { applicant: run.applicant } : {}),
    counter: run.flow === 'single-agency' || run.flow === 'same-day-civil-status',
  })),
  {
    flow: 'land-tax',
    procedureId: '1.013831',
    components: ['DON', 'HOP_DONG', 'GCN'],
    receivingAgencyId: PASC,
    counter: true,
  },
];

interface Replayed {
  n: number;
  kind: Kind;
  channel: 'online' | 'counter' | 'post';
  code?: string;
  /** Who reads it: its applicant (online) or the desk that received it. */
  reader: string;
  open: boolean;
}

/** Decisions that take a dossier off its straight path (weights per decision taken). */
const DETOURS: [string, number][] = [
  ['request_supplement', 0.06],
  ['request_payment', 0.03],
  ['refuse', 0.02],
  ['return', 0.03],
  ['extend', 0.05],
  ['stop', 0.01],
];
const NOT_AHEAD = new Set([
  ...DETOURS.map(([d]) => d),
  'request_completion',
  'return_to_commune',
  'no_notice',
  'lapse',
]);
/** How often an officer who finds a task open decides it in a round (the rest waits: some dossiers turn late). */
const WORK_RATE = 0.55;
/** How often an applicant asked for something answers in a round (the rest lapses after the step's deadline). */
const ANSWER_RATE = 0.3;
const WITHDRAW_RATE = 0.004;
const TERMINAL = new Set(['DELIVERED', 'REFUSED', 'WITHDRAWN', 'STOPPED']);

const dataDir = join(tmpdir(), `motcua-month-${process.pid}`);
const local = localProcess(dataDir);
const outcomes = new Map<string, number>();
const count = (what: string) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
try {
  const { url } = await local.start();
  const api = apiClient(url);
  const tokens = new Map<string, Promise<string>>();
  const token = (user: string, role: string, agencyId?: string) => {
    const key = `${user}|${role}|${agencyId ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, api.login(user, role, agencyId));
    return tokens.get(key)!;
  };
  const officer = (role: string, agencyId: string) => token(`m-${role}-${agencyId}`.toLowerCase(), role, agencyId);
  const setClock = (now: string) => api.call('POST', '/local/clock', { body: { now, frozen: true } });
  const at = (day: string, time: string) => `${day}T${time}:00+07:00`;
  const call = async (...params: Parameters<typeof api.call>): Promise<Reply> => {
    const reply = await api.call(...params);
    if (reply.status >= 500)
      throw new Error(`${params[0]} ${params[1]}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  };

  const dossiers: Replayed[] = [];
  const perDay = Math.ceil(N / DAYS);

  async function submit(d: Replayed) {
    const { kind } = d;
    const by =
      d.channel === 'online' ? await token(d.reader, 'citizen') : await officer('receiver', kind.receivingAgencyId);
    const documents = [];
    for (const component of kind.components) {
      const uploaded = await api.upload(by, `${component}.pdf`, `%PDF ${component} ${d.n}`);
      documents.push({ componentCode: component, uploadId: uploaded.uploadId });
    }
    const created = await call('POST', '/dossiers', {
      token: by,
      body: {
        procedureId: kind.procedureId,
        applicant: { fullName: 'Trần Văn Phong', idNumber: '025090005555', ...kind.applicant },
        documents,
        ...(kind.receivingAgencyId !== PASC ? { receivingAgencyId: kind.receivingAgencyId } : {}),
        ...(d.channel === 'online' ? {} : { channel: d.channel }),
      },
      headers: { 'idempotency-key': `month-${SEED}-${d.n}` },
    });
    if (created.status !== 201) throw new Error(`dossier ${d.n}: ${created.status} ${JSON.stringify(created.body)}`);
    d.code = created.body.code;
    count(`submitted ${d.channel}`);
  }

  const readerToken = (d: Replayed) =>
    d.channel === 'online' ? token(d.reader, 'citizen') : officer('receiver', d.kind.receivingAgencyId);

  /** Fills what a decision lacked (422 names the fields), or gives up on it for this round. */
  function filled(fields: string[], body: Record<string, unknown>, dossier: { dueAt: string | null }, n: number) {
    const more: Record<string, unknown> = {};
    for (const field of fields) {
      if (field === 'note') more.note = 'Ý kiến của cán bộ xử lý (replay)';
      else if (field === 'resultNumber') more.resultNumber = `${n}/REPLAY`;
      else if (field === 'deliveryMethod') more.deliveryMethod = 'counter';
      else if (field === 'dueAt' && dossier.dueAt)
        more.dueAt = new Date(Date.parse(dossier.dueAt) + 7 * 86_400_000).toISOString();
      else return undefined;
    }
    return { ...body, ...more };
  }

  async function work(d: Replayed) {
    if (!d.code || !d.open) return;
    const reader = await readerToken(d);
    const read = await call('GET', `/dossiers/${d.code}`, { token: reader });
    const dossier = read.body;
    if (TERMINAL.has(dossier.status)) {
      d.open = false;
      return;
    }
    if (d.channel === 'online' && chance(WITHDRAW_RATE) && !['RESULT_READY'].includes(dossier.status)) {
      const withdrawn = await call('POST', `/dossiers/${d.code}/withdraw`, {
        token: reader,
        body: { reason: 'Không còn nhu cầu (replay)' },
      });
      count(`withdraw ${withdrawn.status}`);
      return;
    }
    for (const task of dossier.tasks as { id: string; role: string; agencyId: string; allowedDecisions: string[] }[]) {
      if (task.role === 'citizen') {
        if (d.channel !== 'online' || !chance(ANSWER_RATE)) continue;
        const uploaded = await api.upload(reader, 'bo-sung.pdf', `%PDF supplement ${d.n}`);
        const answered = await call('POST', `/dossiers/${d.code}/supplement`, {
          token: reader,
          body: { documents: [{ componentCode: d.kind.components[0], uploadId: uploaded.uploadId }], note: 'Bổ sung' },
        });
        count(`supplement ${answered.status}`);
        continue;
      }
      if (!chance(WORK_RATE)) continue;
      const as = await officer(task.role, task.agencyId);
      let pick = rand();
      let decision = task.allowedDecisions.find((x) => !NOT_AHEAD.has(x)) ?? task.allowedDecisions[0]!;
      for (const [detour, weight] of DETOURS) {
        if (pick < weight && task.allowedDecisions.includes(detour)) {
          decision = detour;
          break;
        }
        pick -= weight;
      }
      let body: Record<string, unknown> | undefined = { decision };
      for (let attempt = 0; body && attempt < 3; attempt++) {
        const decided = await call('POST', `/tasks/${task.id}/decision`, { token: as, body });
        if (decided.status !== 422 || !decided.body.error?.details?.fields) {
          count(`${decision} ${decided.status}${decided.status === 422 ? ` ${decided.body.error.code}` : ''}`);
          break;
        }
        body = filled(decided.body.error.details.fields, body, dossier, d.n);
        if (!body) count(`${decision} 422 unfillable`);
      }
    }
  }

  const started = performance.now();
  for (const [i, day] of workingDays.entries()) {
    const today: Replayed[] = Array.from({ length: Math.min(perDay, N - i * perDay) }, (_, k) => {
      const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
      const r = rand();
      const channel = kind.counter && r < 0.35 ? (r < 0.08 ? 'post' : 'counter') : 'online';
      const n = i * perDay + k;
      return { n, kind, channel, reader: `month-citizen-${n % 40}`, open: true };
    });
    dossiers.push(...today);
    // Most arrive in the morning; the rest after 15:00 (a counter intake then counts from the next working day).
    const morning = today.filter(() => chance(0.8));
    const afternoon = today.filter((d) => !morning.includes(d));
    await setClock(at(day, '08:00'));
    await eachOf(morning, CONCURRENCY, submit);
    for (const time of ['09:30', '14:00', '16:30']) {
      await setClock(at(day, time));
      if (time === '16:30') await eachOf(afternoon, CONCURRENCY, submit);
      await eachOf(dossiers, CONCURRENCY, work);
    }
    process.stdout.write(`\r  day ${i + 1}/${DAYS} (${day}): ${dossiers.filter((d) => d.open).length} open   `);
  }
  const last = workingDays.at(-1)!;
  await setClock(at(last, '18:00'));
  console.log();

  // Settled: nothing left queued for any reaction, and two reads of every history agree.
  const histories = async () => {
    const read = new Map<string, OracleDossier & { events: number }>();
    await eachOf(dossiers, CONCURRENCY, async (d) => {
      const reply = await call('GET', `/dossiers/${d.code}`, { token: await readerToken(d) });
      const body = reply.body;
      read.set(d.code!, {
        agencyId: body.competentAgencyId,
        procedureId: body.procedureId,
        channel: body.channel,
        history: body.history,
        events: body.history.length,
      });
    });
    return read;
  };
  let snapshot: Map<string, OracleDossier & { events: number }>;
  for (;;) {
    await queuesDrained(api);
    snapshot = await histories();
    const again = await histories();
    if ([...snapshot].every(([code, d]) => again.get(code)!.events === d.events)) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const all = [...snapshot.values()];

  // The periods compared: the whole, each week, each month's part, a few single days; total and by group.
  const periods: [string, string][] = [[workingDays[0]!, last]];
  for (let monday = workingDays[0]!; monday <= last; monday = addDays(monday, 7))
    periods.push([monday, addDays(monday, 6) < last ? addDays(monday, 6) : last]);
  for (const month of new Set(workingDays.map((d) => d.slice(0, 7)))) {
    const days = workingDays.filter((d) => d.startsWith(month));
    periods.push([days[0]!, days.at(-1)!]);
  }
  for (let k = 0; k < 3; k++) {
    const day = workingDays[Math.floor(rand() * workingDays.length)]!;
    periods.push([day, day]);
  }
  const admin = await token('month-admin', 'admin');
  const differences: string[] = [];
  let compared = 0;
  const compare = (what: string, got: Record<string, unknown>, want: OracleFigures) => {
    compared++;
    const g = got as unknown as OracleFigures & { rates: Record<string, number | null> };
    const { received: r, finished: f, inProgress: p } = g;
    if (r.total !== f.total + g.withdrawn + p.total + g.paused || f.total !== f.early + f.onTime + f.late)
      differences.push(`${what}: identity broken ${JSON.stringify(g)}`);
    for (const group of ['received', 'finished', 'withdrawn', 'inProgress', 'paused'] as const) {
      if (JSON.stringify(g[group]) !== JSON.stringify(want[group]))
        differences.push(
          `${what} ${group}: /stats ${JSON.stringify(g[group])}, histories ${JSON.stringify(want[group])}`,
        );
    }
    const rate = (num: number, den: number) => (den === 0 ? null : num / den);
    const rates = {
      onTime: rate(want.finished.early + want.finished.onTime, want.finished.total),
      overallOnTime: rate(
        want.finished.early + want.finished.onTime + want.inProgress.withinDeadline,
        want.received.total,
      ),
      online: rate(want.received.online, want.received.online + want.received.counter + want.received.post),
    };
    for (const [name, value] of Object.entries(rates)) {
      const got = g.rates[name];
      if (value === null ? got !== null : got === null || Math.abs(got! - value) > 1e-9)
        differences.push(`${what} rate ${name}: /stats ${got}, histories ${value}`);
    }
  };
  const statsTimes: number[] = [];
  for (const [from, to] of periods) {
    for (const groupBy of [undefined, 'agency', 'procedure', 'month'] as const) {
      const t0 = performance.now();
      const reply = await call('GET', `/stats?from=${from}&to=${to}${groupBy ? `&groupBy=${groupBy}` : ''}`, {
        token: admin,
      });
      statsTimes.push(performance.now() - t0);
      if (reply.status !== 200) throw new Error(`/stats ${from}..${to}: ${reply.status} ${JSON.stringify(reply.body)}`);
      compare(
        `${from}..${to} total${groupBy ? ` (by ${groupBy})` : ''}`,
        reply.body.total,
        oracleFigures(all, from, to),
      );
      for (const row of reply.body.rows as Record<string, string>[]) {
        if (groupBy === 'month') {
          const rowFrom = `${row.month}-01` < from ? from : `${row.month}-01`;
          const monthEnd = addDays(`${addDays(`${row.month}-28`, 4).slice(0, 7)}-01`, -1);
          const rowTo = monthEnd < to ? monthEnd : to;
          compare(`${from}..${to} month ${row.month}`, row, oracleFigures(all, rowFrom, rowTo));
        } else if (groupBy) {
          const field = groupBy === 'agency' ? 'agencyId' : 'procedureId';
          const subset = all.filter((d) => d[field] === row[field]);
          compare(`${from}..${to} ${field} ${row[field]}`, row, oracleFigures(subset, from, to));
        }
      }
      // A group with figures that /stats leaves out is a difference too.
      if (groupBy === 'agency' || groupBy === 'procedure') {
        const field = groupBy === 'agency' ? 'agencyId' : 'procedureId';
        const shown = new Set((reply.body.rows as Record<string, string>[]).map((row) => row[field]));
        for (const id of new Set(all.map((d) => d[field]))) {
          if (
            !shown.has(id) &&
            oracleFigures(
              all.filter((d) => d[field] === id),
              from,
              to,
            ).received.total > 0
          )
            differences.push(`${from}..${to} ${field} ${id}: missing from /stats`);
        }
      }
    }
  }
  const whole = oracleFigures(all, workingDays[0]!, last);
  statsTimes.sort((a, b) => a - b);
  console.log(
    `Replayed ${DAYS} working days (${workingDays[0]} to ${last}), ${dossiers.length} dossiers, seed ${SEED}, concurrency ${CONCURRENCY}: ${seconds.toFixed(0)} s`,
  );
  console.log(
    `  by flow: ${KINDS.map((k) => `${k.flow} ${dossiers.filter((d) => d.kind === k).length}`).join(', ')}; by channel: ${['online', 'counter', 'post'].map((c) => `${c} ${dossiers.filter((d) => d.channel === c).length}`).join(', ')}`,
  );
  console.log(
    `  what happened: ${[...outcomes]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `  the whole period: received ${whole.received.total}, finished ${whole.finished.total} (early ${whole.finished.early}, on time ${whole.finished.onTime}, late ${whole.finished.late}), withdrawn ${whole.withdrawn}, in progress ${whole.inProgress.total} (overdue ${whole.inProgress.overdue}), paused ${whole.paused}`,
  );
  console.log(
    `  /stats against the histories: ${periods.length} periods, ${compared} figures compared, ${differences.length} differences; /stats median ${statsTimes[Math.floor(statsTimes.length / 2)]!.toFixed(1)} ms`,
  );
  for (const line of differences.slice(0, 20)) console.log(`    ${line}`);
  if (differences.length) process.exitCode = 1;
} finally {
  await local.cleanUp();
}
