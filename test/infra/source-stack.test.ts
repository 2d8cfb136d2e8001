import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../infra/aws/function';

const out = mkdtempSync(join(tmpdir(), 'motcua-stack-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('logged stack traces name our sources, without --enable-source-maps at start', () => {
  it('maps a minified bundle’s frames through the map shipped beside it, read only when an error is logged', async () => {
    const entry = join(out, 'entry.ts');
    writeFileSync(
      entry,
      `import { sourceStack } from '${join(import.meta.dirname, '../../functions/observability')}';\n` +
        'export function fail(): never {\n  throw new Error("boom");\n}\nexport { sourceStack };\n',
    );
    const outfile = join(out, 'index.mjs');
    await build({
      entryPoints: [entry],
      outfile,
      sourcemap: 'linked',
      sourcesContent: false,
      ...bundleOptions(),
    });
    // A fresh node, as on Lambda: this test's own process maps stacks already.
    const script = `const b = await import(${JSON.stringify(pathToFileURL(outfile).href)});
try { b.fail(); } catch (e) { console.log(JSON.stringify({ stack: e.stack, mapped: b.sourceStack(e.stack) })); }`;
    const { stack, mapped } = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    ) as { stack: string; mapped: string };
    expect(stack).toMatch(/index\.mjs:\d+:\d+/);
    expect(mapped).toMatch(/entry\.ts:3:\d+/);
    expect(mapped).not.toContain('index.mjs');
  });
});
