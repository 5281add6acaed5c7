// A day in the life of a cluster left running: 24 virtual hours with churn (a Deployment rolling
// every hour, a CronJob every 5 minutes, crash-looping and OOM-killed pods, probes everywhere).
// Prints virtual hours per wall second and the heap each hour, to show memory stays flat once
// the cluster is steady. Not a test: run with `node --expose-gc --import tsx bench/long-run.ts`
// (or `npx tsx bench/long-run.ts`, without the forced collections).
import { performance } from 'node:perf_hooks';
import { createSession } from '../sim/session';
import { MemFs } from '../sim/fs/memfs';
import type { KubeObject } from '../sim/api/types';

const hours = Number(process.argv[2] ?? 24);
const stepMs = 60_000;
const hourMs = 3_600_000;

const probes = {
  readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
  livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
};

const workloads: KubeObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } }, ...probes }] } },
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ticker', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'ticker' } },
      template: {
        metadata: { labels: { app: 'ticker' } },
        spec: {
          containers: [
            {
              name: 'ticker',
              image: 'busybox:1.36',
              command: ['sh', '-c', 'touch /tmp/healthy; while true; do echo "tick $(date)"; sleep 1; done'],
              livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 },
              readinessProbe: { exec: { command: ['test', '-e', '/tmp/healthy'] }, periodSeconds: 5 },
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report', namespace: 'default' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'report', image: 'busybox:1.36', command: ['sh', '-c', 'echo report; sleep 20'] }] } } } },
    },
  },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crasher', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; sleep 30; exit 1'] }] } },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'leaky', namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' } } }] },
  },
];

const gc = (globalThis as { gc?: () => void }).gc;
function heapMiB(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const session = createSession({ workspace: new MemFs() });
for (const object of workloads) session.api.create(object);
session.clock.advanceBy(stepMs);

const count = (kind: string) => session.api.list(kind, undefined, { readOnly: true }).length;
const heapSamples: number[] = [];
let peakHeap = heapMiB();
const started = performance.now();
console.log('hour  wall s  heap MiB  pods  jobs  events  journal');
for (let hour = 1; hour <= hours; hour++) {
  // roll the web Deployment, as `kubectl rollout restart` does
  session.api.patch('Deployment', 'default', 'web', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': new Date(session.clock.now()).toISOString() } } } } });
  for (let elapsed = 0; elapsed < hourMs; elapsed += stepMs) {
    session.clock.advanceBy(stepMs);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed / 1024 / 1024);
  }
  const heap = heapMiB();
  heapSamples.push(heap);
  const wall = (performance.now() - started) / 1000;
  console.log(
    [String(hour).padStart(4), wall.toFixed(1).padStart(6), heap.toFixed(1).padStart(8), String(count('Pod')).padStart(4), String(count('Job')).padStart(4), String(count('Event')).padStart(6), String(session.snapshot().journal.length).padStart(7)].join('  '),
  );
}
const wallSeconds = (performance.now() - started) / 1000;
const steadyFrom = Math.min(3, heapSamples.length - 1);
const steady = heapSamples.slice(steadyFrom);
const growth = steady[steady.length - 1] - steady[0];
console.log('');
console.log(`virtual hours per wall second: ${(hours / wallSeconds).toFixed(2)} (${hours} h in ${wallSeconds.toFixed(1)} s)`);
console.log(`peak heap: ${peakHeap.toFixed(1)} MiB; steady heap from hour ${steadyFrom + 1}: ${steady[0].toFixed(1)} → ${steady[steady.length - 1].toFixed(1)} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MiB)${gc ? '' : ' (run with --expose-gc for exact figures)'}`);
const restarts = session.api.get('Pod', 'default', 'crasher').status?.containerStatuses?.[0].restartCount;
console.log(`crasher restarts: ${restarts}; web rollouts: ${hours}; pods now: ${count('Pod')}; jobs now: ${count('Job')}; events now: ${count('Event')}`);

// The app's clock driver advances the clock every 50 ms of wall time; an hour of that shows what
// the session keeps per advance (its undo/resume journal).
const journalBefore = session.snapshot().journal.length;
const heapBefore = heapMiB();
const uiStarted = performance.now();
for (let elapsed = 0; elapsed < hourMs; elapsed += 50) session.clock.advanceBy(50);
const uiWall = (performance.now() - uiStarted) / 1000;
const journalAfter = session.snapshot().journal.length;
console.log(
  `one more hour in 50 ms ticks (as the app's clock driver runs): ${uiWall.toFixed(1)} s wall, journal ${journalBefore} → ${journalAfter} entries, heap ${heapBefore.toFixed(1)} → ${heapMiB().toFixed(1)} MiB`,
);
