// Engine benchmarks: printed figures, never timed tests. Run with `npm run bench`.
import { performance } from 'node:perf_hooks';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession } from '../sim/session';
import { MemFs } from '../sim/fs/memfs';
import { runScript } from '../cli/podlab';

function podManifest(i: number, probes: 'liveness' | 'both'): object {
  const container: Record<string, unknown> = {
    name: 'app',
    image: 'busybox:1.36',
    command: ['sh', '-c', 'touch /tmp/healthy; sleep 36000'],
    livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 },
  };
  if (probes === 'both') container.readinessProbe = { exec: { command: ['test', '-e', '/tmp/healthy'] }, periodSeconds: 5 };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `probe-${i}` }, spec: { containers: [container] } };
}

function probeHour(probes: 'liveness' | 'both'): { wallMs: number; ratio: number; running: number } {
  const session = createSession({ workspace: new MemFs() });
  for (let i = 0; i < 100; i++) session.api.create(podManifest(i, probes) as any);
  session.clock.advanceBy(60_000); // let them start
  const start = performance.now();
  session.clock.advanceBy(3_600_000);
  const wallMs = performance.now() - start;
  const running = session.api.list('Pod', 'default').filter((p) => p.status?.phase === 'Running').length;
  return { wallMs, ratio: 3_600_000 / wallMs, running };
}

function getPodsMedian(): number {
  const session = createSession({ workspace: new MemFs() });
  for (let i = 0; i < 1000; i++) {
    session.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } as any);
  }
  session.clock.advanceBy(30_000);
  const terminal = session.openTerminal();
  const samples: number[] = [];
  for (let i = 0; i < 40; i++) {
    let out = '';
    const start = performance.now();
    const run = terminal.execute('kubectl get pods -A', (s) => (out += s));
    if (!run.done) throw new Error('get pods did not finish at once');
    samples.push(performance.now() - start);
    if (i === 0 && out.split('\n').length < 1000) throw new Error('get pods printed too little');
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function dryRunScript(): string {
  const lines: string[] = [];
  for (let i = 0; i < 50; i++) lines.push(`kubectl create deployment web${i} --image=nginx:1.27 --replicas=${(i % 5) + 1} --dry-run=client -o yaml`);
  return lines.join('\n') + '\n';
}

function podlabVersusKubectl(): void {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-bench-'));
  const scriptPath = join(dir, 'script.sh');
  writeFileSync(scriptPath, dryRunScript());
  if (!existsSync('dist/podlab.mjs')) execFileSync(process.execPath, ['scripts/build-cli.mjs']);
  const start = performance.now();
  const podlab = spawnSync(process.execPath, ['bin/podlab.js', '--script', scriptPath, '--workspace', dir, '--state', join(dir, 'progress.json')], { encoding: 'utf8' });
  const podlabMs = performance.now() - start;
  console.log(`podlab --script, 50 client-side commands: ${podlabMs.toFixed(0)} ms (whole process)`);
  if (!existsSync('/usr/bin/kubectl')) {
    console.log('real kubectl: not installed here, comparison skipped');
    return;
  }
  let kubectlOut = '';
  const kStart = performance.now();
  for (let i = 0; i < 50; i++) {
    const r = spawnSync('/usr/bin/kubectl', ['create', 'deployment', `web${i}`, '--image=nginx:1.27', `--replicas=${(i % 5) + 1}`, '--dry-run=client', '-o', 'yaml'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
    kubectlOut += r.stdout;
  }
  const kubectlMs = performance.now() - kStart;
  const podlabOut = podlab.stdout.split('\n').filter((l) => !l.startsWith('$ ')).join('\n');
  console.log(`real kubectl, 50 runs of the same: ${kubectlMs.toFixed(0)} ms`);
  console.log(`ratio: ${(podlabMs / kubectlMs).toFixed(3)} of kubectl's time (target under 0.1); output identical: ${podlabOut.trim() === kubectlOut.trim() ? 'yes' : 'NO'}`);
}

console.log('Pod Lab engine benchmarks');
for (const probes of ['liveness', 'both'] as const) {
  const r = probeHour(probes);
  console.log(`100 pods, exec ${probes === 'both' ? 'liveness + readiness' : 'liveness'} probes every 5 s, one virtual hour: ${r.wallMs.toFixed(0)} ms (${Math.round(r.ratio)}x real time; target under 180 ms), ${r.running} pods running`);
}
console.log(`kubectl get pods -A with 1,000 pods, median: ${getPodsMedian().toFixed(2)} ms (target under 5 ms)`);
podlabVersusKubectl();
