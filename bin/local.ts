import { resolve } from 'node:path';
import { startLocalRuntime } from '../infra/local/runtime';

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.MOTCUA_DATA_DIR ?? '.motcua');
const province = process.env.MOTCUA_PROVINCE ?? 'phu-tho';

try {
  const started = Date.now();
  const runtime = await startLocalRuntime({ port, dataDir, province });
  console.log(`motcua (${province}) is running at ${runtime.url}  [started in ${Date.now() - started} ms]
  data:      ${dataDir} (kept across restarts; delete it to start over)
  catalogue: curl ${runtime.url}/procedures
  log in:    curl -X POST ${runtime.url}/local/login -H 'content-type: application/json' -d '{"username":"an","role":"citizen"}'
             officers add "agencyId" (see ${runtime.url}/agencies), e.g. {"username":"binh","role":"receiver","agencyId":"000.00.01.H45"}
             a citizen verified by VNeID adds "idNumber" (their e-data store: GET /me/documents); the portal's adapter is {"role":"portal"}
  outbox:    curl ${runtime.url}/local/outbox
  DVCQG:     curl ${runtime.url}/local/dvcqg/dossiers/<code>   (what the national portal's counterpart holds)
  ${runtime.redriven ? `re-driven ${runtime.redriven} dossier(s) that were in progress` : ''}
Press Ctrl-C to stop.`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping motcua…`);
    await runtime.close();
    process.exit(0);
  };
  // A development server keeps serving through a stray rejection, but says so.
  process.on('unhandledRejection', (error) => console.error('unhandled rejection (still running):', error));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  console.error(`motcua could not start: ${(error as Error).message}`);
  process.exit(1);
}
