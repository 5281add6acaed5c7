// Random sequences of what learners and lessons do to a cluster, with time passing in between:
// the cluster's invariants hold after every step and every controller converges in the end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isApiError } from '../../sim/api/errors';
import type { KubeObject } from '../../sim/api/types';
import { createSession, type SimSession } from '../../sim/session';
import { MemFs } from '../../sim/fs/memfs';
import { convergenceProblems, InvariantWatcher } from './cluster-invariants';

export const operationSequenceRuns = 40;
const workerNodes = ['node01', 'node02'];

type Operation =
  | { op: 'deployment'; index: number; replicas: number }
  | { op: 'delete-deployment'; index: number }
  | { op: 'job'; index: number; completions: number; fails: boolean }
  | { op: 'daemonset' }
  | { op: 'delete-daemonset' }
  | { op: 'service'; index: number }
  | { op: 'delete-service'; index: number }
  | { op: 'crashing-pod'; index: number }
  | { op: 'oom-pod'; index: number }
  | { op: 'delete-pod'; index: number; force: boolean }
  | { op: 'stop-kubelet'; node: string }
  | { op: 'start-kubelet'; node: string }
  | { op: 'wait'; seconds: number };

const index = fc.integer({ min: 0, max: 2 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('deployment' as const), index, replicas: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete-deployment' as const), index }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('job' as const), index, completions: fc.integer({ min: 1, max: 3 }), fails: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('daemonset' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete-daemonset' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('service' as const), index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete-service' as const), index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('crashing-pod' as const), index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('oom-pod' as const), index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete-pod' as const), index, force: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stop-kubelet' as const), node: fc.constantFrom(...workerNodes) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('start-kubelet' as const), node: fc.constantFrom(...workerNodes) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('wait' as const), seconds: fc.integer({ min: 0, max: 400 }) }) },
);

const requests = { requests: { cpu: '100m', memory: '64Mi' } };

function deployment(index: number, replicas: number): KubeObject {
  const app = `web${index}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: requests, readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }] },
      },
    },
  };
}

function job(index: number, completions: number, fails: boolean): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `job${index}`, namespace: 'default' },
    spec: {
      completions,
      backoffLimit: 1,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', fails ? 'sleep 2; exit 1' : 'sleep 3'], resources: requests }] } },
    },
  };
}

function daemonSet(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 86400'], resources: requests }] } },
    },
  };
}

function service(index: number): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: `web${index}`, namespace: 'default' }, spec: { selector: { app: `web${index}` }, ports: [{ port: 80 }] } };
}

function pod(name: string, container: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: name } }, spec: { containers: [{ name: 'main', ...container }] } };
}

function createOrReplace(session: SimSession, object: KubeObject): void {
  try {
    session.api.create(object);
  } catch (error) {
    if (!isApiError(error) || error.reason !== 'AlreadyExists') throw error;
    const existing = session.api.get(object.kind, object.metadata.namespace, object.metadata.name!);
    session.api.update({ ...existing, spec: { ...existing.spec, ...(object.kind === 'Deployment' ? { replicas: object.spec.replicas } : {}) } });
  }
}

function apply(session: SimSession, operation: Operation): void {
  const nodes = session.currentCluster.nodes;
  try {
    switch (operation.op) {
      case 'deployment':
        return createOrReplace(session, deployment(operation.index, operation.replicas));
      case 'delete-deployment':
        session.api.delete('Deployment', 'default', `web${operation.index}`);
        return;
      case 'job':
        session.api.create(job(operation.index, operation.completions, operation.fails));
        return;
      case 'daemonset':
        session.api.create(daemonSet());
        return;
      case 'delete-daemonset':
        session.api.delete('DaemonSet', 'default', 'agent');
        return;
      case 'service':
        session.api.create(service(operation.index));
        return;
      case 'delete-service':
        session.api.delete('Service', 'default', `web${operation.index}`);
        return;
      case 'crashing-pod':
        session.api.create(pod(`crash${operation.index}`, { image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; exit 1'], resources: requests }));
        return;
      case 'oom-pod':
        session.api.create(pod(`oom${operation.index}`, { image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], resources: { requests: { cpu: '100m', memory: '50Mi' }, limits: { memory: '100Mi' } } }));
        return;
      case 'delete-pod': {
        const name = [`crash${operation.index}`, `oom${operation.index}`][operation.index % 2];
        session.api.delete('Pod', 'default', name, operation.force ? { gracePeriodSeconds: 0 } : {});
        return;
      }
      case 'stop-kubelet':
        nodes.get(operation.node)?.stopKubelet();
        return;
      case 'start-kubelet':
        nodes.get(operation.node)?.startKubelet();
        return;
      case 'wait':
        session.clock.advanceBy(operation.seconds * 1000);
        return;
    }
  } catch (error) {
    // AlreadyExists and NotFound are what a learner meets too; anything else is a real failure
    if (!isApiError(error)) throw error;
  }
}

describe('cluster invariants under random operations', () => {
  it(`hold after every step and controllers converge (${operationSequenceRuns} sequences)`, () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 3, maxLength: 16 }), fc.integer({ min: 1, max: 1000 }), (operations, seed) => {
        const session = createSession({ seed, workspace: new MemFs() });
        const watcher = new InvariantWatcher(session.api);
        for (const operation of operations) {
          apply(session, operation);
          session.clock.advanceBy(1000);
          expect(watcher.check(), `after ${JSON.stringify(operation)}`).toEqual([]);
        }
        for (const node of workerNodes) session.currentCluster.nodes.get(node)?.startKubelet();
        session.clock.advanceBy(15 * 60 * 1000);
        expect(watcher.check()).toEqual([]);
        expect(convergenceProblems(session.api), JSON.stringify(operations)).toEqual([]);
      }),
      { numRuns: operationSequenceRuns, seed: Number(process.env.PODLAB_PROPERTY_SEED ?? 4242) },
    );
  });

  it('the convergence check sees a cluster that has not settled yet', () => {
    const session = createSession({ workspace: new MemFs() });
    session.api.create(deployment(0, 3));
    session.api.create(service(0));
    session.api.create(daemonSet());
    session.clock.advanceBy(1000);
    expect(convergenceProblems(session.api)).toEqual([
      'deployment web0: 0 ready of 3 pods, wanted 3',
      'deployment web0: status.readyReplicas undefined, wanted 3',
      'daemonset agent: 1 pods on node01',
      'daemonset agent: 1 pods on node02',
    ]);
    session.clock.advanceBy(120_000);
    expect(convergenceProblems(session.api)).toEqual([]);
    session.currentCluster.nodes.get('node01')!.stopKubelet();
    session.clock.advanceBy(60_000);
    // node01 is NotReady: its pods are no longer ready, so endpoints and the deployment fall short
    expect(convergenceProblems(session.api).length).toBeGreaterThan(0);
    session.clock.advanceBy(340_000);
    // evicted after 300 s and replaced on node02; node01 is tainted, so no DaemonSet pod is due there
    expect(convergenceProblems(session.api)).toEqual([]);
    const ready = session.api.list('Pod', 'default', { labelSelector: 'app=web0' }).filter((p) => !p.metadata.deletionTimestamp);
    expect(ready.map((p) => p.spec.nodeName)).toEqual(['node02', 'node02', 'node02']);
  });
});
