// `kubectl port-forward` of the real kubectl 1.32 against the served API: first SPDY tunnelled
// through a WebSocket (what 1.32 asks for), then plain SPDY/3.1 (its fallback). A request to the
// local port gets the pod's page; a port nothing listens on gets the kubelet's error.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { request } from 'node:https';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, type SimSession } from '../../sim/session';
import { KubeApiServer } from '../../server/kube-api-server';
import { kubeconfigText } from '../../server/kubeconfig';
import { call } from './client';
import { realKubectl, realKubectlInstalled } from './oracle';

let session: SimSession;
let server: KubeApiServer;
let dir: string;
/** `METHOD path status` of every request, to tell which transport kubectl used. */
const requests: string[] = [];

beforeAll(async () => {
  session = createSession({ seed: 3 });
  server = new KubeApiServer({ session, onRequest: (line) => requests.push(line) });
  await server.listen();
  await call(server, 'POST', '/api/v1/namespaces/default/pods', {
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }),
  });
  session.clock.advanceBy(30_000);
  dir = mkdtempSync(join(tmpdir(), 'podlab-port-forward-'));
  writeFileSync(join(dir, 'kubeconfig'), kubeconfigText(server.url, server.certificate, server.token));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Forwarding {
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the real kubectl's port-forward to a free local port; resolves once it listens. */
function portForward(remote: number, env: Record<string, string> = {}): Promise<Forwarding> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(realKubectl, ['port-forward', 'pod/web', `:${remote}`], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), ...env },
    });
    let output = '';
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const timer = setTimeout(() => reject(new Error(`port-forward did not start:\n${output}`)), 10_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), output: () => output, stop: () => (child.kill(), exited) });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
}

function fetchLocal(port: number, path: string): Promise<{ status?: number; headers: Record<string, unknown>; body: string; error?: string }> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ headers: {}, body: '', error: error.code ?? error.message }));
  });
}

async function until(test: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe.runIf(realKubectlInstalled())('kubectl port-forward (the real kubectl 1.32)', () => {
  for (const [transport, env, upgrade] of [
    ['SPDY tunnelled through a WebSocket', {}, 'GET /api/v1/namespaces/default/pods/web/portforward 101'],
    ['SPDY/3.1 (the fallback)', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }, 'POST /api/v1/namespaces/default/pods/web/portforward 101'],
  ] as const) {
    it(`serves the pod's page over ${transport}`, async () => {
      requests.length = 0;
      const forwarding = await portForward(80, env);
      try {
        const page = await fetchLocal(forwarding.port, '/');
        expect(page.status).toBe(200);
        expect(page.headers.server).toMatch(/^nginx\//);
        expect(page.body).toContain('<title>Welcome to nginx!</title>');
        const missing = await fetchLocal(forwarding.port, '/nope');
        expect(missing.status).toBe(404);
        await until(() => forwarding.output().split('Handling connection').length === 3);
        expect(forwarding.output().match(/^Handling connection for \d+$/gm)).toHaveLength(2);
        expect(forwarding.output()).not.toContain('error');
        expect(requests.filter((line) => line.includes('/portforward'))).toEqual([upgrade]);
      } finally {
        await forwarding.stop();
      }
    }, 20_000);
  }

  it('reports a port nothing listens on as the kubelet does, and stops', async () => {
    const forwarding = await portForward(81);
    try {
      const answer = await fetchLocal(forwarding.port, '/');
      expect(answer.status).toBeUndefined();
      await until(() => forwarding.output().includes('lost connection to pod'));
      expect(forwarding.output()).toMatch(
        /"Unhandled Error" err="an error occurred forwarding \d+ -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\"\/var\/run\/netns\/cni-[0-9a-f-]{36}\\": failed to connect to localhost:81 inside namespace \\"[0-9a-f]{64}\\", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused "/,
      );
      expect(forwarding.output()).toContain('error: lost connection to pod');
    } finally {
      await forwarding.stop();
    }
  }, 20_000);
});

describe.skipIf(realKubectlInstalled())('kubectl port-forward', () => {
  it('skipped: /usr/bin/kubectl not installed', () => {
    console.log('skipped: /usr/bin/kubectl not installed');
  });
});

describe('the port-forward upgrade', () => {
  /** The status a WebSocket handshake asking for `protocol` gets. */
  const handshake = (protocol: string, token: string) =>
    new Promise<{ status: number; protocol?: string }>((resolve, reject) => {
      const req = request(new URL('/api/v1/namespaces/default/pods/web/portforward', server.url), {
        ca: server.certificate,
        headers: {
          authorization: `Bearer ${token}`,
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'sec-websocket-protocol': protocol,
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, protocol: res.headers['sec-websocket-protocol'] as string | undefined });
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0 });
      });
      req.on('error', reject);
      req.end();
    });

  it('accepts SPDY tunnelled through a WebSocket, naming the subprotocol', async () => {
    expect(await handshake('SPDY/3.1+portforward.k8s.io', server.token)).toEqual({ status: 101, protocol: 'SPDY/3.1+portforward.k8s.io' });
  });

  it('refuses a WebSocket without the tunnelling subprotocol, and a missing token', async () => {
    expect((await handshake('v5.channel.k8s.io', server.token)).status).toBe(400);
    expect((await handshake('SPDY/3.1+portforward.k8s.io', 'wrong')).status).toBe(401);
  });

  it('ends a SPDY connection that sends a frame larger than SPDY allows, and keeps serving', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(new URL(server.url).port), ca: server.certificate, servername: '127.0.0.1' }, () => {
        socket.write(
          `POST /api/v1/namespaces/default/pods/web/portforward HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${server.token}\r\n` +
            'Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n',
        );
      });
      let received = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        const upgraded = received.includes('\r\n\r\n');
        received = Buffer.concat([received, chunk]);
        // A SYN_STREAM claiming 16 MiB of payload.
        if (!upgraded && received.includes('\r\n\r\n')) socket.write(Buffer.from([0x80, 0x03, 0x00, 0x01, 0x00, 0xff, 0xff, 0xff]));
      });
      socket.on('close', () => resolve(received.toString('latin1')));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    // GOAWAY (type 7) before the connection ends.
    expect(answer.endsWith('\x80\x03\x00\x07\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00')).toBe(true);
    expect((await call(server, 'GET', '/version')).status).toBe(200);
  });
});
