import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DESIGN } from '../table-design';

/** A free loopback port (the JVM takes a number, not 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function javaVersion(): string | undefined {
  try {
    return execFileSync('java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) || 'java';
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    return typeof stderr === 'string' && stderr.includes('version') ? stderr : undefined;
  }
}

const PID_FILE = 'dynamodb-local.pid';

/** Whether a process runs, and (where /proc tells) is a DynamoDB Local: a recycled pid is left alone. */
function isDynamoDbLocal(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal.jar');
  } catch {
    return process.platform !== 'linux';
  }
}

/**
 * A runtime killed with SIGKILL cannot stop its JVM: the DynamoDB Local it started keeps running on the data
 * directory. The next start stops that orphan before opening the same files, so two emulators never share them.
 */
async function stopOrphan(pidFile: string) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (Number.isInteger(pid) && pid > 0 && isDynamoDbLocal(pid)) {
    process.kill(pid, 'SIGKILL');
    for (let waited = 0; isDynamoDbLocal(pid) && waited < 10_000; waited += 50) await sleep(50);
  }
  rmSync(pidFile, { force: true });
}

/**
 * AWS's DynamoDB Local (shipped inside the npm package amplify-dynamodb-simulator) on the machine's Java 17+: full
 * fidelity for transactions, conditional writes, GSIs and TTL settings. Data lives in `dataDir` (or in memory).
 */
export class LocalDynamoDB {
  private process?: ChildProcess;

  constructor(private readonly dataDir?: string) {}

  async start(): Promise<string> {
    if (!javaVersion()) {
      throw new Error(
        'DynamoDB Local needs a Java 17+ runtime and `java` was not found on PATH. Install one (e.g. `apt-get install openjdk-17-jre-headless`) and run npm start again.',
      );
    }
    const emulator = join(
      dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')),
      'emulator',
    );
    const port = await freePort();
    const storage = this.dataDir ? ['-dbPath', this.dataDir] : ['-inMemory'];
    if (this.dataDir) {
      mkdirSync(this.dataDir, { recursive: true });
      await stopOrphan(join(this.dataDir, PID_FILE));
    }
    this.process = spawn(
      'java',
      [
        '-Xmx512m',
        // One collector thread, no concurrent GC work: on a 2-core machine G1's background threads took CPU from the
        // runtime beside it. One pair of 300-dossier replays, back to back: java CPU per dossier 169 → 145 ms.
        '-XX:+UseSerialGC',
        `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
        '-jar',
        join(emulator, 'DynamoDBLocal.jar'),
        '-sharedDb',
        // DynamoDB Local reports usage to AWS unless told not to: the local runtime makes no call outside this machine.
        '-disableTelemetry',
        ...storage,
        '-port',
        String(port),
      ],
      // It writes a metadata file into its working directory: the data directory, never the checkout.
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.dataDir ?? tmpdir() },
    );
    if (this.dataDir && this.process.pid) writeFileSync(join(this.dataDir, PID_FILE), String(this.process.pid));
    let output = '';
    this.process.stdout?.on('data', (d) => {
      output += d;
    });
    this.process.stderr?.on('data', (d) => {
      output += d;
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    const client = new DynamoDBClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    for (;;) {
      if (this.process.exitCode !== null)
        throw new Error(`DynamoDB Local exited (${this.process.exitCode}):\n${output}`);
      try {
        await client.send(new DescribeTableCommand({ TableName: 'probe' }));
      } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') break;
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within 30 s:\n${output}`);
        await sleep(100);
      }
    }
    client.destroy();
    return endpoint;
  }

  async close() {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process!.once('exit', resolve));
    this.process.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (this.process.exitCode === null) this.process.kill('SIGKILL');
    if (this.dataDir) rmSync(join(this.dataDir, PID_FILE), { force: true });
  }
}

/** A global secondary index of TABLE_DESIGN as CreateTable and UpdateTable take it. */
const indexSchema = (index: (typeof TABLE_DESIGN.indexes)[number]) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: {
    ProjectionType: index.projection,
    ...(index.nonKeyAttributes.length > 0 ? { NonKeyAttributes: [...index.nonKeyAttributes] } : {}),
  },
});

/** Whether an index on disk projects what TABLE_DESIGN says it does. */
const sameProjection = (
  found: { ProjectionType?: string; NonKeyAttributes?: string[] } | undefined,
  index: (typeof TABLE_DESIGN.indexes)[number],
) =>
  found?.ProjectionType === index.projection &&
  [...(found.NonKeyAttributes ?? [])].sort().join() === [...index.nonKeyAttributes].sort().join();

/** Waits until an index of the table is in the state asked for (`undefined`: gone). */
async function indexState(client: DynamoDBClient, tableName: string, indexName: string, state: string | undefined) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const index = (Table?.GlobalSecondaryIndexes ?? []).find((i) => i.IndexName === indexName);
    if (index?.IndexStatus === state) return;
    if (Date.now() > deadline)
      throw new Error(`index ${indexName} of ${tableName} is not ${state ?? 'gone'} after 60 s`);
    await sleep(100);
  }
}
/** A deleted index must be gone before one of its name is created; a created one backfills before it is read. */
const indexGone = (client: DynamoDBClient, tableName: string, indexName: string) =>
  indexState(client, tableName, indexName, undefined);
const indexActive = (client: DynamoDBClient, tableName: string, indexName: string) =>
  indexState(client, tableName, indexName, 'ACTIVE');

/**
 * Creates the table of TABLE_DESIGN, or brings a table kept on disk by an earlier version up to it: an index added
 * since is created, and one whose projection changed is rebuilt (DynamoDB backfills both from the items).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string) {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          TABLE_DESIGN.partitionKey,
          TABLE_DESIGN.sortKey,
          ...TABLE_DESIGN.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
        ].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_DESIGN.indexes.map(indexSchema),
        StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DESIGN.stream },
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: TABLE_DESIGN.timeToLiveAttribute },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.StreamSpecification?.StreamEnabled) {
      // A data directory from before the event stream: the stream starts now.
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DESIGN.stream },
        }),
      );
    }
    const found = new Map((Table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i.Projection]));
    for (const index of TABLE_DESIGN.indexes) {
      if (found.has(index.name) && sameProjection(found.get(index.name), index)) continue;
      if (found.has(index.name)) {
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index.name } }],
          }),
        );
        await indexGone(client, tableName, index.name);
      }
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [index.partitionKey, index.sortKey].map((name) => ({
            AttributeName: name,
            AttributeType: 'S',
          })),
          GlobalSecondaryIndexUpdates: [{ Create: indexSchema(index) }],
        }),
      );
      await indexActive(client, tableName, index.name);
    }
  }
}
