// `npm run web`: every answer carries the app's Content-Security-Policy, and a request that names
// another host (a page on evil.example rebinding its name to 127.0.0.1) is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy as appPolicy } from '../../electron/main/security';
// @ts-expect-error: a plain .mjs script without type declarations
import { contentSecurityPolicy, createWebServer } from '../../scripts/serve-web.mjs';

let root: string;
let server: ReturnType<typeof import('node:http').createServer>;
let port: number;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'podlab-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Pod Lab</title>');
  server = createWebServer(root);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

function get(host: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web server', () => {
  it('sends the same Content-Security-Policy as the desktop app', async () => {
    expect(contentSecurityPolicy).toBe(appPolicy);
    const answer = await get(`127.0.0.1:${port}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-security-policy']).toBe(appPolicy);
    expect((await get(`localhost:${port}`)).status).toBe(200);
  });

  it('refuses a request for another host (DNS rebinding)', async () => {
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`]) {
      expect((await get(host)).status, host).toBe(421);
    }
  });
});
