// The cluster view's pod cards against `kubectl get pods` on the same cluster: READY, STATUS and
// the RESTARTS count are kubectl's, sidecars and finished Pods included.

import { describe, expect, it } from 'vitest';
import { formatBytes, takeSnapshot, type ClusterPod } from '../../renderer/session/cluster-snapshot';
import { learnerTerminal } from '../support/learner-terminal';

function cluster() {
  const { session, run } = learnerTerminal();
  const apply = (yaml: string) => {
    session.writeWorkspaceFile('/home/learner/pod.yaml', yaml);
    return run('kubectl apply -f /home/learner/pod.yaml');
  };
  const card = (name: string): ClusterPod => {
    const snapshot = takeSnapshot(session);
    const pod = [...snapshot.nodes.flatMap((node) => node.pods), ...snapshot.unscheduled].find((candidate) => candidate.name === name);
    if (!pod) throw new Error(`no card for ${name}`);
    return pod;
  };
  /** NAME READY STATUS RESTARTS of kubectl's row, the RESTARTS cell cut to its count. */
  const kubectlRow = (name: string) => {
    const row = run(`kubectl get pod ${name} --no-headers`).trim().split(/\s{2,}/);
    return { ready: row[1], status: row[2], restarts: Number(row[3].split(' ')[0]) };
  };
  const cells = (name: string) => {
    const pod = card(name);
    return { ready: pod.ready, status: pod.status, restarts: pod.restarts };
  };
  return { session, run, apply, card, kubectlRow, cells };
}

describe('the cluster view of a Pod', () => {
  it('counts a sidecar in READY and its restarts in RESTARTS, as kubectl does', () => {
    const lab = cluster();
    lab.apply(`apiVersion: v1
kind: Pod
metadata:
  name: with-sidecar
spec:
  initContainers:
  - name: log-shipper
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "sleep 20; exit 1"]
  containers:
  - name: app
    image: nginx:1.27
`);
    lab.session.clock.advanceBy(45_000);
    expect(lab.kubectlRow('with-sidecar')).toEqual({ ready: '1/2', status: 'Init:CrashLoopBackOff', restarts: 1 });
    expect(lab.cells('with-sidecar')).toEqual(lab.kubectlRow('with-sidecar'));
  });

  it('says NotReady when one container finished and another still runs', () => {
    const lab = cluster();
    lab.apply(`apiVersion: v1
kind: Pod
metadata:
  name: half-done
spec:
  restartPolicy: Never
  containers:
  - name: job
    image: busybox:1.36
    command: ["true"]
  - name: server
    image: nginx:1.27
`);
    lab.session.clock.advanceBy(30_000);
    expect(lab.kubectlRow('half-done')).toEqual({ ready: '1/2', status: 'NotReady', restarts: 0 });
    expect(lab.cells('half-done')).toEqual(lab.kubectlRow('half-done'));
  });

  it('says Completed, not Terminating, for a finished Pod that is being deleted', () => {
    const lab = cluster();
    lab.apply(`apiVersion: v1
kind: Pod
metadata:
  name: finished
  finalizers: ["example.com/keep"]
spec:
  restartPolicy: Never
  containers:
  - name: once
    image: busybox:1.36
    command: ["true"]
`);
    lab.session.clock.advanceBy(30_000);
    lab.run('kubectl delete pod finished --wait=false');
    lab.session.clock.advanceBy(5_000);
    expect(lab.kubectlRow('finished')).toEqual({ ready: '0/1', status: 'Completed', restarts: 0 });
    expect(lab.cells('finished')).toEqual(lab.kubectlRow('finished'));
  });

  it('draws the sandbox, the containers and the node the Pod runs on', () => {
    const lab = cluster();
    lab.run('kubectl run web --image=nginx:1.27');
    lab.session.clock.advanceBy(20_000);
    const snapshot = takeSnapshot(lab.session);
    const node = snapshot.nodes.find((candidate) => candidate.pods.some((pod) => pod.name === 'web'))!;
    expect(node.ready).toBe(true);
    const web = lab.card('web');
    expect(web).toMatchObject({ key: 'default/web', namespace: 'default', node: node.name, phase: 'Running', status: 'Running', ready: '1/1', restarts: 0 });
    expect(web.sandbox?.image).toMatch(/pause/);
    expect(web.ip).toMatch(/^10\.244\./);
    expect(web.containers.map((container) => [container.name, container.state, container.stateText])).toEqual([['web', 'running', 'Running']]);
    expect(snapshot.unscheduled).toEqual([]);
    expect(snapshot.events.map((event) => `${event.object} ${event.reason}`)).toContain('pod/web Scheduled');
  });

  it('lists a Pod no node can take among the unscheduled', () => {
    const lab = cluster();
    lab.run(`kubectl run huge --image=nginx:1.27 --overrides='{"spec":{"nodeSelector":{"disk":"none"}}}'`);
    lab.session.clock.advanceBy(5_000);
    const snapshot = takeSnapshot(lab.session);
    expect(snapshot.unscheduled.map((pod) => [pod.name, pod.status, pod.ready])).toEqual([['huge', 'Pending', '0/1']]);
  });
});

describe('the cluster view of nodes, containers and events', () => {
  it('shows each node with the STATUS and ROLES of kubectl get nodes, and the Pods bound to it', () => {
    const lab = cluster();
    const snapshot = takeSnapshot(lab.session);
    const rows = lab
      .run('kubectl get nodes --no-headers')
      .trim()
      .split('\n')
      .map((row) => row.split(/\s+/));
    expect(snapshot.nodes.map((node) => [node.name, node.ready ? 'Ready' : 'NotReady', node.roles])).toEqual(rows.map(([name, status, roles]) => [name, status, roles]));
    const systemPods = lab
      .run('kubectl get pods -n kube-system -o wide --no-headers')
      .trim()
      .split('\n')
      .map((row) => row.split(/\s+/))
      .map((row) => `${row[6]} ${row[0]}`)
      .sort();
    expect(snapshot.nodes.flatMap((node) => node.pods.map((pod) => `${node.name} ${pod.name}`)).sort()).toEqual(systemPods);
  });

  it("draws a container's init flag, requests, limits, usage, probes and volume, and its last termination after a crash", () => {
    const lab = cluster();
    lab.apply(`apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  volumes:
  - name: shared
    emptyDir: {}
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["sh", "-c", "echo ready > /work/flag"]
    volumeMounts: [{ name: shared, mountPath: /work }]
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests: { cpu: 250m, memory: 64Mi }
      limits: { cpu: 500m, memory: 128Mi }
    readinessProbe:
      httpGet: { path: /, port: 80 }
      periodSeconds: 5
    volumeMounts: [{ name: shared, mountPath: /data }]
  - name: crash
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2; exit 3"]
`);
    lab.session.clock.advanceBy(60_000);
    const pod = lab.card('app');
    const [setup, web, crash] = pod.containers;
    expect(pod.containers.map((container) => [container.name, container.init])).toEqual([['setup', true], ['web', false], ['crash', false]]);
    expect(setup).toMatchObject({ state: 'completed', stateText: 'Terminated: Completed (0)' });
    expect(web).toMatchObject({ state: 'running', stateText: 'Running', ready: true, requests: { cpuMillicores: 250, memoryBytes: 64 * 1024 ** 2 }, limits: { cpuMillicores: 500, memoryBytes: 128 * 1024 ** 2 } });
    expect(web.usage.memoryBytes).toBeGreaterThan(0);
    expect(web.probes.length).toBeGreaterThan(0);
    expect(web.probes.every((probe) => probe.probe === 'readiness' && probe.result === 'success')).toBe(true);
    const exitCode = lab.run(`kubectl get pod app -o jsonpath='{.status.containerStatuses[?(@.name=="crash")].lastState.terminated.exitCode}'`);
    const restarts = Number(lab.run(`kubectl get pod app -o jsonpath='{.status.containerStatuses[?(@.name=="crash")].restartCount}'`));
    expect(exitCode).toBe('3');
    expect(crash).toMatchObject({ state: 'waiting', stateText: 'Waiting: CrashLoopBackOff', lastTermination: 'Error (exit 3)', restarts, usage: {} });
    expect(restarts).toBeGreaterThan(0);
    expect(pod.volumes.find((volume) => volume.name === 'shared')?.mountedBy.sort()).toEqual(['setup', 'web']);
    expect(pod.sandbox?.namespaces.net).toEqual(expect.any(Number));
  });

  it('lists the newest events first, as many as asked, each as kubectl events names its object', () => {
    const lab = cluster();
    lab.run('kubectl run web --image=nginx:1.27');
    lab.session.clock.advanceBy(30_000);
    lab.run('kubectl delete pod web --wait=false');
    lab.session.clock.advanceBy(30_000);
    const all = takeSnapshot(lab.session, 1000).events;
    expect(all.map((event) => event.time)).toEqual([...all.map((event) => event.time)].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ object: 'pod/web', reason: 'Killing', type: 'Normal', message: 'Stopping container web' });
    expect(all).toHaveLength(lab.run('kubectl get events -A --no-headers').trim().split('\n').length);
    expect(takeSnapshot(lab.session, 3).events).toEqual(all.slice(0, 3));
  });

  it('writes byte amounts as the cards show them', () => {
    expect([undefined, 512, 64 * 1024, 64 * 1024 ** 2, 1.5 * 1024 ** 3].map(formatBytes)).toEqual(['—', '512', '64Ki', '64Mi', '1.5Gi']);
  });
});
