// Serves the built renderer (dist/renderer) on 127.0.0.1, port from PORT (default 5173), until
// stopped. Static files only; unknown paths get index.html. Every answer carries the app's
// Content-Security-Policy, and a request whose Host is not this loopback server is refused, so a
// web page cannot reach it through DNS rebinding.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const defaultRoot = resolve(fileURLToPath(new URL('../dist/renderer', import.meta.url)));

/** The desktop app's policy (electron/main/security.ts; a test keeps the two the same). */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
};

/** A Host naming this loopback server (127.0.0.1, localhost or [::1], at its port). */
export function isLoopbackHost(host, port) {
  return ['127.0.0.1', 'localhost', '[::1]'].some((name) => host === `${name}:${port}`);
}
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

async function fileFor(root, urlPath) {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  const info = await stat(candidate).catch(() => undefined);
  if (info?.isFile()) return candidate;
  return join(root, 'index.html');
}

/** The server, not yet listening. */
export function createWebServer(root = defaultRoot) {
  const server = createServer(async (request, response) => {
    const port = server.address()?.port;
    if (!isLoopbackHost(request.headers.host ?? '', port)) {
      response.writeHead(421, { 'content-type': 'text/plain', ...securityHeaders }).end('misdirected request\n');
      return;
    }
    try {
      const path = await fileFor(root, request.url ?? '/');
      if (!path) {
        response.writeHead(403, securityHeaders).end();
        return;
      }
      const body = await readFile(path);
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...securityHeaders });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain', ...securityHeaders }).end('not found (run `npm run build:web` first)\n');
    }
  });
  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = createWebServer();
  server.listen(Number(process.env.PORT ?? 5173), '127.0.0.1', () => {
    console.log(`Pod Lab is at http://127.0.0.1:${server.address().port}/`);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}
