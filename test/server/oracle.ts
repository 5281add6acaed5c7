// The oracle: the same command lines run once through the lab's own kubectl and once through the
// real kubectl 1.32 against `podlab serve` on an identically seeded cluster; outputs are compared
// line by line. Both clusters are brought to the same virtual time before every command, and the
// served cluster's time only moves while the real kubectl waits on a stream (as in script mode).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession, type SimSession } from '../../sim/session';
import { runScript } from '../../cli/podlab';
import { MemFs } from '../../sim/fs/memfs';
import { KubeApiServer } from '../../server/kube-api-server';
import { advanceWhileWaiting } from '../../server/clock-driver';
import { kubeconfigText } from '../../server/kubeconfig';

export const realKubectl = '/usr/bin/kubectl';

export interface OracleStep {
  line: string;
  /** Workspace files written (to both sides) before the line runs. */
  files?: Record<string, string>;
}

const podYaml = `apiVersion: v1
kind: Pod
metadata:
  name: cache
  labels:
    app: cache
spec:
  containers:
  - name: redis
    image: redis:7
    ports:
    - containerPort: 6379
`;

const badPodYaml = `apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: app
`;

const deploymentYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: web
        image: nginx:1.27
        readinessProbe:
          httpGet:
            path: /
            port: 80
`;

const tuningYaml = (value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: tuning
data:
  level: "${value}"
  mode: fast
`;

/** The corpus: get, describe, apply, create, delete, scale, label, patch, rollout and logs. */
export const corpus: OracleStep[] = [
  { line: 'kubectl get nodes' },
  { line: 'kubectl get nodes -o wide' },
  { line: 'kubectl get pods -A' },
  { line: 'kubectl get namespaces' },
  { line: 'kubectl get namespace default -o yaml' },
  { line: 'kubectl api-resources' },
  { line: 'kubectl get pod nope' },
  { line: 'kubectl run web --image=nginx --labels=app=web,tier=front' },
  { line: 'kubectl get pods' },
  { line: 'kubectl wait --for=condition=Ready pod/web --timeout=60s' },
  { line: 'kubectl get pod web -o wide' },
  { line: 'kubectl exec web -- cat /etc/hostname' },
  { line: `kubectl exec web -- sh -c 'echo out; echo err >&2; exit 3'` },
  { line: `kubectl exec web -c web -- sh -c 'sleep 3; echo later'` },
  { line: 'kubectl get pods --show-labels' },
  { line: 'kubectl create deployment api --image=nginx:1.27 --replicas=2' },
  { line: 'kubectl rollout status deployment/api' },
  { line: 'kubectl get deployments' },
  { line: 'kubectl get replicasets' },
  { line: 'kubectl get pods -l app=api' },
  { line: 'kubectl scale deployment api --replicas=3' },
  { line: 'kubectl rollout status deployment/api' },
  { line: 'kubectl get deployment api -o wide' },
  { line: 'kubectl expose deployment api --port=80 --target-port=80' },
  { line: 'kubectl get services' },
  { line: 'kubectl get endpoints api' },
  { line: 'kubectl label pod web env=prod' },
  { line: 'kubectl label pod web env=dev' },
  { line: 'kubectl label pod web env=dev --overwrite' },
  { line: 'kubectl get pods -L env' },
  { line: 'kubectl get pods -o name' },
  { line: 'kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image' },
  { line: 'kubectl get pods --sort-by=.metadata.name --no-headers' },
  { line: 'kubectl get pods --field-selector=status.phase=Running' },
  { line: 'kubectl get deployment api -o json' },
  { line: `kubectl get service api -o jsonpath='{.spec.ports[0].port}'` },
  { line: 'kubectl top pods' },
  { line: 'kubectl top nodes' },
  { line: 'kubectl run dry --image=nginx --dry-run=server' },
  { line: 'kubectl create deployment api --image=nginx' },
  { line: 'kubectl scale deployment nope --replicas=2' },
  { line: 'kubectl logs web -c nope' },
  { line: 'kubectl annotate pod web note=hello' },
  { line: `kubectl patch deployment api -p '{"spec":{"replicas":1}}'` },
  { line: `kubectl patch pod web --type=json -p '[{"op":"replace","path":"/metadata/labels/tier","value":"back"}]'` },
  { line: `kubectl get pod web -o jsonpath='{.metadata.labels}'` },
  { line: 'kubectl get pod web -o yaml' },
  { line: 'kubectl create job hello --image=busybox -- echo hello' },
  { line: 'kubectl wait --for=condition=Complete job/hello --timeout=60s' },
  { line: 'kubectl get jobs' },
  { line: 'kubectl logs job/hello' },
  { line: 'kubectl logs -f job/hello' },
  { line: 'kubectl describe job hello' },
  { line: 'kubectl logs web' },
  { line: 'kubectl logs web --tail=2' },
  { line: 'kubectl apply -f cache.yaml', files: { 'cache.yaml': podYaml } },
  { line: 'kubectl apply -f cache.yaml' },
  { line: 'kubectl create -f cache.yaml' },
  { line: 'kubectl apply -f broken.yaml', files: { 'broken.yaml': badPodYaml } },
  { line: 'kubectl apply -f shop.yaml', files: { 'shop.yaml': deploymentYaml } },
  { line: 'kubectl rollout status deployment/shop' },
  { line: 'kubectl get all' },
  { line: 'kubectl describe pod web' },
  { line: 'kubectl describe deployment api' },
  { line: 'kubectl describe service api' },
  { line: 'kubectl set image deployment/shop web=nginx:1.28' },
  { line: 'kubectl rollout status deployment/shop' },
  { line: 'kubectl rollout history deployment/shop' },
  { line: 'kubectl rollout undo deployment/shop' },
  { line: 'kubectl rollout status deployment/shop' },
  { line: `kubectl create cronjob tick --image=busybox --schedule='*/5 * * * *' -- date` },
  { line: 'kubectl get cronjobs' },
  { line: 'kubectl delete job hello' },
  { line: 'kubectl delete pods -l app=cache' },
  { line: 'kubectl create configmap settings --from-literal=mode=fast' },
  { line: 'kubectl create secret generic token --from-literal=key=s3cr3t' },
  { line: 'kubectl get secret token -o yaml' },
  { line: 'kubectl create service nodeport edge --tcp=80:8080' },
  { line: 'kubectl get services -o wide' },
  { line: 'kubectl set env deployment/shop MODE=fast' },
  { line: 'kubectl set resources deployment/shop -c web --limits=cpu=200m,memory=128Mi' },
  { line: 'kubectl rollout status deployment/shop' },
  { line: 'kubectl get replicasets -o wide' },
  { line: 'kubectl cordon node02' },
  { line: 'kubectl get nodes' },
  { line: 'kubectl uncordon node02' },
  { line: 'kubectl delete -f cache.yaml' },
  { line: 'kubectl wait --for=delete pod/cache --timeout=60s' },
  { line: 'kubectl get configmap settings -o yaml' },
  { line: 'kubectl events --for pod/web' },
  { line: 'kubectl events --for pod/web --types=Warning' },
  { line: 'kubectl events --for pod/web -o yaml' },
  { line: 'kubectl cp web:/etc/hostname hostname.txt' },
  { line: 'kubectl cp hostname.txt web:/tmp' },
  { line: 'kubectl exec web -- cat /tmp/hostname.txt' },
  { line: 'kubectl diff -f cache.yaml' },
  { line: 'kubectl delete pod web' },
  { line: 'kubectl delete pod nope' },
  { line: 'kubectl delete deployment api' },
  { line: 'kubectl get pods' },
  { line: 'kubectl get events --field-selector involvedObject.name=cache' },
  { line: 'kubectl describe node node01' },
  { line: 'kubectl explain pod' },
  { line: 'kubectl explain pod.spec.containers.resources' },
  { line: 'kubectl explain deployment.spec.strategy' },
  { line: 'kubectl explain pods.spec.containers.livenessProbe.httpGet.port' },
  { line: 'kubectl create priorityclass high --value=1000 --description="for the important ones"' },
  { line: 'kubectl create priorityclass everyone --value=5 --global-default --preemption-policy=Never' },
  { line: 'kubectl create priorityclass again --value=6 --global-default' },
  { line: 'kubectl create priorityclass system-mine --value=1' },
  { line: 'kubectl get priorityclasses' },
  { line: 'kubectl describe priorityclass high' },
  { line: `kubectl run urgent --image=nginx --overrides='{"spec":{"priorityClassName":"gold"}}'` },
  { line: 'kubectl delete priorityclass system-node-critical' },
  // Server-side apply: a conflict with client-side apply, the move to the `kubectl` applier
  // (kubectl's own migration requests), the managed fields, a server-side diff and a forced take-over.
  { line: 'kubectl apply -f tuning.yaml', files: { 'tuning.yaml': tuningYaml('1') } },
  { line: 'kubectl apply --server-side --field-manager=ops -f tuning.yaml', files: { 'tuning.yaml': tuningYaml('2') } },
  { line: 'kubectl apply --server-side -f tuning.yaml' },
  { line: 'kubectl get configmap tuning -o yaml --show-managed-fields' },
  { line: 'kubectl diff --server-side --field-manager=ops -f tuning.yaml', files: { 'tuning.yaml': tuningYaml('3') } },
  { line: 'kubectl apply --server-side --field-manager=ops --force-conflicts -f tuning.yaml' },
  { line: 'kubectl get configmap tuning -o yaml --show-managed-fields' },
];

/**
 * Lines that legitimately differ, with the reason: each rule blanks out the part that depends on
 * the wall clock; when both lines agree after that, the difference is reported as documented and
 * not counted against the identical share.
 */
export const knownDifferences: { name: string; reason: string; normalize(line: string): string }[] = [
  {
    name: 'klog headers',
    reason: "A klog line starts with the wall-clock time and kubectl's process id; the lab's kubectl writes the cluster's virtual time and a fixed id.",
    normalize: (line) => line.replace(/^([IWE])\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d+ /, '$1<time> <pid> '),
  },
  {
    name: 'temporary files in kubectl diff',
    reason: 'kubectl diff names its temporary directories at random and the files carry the wall-clock time they were written.',
    normalize: (line) => line.replace(/\/tmp\/(LIVE|MERGED)-\d+/g, '/tmp/$1-<n>').replace(/\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000$/, '\t<time>'),
  },
  {
    name: 'event ages in describe',
    reason:
      "kubectl describe computes an event's age on the client from the wall clock, while the lab's kubectl uses the cluster's virtual clock (which jumps ahead while commands wait).",
    normalize: (line) => {
      // `  Normal  Scheduled  32s   default-scheduler  Successfully assigned ...`: the third column is the age.
      const row = /^\s+(Normal|Warning)\s+(\S+)\s+\S+\s+(.*)$/.exec(line);
      return row ? `${row[1]} ${row[2]} <age> ${row[3].replace(/\s+/g, ' ')}` : line;
    },
  },
  {
    name: 'event ages in kubectl events',
    reason: 'kubectl events computes LAST SEEN on the client from the wall clock.',
    normalize: (line) => {
      // `326d        Normal   Scheduled   Pod/web   Successfully assigned ...`: the first column is the age.
      const row = /^\S+\s+(Normal|Warning)\s+(.*)$/.exec(line);
      return row ? `<age> ${row[1]} ${row[2].replace(/\s+/g, ' ')}` : line;
    },
  },
  {
    name: 'pod ages in describe node',
    reason: "kubectl describe node computes the Age of each non-terminated pod on the client from the wall clock.",
    normalize: (line) => {
      // `  default   web   0 (0%)   0 (0%)   0 (0%)   0 (0%)   42s`: the last column is the age.
      const row = /^(\s+\S+\s+\S+\s+.*\(\d+%\))\s+\S+$/.exec(line);
      return row ? `${row[1].replace(/\s+/g, ' ')} <age>` : line;
    },
  },
];

export interface StepResult {
  line: string;
  lab: string;
  real: string;
  labExit: number;
  realExit: number;
}

export interface OracleReport {
  results: StepResult[];
  identicalLines: number;
  totalLines: number;
  /** Differing lines excused by knownDifferences. */
  excusedLines: number;
  differences: { line: string; lab: string; real: string; documented: boolean }[];
}

function runReal(line: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ output: string; exit: number }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', line], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ output: stdout + stderr, exit: code ?? 137 });
    });
  });
}

function bringToSameTime(a: SimSession, b: SimSession): void {
  const time = Math.max(a.clock.now(), b.clock.now());
  if (a.clock.now() < time) a.clock.advanceTo(time);
  if (b.clock.now() < time) b.clock.advanceTo(time);
}

export async function runOracle(steps: OracleStep[] = corpus, seed = 7, timeoutMs = 60_000): Promise<OracleReport> {
  const lab = createSession({ seed, workspace: new MemFs() });
  lab.scriptMode = true;
  const terminal = lab.openTerminal();
  const served = createSession({ seed });
  const server = new KubeApiServer({ session: served });
  await server.listen();
  const driver = advanceWhileWaiting(served, server);
  const dir = mkdtempSync(join(tmpdir(), 'podlab-oracle-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigText(server.url, server.certificate, server.token), { mode: 0o600 });
  const env = { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache'), LANG: 'C.UTF-8' };
  const results: StepResult[] = [];
  try {
    for (const step of steps) {
      for (const [name, content] of Object.entries(step.files ?? {})) {
        lab.writeWorkspaceFile(`/${name}`, content);
        writeFileSync(join(dir, name), content);
      }
      bringToSameTime(lab, served);
      let labOutput = '';
      const labExit = runScript(lab, step.line, (text) => (labOutput += text), terminal);
      labOutput = labOutput.slice(labOutput.indexOf('\n') + 1);
      const real = await runReal(step.line, dir, env, timeoutMs);
      results.push({ line: step.line, lab: labOutput, real: real.output, labExit, realExit: real.exit });
    }
  } finally {
    driver.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return compare(results);
}

export function compare(results: StepResult[]): OracleReport {
  let identicalLines = 0;
  let totalLines = 0;
  let excusedLines = 0;
  const differences: OracleReport['differences'] = [];
  for (const result of results) {
    const labLines = result.lab.replace(/\n$/, '').split('\n');
    const realLines = result.real.replace(/\n$/, '').split('\n');
    const count = Math.max(labLines.length, realLines.length);
    for (let i = 0; i < count; i++) {
      const labLine = labLines[i] ?? '';
      const realLine = realLines[i] ?? '';
      if (labLine === realLine) {
        identicalLines++;
        totalLines++;
        continue;
      }
      const excused = knownDifferences.some((known) => known.normalize(labLine) === known.normalize(realLine));
      differences.push({ line: result.line, lab: labLines[i] ?? '<missing>', real: realLines[i] ?? '<missing>', documented: excused });
      if (excused) excusedLines++;
      else totalLines++;
    }
  }
  return { results, identicalLines, totalLines, excusedLines, differences };
}

export function formatReport(report: OracleReport): string {
  const share = report.totalLines === 0 ? 100 : (100 * report.identicalLines) / report.totalLines;
  const lines = [
    `oracle: ${report.identicalLines} of ${report.totalLines} lines identical (${share.toFixed(1)} %), ${report.excusedLines} documented differences, ${report.results.length} command lines`,
  ];
  for (const d of report.differences) lines.push(`  $ ${d.line}${d.documented ? '   (documented)' : ''}\n    lab:  ${d.lab}\n    real: ${d.real}`);
  const exits = report.results.filter((r) => r.labExit !== r.realExit);
  for (const r of exits) lines.push(`  exit status differs: $ ${r.line}: lab ${r.labExit}, real ${r.realExit}`);
  return lines.join('\n');
}

export function realKubectlInstalled(): boolean {
  return existsSync(realKubectl);
}
