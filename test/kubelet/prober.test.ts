// The probe workers on their own: one per probe of a running container, ticking from its start,
// reporting a result once the probe's threshold is reached, as pkg/kubelet/prober's workers do.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sim/clock';
import type { Container } from '../../sim/api/types';
import type { ContainerInstance } from '../../sim/runtime/container';
import type { NetworkNamespace } from '../../sim/runtime/network';
import { ContainerRecord } from '../../sim/kubelet/container-record';
import { ContainerProbes } from '../../sim/kubelet/prober/prober-manager';
import type { ProbeHost } from '../../sim/kubelet/prober/worker';

const netns: NetworkNamespace = { inode: 1, ip: '10.244.1.5', listeners: new Map() };

/** A running container whose probe command answers from `answers` in turn (exit code, output). */
function fakeContainer(clock: VirtualClock, answers: [number, string][]) {
  let call = 0;
  const instance = {
    running: true,
    startedAt: clock.now(),
    filesStamp: () => call,
    readsOnlyFiles: () => false,
    probeExec: () => {
      const [exitCode, output] = answers[Math.min(call++, answers.length - 1)];
      return { exitCode, output, timedOut: false };
    },
  };
  return instance as unknown as ContainerInstance;
}

function setUp(spec: Container, answers: [number, string][]) {
  const clock = new VirtualClock(Date.parse('2026-01-15T09:00:00Z'));
  const record = new ContainerRecord(spec, false, 0, { waiting: { reason: 'ContainerCreating' } }, () => {});
  const instance = fakeContainer(clock, answers);
  record.instance = instance;
  const log: string[] = [];
  const host: ProbeHost = {
    now: () => clock.now(),
    kubeletRunning: () => true,
    terminating: () => false,
    network: undefined as never,
    nodeNetns: netns,
    podNetns: () => netns,
    unhealthy: (_rec, message) => log.push(`${(clock.now() - instance.startedAt) / 1000}s Unhealthy: ${message}`),
    result: (_rec, worker, result) => log.push(`${(clock.now() - instance.startedAt) / 1000}s ${worker.kind} ${result}`),
  };
  const probes = new ContainerProbes(record, instance, clock, host);
  return { clock, record, probes, log };
}

const exec = (command: string[], extra: object = {}) => ({ exec: { command }, ...extra });

describe('probe workers', () => {
  it('report a liveness failure after failureThreshold failures in a row, with an Unhealthy event for each', () => {
    const { clock, log } = setUp(
      { name: 'app', image: 'busybox', livenessProbe: exec(['cat', '/tmp/healthy'], { periodSeconds: 5, failureThreshold: 2 }) },
      [[0, ''], [1, 'cat: can\'t open \'/tmp/healthy\': No such file or directory\n'], [0, ''], [1, 'gone'], [1, 'gone']],
    );
    clock.advanceBy(21_000);
    expect(log).toEqual([
      "0s liveness success",
      "5s Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
      '10s liveness success',
      '15s Unhealthy: Liveness probe failed: gone',
      '20s Unhealthy: Liveness probe failed: gone',
      '20s liveness failure',
    ]);
  });

  it('wait out initialDelaySeconds, and start liveness and readiness only once the startup probe passed', () => {
    const { clock, record, log } = setUp(
      {
        name: 'app',
        image: 'busybox',
        startupProbe: exec(['true'], { periodSeconds: 10, initialDelaySeconds: 15 }),
        readinessProbe: exec(['true'], { periodSeconds: 10 }),
      },
      [[0, '']],
    );
    expect(record.started).toBe(false);
    expect(record.ready).toBe(false);
    clock.advanceBy(11_000);
    expect(log).toEqual([]);
    clock.advanceBy(10_000);
    // The host sets `started` when told; until then readiness waits.
    expect(log).toEqual(['20s startup success']);
  });

  it('without a startup or readiness probe, the container is started and ready at once; stopping cancels the ticker', () => {
    const { clock, record, probes, log } = setUp({ name: 'app', image: 'busybox', livenessProbe: exec(['true'], { periodSeconds: 1 }) }, [[0, '']]);
    expect(record.started).toBe(true);
    expect(record.ready).toBe(true);
    clock.advanceBy(2500);
    expect(log).toHaveLength(3);
    probes.stop(false);
    clock.advanceBy(5000);
    expect(log).toHaveLength(3);
  });
});
