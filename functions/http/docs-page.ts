import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * GET /docs: Swagger UI over GET /openapi.json, from the `swagger-ui-dist` package (no CDN at run time). On AWS the
 * stack copies each asset beside the bundle of the function that serves it (`swagger-ui/`, the route's `files`); locally they are read from the package.
 * Every URL is relative, so the page works under an API stage or a custom domain's base path.
 */
const ASSETS = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'init.js': 'text/javascript; charset=utf-8',
} as const;
export type DocsAsset = keyof typeof ASSETS;

export const DOCS_PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>motcua — HTTP API v1</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`;

/** The page's own script: kept out of the HTML so the policy needs no inline script. */
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
`;

/** Scripts and styles from this API only; Swagger UI sets inline styles and draws data: images. */
export const DOCS_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

function assetsDirectory(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'swagger-ui');
  if (existsSync(beside)) return beside;
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const loaded = new Map<string, { plain: Buffer; gzip: Buffer }>();

/** One asset, plain and gzip-compressed (the bundle is 1.7 MB, 0.5 MB compressed), read once per container. */
export function docsAsset(name: DocsAsset): { type: string; plain: Buffer; gzip: Buffer } {
  let asset = loaded.get(name);
  if (!asset) {
    const plain = name === 'init.js' ? Buffer.from(INIT) : readFileSync(join(assetsDirectory(), name));
    asset = { plain, gzip: gzipSync(plain) };
    loaded.set(name, asset);
  }
  return { type: ASSETS[name], ...asset };
}
