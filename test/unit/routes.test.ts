import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpHandler } from '../../functions/http/handler';
import { ROUTES } from '../../functions/routes';

// Loading a handler builds its adapters, which check the deployment's configuration (no AWS call is made here).
beforeAll(() => {
  vi.stubEnv('TABLE_NAME', 'motcua-test');
  vi.stubEnv('BUCKET_NAME', 'motcua-test-files');
  vi.stubEnv('STATE_MACHINE_ARN_PREFIX', 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:motcua-');
  vi.stubEnv('CURSOR_KEY', 'unit-test-cursor-signing-key-0123456789');
});

describe('the route table', () => {
  it('names, for every route, a module file that exports the handler built for that very route', async () => {
    for (const route of ROUTES) {
      const module = (await import(pathToFileURL(join(import.meta.dirname, '../..', route.file)).href)) as Record<
        string,
        HttpHandler
      >;
      expect(module[route.export]?.spec.route, `${route.file} ${route.export}`).toBe(`${route.method} ${route.path}`);
    }
  });
});
