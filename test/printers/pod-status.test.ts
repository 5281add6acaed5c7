import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { summarizePod } from '../../sim/kubectl/printers';
import { ago, makePod, NOW } from './fixtures';

function withStatuses(pod: KubeObject, changes: { init?: unknown[]; containers?: unknown[]; spec?: Record<string, unknown>; status?: Record<string, unknown>; metadata?: Record<string, unknown> }): KubeObject {
  const copy: KubeObject = JSON.parse(JSON.stringify(pod));
  if (changes.init) copy.status.initContainerStatuses = changes.init;
  if (changes.containers) copy.status.containerStatuses = changes.containers;
  Object.assign(copy.spec, changes.spec ?? {});
  Object.assign(copy.status, changes.status ?? {});
  Object.assign(copy.metadata, changes.metadata ?? {});
  return copy;
}

function cs(name: string, state: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, image: 'busybox', imageID: '', ready: false, restartCount: 0, lastState: {}, state, ...extra };
}

const base = makePod({ name: 'p', ready: false });
const twoInits = { initContainers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] };
const initFalse = { conditions: [{ type: 'Initialized', status: 'False' }] };

describe('pod STATUS, READY and RESTARTS as kubectl get pods shows them', () => {
  it.each<[string, KubeObject, string, string, string]>([
    ['unscheduled', makePod({ name: 'p', scheduled: false }), 'Pending', '0/1', '0'],
    ['container creating', withStatuses(base, { containers: [cs('app', { waiting: { reason: 'ContainerCreating' } })], status: { phase: 'Pending' } }), 'ContainerCreating', '0/1', '0'],
    ['first init running', withStatuses(base, { spec: twoInits, init: [cs('a', { running: {} }), cs('b', { waiting: { reason: 'PodInitializing' } })], containers: [cs('app', { waiting: { reason: 'PodInitializing' } })], status: { phase: 'Pending', ...initFalse } }), 'Init:0/2', '0/1', '0'],
    ['second init running', withStatuses(base, { spec: twoInits, init: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } }), cs('b', { running: {} })], status: { phase: 'Pending', ...initFalse } }), 'Init:1/2', '0/1', '0'],
    ['init failed', withStatuses(base, { spec: twoInits, init: [cs('a', { terminated: { exitCode: 1, reason: 'Error' } }, { restartCount: 2 })], status: { phase: 'Pending', ...initFalse } }), 'Init:Error', '0/1', '2'],
    ['init crash loop', withStatuses(base, { spec: twoInits, init: [cs('a', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, finishedAt: ago(45) } } })], status: { phase: 'Pending', ...initFalse } }), 'Init:CrashLoopBackOff', '0/1', '3 (45s ago)'],
    ['init killed by a signal', withStatuses(base, { spec: twoInits, init: [cs('a', { terminated: { exitCode: 137, signal: 9 } })], status: { phase: 'Pending', ...initFalse } }), 'Init:Signal:9', '0/1', '0'],
    ['init exit code without reason', withStatuses(base, { spec: twoInits, init: [cs('a', { terminated: { exitCode: 3 } })], status: { phase: 'Pending', ...initFalse } }), 'Init:ExitCode:3', '0/1', '0'],
    ['image pull error', withStatuses(base, { containers: [cs('app', { waiting: { reason: 'ErrImagePull' } })], status: { phase: 'Pending' } }), 'ErrImagePull', '0/1', '0'],
    ['image pull back-off', withStatuses(base, { containers: [cs('app', { waiting: { reason: 'ImagePullBackOff' } })], status: { phase: 'Pending' } }), 'ImagePullBackOff', '0/1', '0'],
    ['running, readiness failing', withStatuses(base, { containers: [cs('app', { running: {} })] }), 'Running', '0/1', '0'],
    ['OOM killed', withStatuses(base, { containers: [cs('app', { terminated: { exitCode: 137, reason: 'OOMKilled' } }, { restartCount: 1, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: ago(150) } } })] }), 'OOMKilled', '0/1', '1 (2m30s ago)'],
    ['completed', withStatuses(base, { containers: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })], status: { phase: 'Succeeded' } }), 'Completed', '0/1', '0'],
    ['failed', withStatuses(base, { containers: [cs('app', { terminated: { exitCode: 1, reason: 'Error' } })], status: { phase: 'Failed' } }), 'Error', '0/1', '0'],
    ['one done, one running, pod ready', withStatuses(base, { spec: { containers: [{ name: 'a' }, { name: 'b' }] }, containers: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } }), cs('b', { running: {} }, { ready: true })], status: { conditions: [{ type: 'Ready', status: 'True' }] } }), 'Running', '1/2', '0'],
    ['one done, one running, pod not ready', withStatuses(base, { spec: { containers: [{ name: 'a' }, { name: 'b' }] }, containers: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } }), cs('b', { running: {} }, { ready: true })], status: { conditions: [{ type: 'Ready', status: 'False' }] } }), 'NotReady', '1/2', '0'],
    ['lowest index wins', withStatuses(base, { spec: { containers: [{ name: 'a' }, { name: 'b' }] }, containers: [cs('a', { waiting: { reason: 'CrashLoopBackOff' } }), cs('b', { waiting: { reason: 'ImagePullBackOff' } })] }), 'CrashLoopBackOff', '0/2', '0'],
    ['terminated by a signal', withStatuses(base, { containers: [cs('app', { terminated: { exitCode: 143, signal: 15 } })] }), 'Signal:15', '0/1', '0'],
    ['terminating', withStatuses(base, { containers: [cs('app', { running: {} }, { ready: true })], metadata: { deletionTimestamp: ago(-30) } }), 'Terminating', '1/1', '0'],
    ['node lost', withStatuses(base, { containers: [cs('app', { running: {} }, { ready: true })], metadata: { deletionTimestamp: ago(-30) }, status: { reason: 'NodeLost' } }), 'Unknown', '1/1', '0'],
    ['deleted after it succeeded', withStatuses(base, { containers: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })], metadata: { deletionTimestamp: ago(-30) }, status: { phase: 'Succeeded' } }), 'Completed', '0/1', '0'],
    ['evicted', withStatuses(makePod({ name: 'p', scheduled: false }), { status: { phase: 'Failed', reason: 'Evicted' } }), 'Evicted', '0/1', '0'],
    ['scheduling gated', withStatuses(makePod({ name: 'p', scheduled: false }), { status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } }), 'SchedulingGated', '0/1', '0'],
    [
      'sidecar started and ready',
      withStatuses(base, {
        spec: { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] },
        init: [cs('proxy', { running: {} }, { started: true, ready: true, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(20) } } })],
        containers: [cs('app', { running: {} }, { ready: true })],
        status: { conditions: [{ type: 'Initialized', status: 'True' }] },
      }),
      'Running',
      '2/2',
      '1 (20s ago)',
    ],
  ])('%s', (_name, pod, status, ready, restarts) => {
    const summary = summarizePod(pod, NOW);
    expect(summary.status).toBe(status);
    expect(summary.ready).toBe(ready);
    expect(summary.restarts).toBe(restarts);
  });
});
