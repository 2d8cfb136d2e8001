import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Points the SDK at the table an operator's command works on: AWS (TABLE_NAME set, the usual credentials) or the
 * local runtime's DynamoDB under MOTCUA_DATA_DIR — the running `npm start`'s, or one started on its data for the
 * command when the runtime is not running. Returns what stops it.
 */
export async function connect(): Promise<() => Promise<void>> {
  if (process.env.TABLE_NAME) return async () => undefined;
  const dataDir = resolve(process.env.MOTCUA_DATA_DIR ?? '.motcua');
  const { RUNTIME_FILE, LOCAL_TABLE } = await import('../infra/local/runtime');
  const local = { AWS_REGION: 'ap-southeast-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
  const runtimeFile = join(dataDir, RUNTIME_FILE);
  const running = existsSync(runtimeFile)
    ? (JSON.parse(readFileSync(runtimeFile, 'utf8')) as { pid: number; dynamodb: string; table: string })
    : undefined;
  if (running && alive(running.pid)) {
    Object.assign(process.env, local, { AWS_ENDPOINT_URL_DYNAMODB: running.dynamodb, TABLE_NAME: running.table });
    return async () => undefined;
  }
  const { LocalDynamoDB, ensureTable } = await import('../infra/local/dynamodb');
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const dynamo = new LocalDynamoDB(join(dataDir, 'dynamodb'));
  const endpoint = await dynamo.start();
  Object.assign(process.env, local, { AWS_ENDPOINT_URL_DYNAMODB: endpoint, TABLE_NAME: LOCAL_TABLE });
  const client = new DynamoDBClient({});
  await ensureTable(client, LOCAL_TABLE);
  client.destroy();
  return () => dynamo.close();
}

/** A runtime killed without its shutdown leaves its file behind: only a live process counts. */
function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
