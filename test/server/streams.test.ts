// Watches and followed logs on the served API: what `kubectl get -w`, `rollout status`, `wait`
// and `logs -f` receive, and what happens to them when an exercise rebuilds the cluster.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, type SimSession } from '../../sim/session';
import { KubeApiServer, setBookmarkInterval } from '../../server/kube-api-server';
import { call, openStream } from './client';

let session: SimSession;
let server: KubeApiServer;

beforeEach(async () => {
  session = createSession({ seed: 3 });
  server = new KubeApiServer({ session });
  await server.listen();
});

afterEach(() => server.close());

const pod = (name: string, command?: string[]) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox', ...(command ? { command } : {}) }] } });

const events = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line));

describe('watch', () => {
  it('sends what changed after the list it continues, as JSON lines', async () => {
    const list = (await call(server, 'GET', '/api/v1/namespaces/default/pods')).json();
    const watch = openStream(server, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`);
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('one') });
    const text = await watch.until((t) => t.includes('"ADDED"'));
    expect(events(text)[0]).toMatchObject({ type: 'ADDED', object: { kind: 'Pod', metadata: { name: 'one' } } });
    session.clock.advanceBy(10_000);
    const later = await watch.until((t) => events(t).some((e) => e.type === 'MODIFIED' && e.object.status?.phase === 'Running'));
    expect(events(later).every((e) => e.object.metadata.name === 'one')).toBe(true);
    watch.close();
    expect(server.openStreams === 0 || (await watch.ended, true)).toBe(true);
  });

  it('starts with the current objects when no resourceVersion is given, filtered by the field selector', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('a') });
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('b') });
    const watch = openStream(server, '/api/v1/namespaces/default/pods?watch=1&fieldSelector=metadata.name%3Db');
    const text = await watch.until((t) => t.includes('\n'));
    expect(events(text).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED b']);
    watch.close();
  });

  it('sends Table rows to kubectl get -w, column definitions only in the first', async () => {
    const watch = openStream(server, '/api/v1/namespaces/default/pods?watch=true', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('t') });
    session.clock.advanceBy(5_000);
    const text = await watch.until((t) => events(t).length >= 2);
    const [first, second] = events(text);
    expect(first.object.kind).toBe('Table');
    expect(first.object.columnDefinitions[0].name).toBe('Name');
    expect(first.object.rows[0].cells[0]).toBe('t');
    expect(second.object.columnDefinitions).toBeUndefined();
    watch.close();
  });

  it('sends bookmarks with the resourceVersion reached, when the client allows them', async () => {
    setBookmarkInterval(50);
    try {
      await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('marked') });
      const created = (await call(server, 'GET', '/api/v1/namespaces/default/pods/marked')).json();
      const watch = openStream(server, `/api/v1/namespaces/default/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${created.metadata.resourceVersion}`);
      const text = await watch.until((t) => t.includes('BOOKMARK'));
      const bookmark = events(text).find((e) => e.type === 'BOOKMARK');
      expect(bookmark.object.kind).toBe('Pod');
      expect(Number(bookmark.object.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(created.metadata.resourceVersion));
      watch.close();
    } finally {
      setBookmarkInterval(60_000);
    }
  });

  it('ends when the timeout asked for has passed', async () => {
    const watch = openStream(server, '/api/v1/pods?watch=true&timeoutSeconds=1');
    await watch.ended;
    expect(server.openStreams).toBe(0);
  });

  it('ends when an exercise rebuilds the cluster, so clients list again', async () => {
    const watch = openStream(server, '/api/v1/pods?watch=true&resourceVersion=1');
    await new Promise((r) => setTimeout(r, 50));
    expect(server.openStreams).toBe(1);
    session.reset();
    await watch.ended;
    expect(server.openStreams).toBe(0);
  });

  it('serves a hundred watches at once and lets them all go', async () => {
    const watches = Array.from({ length: 100 }, () => openStream(server, '/api/v1/pods?watch=true&resourceVersion=1'));
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('many') });
    await Promise.all(watches.map((w) => w.until((t) => t.includes('"many"'))));
    for (const w of watches) w.close();
    await Promise.all(watches.map((w) => w.ended));
    const deadline = Date.now() + 2000;
    while (server.openStreams > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(server.openStreams).toBe(0);
  });
});

describe('logs', () => {
  it('answers a container that has not started with the API server\'s BadRequest', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('fresh') });
    const answer = await call(server, 'GET', '/api/v1/namespaces/default/pods/fresh/log');
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ reason: 'BadRequest', message: 'container "c" in pod "fresh" is waiting to start: ContainerCreating' });
  });

  it('returns the log, its tail, and follows it until the container ends', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('talker', ['sh', '-c', 'for i in 1 2 3; do echo line $i; sleep 2; done']) });
    session.clock.advanceBy(4_000);
    const tail = await call(server, 'GET', '/api/v1/namespaces/default/pods/talker/log?tailLines=1');
    expect(tail.text).toMatch(/^line \d\n$/);
    const follow = openStream(server, '/api/v1/namespaces/default/pods/talker/log?follow=true');
    await follow.until((t) => t.startsWith('line 1\n'));
    session.clock.advanceBy(20_000);
    await follow.ended;
    expect(follow.text()).toBe('line 1\nline 2\nline 3\n');
  });
});

describe('proxy', () => {
  it('reaches a pod and a service from the node, and says so when nothing listens', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'site', labels: { app: 'site' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }),
    });
    await call(server, 'POST', '/api/v1/namespaces/default/services', {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'site' }, spec: { selector: { app: 'site' }, ports: [{ port: 80 }] } }),
    });
    session.clock.advanceBy(30_000);
    const pod = await call(server, 'GET', '/api/v1/namespaces/default/pods/site:80/proxy/');
    expect(pod.status).toBe(200);
    expect(pod.text).toContain('Welcome to nginx!');
    expect((await call(server, 'GET', '/api/v1/namespaces/default/services/site/proxy/')).text).toContain('Welcome to nginx!');
    const refused = await call(server, 'GET', '/api/v1/namespaces/default/pods/site:8080/proxy/');
    expect(refused.status).toBe(503);
    expect(refused.json().message).toMatch(/^error trying to reach service: dial tcp [\d.]+:8080: connect: connection refused$/);
  });
});
