// The served API across a message port (server/api-bridge.ts), as the desktop app runs it: the
// answers are those of the handler in the same process, byte for byte; when the page goes away,
// what waits gets the API server's 503 and open watches end; and what runs in the page imports
// nothing from Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, type SimSession } from '../../sim/session';
import { KubeApiHandler } from '../../server/api-handler';
import { BridgedBackend, emitterPort, serveOverPort, type ToPage, type ToTransport } from '../../server/api-bridge';
import { KubeApiTransport } from '../../server/kube-api-transport';
import { KubeApiServer } from '../../server/kube-api-server';
import { importGraph, repoRoot } from '../structure/import-graph';
import { call, openStream } from './client';

let session: SimSession;
let transport: KubeApiTransport;
let stopPage: () => void;

beforeEach(async () => {
  session = createSession({ seed: 4 });
  const { port1, port2 } = new MessageChannel();
  stopPage = serveOverPort(new KubeApiHandler(session), emitterPort<ToTransport, ToPage>(port2));
  transport = new KubeApiTransport({ backend: new BridgedBackend(emitterPort<ToPage, ToTransport>(port1)) });
  await transport.listen();
});

afterEach(async () => {
  stopPage();
  await transport.close();
});

const pod = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('the API across the bridge', () => {
  it('answers as the handler in the same process does', async () => {
    const local = new KubeApiServer({ session: createSession({ seed: 4 }) });
    await local.listen();
    try {
      for (const server of [transport, local]) {
        expect((await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web') })).status).toBe(201);
      }
      for (const [path, accept] of [
        ['/api/v1/namespaces/default/pods/web', 'application/json'],
        ['/api/v1/namespaces/default/pods', 'application/json;as=Table;v=v1;g=meta.k8s.io'],
        ['/api/v1/namespaces/default/pods/nope', 'application/json'],
        ['/apis', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'],
      ]) {
        const [bridged, direct] = await Promise.all([transport, local].map((server) => call(server, 'GET', path, { headers: { accept } })));
        expect(bridged.status).toBe(direct.status);
        expect(bridged.headers['content-type']).toBe(direct.headers['content-type']);
        expect(bridged.text).toBe(direct.text);
      }
      const refused = await call(transport, 'GET', '/api/v1/pods', { token: 'wrong' });
      expect(refused.status).toBe(401);
    } finally {
      await local.close();
    }
  });

  it('writes into the page\'s session, which tells its listeners (the cluster view, the grader)', async () => {
    const changes: boolean[] = [];
    const stop = session.onChange((change) => changes.push(change.objects));
    await call(transport, 'POST', '/api/v1/namespaces/default/pods', { body: pod('from-outside') });
    stop();
    expect(session.api.get('Pod', 'default', 'from-outside').metadata.name).toBe('from-outside');
    expect(changes).toContain(true);
  });

  it('streams a watch and ends it when the page goes away; later requests get 503', async () => {
    const watch = openStream(transport, '/api/v1/namespaces/default/pods?watch=true');
    await call(transport, 'POST', '/api/v1/namespaces/default/pods', { body: pod('seen') });
    await watch.until((text) => text.includes('"ADDED"'));
    expect(transport.openStreams).toBe(1);
    stopPage();
    await watch.ended;
    const after = await call(transport, 'GET', '/api/v1/namespaces/default/pods');
    expect(after.status).toBe(503);
    expect(after.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'ServiceUnavailable', code: 503 });
  });
});

describe('the code that runs in the page', () => {
  it('imports nothing from Node, nor the WebSocket library', () => {
    const graph = importGraph(['server', 'sim', 'lab', 'renderer', 'electron']);
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const next of graph.get(file) ?? []) visit(next);
    };
    visit('renderer/desktop/own-kubectl.ts');
    expect(reached).toContain('server/api-handler.ts');
    expect(reached).toContain('server/exec-session.ts');
    expect(reached).toContain('server/port-forward-streams.ts');
    const outside = [...reached].filter((file) => /from\s+['"](node:[^'"]+|ws)['"]/.test(readFileSync(join(repoRoot, file), 'utf8')));
    expect(outside).toEqual([]);
  });
});
