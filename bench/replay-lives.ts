/**
 * Throughput: `npm run replay -- --dossiers 200 --concurrency 8 --seed 1` drives N dossiers through whole lifecycles
 * over HTTP against `npm start`'s runtime (a child process over a fresh data directory), each dossier one of the flows
 * of bench/flow-runs.ts chosen by the seed, every step decided as soon as its task is open, and about one submission
 * in twenty sent twice with the same Idempotency-Key (a client's retry). It prints:
 * - dossiers per second, and the CPU each process spent per dossier (the runtime's node, DynamoDB Local's java, the
 *   driver);
 * - lost and duplicated dossiers: each applicant's listing must hold exactly the dossiers submitted, each DELIVERED,
 *   with no history event twice, and no event left queued or dead;
 * - the floor: the same lifecycles' unavoidable calls (each file stored, the submission's reads, file checks and
 *   transaction, per step the task and dossier reads, the settling transaction and the token's attachment) driven
 *   directly at the same emulators with the same concurrency, and the ratio of the two rates.
 * The floor leaves out what only the runtime's own processes do (Step Functions and the reactions), so the ratio is
 * what motcua's HTTP, workflows and side effects cost on top of the data calls. Both sides first drive `--warmup`
 * lives untimed (default 60): DynamoDB Local's JIT warms up over the first minute, and a short run would measure
 * that (3,000 lives: 0.58x; 200 without warm-up: 0.45x).
 */
import './quiet';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_TABLE } from '../infra/local/runtime';
import { LOCAL_S3_KEY } from '../infra/local/s3';
import { queuesDrained } from '../test/support/events';
import { apiClient } from '../test/support/http';
import { localProcess } from '../test/support/process';
import { pool, seeded } from '../test/support/seeded';
import { decisionFloor, eventCopy, submissionFloor } from './floors';
import { type FlowRun, RUNS } from './flow-runs';

const { values: args } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '120' },
    warmup: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    /** A directory: the runtime's node process writes a V8 CPU profile there when it stops (`--cpu-prof`). */
    'cpu-prof': { type: 'string' },
  },
});
const N = Number(args.dossiers);
/** Lives driven before timing, on both sides: the JVM compiles DynamoDB Local's hot paths in the first minute. */
const WARMUP = Number(args.warmup);
const TOTAL = WARMUP + N;
const CONCURRENCY = Number(args.concurrency);
const SEED = Number(args.seed);
if (!(N > 0 && WARMUP >= 0 && CONCURRENCY > 0 && Number.isInteger(SEED)))
  throw new Error('usage: npm run replay -- --dossiers N --concurrency C --seed S [--warmup W]');

/** User and system CPU seconds a process has used so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Planned {
  run: FlowRun;
  citizen: string;
  retry: boolean;
}
const rand = seeded(SEED);
const plan: Planned[] = Array.from({ length: TOTAL }, (_, i) => ({
  run: RUNS[Math.floor(rand() * RUNS.length)]!,
  citizen: `replay-citizen-${i % 50}`,
  retry: rand() < 0.05,
}));

const dataDir = join(tmpdir(), `motcua-replay-${process.pid}`);
const profileDir = args['cpu-prof'];
const local = localProcess(dataDir, profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {});
try {
  const { url, process: child } = await local.start();
  const api = apiClient(url);
  const tokens = new Map<string, Promise<string>>();
  const token = (user: string, role: string, agencyId?: string) => {
    const key = `${user}|${role}|${agencyId ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, api.login(user, role, agencyId));
    return tokens.get(key)!;
  };
  /** Waits for a step's task to open (the flow moves on asynchronously), polling the dossier with a growing pause. */
  async function openTask(code: string, as: string, stepId: string) {
    for (let pause = 10; ; pause = Math.min(pause * 1.5, 400)) {
      const reply = await api.call('GET', `/dossiers/${code}`, { token: as });
      const task = (reply.body.tasks as { id: string; stepId: string }[] | undefined)?.find((t) => t.stepId === stepId);
      if (task) return task;
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  const codes: string[][] = Array.from({ length: TOTAL }, () => []);
  const javaPid = Number(readFileSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8'));
  async function live(i: number) {
    const { run, citizen, retry } = plan[i]!;
    const as = await token(citizen, 'citizen');
    const documents = [];
    for (const component of run.components) {
      const uploaded = await api.upload(as, `${component}.pdf`, `%PDF ${component} ${i}`);
      documents.push({ componentCode: component, uploadId: uploaded.uploadId });
    }
    const submission = {
      token: as,
      body: {
        procedureId: run.procedureId,
        applicant: { fullName: 'Nguyễn Văn Đo', idNumber: '025090007777', email: `r${i}@example.vn`, ...run.applicant },
        documents,
        ...run.extra,
      },
      headers: { 'idempotency-key': `replay-${SEED}-${i}` },
    };
    for (let attempt = 0; attempt < (retry ? 2 : 1); attempt++) {
      const created = await api.call('POST', '/dossiers', submission);
      if (created.status !== 201) throw new Error(`dossier ${i}: ${created.status} ${JSON.stringify(created.body)}`);
      codes[i]!.push(created.body.code);
    }
    const code = codes[i]![0]!;
    for (const [user, role, agencyId, stepId, decision] of run.steps) {
      const officer = await token(user, role, agencyId);
      const task = await openTask(code, officer, stepId);
      const body = decision.resultNumber ? { ...decision, resultNumber: `${i}/${decision.resultNumber}` } : decision;
      const decided = await api.call('POST', `/tasks/${task.id}/decision`, { token: officer, body });
      if (decided.status !== 202)
        throw new Error(`${code} ${stepId}: ${decided.status} ${JSON.stringify(decided.body)}`);
    }
  }
  await pool(WARMUP, CONCURRENCY, live);
  const cpu0 = { node: cpuSeconds(child.pid!), java: cpuSeconds(javaPid), driver: process.cpuUsage() };
  const started = performance.now();
  await pool(N, CONCURRENCY, (i) => live(WARMUP + i));
  // Done when every dossier is DELIVERED and every reaction has applied every event.
  let lost = 0;
  let duplicated = 0;
  let finished = 0;
  await pool(TOTAL, CONCURRENCY, async (i) => {
    const code = codes[i]![0]!;
    const as = await token(plan[i]!.citizen, 'citizen');
    const done = await api.until(
      () => api.call('GET', `/dossiers/${code}`, { token: as }),
      (r) => r.body.status === 'DELIVERED',
      `${code} DELIVERED`,
      60_000,
    );
    finished++;
    const events = (done.body.history as object[]).map((h) => JSON.stringify(h));
    duplicated += events.length - new Set(events).size;
    if (new Set(codes[i]).size > 1) duplicated++;
  });
  await queuesDrained(api);
  const seconds = (performance.now() - started) / 1000;
  const driverUsage = process.cpuUsage(cpu0.driver);
  const cpu = {
    node: cpuSeconds(child.pid!) - cpu0.node,
    java: cpuSeconds(javaPid) - cpu0.java,
    driver: (driverUsage.user + driverUsage.system) / 1e6,
  };
  // Each applicant's own listing holds exactly the dossiers submitted for them: none lost, none twice.
  const byCitizen = new Map<string, Set<string>>();
  plan.forEach((p, i) => {
    byCitizen.set(p.citizen, (byCitizen.get(p.citizen) ?? new Set()).add(codes[i]![0]!));
  });
  for (const [citizen, expected] of byCitizen) {
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api.call('GET', `/dossiers?limit=100${query}`, { token: await token(citizen, 'citizen') });
      listed.push(...page.body.items.map((d: { code: string }) => d.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    lost += [...expected].filter((code) => !listed.includes(code)).length;
    duplicated += listed.length - new Set(listed).size + listed.filter((code) => !expected.has(code)).length;
  }

  // The floor, at the same emulators: DynamoDB Local (its port from the JVM's command line) and s3rver.
  const jvmArgs = readFileSync(`/proc/${javaPid}/cmdline`, 'utf8').split('\0');
  const port = jvmArgs[jvmArgs.indexOf('-port') + 1];
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const ticket = (
    await api.call('POST', '/uploads', {
      token: await token('replay-floor', 'citizen'),
      body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 4 },
    })
  ).body;
  const s3url = new URL(ticket.url);
  const bucket = s3url.pathname.split('/').filter(Boolean)[0]!;
  const s3 = new S3Client({
    endpoint: s3url.origin,
    forcePathStyle: true,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: LOCAL_S3_KEY, secretAccessKey: LOCAL_S3_KEY },
  });
  const TableName = LOCAL_TABLE;
  const sample = await db.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `D#${codes[0]![0]}` },
    }),
  );
  const items = sample.Items ?? [];
  const dossierItem = items.find((item) => item.sk === 'DOSSIER')!;
  const eventItem = items.find((item) => String(item.sk).startsWith('H#'))!;
  const taskItem = items.find((item) => String(item.sk).startsWith('T#'))!;
  async function floorLife(i: number) {
    const { run } = plan[i]!;
    const code = `FLOOR-${i}-${randomUUID().slice(0, 8)}`;
    const pk = `D#${code}`;
    const uploads = run.components.map(() => randomUUID());
    for (const id of uploads) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `floor/${id}`, Body: `%PDF ${i}` }));
      await db.send(
        new UpdateCommand({
          TableName,
          Key: { pk: `UPLOAD#${id}`, sk: 'UPLOAD' },
          UpdateExpression: 'SET #o = :o',
          ExpressionAttributeNames: { '#o': 'owner' },
          ExpressionAttributeValues: { ':o': 'floor' },
        }),
      );
    }
    await submissionFloor(
      db,
      TableName,
      {
        code,
        counter: 'COUNTER#floor',
        uploadIds: uploads,
        items: [
          { pk: `IDEMP#floor#${code}`, sk: 'IDEMP', code },
          { ...dossierItem, pk, code, version: 1 },
          eventCopy({ ...eventItem, pk }),
          { ...taskItem, pk, sk: 'T#0', version: 1 },
        ],
      },
      { s3, bucket, keys: uploads.map((id) => `floor/${id}`) },
    );
    for (let step = 0; step < run.steps.length; step++) {
      await db.send(
        new UpdateCommand({
          TableName,
          Key: { pk, sk: `T#${step}` },
          UpdateExpression: 'SET taskToken = :t',
          ExpressionAttributeValues: { ':t': `floor-token-${i}-${step}` },
        }),
      );
      await decisionFloor(db, TableName, {
        pk,
        taskSk: `T#${step}`,
        written: () => [
          eventCopy({ ...eventItem, pk, sk: `H#${step + 2}` }),
          ...(step + 1 < run.steps.length ? [{ ...taskItem, pk, sk: `T#${step + 1}`, version: 1 }] : []),
        ],
      });
    }
  }
  await pool(WARMUP, CONCURRENCY, floorLife);
  const floorStarted = performance.now();
  const floorCpu0 = { java: cpuSeconds(javaPid), node: cpuSeconds(child.pid!), driver: process.cpuUsage() };
  await pool(N, CONCURRENCY, (i) => floorLife(WARMUP + i));
  const floorSeconds = (performance.now() - floorStarted) / 1000;
  const floorDriverUsage = process.cpuUsage(floorCpu0.driver);
  const floorCpu = {
    java: cpuSeconds(javaPid) - floorCpu0.java,
    // s3rver runs in the runtime's process: the floor's PutObjects cost that node.
    node: cpuSeconds(child.pid!) - floorCpu0.node,
    driver: (floorDriverUsage.user + floorDriverUsage.system) / 1e6,
  };

  const flows = new Map<string, number>();
  const timed = plan.slice(WARMUP);
  for (const p of timed) flows.set(p.run.flow, (flows.get(p.run.flow) ?? 0) + 1);
  const rate = N / seconds;
  const perDossier = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([process, seconds]) => `${process} ${((seconds / N) * 1000).toFixed(0)} ms`)
      .join(', ');
  const floorRate = N / floorSeconds;
  console.log(
    `Replay: ${N} dossiers timed after ${WARMUP} untimed, concurrency ${CONCURRENCY}, seed ${SEED} (${[...flows].map(([f, n]) => `${f} ${n}`).join(', ')}; ${timed.filter((p) => p.retry).length} submissions sent twice)`,
  );
  console.log(
    `  runtime  ${rate.toFixed(2)} dossiers/s (${seconds.toFixed(1)} s); CPU per dossier: ${perDossier(cpu)}`,
  );
  console.log(
    `  floor    ${floorRate.toFixed(2)} dossiers/s (${floorSeconds.toFixed(1)} s); CPU per dossier: ${perDossier(floorCpu)}`,
  );
  console.log(
    '           (per dossier: each file PutObject + its upload record; BatchGetItem ‖ HeadObject each file; UpdateItem counter; TransactWriteItems',
  );
  console.log(
    '            of the submission; per step UpdateItem token, GetItem task ‖ GetItem dossier, TransactWriteItems settling it)',
  );
  console.log(`  ratio    ${(rate / floorRate).toFixed(2)}x the floor's rate (goal ≥ 0.5x)`);
  console.log(
    `  finished ${finished} of ${TOTAL} (${WARMUP} of them before timing); lost ${lost}; duplicated ${duplicated}`,
  );
  if (lost || duplicated || finished !== TOTAL) process.exitCode = 1;
} finally {
  await local.cleanUp();
}
