// Writes through the served API are kept in the session's journal like the learner's command
// lines: undo takes them back one by one, in order with the commands, a saved session replays
// them, and a dry run leaves no trace.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, type SimSession } from '../../sim/session';
import { KubeApiServer } from '../../server/kube-api-server';
import { call } from './client';

let session: SimSession;
let server: KubeApiServer;

beforeEach(async () => {
  session = createSession({ seed: 8 });
  server = new KubeApiServer({ session });
  await server.listen();
});

afterEach(() => server.close());

const pod = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
const podNames = (from = session) => from.api.list('Pod', 'default').map((p) => p.metadata.name).sort();

function run(line: string): void {
  const terminal = session.terminalSessions()[0] ?? session.openTerminal();
  terminal.execute(line, () => {});
}

describe('writes from outside the terminal', () => {
  it('are undone one by one, in order with the command lines', async () => {
    expect((await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('outside') })).status).toBe(201);
    session.clock.advanceBy(5_000);
    run('kubectl run inside --image=nginx');
    session.clock.advanceBy(5_000);
    const patched = await call(server, 'PATCH', '/api/v1/namespaces/default/pods/outside', {
      body: JSON.stringify({ metadata: { labels: { tier: 'web' } } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(patched.status).toBe(200);
    expect((await call(server, 'DELETE', '/api/v1/namespaces/default/pods/inside?gracePeriodSeconds=0')).status).toBe(200);
    expect(podNames()).toEqual(['outside']);
    expect(session.snapshot().journal.filter((entry) => entry.kind === 'api').map((entry) => entry.kind === 'api' && entry.summary)).toEqual([
      'create pod/outside',
      'patch pod/outside',
      'delete pod/inside',
    ]);

    expect(session.undo()).toBe(true);
    expect(podNames()).toEqual(['inside', 'outside']);
    expect(session.api.get('Pod', 'default', 'outside').metadata.labels).toEqual({ tier: 'web' });
    expect(session.undo()).toBe(true);
    expect(session.api.get('Pod', 'default', 'outside').metadata.labels).toBeUndefined();
    expect(session.undo()).toBe(true);
    expect(podNames()).toEqual(['outside']);
    expect(session.undo()).toBe(true);
    expect(podNames()).toEqual([]);
    expect(session.undo()).toBe(false);
  });

  it('are replayed when a saved session is restored', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('kept') });
    const current = (await call(server, 'GET', '/api/v1/namespaces/default/pods/kept')).json();
    const updated = await call(server, 'PUT', '/api/v1/namespaces/default/pods/kept', {
      body: JSON.stringify({ ...current, metadata: { ...current.metadata, annotations: { note: 'from outside' } } }),
    });
    expect(updated.status).toBe(200);
    session.clock.advanceBy(10_000);
    const restored = createSession({ seed: 8 });
    restored.restore(session.snapshot());
    expect(podNames(restored)).toEqual(['kept']);
    expect(restored.api.get('Pod', 'default', 'kept').metadata.annotations).toEqual({ note: 'from outside' });
    expect(restored.api.get('Pod', 'default', 'kept').status?.phase).toBe(session.api.get('Pod', 'default', 'kept').status?.phase);
  });

  it('leave no trace as a dry run', async () => {
    expect((await call(server, 'POST', '/api/v1/namespaces/default/pods?dryRun=All', { body: pod('dry') })).status).toBe(201);
    expect(podNames()).toEqual([]);
    expect(session.snapshot().journal.some((entry) => entry.kind === 'api')).toBe(false);
    expect(session.undo()).toBe(false);
  });
});
