/**
 * Bundle size and cold init of every Lambda, each against its floor: a reference bundle built with the same esbuild
 * options that holds only the SDK clients the function is granted (its `access` list) and zod. Ratios are measured
 * in this one run; cold init is a fresh `node` importing the bundle, alternating function and floor.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { type Access, ROUTES } from '../functions/routes';
import { ESM_BUNDLE, functionEntry } from '../infra/aws/function';
import { STEP_FUNCTIONS } from '../workflows/compile';

const ROOT = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'motcua-bundles-'));
const PAIRS = Number(process.env.BENCH_INIT_PAIRS ?? 7);

/** The SDK modules a granted access needs: what the function must bundle at the least. */
const CLIENTS: Record<Access, string[]> = {
  'table:read': ['@aws-sdk/client-dynamodb:DynamoDBClient', '@aws-sdk/lib-dynamodb:DynamoDBDocumentClient'],
  'table:write': ['@aws-sdk/client-dynamodb:DynamoDBClient', '@aws-sdk/lib-dynamodb:DynamoDBDocumentClient'],
  'files:read': ['@aws-sdk/client-s3:S3Client', '@aws-sdk/s3-request-presigner:getSignedUrl'],
  'files:write': ['@aws-sdk/client-s3:S3Client', '@aws-sdk/s3-presigned-post:createPresignedPost'],
  'workflow:start': ['@aws-sdk/client-sfn:SFNClient'],
  'workflow:callback': ['@aws-sdk/client-sfn:SFNClient'],
  'workflow:read': ['@aws-sdk/client-sfn:SFNClient'],
  notify: ['@aws-sdk/client-sesv2:SESv2Client', '@aws-sdk/client-sns:SNSClient'],
};

function floorSource(access: readonly Access[]) {
  const modules = [...new Set(access.flatMap((a) => CLIENTS[a]))];
  const imports = modules.map((m, i) => `import { ${m.split(':')[1]} as m${i} } from '${m.split(':')[0]}';`);
  return `${imports.join('\n')}\nimport * as z from 'zod';\nexport const handler = async (event) => [${modules
    .map((_, i) => `m${i}`)
    .join(', ')}, z.object({ a: z.string() }).parse(event)];\n`;
}

async function bundle(name: string, entry: string) {
  const outfile = join(out, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    absWorkingDir: ROOT,
    // The floors' entries live in a temporary folder: resolve packages from the project.
    nodePaths: [join(ROOT, 'node_modules')],
    ...ESM_BUNDLE,
  });
  return { outfile, bytes: statSync(outfile).size };
}

/** Median wall time of a fresh node importing the module, alternating the two so that noise hits both alike. */
function coldInit(a: string, b: string) {
  const time = (file: string) => {
    const started = process.hrtime.bigint();
    const run = spawnSync(
      process.execPath,
      ['-e', `await import(${JSON.stringify(`file://${file}`)})`, '--input-type=module'],
      {
        env: { PATH: process.env.PATH, AWS_REGION: 'ap-southeast-1' },
      },
    );
    if (run.status !== 0) throw new Error(`${file} failed to load: ${run.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    ta.push(time(a));
    tb.push(time(b));
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { a: median(ta), b: median(tb) };
}

const functions = [
  ...ROUTES.map((r) => ({ name: `${r.method} ${r.path}`, entry: functionEntry(r.file, r.export), access: r.access })),
  ...Object.entries(STEP_FUNCTIONS).map(([key, s]) => ({
    name: key,
    entry: functionEntry(s.file, 'handler'),
    access: s.access,
  })),
];
mkdirSync(join(out, 'floors'), { recursive: true });
const rows: string[] = [];
let worstSize = 0;
let worstInit = 0;
try {
  for (const [i, fn] of functions.entries()) {
    const floorEntry = join(out, 'floors', `floor-${i}.mjs`);
    writeFileSync(floorEntry, floorSource(fn.access));
    const [bundled, floor] = await Promise.all([bundle(`fn-${i}`, fn.entry), bundle(`floor-${i}`, floorEntry)]);
    const init = coldInit(bundled.outfile, floor.outfile);
    const sizeRatio = bundled.bytes / floor.bytes;
    const initRatio = init.a / init.b;
    worstSize = Math.max(worstSize, sizeRatio);
    worstInit = Math.max(worstInit, initRatio);
    rows.push(
      `${fn.name.padEnd(34)} ${(bundled.bytes / 1024).toFixed(0).padStart(5)} KB / floor ${(floor.bytes / 1024)
        .toFixed(0)
        .padStart(4)} KB = ${sizeRatio.toFixed(2)}×   init ${init.a.toFixed(0).padStart(4)} / ${init.b
        .toFixed(0)
        .padStart(4)} ms = ${initRatio.toFixed(2)}×   [${[...new Set(fn.access)].join(', ')}]`,
    );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(
  'bundle size and cold init, each against its floor (same esbuild options, only the granted SDK clients + zod)',
);
for (const row of rows) console.log(`  ${row}`);
console.log(
  `worst: size ${worstSize.toFixed(2)}× its floor (goal ≤ 1.2×), cold init ${worstInit.toFixed(2)}× (goal ≤ 1.2×)`,
);
