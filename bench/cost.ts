/**
 * Cost per 1,000 dossiers, counted from what one dossier of each flow actually did on the local runtime, taken through
 * its whole life over HTTP (every step decided on time): Step Functions state transitions (StateEntered events of its
 * execution history), Lambda invocations and their billed duration, DynamoDB consumed capacity (every request asks
 * for it: ReturnConsumedCapacity TOTAL, counted on the client all handlers share), API requests, reaction-queue
 * messages, uploads, and the notifications sent. Each count is multiplied by a named list price; the arithmetic is
 * printed. Notifications are priced on their own lines: SMS dominates everything else.
 */
import './quiet';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../functions/adapters/clients/dynamodb';
import { s3 } from '../functions/adapters/clients/s3';
import { meter } from '../infra/local/metering';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime';
import { TABLE_DESIGN } from '../infra/table-design';
import { eventsSettled } from '../test/support/events';
import { apiClient } from '../test/support/http';
import { type FlowRun, RUNS, stages } from './flow-runs';

/**
 * List prices, US East (N. Virginia), on-demand, as published on each service's pricing page (read 2026-12-02; the
 * other regions a province may use differ by a few percent to ~25%, Singapore being among the dearer).
 */
const PRICES = {
  transition: { usd: 0.025 / 1000, source: 'Step Functions Standard: $0.025 per 1,000 state transitions' },
  request: { usd: 0.2 / 1e6, source: 'Lambda: $0.20 per 1M requests' },
  gbSecond: { usd: 0.0000133334, source: 'Lambda Arm: $0.0000133334 per GB-second (functions have 512 MB)' },
  wru: { usd: 0.625 / 1e6, source: 'DynamoDB on-demand: $0.625 per 1M write request units' },
  rru: { usd: 0.125 / 1e6, source: 'DynamoDB on-demand: $0.125 per 1M read request units' },
  api: { usd: 1.0 / 1e6, source: 'API Gateway HTTP API: $1.00 per 1M requests' },
  sqs: { usd: 0.5 / 1e6, source: 'SQS FIFO: $0.50 per 1M requests (send + receive + delete per message)' },
  s3put: { usd: 0.005 / 1000, source: 'S3 Standard: $0.005 per 1,000 PUT requests' },
  email: { usd: 0.1 / 1000, source: 'SES: $0.10 per 1,000 e-mails' },
  sms: {
    usd: Number(process.env.MOTCUA_SMS_USD ?? 0.07),
    source:
      'SMS to Vietnam: ASSUMED $0.07 per one-segment message (carrier-dependent; set MOTCUA_SMS_USD to the current price)',
  },
} as const;
const MEMORY_GB = 0.5;
/** The fan-out on AWS: at most one invocation per event (no batching window), about as long as one SQS send. */
const FAN_OUT_MS = 25;

/** Consumed capacity as DynamoDB Local reports it, by kind of request. */
const capacity = { read: 0, write: 0, transactRead: 0, transactWrite: 0, figuresTransactWrite: 0 };
/** With BENCH_DETAIL=1: reported units by request and by kind of item (the sort key's prefix), to find the heavy writes. */
const detail = new Map<string, number>();
/** With BENCH_DETAIL=1: the largest item written of each kind, in bytes of JSON (close to DynamoDB's item size). */
const sizes = new Map<string, number>();
/** With BENCH_DETAIL=1: the write units of transactions, by operation and kind of item (billed, index writes included). */
const byKind = new Map<string, number>();
/** With BENCH_DETAIL=1: DynamoDB calls by the invocation that made them and the request. */
const calls = new Map<string, number>();
/**
 * Writes whose condition failed (a version moved under a read-modify-write: a race lost and retried; or a check that
 * turned a repeat away), by request: none is expected when one dossier moves at a time.
 */
const refused = new Map<string, number>();
function recordSizes(input: Record<string, unknown>) {
  const puts = Array.isArray(input.TransactItems)
    ? input.TransactItems.map((t: { Put?: { Item?: unknown } }) => t.Put?.Item)
    : [input.Item];
  for (const item of puts) {
    if (!item) continue;
    const kind = kindOf(item);
    sizes.set(kind, Math.max(sizes.get(kind) ?? 0, JSON.stringify(item).length));
  }
}
const kindOf = (item: unknown) => {
  const sk = String((item as { sk?: unknown } | undefined)?.sk ?? '?');
  return sk.replace(/[#:].*$/, '');
};
function itemsOf(input: Record<string, unknown>): string[] {
  if (Array.isArray(input.TransactItems)) {
    return input.TransactItems.map((t: Record<string, { Item?: unknown; Key?: unknown }>) => {
      const [op, body] = Object.entries(t)[0]!;
      return `${op}:${kindOf(body.Item ?? body.Key)}`;
    });
  }
  return [kindOf(input.Item ?? input.Key)];
}
const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);
/** PUT-class S3 requests the functions make (CopyObject, PutObject): S3 bills them like the browser's uploads. */
let s3Puts = 0;
const S3_PUTS = new Set(['CopyObjectCommand', 'PutObjectCommand']);
function countS3Puts() {
  s3().middlewareStack.add(
    (next, context) => async (args) => {
      if (S3_PUTS.has(String(context.commandName))) s3Puts++;
      return next(args);
    },
    { step: 'initialize', name: 'benchS3Puts' },
  );
}

function countCapacity() {
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? '');
      const counted = READS.has(command) || WRITES.has(command) || command.startsWith('Transact');
      if (counted) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const transaction = args.input as { TransactItems: Record<string, TransactBody>[] };
      // The items a transaction overwrites, as they were (read outside the count): what its index writes depend on.
      const before = command === 'TransactWriteItemsCommand' ? await itemsBefore(transaction) : [];
      let result: Awaited<ReturnType<typeof next>>;
      try {
        result = await next(args);
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException') {
          // (Which invocation made it is known with BENCH_DETAIL only.)
          const by = meter.invocation();
          const call = `${by ? `${by}: ` : ''}${command} ${itemsOf(args.input as Record<string, unknown>).join(',')}`;
          refused.set(call, (refused.get(call) ?? 0) + 1);
        }
        throw error;
      }
      if (process.env.BENCH_DETAIL) {
        const call = `${meter.invocation() ?? '(driver)'}: ${command} ${itemsOf(args.input as Record<string, unknown>).join(',')}`;
        calls.set(call, (calls.get(call) ?? 0) + 1);
      }
      if (!counted) return result;
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      // A transaction's write units are counted item by item (transactionUnits): DynamoDB Local's own figure for
      // it counts items of the same size once.
      const units =
        command === 'TransactWriteItemsCommand'
          ? await transactionUnits(transaction, before)
          : [consumed ?? []]
              .flat()
              .reduce((sum: number, c) => sum + Number((c as { CapacityUnits?: number }).CapacityUnits ?? 0), 0);
      if (process.env.BENCH_DETAIL) {
        const key = `${command} ${itemsOf(args.input as Record<string, unknown>).join(',')}`;
        detail.set(key, (detail.get(key) ?? 0) + units);
        recordSizes(args.input as Record<string, unknown>);
      }
      // The figures' writes (a dossier's place and its counters, one transaction): what the read model adds.
      if (
        command === 'TransactWriteItemsCommand' &&
        itemsOf(args.input as Record<string, unknown>).includes('Put:FIGURES')
      )
        capacity.figuresTransactWrite += units;
      if (command === 'TransactWriteItemsCommand') capacity.transactWrite += units;
      else if (command === 'TransactGetItemsCommand') capacity.transactRead += units / 2;
      else if (WRITES.has(command)) capacity.write += units;
      else capacity.read += units;
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
}

type TransactBody = { TableName: string; Item?: Record<string, unknown>; Key?: Record<string, unknown> };

/** DynamoDB's item size: attribute names and values in bytes (UTF-8 strings, numbers by digit pairs, 3 per list or map). */
function itemBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace('.', '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + itemBytes(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + itemBytes(v) + 1, 0);
  return (
    3 +
    Object.entries(value as Record<string, unknown>).reduce(
      (sum, [name, v]) => sum + Buffer.byteLength(name) + itemBytes(v) + 1,
      0,
    )
  );
}
const bytesOf = (item: Record<string, unknown>) =>
  Object.entries(item).reduce((sum, [name, v]) => sum + Buffer.byteLength(name) + itemBytes(v), 0);

/** Reads back what a transaction wrote (outside the count); made once the runtime has set the endpoints. */
let reader: DynamoDBDocumentClient | undefined;
const sizer = () => {
  reader ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return reader;
};
type Stored = Record<string, unknown> | undefined;
const keyOf = (body: TransactBody) =>
  body.Key ?? { pk: (body.Item as Record<string, unknown>).pk, sk: (body.Item as Record<string, unknown>).sk };
const read = async (body: TransactBody): Promise<Stored> =>
  (await sizer().send(new GetCommand({ TableName: body.TableName, Key: keyOf(body), ConsistentRead: true }))).Item;
const itemsBefore = (input: { TransactItems: Record<string, TransactBody>[] }) =>
  Promise.all(input.TransactItems.map((entry) => read(Object.values(entry)[0]!)));

/**
 * Index write units of one item's change, as DynamoDB bills them: an index is written only when the item's entry in
 * it changes (its keys, or an attribute it projects); an entry whose key changed is deleted and put (2), one that
 * appears or disappears is 1 write. Index entries here are well under 1 KB.
 */
function indexUnits(old: Stored, next: Stored): number {
  let units = 0;
  for (const index of TABLE_DESIGN.indexes) {
    const entry = (item: Stored) =>
      item && item[index.partitionKey] !== undefined
        ? JSON.stringify([index.partitionKey, index.sortKey, ...index.nonKeyAttributes].map((name) => item[name]))
        : undefined;
    const [was, is] = [entry(old), entry(next)];
    if (was === is) continue;
    const keyOfEntry = (item: Stored) => JSON.stringify([item?.[index.partitionKey], item?.[index.sortKey]]);
    units += was && is && keyOfEntry(old) !== keyOfEntry(next) ? 2 : 1;
  }
  return units;
}

/**
 * What AWS bills for a TransactWriteItems: 2 write units per item and started KB of the larger of the item before and
 * after the write (a Put's new item; an Update's item as it is after the write; a ConditionCheck at least one KB),
 * plus each index entry the change writes or removes (index writes are not transactional: 1 unit each).
 */
async function transactionUnits(input: { TransactItems: Record<string, TransactBody>[] }, before: Stored[]) {
  let units = 0;
  for (const [i, entry] of input.TransactItems.entries()) {
    const [op, body] = Object.entries(entry)[0]!;
    const old = before[i];
    const after = op === 'Put' ? body.Item : op === 'Update' ? await read(body) : op === 'Delete' ? undefined : old;
    const bytes = Math.max(old ? bytesOf(old) : 0, after ? bytesOf(after) : 0);
    const itemUnits = 2 * Math.max(1, Math.ceil(bytes / 1024)) + (op === 'ConditionCheck' ? 0 : indexUnits(old, after));
    units += itemUnits;
    const kind = `${op}:${kindOf(body.Item ?? body.Key)}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + itemUnits);
  }
  return units;
}

/** Evidence for counting transactions item by item: what DynamoDB Local reports for one small item, and for three. */
async function transactionReports() {
  const reported = async (n: number) => {
    const result = await sizer().send(
      new TransactWriteCommand({
        ReturnConsumedCapacity: 'TOTAL',
        TransactItems: Array.from({ length: n }, (_, i) => ({
          Put: { TableName: process.env.TABLE_NAME, Item: { pk: 'BENCH#calibration', sk: `X${i}`, v: 1 } },
        })),
      }),
    );
    return Number(result.ConsumedCapacity?.[0]?.CapacityUnits ?? 0);
  };
  return { one: await reported(1), three: await reported(3) };
}

interface Counts {
  transitions: number;
  invocations: number;
  billedMs: number;
  wru: number;
  /** Of `wru`, what the figures read model wrote. */
  figuresWru: number;
  rru: number;
  apiRequests: number;
  sqsRequests: number;
  uploads: number;
  emails: number;
  sms: number;
  byFunction: [string, { count: number; ms: number }][];
}

async function lifecycle(runtime: LocalRuntime, run: FlowRun, n: number): Promise<Counts> {
  const api = apiClient(runtime.url);
  meter.reset();
  s3Puts = 0;
  for (const key of Object.keys(capacity) as (keyof typeof capacity)[]) capacity[key] = 0;
  detail.clear();
  calls.clear();
  refused.clear();
  sizes.clear();
  byKind.clear();
  const citizen = await api.login(`bench-citizen-${n}`, 'citizen');
  const documents = [];
  for (const component of run.components) {
    const uploaded = await api.upload(citizen, `${component}.pdf`, `%PDF ${component}`);
    documents.push({ componentCode: component, uploadId: uploaded.uploadId });
  }
  const email = `bench${n}@example.vn`;
  const created = await api.call('POST', '/dossiers', {
    token: citizen,
    body: {
      procedureId: run.procedureId,
      // The default channel policy: every channel the applicant gave a contact for (here both).
      applicant: { fullName: 'Nguyễn Văn Đo', idNumber: '025090007777', email, phone: '0912345678', ...run.applicant },
      documents,
      ...run.extra,
    },
    headers: { 'idempotency-key': `bench-cost-${run.flow}` },
  });
  if (created.status !== 201) throw new Error(`${run.flow}: ${JSON.stringify(created.body)}`);
  const code: string = created.body.code;
  // Agencies asked at once answer at once, as they would: their answers must not race (see `refused`).
  for (const stage of stages(run)) {
    const ready = await Promise.all(
      stage.map(async ([user, role, agencyId, stepId, decision]) => {
        const token = await api.login(user, role, agencyId);
        return { token, task: await api.taskOf(token, code, stepId), decision };
      }),
    );
    await Promise.all(ready.map(({ token, task, decision }) => api.decide(token, task, decision)));
  }
  const execution = await api.until(
    async () => runtime.stepFunctions.list().find((e) => e.name === code),
    (e) => e?.status === 'SUCCEEDED',
    `the execution of ${code} to end`,
  );
  await eventsSettled(runtime);
  const mails = (await api.call('GET', '/local/outbox')).body.items.filter((m: { subject?: string; body: string }) =>
    `${m.subject ?? ''} ${m.body}`.includes(code),
  );
  const byFunction = [...meter.invocations.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const events = execution!.history.length ? (created.body.history?.length ?? 0) : 0;
  void events;
  const history = (await api.call('GET', `/dossiers/${code}`, { token: citizen })).body.history as unknown[];
  const fanOut = history.length;
  return {
    transitions: execution!.history.filter((event) => String(event.type).endsWith('StateEntered')).length,
    invocations: byFunction.reduce((sum, [, f]) => sum + f.count, 0) + fanOut,
    billedMs: byFunction.reduce((sum, [, f]) => sum + f.ms, 0) + fanOut * FAN_OUT_MS,
    wru: capacity.write + capacity.transactWrite,
    figuresWru: capacity.figuresTransactWrite,
    rru: capacity.read + capacity.transactRead,
    apiRequests: meter.apiRequests,
    sqsRequests: meter.queuedMessages * 3,
    uploads: run.components.length + s3Puts,
    emails: mails.filter((m: { channel: string }) => m.channel === 'email').length,
    sms: mails.filter((m: { channel: string }) => m.channel === 'sms').length,
    byFunction,
  };
}

const usd = (x: number) => `$${x.toFixed(3)}`;

const runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
try {
  // A frozen clock: no step timeout and no scheduled sweep runs while a dossier is measured.
  await apiClient(runtime.url).call('POST', '/local/clock', {
    body: { now: '2026-03-02T09:00:00+07:00', frozen: true },
  });
  if (process.env.BENCH_DETAIL) meter.attributeCalls();
  countCapacity();
  countS3Puts();
  const reports = await transactionReports();
  console.log(
    'Cost per 1,000 dossiers, counted from one dossier of each flow on the local runtime (every step on time)',
  );
  console.log(
    `  DynamoDB Local reports ${reports.one} units for a one-item transaction and ${reports.three} for three such items (AWS bills 2 and 6): transactions are counted item by item from their sizes`,
  );
  console.log('  prices (US East, N. Virginia, list, read 2026-12-02):');
  for (const { usd: price, source } of Object.values(PRICES)) console.log(`    ${source} (${price})`);
  let n = 0;
  for (const run of RUNS) {
    const c = await lifecycle(runtime, run, ++n);
    const humanSteps = run.steps.length;
    const lines: [string, number, number][] = [
      ['state transitions', c.transitions, c.transitions * PRICES.transition.usd],
      ['Lambda requests (incl. fan-out)', c.invocations, c.invocations * PRICES.request.usd],
      ['Lambda GB-s', (c.billedMs / 1000) * MEMORY_GB, (c.billedMs / 1000) * MEMORY_GB * PRICES.gbSecond.usd],
      ['DynamoDB WRU', c.wru, c.wru * PRICES.wru.usd],
      ['DynamoDB RRU', c.rru, c.rru * PRICES.rru.usd],
      ['API requests', c.apiRequests, c.apiRequests * PRICES.api.usd],
      ['SQS requests', c.sqsRequests, c.sqsRequests * PRICES.sqs.usd],
      ['S3 PUT (uploads, copies)', c.uploads, c.uploads * PRICES.s3put.usd],
    ];
    const compute = lines.reduce((sum, [, , cost]) => sum + cost, 0);
    console.log(
      `\n  ${run.flow}: ${humanSteps} human steps, ${(c.transitions / humanSteps).toFixed(2)} transitions per step`,
    );
    for (const [what, count, cost] of lines) {
      console.log(
        `    ${what.padEnd(32)} ${count.toFixed(count % 1 ? 2 : 0).padStart(8)} per dossier = ${usd(cost * 1000)} per 1,000`,
      );
    }
    console.log(`    ${'compute and data'.padEnd(32)} ${''.padStart(8)}              ${usd(compute * 1000)} per 1,000`);
    const own = c.wru - c.figuresWru;
    console.log(
      `    of the WRU, the figures read model: ${c.figuresWru} = ${(c.figuresWru / own).toFixed(2)}x the dossier's own ${own}`,
    );
    const lost = [...refused].sort((a, b) => b[1] - a[1]);
    console.log(
      `    conditional writes refused: ${lost.reduce((sum, [, n]) => sum + n, 0)}${lost.length ? ` (${lost.map(([what, n]) => `${n}x ${what}`).join('; ')})` : ' (no race lost, no retry)'}`,
    );
    console.log(
      `    notifications (both channels):   ${c.emails} e-mails = ${usd(c.emails * PRICES.email.usd * 1000)}, ${c.sms} SMS = ${usd(c.sms * PRICES.sms.usd * 1000)} per 1,000`,
    );
    if (process.env.BENCH_DETAIL) {
      for (const [what, units] of [...detail.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
        console.log(`      ${String(units).padStart(6)} units reported  ${what}`);
      console.log(`      largest item written, by kind: ${[...sizes].map(([k, b]) => `${k} ${b} B`).join(', ')}`);
      const kinds = [...byKind].sort((a, b) => b[1] - a[1]);
      console.log(`      transactions' write units by item: ${kinds.map(([k, u]) => `${k} ${u}`).join(', ')}`);
      const made = [...calls].sort((a, b) => b[1] - a[1]);
      console.log(`      DynamoDB calls (${made.reduce((sum, [, n]) => sum + n, 0)}) by invocation and request:`);
      for (const [what, n] of made) console.log(`      ${String(n).padStart(6)}  ${what}`);
    }
    const top = c.byFunction.slice(0, 4).map(([name, f]) => `${name} ${f.count}x ${f.ms} ms`);
    console.log(`    most billed time: ${top.join('; ')}`);
  }
} finally {
  await runtime.close();
}
