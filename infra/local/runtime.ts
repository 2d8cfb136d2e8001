import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DOSSIER_STATUSES, TERMINAL_STATUSES } from '../../functions/domain/status';
import { REACTION_FUNCTIONS, SCHEDULED_FUNCTIONS } from '../../functions/reactions/functions';
import { ROUTES } from '../../functions/routes';
import { compileFlow, STEP_FUNCTIONS, substitute } from '../../workflows/compile';
import { FLOWS } from '../../workflows/flows';
import { loadProvince } from '../province';
import { provinceSettings } from '../province/settings';
import { LocalClock } from './clock';
import { developmentRoutes } from './development-routes';
import { ensureTable, LocalDynamoDB } from './dynamodb';
import { LocalEventStream } from './event-stream';
import { type ApiHandler, LocalGateway } from './gateway';
import { LocalIdentity } from './identity';
import { LocalNationalPortal } from './national-portal';
import { LocalOutbox } from './outbox';
import { type DeadLetter, LocalReactionQueue, type RetryPolicy } from './reaction-queue';
import { LOCAL_S3_KEY, LocalS3 } from './s3';
import { LocalSchedule } from './schedule';
import { type LambdaHandler, LocalStepFunctions } from './step-functions';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const LOCAL_TABLE = 'motcua';
export const LOCAL_BUCKET = 'motcua-files';
export const LOCAL_MACHINE_PREFIX = 'motcua-';

export interface LocalRuntimeOptions {
  port: number;
  /** Where the emulators keep their data; undefined keeps everything in memory (tests). */
  dataDir?: string;
  province: string;
  /** How reactions retry a failed event (default: 0.5 s doubling, six deliveries, then a dead letter). */
  reactionRetry?: RetryPolicy;
}

export interface LocalRuntime {
  url: string;
  port: number;
  stepFunctions: LocalStepFunctions;
  outbox: LocalOutbox;
  /** The national portal's local counterpart (what it holds: `GET /local/dvcqg/dossiers/{code}`). */
  nationalPortal: LocalNationalPortal;
  identity: LocalIdentity;
  clock: LocalClock;
  redriven: number;
  /** The event stream: its reaction queues and a positive signal that what was written is queued. */
  events: {
    /** Resolves once the stream was read through after this call. */
    drained(): Promise<void>;
    /** Events queued or being retried, all reactions together. */
    depth(): number;
    deadLetters(): DeadLetter[];
  };
  /** The scheduled jobs (the officer-notice sweep), run on the development clock. */
  schedules: { idle(): Promise<void> };
  close(): Promise<void>;
}

/** Where a running local runtime says how to reach its emulators (under the data directory). */
export const RUNTIME_FILE = 'runtime.json';

async function importHandler<T>(file: string, name: string): Promise<T> {
  const module = (await import(pathToFileURL(join(ROOT, file)).href)) as Record<string, unknown>;
  const handler = module[name];
  if (typeof handler !== 'function') throw new Error(`${file} does not export a function ${name}`);
  return handler as T;
}

/** A random secret kept under the data directory so that it survives restarts (in memory only without one). */
function localSecret(file: string | undefined): string {
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
  }
  return secret;
}

/**
 * Starts the whole province locally: DynamoDB Local, S3 (s3rver + policy front), the Step Functions host running the
 * same compiled ASL, the SES/SNS outbox and the HTTP gateway over the same handlers as AWS. Handlers reach the
 * emulators only through the SDK's standard endpoint variables, set here before any handler is imported.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  // The SDK nags on Node 20 at every client construction; the runtime pins its own Node support in package.json.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { province, catalogue } = loadProvince(options.province);
  const data = (name: string) => (options.dataDir ? join(options.dataDir, name) : undefined);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const dynamo = new LocalDynamoDB(data('dynamodb'));
    const dynamoEndpoint = await dynamo.start();
    closers.push(() => dynamo.close());
    const s3Dir = data('s3') ?? mkdtempSync(join(tmpdir(), 'motcua-s3-'));
    if (!options.dataDir) closers.push(async () => rmSync(s3Dir, { recursive: true, force: true }));
    const s3 = new LocalS3(s3Dir, [LOCAL_BUCKET]);
    const s3Endpoint = await s3.start();
    closers.push(() => s3.close());
    const outbox = new LocalOutbox(data('outbox.jsonl'));
    const outboxEndpoint = await outbox.listen();
    closers.push(() => outbox.close());
    const retry = options.reactionRetry ?? { baseMs: 500, maxReceives: 6 };
    // The national portal's counterpart, with an account of its own and the province's unit code there.
    const portalAccount = { username: 'motcua-local', password: localSecret(data('dvcqg-password')) };
    const unitCode =
      province.nationalPortal?.unitCode ?? province.agencies.find((a) => a.kind === 'pasc')?.id ?? province.id;
    const nationalPortal = new LocalNationalPortal(portalAccount, unitCode, data('dvcqg.json'));
    const portalEndpoint = await nationalPortal.listen();
    closers.push(() => nationalPortal.close());

    const functions: Record<string, LambdaHandler> = {};
    const clock = new LocalClock(data('clock.json'));
    const stepFunctions = new LocalStepFunctions(functions, clock);
    const sfnEndpoint = await stepFunctions.listen();
    closers.push(() => stepFunctions.close());

    Object.assign(process.env, {
      AWS_REGION: 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: LOCAL_S3_KEY,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_KEY,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_S3: s3Endpoint,
      AWS_ENDPOINT_URL_SFN: sfnEndpoint,
      AWS_ENDPOINT_URL_SESV2: outboxEndpoint,
      AWS_ENDPOINT_URL_SNS: outboxEndpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: LOCAL_TABLE,
      BUCKET_NAME: LOCAL_BUCKET,
      STATE_MACHINE_ARN_PREFIX: stepFunctions.machineArn(LOCAL_MACHINE_PREFIX),
      POWERTOOLS_SERVICE_NAME: 'motcua',
      CURSOR_KEY: localSecret(data('cursor-key')),
      DVCQG_URL: portalEndpoint,
      DVCQG_UNIT_CODE: unitCode,
      DVCQG_CREDENTIALS: JSON.stringify(portalAccount),
      REACTION_MAX_RECEIVES: String(retry.maxReceives),
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });
    const { resetAwsClients } = await import('../../functions/adapters/clients/reset');
    resetAwsClients();
    (await import('../../functions/adapters/cursor')).resetCursorKey();
    const client = new DynamoDBClient({});
    await ensureTable(client, LOCAL_TABLE);
    client.destroy();
    const composition = await import('../../functions/composition');
    composition.clock.now = () => clock.now();
    const { seedCatalogue } = await import('../../functions/adapters/catalogue-repository');
    await seedCatalogue(provinceSettings(province), catalogue);

    const substitutions: Record<string, string> = {};
    for (const [key, { file }] of Object.entries(STEP_FUNCTIONS)) {
      const name = basename(file, '.ts');
      functions[name] = await importHandler<LambdaHandler>(file, 'handler');
      substitutions[key] = stepFunctions.functionArn(name);
    }
    for (const flow of FLOWS.values()) {
      stepFunctions.register(`${LOCAL_MACHINE_PREFIX}${flow.id}`, substitute(compileFlow(flow), substitutions));
    }

    const eventsDir = data('events') ?? mkdtempSync(join(tmpdir(), 'motcua-events-'));
    if (!options.dataDir) closers.push(async () => rmSync(eventsDir, { recursive: true, force: true }));
    const queues: LocalReactionQueue[] = [];
    for (const [reaction, { file }] of Object.entries(REACTION_FUNCTIONS)) {
      const handler = await importHandler<ConstructorParameters<typeof LocalReactionQueue>[1]>(file, 'handler');
      queues.push(new LocalReactionQueue(reaction, handler, eventsDir, retry));
    }
    const { forgetCatalogue, isCatalogueKey } = await import('../../functions/adapters/catalogue-repository');
    const stream = new LocalEventStream(
      dynamoEndpoint,
      LOCAL_TABLE,
      join(eventsDir, 'stream-checkpoint.json'),
      (events) => {
        for (const queue of queues) queue.enqueue(events);
      },
      undefined,
      // A write to the settings or the catalogue (an import from another process): forgotten here at once.
      (records) => {
        if (
          records.some((record) =>
            isCatalogueKey(String((record.dynamodb?.NewImage?.pk as { S?: string } | undefined)?.S ?? '')),
          )
        )
          forgetCatalogue();
      },
    );
    for (const queue of queues) {
      queue.start();
      closers.push(() => queue.stop());
    }
    stream.start();
    closers.push(() => stream.stop());
    const events = {
      drained: () => stream.drained(),
      depth: () => queues.reduce((sum, q) => sum + q.depth(), 0),
      deadLetters: () => queues.flatMap((q) => q.deadLetters()),
    };

    const jobs: LocalSchedule[] = [];
    for (const [job, { file, everyMinutes }] of Object.entries(SCHEDULED_FUNCTIONS)) {
      const handler = await importHandler<ConstructorParameters<typeof LocalSchedule>[1]>(file, 'handler');
      const schedule = new LocalSchedule(job, handler, clock, everyMinutes * 60_000);
      schedule.start();
      closers.push(() => schedule.stop());
      jobs.push(schedule);
    }
    const schedules = {
      idle: async () => {
        for (const job of jobs) await job.idle();
      },
    };

    const identity = await LocalIdentity.create(data('jwt-key.json'));
    const agencyIds = new Set(province.agencies.map((a) => a.id));
    const localRoutes = developmentRoutes({ identity, agencyIds, outbox, clock, events, schedules, nationalPortal });
    const routes = await Promise.all(
      ROUTES.map(async (route) => ({ route, handler: await importHandler<ApiHandler>(route.file, route.export) })),
    );
    const gateway = new LocalGateway(routes, identity, localRoutes);
    const port = await gateway.listen(options.port);
    closers.push(() => gateway.close());

    if (options.dataDir) {
      // Tools (npm run catalog:import) write into the running runtime's DynamoDB instead of opening its files.
      const file = join(options.dataDir, RUNTIME_FILE);
      writeFileSync(file, JSON.stringify({ pid: process.pid, dynamodb: dynamoEndpoint, table: LOCAL_TABLE }));
      closers.push(async () => rmSync(file, { force: true }));
    }
    const redriven = await redrive(province.agencies.map((a) => a.id));
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      stepFunctions,
      outbox,
      nationalPortal,
      identity,
      clock,
      redriven,
      events,
      schedules,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Executions live in memory; dossiers live in DynamoDB. After a restart every dossier that was in progress gets its
 * execution again (same name, same start step as a retried submission would ask for: `ensureExecution`), starting at
 * the step it had reached; its open task is reused (open-task is idempotent) and a decision recorded before the stop
 * is delivered when the step re-attaches its token.
 */
async function redrive(agencyIds: string[]): Promise<number> {
  const { DynamoDossierStore } = await import('../../functions/adapters/dossier-repository');
  const { ensureExecution } = await import('../../functions/use-cases/drive-dossier');
  const store = new DynamoDossierStore();
  // Codes already re-driven: a dossier that moves on while the listings are walked (a retried submission's
  // execution opening its first step) shows up again under its new status and must be driven and counted once.
  const driven = new Set<string>();
  // The dossiers each agency received that are still open: its status listings (a dossier is listed under every
  // agency on its path; the receiving agency re-drives it).
  const open = DOSSIER_STATUSES.filter((status) => !TERMINAL_STATUSES.has(status));
  for (const agencyId of agencyIds) {
    for (const status of open) {
      let cursor: string | undefined;
      do {
        const page = await store.listByAgency(agencyId, 100, cursor, status);
        for (const dossier of page.items) {
          if (dossier.receivingAgencyId !== agencyId || TERMINAL_STATUSES.has(dossier.status)) continue;
          if (driven.has(dossier.code)) continue;
          try {
            if (await ensureExecution(dossier)) driven.add(dossier.code);
          } catch (error) {
            // One dossier whose procedure case is gone must not keep the province's runtime from starting.
            console.error(`motcua: could not re-drive ${dossier.code}: ${(error as Error).message}`);
          }
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }
  return driven.size;
}
