// The served API's speed: server-side time of get and list at 1,000 pods (JSON and Table, as
// kubectl asks), beside the real kubectl's own process time, and the oracle's identical share.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, Agent } from 'node:https';
import { createSession } from '../sim/session';
import { KubeApiServer } from '../server/kube-api-server';
import { kubeconfigText } from '../server/kubeconfig';
import { formatReport, realKubectlInstalled, runOracle } from '../test/server/oracle';

const pods = 1000;
const rounds = 50;

const session = createSession({ seed: 11 });
for (let i = 0; i < pods; i++) {
  session.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `a${i % 10}` } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
}
session.clock.advanceBy(30_000);
const timings: number[] = [];
const server = new KubeApiServer({ session, onAnswered: ({ ms }) => timings.push(ms) });
await server.listen();
const agent = new Agent({ keepAlive: true, ca: server.certificate });

function get(path: string, accept = 'application/json'): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { agent, headers: { authorization: `Bearer ${server.token}`, accept }, ca: server.certificate }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(label: string, path: string, accept?: string): Promise<void> {
  for (let i = 0; i < 5; i++) await get(path, accept);
  timings.length = 0;
  for (let i = 0; i < rounds; i++) await get(path, accept);
  console.log(`  ${label.padEnd(44)} median ${median(timings).toFixed(2)} ms, worst ${Math.max(...timings).toFixed(2)} ms (server side, ${rounds} requests)`);
}

const table = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
console.log(`served API at ${pods} pods:`);
await measure('get one pod (JSON)', '/api/v1/namespaces/default/pods/pod-500');
await measure('get one pod (Table)', '/api/v1/namespaces/default/pods/pod-500', table);
await measure('list pods with a label selector (Table)', '/api/v1/namespaces/default/pods?labelSelector=app%3Da3', table);
await measure('list all pods (Table)', '/api/v1/namespaces/default/pods', table);
await measure('list all pods (JSON)', '/api/v1/namespaces/default/pods');

if (realKubectlInstalled()) {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-bench-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigText(server.url, server.certificate, server.token), { mode: 0o600 });
  const env = { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') };
  const run = (args: string[]) =>
    new Promise<number>((resolve) => {
      const started = performance.now();
      const child = spawn('/usr/bin/kubectl', args, { env, stdio: 'ignore' });
      child.on('close', () => resolve(performance.now() - started));
    });
  await run(['get', 'pod', 'pod-1']);
  const single: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < 5; i++) single.push(await run(['get', 'pod', 'pod-500']));
  for (let i = 0; i < 5; i++) all.push(await run(['get', 'pods']));
  console.log(`  real kubectl process, get pod pod-500          median ${median(single).toFixed(0)} ms (wall, whole process)`);
  console.log(`  real kubectl process, get pods (${pods} rows)     median ${median(all).toFixed(0)} ms (wall, whole process)`);
  rmSync(dir, { recursive: true, force: true });
}
agent.destroy();
await server.close();

if (realKubectlInstalled()) {
  const report = await runOracle();
  console.log(formatReport(report).split('\n')[0]);
} else {
  console.log('oracle: skipped: /usr/bin/kubectl not installed');
}
