import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { summarizePod } from '../../sim/kubectl/printers/pod-summary';
import { describeState } from '../../renderer/session/cluster-snapshot';
import { formatElapsed } from '../../renderer/session/clock-driver';

const pod = (status: Record<string, any>, extra: object = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', ...extra },
  spec: {
    initContainers: (status.initContainerStatuses ?? []).map((s: { name: string }) => ({ name: s.name, image: 'busybox' })),
    containers: (status.containerStatuses ?? [{ name: 'a' }]).map((s: { name: string }) => ({ name: s.name, image: 'nginx' })),
  },
  status,
});
/** The STATUS the cluster view shows: the one kubectl's pod row computes. */
const podStatusText = (object: KubeObject) => summarizePod(object, 0).status;

describe('pod STATUS text in the cluster view', () => {
  it('follows kubectl: waiting reasons win over the phase', () => {
    expect(podStatusText(pod({ phase: 'Running', containerStatuses: [{ name: 'a', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }))).toBe('CrashLoopBackOff');
    expect(podStatusText(pod({ phase: 'Running', containerStatuses: [{ name: 'a', ready: true, state: { running: {} } }] }))).toBe('Running');
    expect(podStatusText(pod({ phase: 'Pending', containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ContainerCreating' } } }] }))).toBe('ContainerCreating');
  });

  it('shows init progress and termination reasons', () => {
    expect(podStatusText(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { running: {} } }] }))).toBe('Init:0/1');
    expect(podStatusText(pod({ phase: 'Running', containerStatuses: [{ name: 'a', state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] }))).toBe('OOMKilled');
  });

  it('tells a container that completed (exit 0) from one that failed', () => {
    expect(describeState({ terminated: { reason: 'Completed', exitCode: 0 } })).toEqual({ state: 'completed', text: 'Terminated: Completed (0)' });
    expect(describeState({ terminated: { reason: 'Error', exitCode: 1 } })).toEqual({ state: 'terminated', text: 'Terminated: Error (1)' });
  });

  it('says Terminating once deletion started', () => {
    expect(podStatusText(pod({ phase: 'Running' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe('Terminating');
  });

  it('formats the virtual clock', () => {
    expect(formatElapsed(0)).toBe('00:00:00');
    expect(formatElapsed(3_725_999)).toBe('01:02:05');
  });
});
