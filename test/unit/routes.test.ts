import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HttpHandler } from '../../functions/http/handler';
import { ROUTES } from '../../functions/routes';

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
