import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import type { Access } from '../../functions/routes';
import { bundleOptions, functionEntry } from '../../infra/aws/function';
import { deployedFunctions } from '../support/functions';

const out = mkdtempSync(join(tmpdir(), 'motcua-config-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

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

const functions = deployedFunctions();

describe('a deployment missing a variable fails at the function’s init, not at its first request', () => {
  it('loads every bundle with what the stack sets, and fails each without a variable its grants use', async () => {
    const problems: string[] = [];
    const check = async (fn: (typeof functions)[number], i: number) => {
      const outfile = join(out, `fn-${i}.mjs`);
      await build({
        entryPoints: [functionEntry(fn.file, fn.export)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        logLevel: 'error',
        ...bundleOptions(fn.file),
      });
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
    for (let i = 0; i < functions.length; i += 2)
      await Promise.all(functions.slice(i, i + 2).map((fn, j) => check(fn, i + j)));
    const lookup = functions.findIndex((fn) => fn.name === 'GET /lookup/{code}');
    expect(await init(join(out, `fn-${lookup}.mjs`), { ...deployed(['table:read']), TABLE_NAME: 'a b' })).toBe(
      'malformed environment variable TABLE_NAME',
    );
    expect(problems).toEqual([]);
  }, 240_000);
});
