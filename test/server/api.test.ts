// The served Kubernetes API, seen by an HTTP client: the token, discovery, objects, the API
// server's Status errors and server-side printing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../sim/session';
import { KubeApiServer } from '../../server/kube-api-server';
import { call } from './client';

let server: KubeApiServer;
const session = createSession({ seed: 1 });

beforeAll(async () => {
  server = new KubeApiServer({ session });
  await server.listen();
});

afterAll(() => server.close());

const pod = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, ...extra });

describe('the bearer token', () => {
  it('refuses a request without it with the API server\'s 401 Status', async () => {
    const answer = await call(server, 'GET', '/api/v1/pods', { token: null });
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });
  });

  it('refuses a wrong token', async () => {
    expect((await call(server, 'GET', '/version', { token: 'guess' })).status).toBe(401);
  });

  it('listens on the loopback interface only', () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('discovery', () => {
  it('reports Kubernetes 1.32', async () => {
    expect((await call(server, 'GET', '/version')).json()).toMatchObject({ major: '1', minor: '32' });
  });

  it('answers aggregated discovery when kubectl asks for it', async () => {
    const answer = await call(server, 'GET', '/apis', { headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    expect(answer.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const apps = answer.json().items.find((g: any) => g.metadata.name === 'apps');
    const deployments = apps.versions[0].resources.find((r: any) => r.resource === 'deployments');
    expect(deployments).toMatchObject({ scope: 'Namespaced', shortNames: ['deploy'], categories: ['all'] });
    expect(deployments.subresources.map((s: any) => s.subresource)).toEqual(['scale', 'status']);
  });

  it('answers the older documents too', async () => {
    expect((await call(server, 'GET', '/api')).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const core = (await call(server, 'GET', '/api/v1')).json();
    expect(core.resources.find((r: any) => r.name === 'pods')).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'] });
    expect(core.resources.some((r: any) => r.name === 'pods/log')).toBe(true);
    expect((await call(server, 'GET', '/apis/nothing.example.com/v1')).status).toBe(404);
  });
});

describe('objects', () => {
  it('creates, reads and lists with selectors', async () => {
    const created = await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('alpha') });
    expect(created.status).toBe(201);
    expect(created.json().metadata).toMatchObject({ name: 'alpha', namespace: 'default' });
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('beta') });
    const got = (await call(server, 'GET', '/api/v1/namespaces/default/pods/alpha')).json();
    expect(got).toMatchObject({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'alpha' } });
    const list = (await call(server, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dbeta')).json();
    expect(list.kind).toBe('PodList');
    expect(list.items.map((p: any) => p.metadata.name)).toEqual(['beta']);
    const byField = (await call(server, 'GET', '/api/v1/pods?fieldSelector=metadata.name%3Dalpha')).json();
    expect(byField.items.map((p: any) => p.metadata.name)).toEqual(['alpha']);
  });

  it('answers NotFound, AlreadyExists and Invalid as the API server does', async () => {
    const missing = await call(server, 'GET', '/api/v1/namespaces/default/pods/nope');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'pods' }, code: 404 });
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('gamma') });
    const again = await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('gamma') });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'AlreadyExists', message: 'pods "gamma" already exists' });
    const invalid = await call(server, 'POST', '/api/v1/namespaces/default/pods', {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'delta' }, spec: { containers: [{ name: 'c' }] } }),
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json()).toMatchObject({
      reason: 'Invalid',
      message: 'The Pod "delta" is invalid: spec.containers[0].image: Required value',
      details: { name: 'delta', kind: 'Pod', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }] },
    });
  });

  it('rejects a body that is not JSON with a 400 and keeps serving', async () => {
    const answer = await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: '{"kind": ' });
    expect(answer.status).toBe(400);
    expect(answer.json().reason).toBe('BadRequest');
    expect((await call(server, 'GET', '/version')).status).toBe(200);
  });

  it('stores nothing on a dry run', async () => {
    const answer = await call(server, 'POST', '/api/v1/namespaces/default/pods?dryRun=All', { body: pod('dry') });
    expect(answer.status).toBe(201);
    expect((await call(server, 'GET', '/api/v1/namespaces/default/pods/dry')).status).toBe(404);
  });

  it('patches with merge, strategic and JSON patches', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('patched') });
    const path = '/api/v1/namespaces/default/pods/patched';
    const merge = await call(server, 'PATCH', path, { body: '{"metadata":{"labels":{"tier":"web"}}}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(merge.json().metadata.labels).toEqual({ app: 'patched', tier: 'web' });
    const json = await call(server, 'PATCH', path, { body: '[{"op":"remove","path":"/metadata/labels/tier"}]', headers: { 'content-type': 'application/json-patch+json' } });
    expect(json.json().metadata.labels).toEqual({ app: 'patched' });
    const strategic = await call(server, 'PATCH', path, { body: '{"metadata":{"annotations":{"a":"b"}}}', headers: { 'content-type': 'application/strategic-merge-patch+json' } });
    expect(strategic.json().metadata.annotations).toEqual({ a: 'b' });
  });

  it('prints a list as a Table with the lab\'s columns', async () => {
    const answer = await call(server, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dalpha', {
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    const table = answer.json();
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c: any) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1', 'Nominated Node:1', 'Readiness Gates:1',
    ]);
    expect(table.rows[0].cells.slice(0, 2)).toEqual(['alpha', '0/1']);
    expect(table.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'alpha' } });
  });

  it('deletes, answering with the object still terminating', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('gone') });
    const answer = await call(server, 'DELETE', '/api/v1/namespaces/default/pods/gone', { body: '{"propagationPolicy":"Background"}' });
    expect(answer.text).toContain('"name":"gone"');
    expect(answer.status).toBe(200);
    expect((await call(server, 'DELETE', '/api/v1/namespaces/default/pods/never')).json().reason).toBe('NotFound');
  });
});

describe('the eviction subresource', () => {
  it('refuses with 429 and the budget as its cause while the budget allows nothing, and evicts once it does', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', { body: pod('guarded') });
    session.clock.advanceBy(20_000);
    const budget = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'guard' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'guarded' } } } };
    expect((await call(server, 'POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', { body: JSON.stringify(budget) })).status).toBe(201);
    const eviction = JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'guarded', namespace: 'default' } });
    const refused = await call(server, 'POST', '/api/v1/namespaces/default/pods/guarded/eviction', { body: eviction });
    expect(refused.status).toBe(429);
    expect(refused.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget guard needs 1 healthy pods and has 1 currently' }] },
      code: 429,
    });
    await call(server, 'PATCH', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/guard', { body: '{"spec":{"minAvailable":0}}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect((await call(server, 'POST', '/api/v1/namespaces/default/pods/guarded/eviction', { body: eviction })).status).toBe(201);
    expect((await call(server, 'GET', '/api/v1/namespaces/default/pods/guarded')).json().metadata.deletionTimestamp).toBeDefined();
  });
});

describe('server-side apply and unknown paths', () => {
  it('creates on the first apply and merges the configuration on the next', async () => {
    const path = '/api/v1/namespaces/default/configmaps/applied?fieldManager=kubectl';
    const headers = { 'content-type': 'application/apply-patch+yaml' };
    const first = await call(server, 'PATCH', path, { body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: "1"\n', headers });
    expect(first.status).toBe(201);
    const second = await call(server, 'PATCH', path, { body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: "2"\n', headers });
    expect(second.status).toBe(200);
    expect(second.json().data).toEqual({ a: '2' });
  });

  it('records the applier, refuses to take another manager\'s field with 409, and takes it with force', async () => {
    const path = '/api/v1/namespaces/default/configmaps/owned';
    const headers = { 'content-type': 'application/apply-patch+yaml' };
    const body = (value: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"owned"},"data":{"a":"${value}"}}`;
    expect((await call(server, 'PATCH', `${path}?fieldManager=first`, { body: body('1'), headers })).json().metadata.managedFields).toEqual([
      { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } }, manager: 'first', operation: 'Apply', time: expect.any(String) },
    ]);
    const refused = await call(server, 'PATCH', `${path}?fieldManager=second`, { body: body('2'), headers });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ reason: 'Conflict', message: 'Apply failed with 1 conflict: conflict with "first": .data.a' });
    const forced = await call(server, 'PATCH', `${path}?fieldManager=second&force=true`, { body: body('2'), headers });
    expect(forced.status).toBe(200);
    expect(forced.json().metadata.managedFields.map((entry: { manager: string }) => entry.manager)).toEqual(['second']);
    const unnamed = await call(server, 'PATCH', path, { body: body('3'), headers });
    expect(unnamed.status).toBe(422);
    expect(unnamed.json().message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });

  it('answers a path nothing is served at as kube-apiserver\'s not-found handler does', async () => {
    const answer = await call(server, 'GET', '/api/v1/namespaces/default/foos');
    expect(answer.status).toBe(404);
    expect(answer.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
    expect((await call(server, 'PATCH', '/api/v1/namespaces/default/pods/alpha/resize', { body: '{}', headers: { 'content-type': 'application/strategic-merge-patch+json' } })).status).toBe(404);
  });

  it('adds an ephemeral container through the ephemeralcontainers subresource, as kubectl debug patches it', async () => {
    const path = '/api/v1/namespaces/default/pods/alpha/ephemeralcontainers';
    const headers = { 'content-type': 'application/strategic-merge-patch+json' };
    const container = { name: 'debugger-abcde', image: 'busybox:1.28', stdin: true, tty: true, terminationMessagePolicy: 'File' };
    const added = await call(server, 'PATCH', path, { body: JSON.stringify({ spec: { ephemeralContainers: [container] } }), headers });
    expect(added.status).toBe(200);
    expect(added.json().spec.ephemeralContainers).toEqual([{ ...container, imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log' }]);
    const again = await call(server, 'PATCH', path, { body: JSON.stringify({ spec: { ephemeralContainers: [{ ...container, image: 'busybox:1.36' }] } }), headers });
    expect(again.status).toBe(422);
    expect(again.json().message).toBe('The Pod "alpha" is invalid: spec.ephemeralContainers[0]: Forbidden: existing ephemeral containers "debugger-abcde" may not be changed');
  });

  it('refuses a patch type it does not know with 415', async () => {
    const answer = await call(server, 'PATCH', '/api/v1/namespaces/default/pods/alpha', { body: '{}', headers: { 'content-type': 'text/plain' } });
    expect(answer.status).toBe(415);
    expect(answer.json().reason).toBe('UnsupportedMediaType');
  });
});

describe('reviews', () => {
  it('lets the learner do anything (kubectl auth can-i) and says who they are (auth whoami)', async () => {
    const access = await call(server, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      body: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'delete', resource: 'nodes' } } }),
    });
    expect(access.status).toBe(201);
    expect(access.json().status.allowed).toBe(true);
    const who = await call(server, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }) });
    expect(who.json().status.userInfo.username).toBe('podlab-learner');
  });

  it('answers them without listing them, so discovery shows what the lab cluster serves', async () => {
    const groups = (await call(server, 'GET', '/apis')).json().groups.map((g: any) => g.name);
    expect([...groups].sort()).toEqual(['apps', 'autoscaling', 'batch', 'coordination.k8s.io', 'discovery.k8s.io', 'metrics.k8s.io', 'policy', 'scheduling.k8s.io', 'storage.k8s.io']);
  });
});

describe('autoscaling/v1, the version kubectl autoscale writes', () => {
  it('is listed after the preferred v2, takes a v1 HPA and answers in v1, while v2 reads the same object', async () => {
    expect((await call(server, 'GET', '/apis/autoscaling')).json()).toMatchObject({
      versions: [{ groupVersion: 'autoscaling/v2' }, { groupVersion: 'autoscaling/v1' }],
      preferredVersion: { groupVersion: 'autoscaling/v2' },
    });
    const body = JSON.stringify({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
    });
    const created = await call(server, 'POST', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers', { body });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 } });
    const v2 = (await call(server, 'GET', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web')).json();
    expect(v2).toMatchObject({ apiVersion: 'autoscaling/v2', spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] } });
    expect(v2.spec.targetCPUUtilizationPercentage).toBeUndefined();
  });

  it('patches a v1 HPA in v1, as kubectl apply of a v1 manifest does', async () => {
    const path = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web';
    const patched = await call(server, 'PATCH', path, { body: '{"spec":{"targetCPUUtilizationPercentage":70}}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { targetCPUUtilizationPercentage: 70 } });
    const v2 = (await call(server, 'GET', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web')).json();
    expect(v2.spec.metrics[0].resource.target.averageUtilization).toBe(70);
  });
});
