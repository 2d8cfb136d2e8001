import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { Access } from '../../functions/routes';
import { bundleOptions, functionEntry } from '../../infra/aws/function';
import { deployedFunctions } from '../support/functions';

/** Which grant lets a function use each SDK client. */
const CLIENT_GRANTS: Record<string, Access[]> = {
  '@aws-sdk/client-dynamodb': ['table:read', 'table:write'],
  '@aws-sdk/client-s3': ['files:read', 'files:write'],
  '@aws-sdk/client-sfn': ['workflow:start', 'workflow:callback', 'workflow:read'],
  '@aws-sdk/client-sesv2': ['notify'],
  '@aws-sdk/client-sns': ['notify'],
  '@aws-sdk/client-sqs': ['events:publish', 'events:consume'],
};

/** The SDK clients a function's bundle holds, as CDK bundles it (one entry per handler, same esbuild options). */
async function clientsOf(file: string, exportName: string) {
  const result = await build({
    entryPoints: [functionEntry(file, exportName)],
    bundle: true,
    write: false,
    outdir: 'out',
    platform: 'node',
    format: 'esm',
    metafile: true,
    logLevel: 'error',
    ...bundleOptions(file),
  });
  const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs));
  return Object.keys(CLIENT_GRANTS).filter((client) => inputs.some((path) => path.includes(`node_modules/${client}/`)));
}

describe('function grants match the SDK clients each bundle holds (least privilege, no AccessDenied)', () => {
  const functions = deployedFunctions();

  it('grants every client a function bundles, and bundles a client for every grant', async () => {
    const problems: string[] = [];
    for (const fn of functions) {
      const clients = await clientsOf(fn.file, fn.export);
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
  }, 120_000);
});
