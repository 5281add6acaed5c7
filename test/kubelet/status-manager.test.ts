// The status manager on its own: it writes the PodStatus made from the containers' records, only
// when something changed, and a write costs what changed, not the size of the pod.
import { describe, expect, it } from 'vitest';
import { SimApiServer } from '../../sim/api/api-server';
import { SeededRandom } from '../../sim/random';
import type { Pod } from '../../sim/api/types';
import { ContainerRecord } from '../../sim/kubelet/container-record';
import { PodStatusManager } from '../../sim/kubelet/status-manager';

const now = Date.parse('2026-01-15T09:00:00Z');

function setUp(names: string[]) {
  const api = new SimApiServer(() => now, new SeededRandom(1));
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const pod = api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: { nodeName: 'node01', containers: names.map((name) => ({ name, image: 'nginx:1.27' })) },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-15T08:59:59Z' }] },
  }) as Pod;
  let status: PodStatusManager | undefined;
  const records = pod.spec.containers.map((c, i) => new ContainerRecord(c, false, i, { waiting: { reason: 'ContainerCreating' } }, (r) => status!.containerChanged(r)));
  status = new PodStatusManager(records, api, '192.168.1.11');
  const write = () => status!.write({ pod, podIP: '10.244.1.7', sandboxReady: true, initialized: true }, now);
  const stored = () => api.get('Pod', 'default', 'web') as Pod;
  const start = (i: number) => {
    records[i].state = { running: { startedAt: '2026-01-15T09:00:00Z' } };
    records[i].started = true;
    records[i].ready = true;
  };
  return { api, records, write, stored, start };
}

const ready = (pod: Pod) => pod.status!.conditions!.find((c) => c.type === 'Ready')!;

describe('the status manager', () => {
  it('lists unready containers in order and drops each as it becomes ready', () => {
    const { write, stored, start } = setUp(['a', 'b', 'c']);
    write();
    expect(stored().status!.phase).toBe('Pending');
    expect(ready(stored()).message).toBe('containers with unready status: [a b c]');
    start(0);
    write();
    // getPhase: a container still waiting keeps the pod Pending.
    expect(stored().status!.phase).toBe('Pending');
    expect(ready(stored()).message).toBe('containers with unready status: [b c]');
    start(2);
    write();
    expect(ready(stored()).message).toBe('containers with unready status: [b]');
    start(1);
    write();
    expect(stored().status!.phase).toBe('Running');
    expect(ready(stored())).toMatchObject({ status: 'True' });
    expect(ready(stored()).message).toBeUndefined();
    expect(stored().status!.containerStatuses!.map((s) => [s.name, s.ready])).toEqual([['a', true], ['b', true], ['c', true]]);
  });

  it('writes nothing when nothing changed, or when a container changed to what it already showed', () => {
    const { records, write, stored } = setUp(['a', 'b']);
    write();
    const version = stored().metadata.resourceVersion;
    write();
    expect(stored().metadata.resourceVersion).toBe(version);
    records[1].state = { waiting: { reason: 'ContainerCreating' } };
    write();
    expect(stored().metadata.resourceVersion).toBe(version);
    records[1].restartCount = 1;
    write();
    expect(stored().metadata.resourceVersion).not.toBe(version);
    expect(stored().status!.containerStatuses![1].restartCount).toBe(1);
  });

  it('keeps the statuses of unchanged containers as they were and the scheduler\'s condition', () => {
    const { write, stored, start } = setUp(['a', 'b']);
    write();
    const before = stored().status!.containerStatuses!;
    start(1);
    write();
    const after = stored().status!.containerStatuses!;
    expect(after[0]).toEqual(before[0]);
    expect(after[1].state).toEqual({ running: { startedAt: '2026-01-15T09:00:00Z' } });
    expect(stored().status!.conditions!.find((c) => c.type === 'PodScheduled')!.lastTransitionTime).toBe('2026-01-15T08:59:59Z');
  });

  it('after someone else wrote the status, compares all of it and writes the kubelet\'s view again', () => {
    const { api, write, stored } = setUp(['a']);
    write();
    const pod = stored();
    pod.status!.phase = 'Unknown';
    api.updateStatus(pod);
    expect(stored().status!.phase).toBe('Unknown');
    write();
    expect(stored().status!.phase).toBe('Pending');
  });
});
