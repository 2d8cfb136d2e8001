import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { routeSpecs } from '../../functions/api/openapi';
import { openApiDocument } from '../../functions/http/openapi';
import { bundleOptions, functionEntry } from '../../infra/aws/function';

const out = mkdtempSync(join(tmpdir(), 'motcua-openapi-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the deployed GET /openapi.json carries its document, baked in at synth', () => {
  it('answers the same document the schemas generate, without bundling the request schemas', async () => {
    const outfile = join(out, 'openapi.mjs');
    const file = 'functions/api/openapi.ts';
    await build({
      entryPoints: [functionEntry(file, 'getOpenApi')],
      outfile,
      ...bundleOptions(file),
    });
    const source = readFileSync(outfile, 'utf8');
    // A request schema's own message is not in the bundle (the document names the pattern, not the message).
    expect(source.includes('expected a dossier code like'), 'the request schemas were bundled').toBe(false);
    expect(source.includes('"openapi":"3.1.0"'), 'the document was not baked in').toBe(true);
    const { handler } = await import(pathToFileURL(outfile).href);
    const reply = await handler(
      { rawPath: '/openapi.json', headers: {}, requestContext: { http: { method: 'GET' } } },
      { awsRequestId: 'test', functionName: 'openapi', getRemainingTimeInMillis: () => 1000 },
    );
    expect(reply.statusCode).toBe(200);
    expect(JSON.parse(reply.body)).toEqual(JSON.parse(JSON.stringify(openApiDocument(routeSpecs()))));
  }, 60_000);
});
