// Workloads nothing can shortcut, for the engine benchmark: crash-looping restarts, httpGet and
// `sh -c` probes, an idle cluster, a mix of everything, and describe among many pods. Each
// function builds a fresh cluster, measures one thing and returns its figures.
import { performance } from 'node:perf_hooks';
import { createSession } from '../sim/session';
import { MemFs } from '../sim/fs/memfs';
import type { KubeObject } from '../sim/api/types';

const hourMs = 3_600_000;
type Session = ReturnType<typeof createSession>;

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const cpu = process.cpuUsage(start);
  return (cpu.user + cpu.system) / 1000;
}

/**
 * Wall and CPU time of `work`. The heap is collected first (the bench runs with --expose-gc), so
 * the figure holds the collection of the work's own garbage but not of the clusters built before it.
 */
function measure(work: () => void): { wallMs: number; cpuMs: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  work();
  return { wallMs: performance.now() - start, cpuMs: cpuMsSince(cpuStart) };
}

/**
 * Runs `run` once while the engine's code is still cold, then three times more, and returns the
 * first run and the later run with the median wall time. A learner's app runs the engine for hours
 * in one process, so the median is the steady cost; the first run shows what compiling adds.
 */
export function firstAndMedianOfThree<T extends { wallMs: number }>(run: () => T): { first: T; median: T } {
  const first = run();
  const runs = [run(), run(), run()];
  return { first, median: runs.sort((a, b) => a.wallMs - b.wallMs)[1] };
}

/** 20 busybox pods whose liveness probe never passes: killed, backed off and restarted for ever. */
const crashLoopDeployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'crashloop', namespace: 'default' },
  spec: {
    replicas: 20,
    selector: { matchLabels: { app: 'crashloop' } },
    template: {
      metadata: { labels: { app: 'crashloop' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'sleep 100000'],
            livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5, failureThreshold: 1 },
          },
        ],
      },
    },
  },
};

function nginxPod(i: number, probe: 'httpGet' | 'sh'): KubeObject {
  const handler = probe === 'httpGet' ? { httpGet: { path: '/', port: 80 } } : { exec: { command: ['sh', '-c', 'test -d /etc'] } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${probe === 'httpGet' ? 'web' : 'shell'}-${i}`, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', livenessProbe: { ...handler, periodSeconds: 5 } }] },
  };
}

function restarts(session: Session): number {
  let total = 0;
  for (const pod of session.api.list('Pod', 'default', { readOnly: true })) {
    for (const status of pod.status?.containerStatuses ?? []) total += status.restartCount ?? 0;
  }
  return total;
}

/** CPU per container restart: one virtual hour of the crash-looping Deployment, after its first ten minutes. */
export function crashLoopHour(): { wallMs: number; cpuMs: number; restarts: number; cpuPerRestartMs: number } {
  const session = createSession({ workspace: new MemFs() });
  session.api.create(crashLoopDeployment);
  session.clock.advanceBy(600_000);
  const before = restarts(session);
  const { wallMs, cpuMs } = measure(() => session.clock.advanceBy(hourMs));
  const count = restarts(session) - before;
  return { wallMs, cpuMs, restarts: count, cpuPerRestartMs: cpuMs / count };
}

/** CPU per probe: 100 nginx pods probed every 5 s for one virtual hour. */
export function probeHour(probe: 'httpGet' | 'sh'): { wallMs: number; cpuMs: number; probes: number; cpuPerProbeUs: number; running: number } {
  const session = createSession({ workspace: new MemFs() });
  for (let i = 0; i < 100; i++) session.api.create(nginxPod(i, probe));
  session.clock.advanceBy(60_000);
  const { wallMs, cpuMs } = measure(() => session.clock.advanceBy(hourMs));
  const probes = 100 * (hourMs / 5000);
  const running = session.api.list('Pod', 'default', { readOnly: true }).filter((p) => p.status?.phase === 'Running' && p.status?.containerStatuses?.[0].restartCount === 0).length;
  return { wallMs, cpuMs, probes, cpuPerProbeUs: (cpuMs * 1000) / probes, running };
}

/** A cluster running both probe workloads and the crash-looping Deployment, a minute after they were created. */
export function mixedCluster(): Session {
  const session = createSession({ workspace: new MemFs() });
  for (let i = 0; i < 100; i++) session.api.create(nginxPod(i, 'httpGet'));
  for (let i = 0; i < 100; i++) session.api.create(nginxPod(i, 'sh'));
  session.api.create(crashLoopDeployment);
  session.clock.advanceBy(60_000);
  return session;
}

/** Both probe workloads and the crash-looping Deployment in one cluster: virtual time per wall time. */
export function mixedHour(): { wallMs: number; cpuMs: number; ratio: number } {
  const session = mixedCluster();
  const figures = measure(() => session.clock.advanceBy(hourMs));
  return { ...figures, ratio: hourMs / figures.wallMs };
}

/** A fresh cluster with nothing of the learner's in it, left for one virtual hour. */
export function idleHour(): { wallMs: number; cpuMs: number } {
  const session = createSession({ workspace: new MemFs() });
  session.clock.advanceBy(60_000);
  return measure(() => session.clock.advanceBy(hourMs));
}

/** `kubectl describe pod` of one pod among 1,000 with a few Events each: median of 40. */
export function describeAmongThousand(): { wallMs: number; cpuMs: number; events: number } {
  const session = createSession({ workspace: new MemFs() });
  for (let i = 0; i < 1000; i++) {
    session.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });
  }
  session.clock.advanceBy(30_000);
  const terminal = session.openTerminal();
  const samples: { wallMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < 40; i++) {
    let out = '';
    samples.push(
      measure(() => {
        const run = terminal.execute(`kubectl describe pod pod-${(i * 37) % 1000}`, (s) => (out += s));
        if (!run.done) throw new Error('describe did not finish at once');
      }),
    );
    if (!out.includes('default-scheduler')) throw new Error('describe printed no events');
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)), events: session.api.list('Event', 'default', { readOnly: true }).length };
}
