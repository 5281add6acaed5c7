// Bad input and faults: each gets the API server's own error and status code, nothing is left
// open, and the session keeps running.
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSession, type SimSession } from '../../sim/session';
import { KubeApiServer } from '../../server/kube-api-server';
import { call } from './client';

let session: SimSession;
let server: KubeApiServer;

beforeAll(async () => {
  session = createSession({ seed: 9 });
  server = new KubeApiServer({ session });
  await server.listen();
});

afterAll(() => server.close());

describe('bad input', () => {
  it('answers a YAML body that does not parse with 400', async () => {
    const answer = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', { body: 'kind: [ConfigMap\n  bad', headers: { 'content-type': 'application/yaml' } });
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
  });

  it('answers a body of another kind with 400', async () => {
    const answer = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }) });
    expect(answer.status).toBe(400);
    expect(answer.json().message).toBe('the API version in the data (apps/v1) does not match the expected API version (v1)');
  });

  it('answers unknown groups, versions and kinds with 404', async () => {
    for (const path of ['/apis/example.com/v1/widgets', '/api/v2/pods', '/apis/apps/v2/deployments', '/api/v1/namespaces/default/widgets']) {
      const answer = await call(server, 'GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.json().reason, path).toBe('NotFound');
    }
  });

  it('answers a selector it cannot parse with 400', async () => {
    const answer = await call(server, 'GET', '/api/v1/pods?labelSelector=app%3D%3D%3Dx');
    expect(answer.status).toBe(400);
    expect(answer.json().reason).toBe('BadRequest');
  });

  it('refuses a body over 3 MiB with 413', async () => {
    const answer = await call(server, 'POST', '/api/v1/namespaces/default/configmaps', { body: `{"data":{"a":"${'x'.repeat(3 * 1024 * 1024 + 10)}"}}` });
    expect(answer.status).toBe(413);
    expect(answer.json()).toMatchObject({ reason: 'RequestEntityTooLarge', code: 413 });
  });

  it('answers a method a path does not take with 405', async () => {
    expect((await call(server, 'PUT', '/api/v1/namespaces/default/pods', { body: '{}' })).status).toBe(405);
  });
});

describe('faults', () => {
  it('keeps running after a client disconnects in the middle of an exec', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box' }, spec: { containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }] } }),
    });
    session.clock.advanceBy(20_000);
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/box/exec?command=sleep&command=600&stdout=true`, ['v5.channel.k8s.io'], {
        ca: server.certificate,
        headers: { authorization: `Bearer ${server.token}` },
      });
      ws.on('open', () => setTimeout(() => ws.terminate(), 50));
      ws.on('close', () => resolve());
      ws.on('error', reject);
    });
    const deadline = Date.now() + 2000;
    while (server.openStreams > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(server.openStreams).toBe(0);
    session.clock.advanceBy(700_000);
    expect((await call(server, 'GET', '/api/v1/namespaces/default/pods/box')).json().status.phase).toBe('Running');
  });

  it('survives a client that sends garbage instead of HTTP', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: Number(new URL(server.url).port), ca: server.certificate, servername: 'localhost' }, () => {
        socket.write('\u0000\u0001 not http at all\r\n\r\n');
      });
      socket.on('data', () => {});
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    expect((await call(server, 'GET', '/version')).status).toBe(200);
  });
});
