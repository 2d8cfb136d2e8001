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
import { FAN_OUT_FUNCTION, REACTION_FUNCTIONS, SCHEDULED_FUNCTIONS } from '../functions/reactions/functions';
import { type Access, ROUTES } from '../functions/routes';
import { bundleOptions, functionEntry } from '../infra/aws/function';
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
  'events:publish': ['@aws-sdk/client-sqs:SQSClient'],
  'events:consume': ['@aws-sdk/client-sqs:SQSClient'],
  // Plain HTTPS (fetch): no SDK client.
  'national-portal': [],
};

function floorSource(access: readonly Access[]) {
  const modules = [...new Set(access.flatMap((a) => CLIENTS[a]))];
  const imports = modules.map((m, i) => `import { ${m.split(':')[1]} as m${i} } from '${m.split(':')[0]}';`);
  return `${imports.join('\n')}\nimport * as z from 'zod';\nexport const handler = async (event) => [${modules
    .map((_, i) => `m${i}`)
    .join(', ')}, z.object({ a: z.string() }).parse(event)];\n`;
}

async function bundle(name: string, entry: string, options: { sourcemap?: 'linked'; file?: string } = {}) {
  const outfile = join(out, `${name}.mjs`);
  await build({
    ...(options.sourcemap ? { sourcemap: options.sourcemap, sourcesContent: false } : {}),
    entryPoints: [entry],
    outfile,
    absWorkingDir: ROOT,
    // The floors' entries live in a temporary folder: resolve packages from the project.
    nodePaths: [join(ROOT, 'node_modules')],
    ...bundleOptions(options.file),
  });
  return { outfile, bytes: statSync(outfile).size };
}

/** What the stack sets on a function with every grant (functions check their configuration at init). */
const DEPLOYED = {
  TABLE_NAME: 'motcua-phu-tho-Table-1A2B3C',
  BUCKET_NAME: 'motcua-phu-tho-files-1a2b3c',
  STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:ap-southeast-1:123456789012:stateMachine:motcua-phu-tho-',
  CURSOR_KEY: 'k'.repeat(64),
  REACTION_QUEUE_URLS: '{"notify-applicant":"https://sqs.ap-southeast-1.amazonaws.com/123456789012/n.fifo"}',
};

/** Median wall time of a fresh node importing the module, alternating the two so that noise hits both alike. */
function coldInit(a: string, b: string, flags: { a?: string[]; b?: string[] } = {}) {
  const time = (file: string, extra: string[] = []) => {
    const started = process.hrtime.bigint();
    const run = spawnSync(
      process.execPath,
      [...extra, '-e', `await import(${JSON.stringify(`file://${file}`)})`, '--input-type=module'],
      {
        env: { PATH: process.env.PATH, AWS_REGION: 'ap-southeast-1', ...DEPLOYED },
      },
    );
    if (run.status !== 0) throw new Error(`${file} failed to load: ${run.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    ta.push(time(a, flags.a));
    tb.push(time(b, flags.b));
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { a: median(ta), b: median(tb) };
}

/** One request schema (a submission's shape) in zod's classic API and in zod/mini's functional one. */
const ZOD_CLASSIC = String.raw`import * as z from 'zod';
const s = z.object({
  procedureId: z.string().regex(/^\d\.\d{6}$/),
  channel: z.enum(['online', 'counter']).optional(),
  applicant: z.object({ fullName: z.string().min(2).max(120), idNumber: z.string().regex(/^\d{12}$/) }).strict(),
  documents: z.array(z.object({ componentCode: z.string(), uploadId: z.uuid() })).max(50),
}).strict();
export const handler = async (e) => s.parse(e);
`;
const ZOD_MINI = String.raw`import * as z from 'zod/mini';
const s = z.strictObject({
  procedureId: z.string().check(z.regex(/^\d\.\d{6}$/)),
  channel: z.optional(z.enum(['online', 'counter'])),
  applicant: z.strictObject({
    fullName: z.string().check(z.minLength(2), z.maxLength(120)),
    idNumber: z.string().check(z.regex(/^\d{12}$/)),
  }),
  documents: z.array(z.object({ componentCode: z.string(), uploadId: z.uuid() })).check(z.maxLength(50)),
});
export const handler = async (e) => s.parse(e);
`;

const functions = [
  ...ROUTES.map((r) => ({
    name: `${r.method} ${r.path}`,
    file: r.file,
    entry: functionEntry(r.file, r.export),
    access: r.access,
  })),
  ...[
    ...Object.entries(STEP_FUNCTIONS),
    ...Object.entries(REACTION_FUNCTIONS),
    ...Object.entries(SCHEDULED_FUNCTIONS),
    ['fan-out', FAN_OUT_FUNCTION] as const,
  ].map(([key, s]) => ({
    name: key,
    file: s.file,
    entry: functionEntry(s.file, 'handler'),
    access: s.access as readonly Access[],
  })),
];
mkdirSync(join(out, 'floors'), { recursive: true });
const rows: string[] = [];
const extra: string[] = [];
let worstSize = 0;
let worstInit = 0;
try {
  for (const [i, fn] of functions.entries()) {
    const floorEntry = join(out, 'floors', `floor-${i}.mjs`);
    writeFileSync(floorEntry, floorSource(fn.access));
    const [bundled, floor] = await Promise.all([
      bundle(`fn-${i}`, fn.entry, { file: fn.file }),
      bundle(`floor-${i}`, floorEntry),
    ]);
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
  // What --enable-source-maps would cost at every cold start (functions map their stacks when they log an error).
  const heaviest = functions.find((fn) => fn.name === 'POST /dossiers')!;
  const mapped = await bundle('mapped', heaviest.entry, { sourcemap: 'linked', file: heaviest.file });
  const maps = coldInit(mapped.outfile, mapped.outfile, { a: ['--enable-source-maps'] });
  extra.push(
    `--enable-source-maps (not set; stacks are mapped when logged) on ${heaviest.name}: init ${maps.a.toFixed(0)} / ${maps.b.toFixed(
      0,
    )} ms = ${(maps.a / maps.b).toFixed(2)}× without`,
  );
  // zod/mini against zod for the same request schema (a dossier submission's shape), each bundle alone.
  const zodFiles = [ZOD_CLASSIC, ZOD_MINI].map((source, i) => {
    const file = join(out, 'floors', `schema-${i}.mjs`);
    writeFileSync(file, source);
    return file;
  });
  const [classic, mini] = await Promise.all([bundle('zod-classic', zodFiles[0]!), bundle('zod-mini', zodFiles[1]!)]);
  const zodInit = coldInit(mini.outfile, classic.outfile);
  extra.push(
    `zod/mini instead of zod for one submission schema: ${(mini.bytes / 1024).toFixed(0)} / ${(
      classic.bytes / 1024
    ).toFixed(0)} KB (${((mini.bytes - classic.bytes) / 1024).toFixed(0)} KB), init ${zodInit.a.toFixed(
      0,
    )} / ${zodInit.b.toFixed(0)} ms = ${(zodInit.a / zodInit.b).toFixed(2)}×`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(
  'bundle size and cold init, each against its floor (same esbuild options, only the granted SDK clients + zod)',
);
for (const row of rows) console.log(`  ${row}`);
for (const line of extra) console.log(line);
console.log(
  `worst: size ${worstSize.toFixed(2)}× its floor (goal ≤ 1.2×), cold init ${worstInit.toFixed(2)}× (goal ≤ 1.2×)`,
);
