// Serves a built Accord (a folder) on 127.0.0.1 as a deployment would: the headers of
// README "Deploying" (the strict CSP among them), gzip for every text and wasm file the
// browser accepts it for (compressed once, kept in memory), ETags for revalidation.
// Usage: node scripts/serve-static.mjs DIR PORT [INTAKE_ORIGIN]
// INTAKE_ORIGIN (deployment.json's intakeUrl's origin) joins the CSP's connect-src.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const [root = 'dist', port = '8080', intakeOrigin] = process.argv.slice(2).map((a, i) => (i === 0 ? resolve(a) : a));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const headers = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'" +
    (intakeOrigin ? `; connect-src 'self' ${intakeOrigin}` : ''),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};
// path → { etag, body, gzipped }
const cache = new Map();

async function load(file) {
  const info = await stat(file);
  const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
  const cached = cache.get(file);
  if (cached?.etag === etag) return cached;
  const body = await readFile(file);
  const entry = { etag, body, gzipped: gzipSync(body, { level: 9 }) };
  cache.set(file, entry);
  return entry;
}

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const { etag, body, gzipped } = await load(file);
    const type = types[extname(file)] ?? 'application/octet-stream';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ...headers, etag }).end();
      return;
    }
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && gzipped.length < body.length;
    res.writeHead(200, {
      ...headers,
      etag,
      vary: 'accept-encoding',
      'content-type': type,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gzip ? gzipped : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`==> Accord at http://127.0.0.1:${port}/ (the release build in ${root}; Ctrl-C stops it)`);
});
