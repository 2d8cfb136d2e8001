/**
 * Request latency on the local runtime against its floor: for each route, the median of the HTTP request next to
 * the median of the SDK calls that request cannot avoid, issued directly against the same emulators, measured in
 * alternating pairs (the order flips every pair) so that both see the same machine. The floor's calls are listed.
 */
import './quiet';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { UPLOAD_PREFIX } from '../functions/adapters/files';
import { startLocalRuntime } from '../infra/local/runtime';
import { JUSTICE, PASC } from '../test/support/agencies';
import { eventsSettled } from '../test/support/events';
import { apiClient } from '../test/support/http';
import { decisionFloor, eventCopy, submissionFloor } from './floors';
import { benchClient } from './http-client';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 25);
const READ_PAIRS = PAIRS * 2;

const runtime = await startLocalRuntime({ port: 0, province: 'phu-tho' });
const api = apiClient(runtime.url);
const timedClient = benchClient(runtime.url);
const TableName = process.env.TABLE_NAME!;
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
const sfn = new SFNClient({});
const s3 = new S3Client({});

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
async function timed(fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

interface Case {
  route: string;
  floorCalls: string;
  /** Prepares iteration i (untimed), then the timed request and the timed floor. */
  prepare?: (i: number) => Promise<void>;
  request: (i: number) => Promise<unknown>;
  floor: (i: number) => Promise<unknown>;
}

try {
  const citizen = await api.login('lat-citizen', 'citizen');
  const receiver = await api.login('lat-desk', 'receiver', PASC);
  const specialist = await api.login('lat-spec', 'specialist', JUSTICE);
  const applicant = { fullName: 'Nguyễn Văn Đo', idNumber: '025090007777', email: 'do@example.vn' };
  const sample = await api.submitSample(citizen, applicant, 'latency-sample-01');
  const collection =
    (
      await db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `D#${sample}` },
        }),
      )
    ).Items ?? [];
  const template = collection.find((item) => item.sk === 'DOSSIER')!;
  const firstEvent = collection.find((item) => String(item.sk).startsWith('H#'))!;
  const receptionTask = collection.find((item) => String(item.sk).startsWith('T#'))!;

  // Counter intakes whose appraisal tasks wait for a decision, one per pair.
  const tasks: { id: string; item: Record<string, unknown>; dossier: Record<string, unknown> }[] = [];
  const uploadsFor: { uploadId: string; componentCode: string }[][] = [];
  for (let i = 0; i < PAIRS; i++) {
    const docs = [];
    for (const c of ['TO_KHAI', 'CCCD'])
      docs.push({ componentCode: c, uploadId: (await api.upload(receiver, `${c}.pdf`, '%PDF')).uploadId });
    const created = await api.call('POST', '/dossiers', {
      token: receiver,
      body: { procedureId: '2.000488', applicant, documents: docs },
      headers: { 'idempotency-key': `latency-desk-${String(i).padStart(4, '0')}` },
    });
    // Read through the dossier (the inbox lists only its first page): the appraisal task once its token is attached.
    const task = (
      await api.until(
        () => api.call('GET', `/dossiers/${created.body.code}`, { token: specialist }),
        (r) => r.body.tasks?.[0]?.stepId === 'appraisal' && r.body.tasks[0].version >= 2,
        `the appraisal of ${created.body.code}`,
      )
    ).body.tasks[0];
    const item = (
      await db.send(new GetCommand({ TableName, Key: { pk: `D#${created.body.code}`, sk: `T#${task.id}` } }))
    ).Item!;
    const dossier = (await db.send(new GetCommand({ TableName, Key: { pk: `D#${created.body.code}`, sk: 'DOSSIER' } })))
      .Item!;
    tasks.push({ id: task.id, item, dossier });
    // The floor's copies of the task and its dossier, written before anything is timed.
    for (const copy of [item, dossier])
      await db.send(new PutCommand({ TableName, Item: { ...copy, pk: `${copy.pk}-floor` } }));
    const fresh = [];
    for (const c of ['TO_KHAI', 'CCCD'])
      fresh.push({ componentCode: c, uploadId: (await api.upload(citizen, `${c}.pdf`, '%PDF')).uploadId });
    uploadsFor.push(fresh);
  }
  // Scratch upload records for the floor's claims (the same shape the API writes).
  const floorUploads: string[][] = [];
  for (let i = 0; i < PAIRS; i++) {
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids)
      await db.send(
        new PutCommand({
          TableName,
          Item: {
            pk: `UPLOAD#${id}`,
            sk: 'UPLOAD',
            uploadId: id,
            owner: 'bench',
            size: 4,
            contentType: 'application/pdf',
          },
        }),
      );
    floorUploads.push(ids);
  }

  /** The one query a dossier's read cannot avoid: its whole item collection, consistent. */
  const readCollection = () =>
    db.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `D#${sample}` },
        ConsistentRead: true,
      }),
    );

  // The figures of this month so far (the dossiers above were counted by the figures reaction), for Justice's leader.
  const leader = await api.login('lat-leader', 'leader', JUSTICE);
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const month = today.slice(0, 7);

  const cases: Case[] = [
    {
      route: 'GET /lookup/{code}',
      floorCalls: 'GetItem (the dossier, consistent)',
      request: () => timedClient.call('GET', `/lookup/${sample}`, 200),
      floor: () =>
        db.send(new GetCommand({ TableName, Key: { pk: `D#${sample}`, sk: 'DOSSIER' }, ConsistentRead: true })),
    },
    {
      route: 'GET /dossiers/{code}',
      floorCalls: 'Query (the dossier item collection, consistent)',
      request: () => timedClient.call('GET', `/dossiers/${sample}`, 200, { token: citizen }),
      floor: readCollection,
    },
    {
      route: 'GET /procedures?q=',
      floorCalls: 'Query (the catalogue index partition; the handler caches it, so it may beat this floor)',
      request: () => timedClient.call('GET', `/procedures?q=${encodeURIComponent('lý lịch tư pháp')}`, 200),
      floor: () =>
        db.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
            ExpressionAttributeValues: { ':pk': 'CATALOG', ':v': 'V#' },
          }),
        ),
    },
    {
      route: 'GET /stats (this month)',
      floorCalls: "Query x3 in parallel (the figures' year partition, this year's months, this month's days)",
      request: () => timedClient.call('GET', `/stats?from=${month}-01&to=${today}`, 200, { token: leader }),
      floor: () =>
        Promise.all(
          ['FIG#Y', `FIG#M#${month.slice(0, 4)}`, `FIG#D#${month}`].map((pk) =>
            db.send(
              new QueryCommand({
                TableName,
                KeyConditionExpression: 'pk = :pk',
                ExpressionAttributeValues: { ':pk': pk },
              }),
            ),
          ),
        ),
    },
    {
      route: 'POST /dossiers',
      floorCalls:
        'BatchGetItem (the uploads) ‖ HeadObject (each file) + UpdateItem (the code counter) + TransactWriteItems (idempotency, dossier, first event, reception task, agency link, two upload claims) + StartExecution',
      request: (i) =>
        timedClient.call('POST', '/dossiers', 201, {
          token: citizen,
          body: { procedureId: '2.000488', applicant, documents: uploadsFor[i] },
          headers: { 'idempotency-key': `latency-new-${String(i).padStart(4, '0')}` },
        }),
      floor: async (i) => {
        const code = `BENCH-${i}-${randomUUID().slice(0, 8)}`;
        await submissionFloor(
          db,
          TableName,
          {
            code,
            counter: 'COUNTER#bench',
            uploadIds: floorUploads[i]!,
            items: [
              { pk: `IDEMP#bench#${code}`, sk: 'IDEMP', code },
              { ...template, pk: `D#${code}`, code },
              eventCopy({ ...firstEvent, pk: `D#${code}` }),
              { ...receptionTask, pk: `D#${code}` },
              { pk: `D#${code}`, sk: `AGENCY#${PASC}`, gsi2pk: `AGENCY#${PASC}`, gsi2sk: code },
            ],
          },
          // The files the request checks are there (the same objects).
          { s3, bucket: process.env.BUCKET_NAME!, keys: uploadsFor[i]!.map((u) => `${UPLOAD_PREFIX}${u.uploadId}`) },
        );
        // A machine that does not exist: the call's round trip without running a second execution in the background.
        await sfn
          .send(
            new StartExecutionCommand({
              stateMachineArn: `${process.env.STATE_MACHINE_ARN_PREFIX}bench-none`,
              name: code,
              input: '{}',
            }),
          )
          .catch(() => undefined);
      },
    },
    {
      route: 'POST /tasks/{id}/decision',
      floorCalls:
        'GetItem (the task) ‖ GetItem (its dossier), both consistent + TransactWriteItems (dossier and task ' +
        'version-checked, the history event, the next task, the agency link) + SendTaskSuccess',
      request: (i) =>
        timedClient.call('POST', `/tasks/${tasks[i]!.id}/decision`, 202, {
          token: specialist,
          body: { decision: 'approve' },
        }),
      floor: async (i) => {
        const { item, dossier } = tasks[i]!;
        const pk = `${item.pk}-floor`;
        await decisionFloor(db, TableName, {
          pk,
          taskSk: String(item.sk),
          changed: { status: 'IN_PROGRESS' },
          written: (task) => [
            eventCopy({ ...firstEvent, pk, sk: 'H#99999' }),
            { ...task, sk: `${task.sk}-next` },
            { pk, sk: `AGENCY#${dossier.receivingAgencyId}`, type: 'dossier-agency' },
          ],
        });
        await sfn.send(new SendTaskSuccessCommand({ taskToken: `bench-${i}`, output: '{}' })).catch(() => undefined);
      },
    },
  ];

  console.log(
    `Latency on the local runtime: median of ${READ_PAIRS} (reads) or ${PAIRS} (writes) alternating pairs, request / floor (same emulators)`,
  );
  for (const c of cases) {
    // Warm the handlers of the reads (a write's first pair is its warm-up: each pair writes something new).
    if (c.route.startsWith('GET')) for (let w = 0; w < 3; w++) await c.request(0);
    const http: number[] = [];
    const floor: number[] = [];
    // Each call on a quiet runtime: the reactions of the request before (its notifications, copies, figures) run in
    // this process locally, on other Lambdas on AWS, and would slow whichever call came next.
    const quiet = async <T>(call: () => Promise<T>) => {
      await eventsSettled(runtime);
      return timed(call);
    };
    // A read repeats the same call: more pairs cost little and steady its median. A write needs a fresh task each.
    for (let i = 0; i < (c.route.startsWith('GET') ? READ_PAIRS : PAIRS); i++) {
      if (i % 2 === 0) {
        http.push(await quiet(() => c.request(i)));
        floor.push(await quiet(() => c.floor(i)));
      } else {
        floor.push(await quiet(() => c.floor(i)));
        http.push(await quiet(() => c.request(i)));
      }
    }
    const ratio = median(http) / median(floor);
    console.log(
      `  ${c.route.padEnd(28)} ${median(http).toFixed(1).padStart(6)} ms / ${median(floor).toFixed(1).padStart(6)} ms = ${ratio.toFixed(2)}x   floor: ${c.floorCalls}`,
    );
  }
} catch (error) {
  console.error('bench:latency failed:', error);
  process.exitCode = 1;
} finally {
  timedClient.close();
  db.destroy();
  sfn.destroy();
  s3.destroy();
  await runtime.close();
}
// Executions left waiting on their tasks keep engine timers alive after the runtime closed: a benchmark just ends.
process.exit();
