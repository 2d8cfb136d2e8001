import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../functions/routes';
import { bundleOptions, functionEntry } from '../../infra/aws/function';
import { deployedFunctions } from '../support/functions';

/**
 * Every deployed function's bundle, built once as CDK builds it, then checked two ways: its grants match the SDK
 * clients it holds, and a deployment that lacks a variable it reads fails at its init.
 */
const out = mkdtempSync(join(tmpdir(), 'motcua-bundles-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const functions = deployedFunctions();
/** Per function: the bundle on disk and the SDK clients it holds. */
const built = new Map<string, { outfile: string; clients: string[] }>();

beforeAll(async () => {
  await Promise.all(
    functions.map(async (fn, i) => {
      const outfile = join(out, `fn-${i}.mjs`);
      const result = await build({
        entryPoints: [functionEntry(fn.file, fn.export)],
        outfile,
        metafile: true,
        ...bundleOptions(fn.file),
      });
      const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs));
      const clients = Object.keys(CLIENT_GRANTS).filter((client) =>
        inputs.some((path) => path.includes(`node_modules/${client}/`)),
      );
      built.set(fn.name, { outfile, clients });
    }),
  );
  // Bundling every function takes 50–110 s on a busy 2-core machine (vitest runs other files at the same time).
}, 300_000);

/** Which grant lets a function use each SDK client. */
const CLIENT_GRANTS: Record<string, Access[]> = {
  '@aws-sdk/client-dynamodb': ['table:read', 'table:write'],
  '@aws-sdk/client-s3': ['files:read', 'files:write'],
  '@aws-sdk/client-sfn': ['workflow:start', 'workflow:callback', 'workflow:read'],
  '@aws-sdk/client-sesv2': ['notify'],
  '@aws-sdk/client-sns': ['notify'],
  '@aws-sdk/client-sqs': ['events:publish', 'events:consume'],
};

/** What the stack sets on every function (infra/aws/function.ts), the cursor key with a table:read grant. */
function deployed(access: readonly Access[]): Record<string, string> {
  return {
    TABLE_NAME: 'motcua-phu-tho-Table-1A2B3C',
    BUCKET_NAME: 'motcua-phu-tho-files-1a2b3c',
    STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:ap-southeast-1:123456789012:stateMachine:motcua-phu-tho-',
    ...(access.includes('table:read') ? { CURSOR_KEY: 'k'.repeat(64) } : {}),
    ...(access.includes('events:publish')
      ? { REACTION_QUEUE_URLS: '{"notify-applicant":"https://sqs.ap-southeast-1.amazonaws.com/1/n.fifo"}' }
      : {}),
  };
}

/** Loads a function's bundle in a fresh node, as Lambda's init does: the error it fails with, or null. */
function init(file: string, variables: Record<string, string>): Promise<string | null> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ['--input-type=module', '-e', `await import('file://${file}')`],
      { env: { PATH: process.env.PATH, AWS_REGION: 'ap-southeast-1', ...variables } },
      (error, _stdout, stderr) => resolve(error ? (/Error: (.*)/.exec(stderr)?.[1] ?? stderr) : null),
    ),
  );
}

describe('function grants match the SDK clients each bundle holds (least privilege, no AccessDenied)', () => {
  it('grants every client a function bundles, and bundles a client for every grant', () => {
    const problems: string[] = [];
    for (const fn of functions) {
      const clients = built.get(fn.name)!.clients;
      for (const client of clients) {
        if (!CLIENT_GRANTS[client]!.some((grant) => fn.access.includes(grant)))
          problems.push(`${fn.name} bundles ${client} without a grant`);
      }
      for (const [client, grants] of Object.entries(CLIENT_GRANTS)) {
        if (grants.some((grant) => fn.access.includes(grant)) && !clients.includes(client))
          problems.push(
            `${fn.name} is granted ${grants.filter((g) => fn.access.includes(g)).join(', ')} but never uses ${client}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('a deployment missing a variable fails at the function’s init, not at its first request', () => {
  it('loads every bundle with what the stack sets, and fails each without a variable its grants use', async () => {
    const problems: string[] = [];
    const check = async (fn: (typeof functions)[number]) => {
      const { outfile } = built.get(fn.name)!;
      const variables = deployed(fn.access);
      const loaded = await init(outfile, variables);
      if (loaded) problems.push(`${fn.name} fails with the deployed configuration: ${loaded}`);
      const needs: [string, boolean][] = [
        ['TABLE_NAME', fn.access.some((a) => a.startsWith('table:'))],
        ['BUCKET_NAME', fn.access.some((a) => a.startsWith('files:'))],
        ['STATE_MACHINE_ARN_PREFIX', fn.access.some((a) => a.startsWith('workflow:'))],
        ['REACTION_QUEUE_URLS', fn.access.includes('events:publish')],
      ];
      for (const [name, needed] of needs) {
        if (!needed) continue;
        const { [name]: _dropped, ...rest } = variables;
        const failed = await init(outfile, rest);
        if (failed !== `missing environment variable ${name}`) problems.push(`${fn.name} without ${name}: ${failed}`);
      }
    };
    // Two at a time: each check starts a few node processes.
    for (let i = 0; i < functions.length; i += 2) await Promise.all(functions.slice(i, i + 2).map(check));
    expect(
      await init(built.get('GET /lookup/{code}')!.outfile, { ...deployed(['table:read']), TABLE_NAME: 'a b' }),
    ).toBe('malformed environment variable TABLE_NAME');
    expect(problems).toEqual([]);
  }, 240_000);
});
