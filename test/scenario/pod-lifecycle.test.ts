// What a learner sees of a pod's life through the terminal: create, run, complete, fail, crash
// and back off, pull errors, scheduling failures, init containers and deletion.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

function podLine(output: string, name: string): string[] {
  const line = output.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no row for ${name} in:\n${output}`);
  return line.trim().split(/\s{2,}/);
}

describe('a pod through its life', () => {
  it('runs a busybox sleep pod: Running 1/1', () => {
    const lab = labShell();
    expect(lab.sh('kubectl run sleeper --image=busybox -- sleep 3600')).toBe('pod/sleeper created\n');
    const early = lab.sh('kubectl get pod sleeper');
    expect(early).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(podLine(early, 'sleeper').slice(0, 3)).toEqual(['sleeper', '0/1', 'ContainerCreating']);
    lab.wait(5);
    expect(podLine(lab.sh('kubectl get pod sleeper'), 'sleeper').slice(0, 4)).toEqual(['sleeper', '1/1', 'Running', '0']);
    const describe = lab.sh('kubectl describe pod sleeper');
    expect(describe).toContain('Successfully assigned default/sleeper to node0');
    expect(describe).toMatch(/Pulling image "busybox"/);
    expect(describe).toContain('Created container: sleeper');
    expect(describe).toContain('Started container sleeper');
  });

  it('completes a one-shot pod with restartPolicy Never, and its log stays readable', () => {
    const lab = labShell();
    lab.sh(`kubectl run once --image=busybox --restart=Never -- sh -c 'echo hello from the pod'`);
    lab.wait(10);
    expect(podLine(lab.sh('kubectl get pod once'), 'once').slice(0, 3)).toEqual(['once', '0/1', 'Completed']);
    expect(lab.sh('kubectl get pod once -o jsonpath={.status.phase}')).toBe('Succeeded');
    expect(lab.sh('kubectl logs once')).toBe('hello from the pod\n');
  });

  it('fails a pod that exits 3 under restartPolicy Never', () => {
    const lab = labShell();
    lab.sh(`kubectl run three --image=busybox --restart=Never -- sh -c 'exit 3'`);
    lab.wait(10);
    expect(podLine(lab.sh('kubectl get pod three'), 'three').slice(0, 3)).toEqual(['three', '0/1', 'Error']);
    expect(lab.sh('kubectl get pod three -o jsonpath={.status.phase}')).toBe('Failed');
    expect(lab.sh('kubectl get pod three -o jsonpath={.status.containerStatuses[0].state.terminated.exitCode}')).toBe('3');
  });

  it('backs off a crashing container 10s, 20s, 40s ... as the kubelet does', () => {
    const lab = labShell();
    lab.sh(`kubectl run crash --image=busybox:1.36 -- sh -c 'exit 1'`);
    const restarts: number[] = [];
    const statuses = new Set<string>();
    for (let second = 0; second < 200; second++) {
      lab.wait(1);
      const row = podLine(lab.sh('kubectl get pod crash --no-headers'), 'crash');
      statuses.add(row[2]);
      restarts.push(Number(row[3].split(' ')[0]));
    }
    expect(statuses).toContain('CrashLoopBackOff');
    expect(statuses).toContain('Error');
    expect(lab.sh('kubectl get pod crash -o jsonpath={.status.phase}')).toBe('Running');
    // Seconds at which each restart appeared.
    const times = restarts.map((count, i) => (i > 0 && count > restarts[i - 1] ? i + 1 : 0)).filter(Boolean);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // Immediate first restart, then waits of 10, 20, 40 and 80 seconds after each crash.
    expect(gaps.slice(0, 4).map((g) => Math.round(g / 10) * 10)).toEqual([10, 20, 40, 80]);
    expect(lab.sh('kubectl describe pod crash')).toMatch(/Back-off restarting failed container crash in pod crash_default\(/);
  });

  it('reports ErrImagePull, then ImagePullBackOff, for an image that does not exist', () => {
    const lab = labShell();
    lab.sh('kubectl run bad --image=nginx:no-such-tag');
    const seen: string[] = [];
    for (let second = 0; second < 30; second++) {
      lab.wait(1);
      const status = podLine(lab.sh('kubectl get pod bad'), 'bad')[2];
      if (seen[seen.length - 1] !== status) seen.push(status);
    }
    expect(seen.slice(0, 4)).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff', 'ErrImagePull']);
    const describe = lab.sh('kubectl describe pod bad');
    expect(describe).toContain('Failed to pull image "nginx:no-such-tag": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag"');
    expect(describe).toContain('Back-off pulling image "nginx:no-such-tag"');
  });

  it('keeps a pod requesting 1000Gi Pending with the scheduler\'s message', () => {
    const lab = labShell();
    lab.write('/big.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests:\n        memory: 1000Gi\n');
    expect(lab.sh('kubectl apply -f big.yaml')).toBe('pod/big created\n');
    lab.wait(5);
    expect(podLine(lab.sh('kubectl get pod big'), 'big').slice(0, 3)).toEqual(['big', '0/1', 'Pending']);
    expect(lab.sh('kubectl describe pod big')).toContain(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('shares an emptyDir and localhost between two containers', () => {
    const lab = labShell();
    lab.write('/pair.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: pair
spec:
  volumes:
  - name: shared
    emptyDir: {}
  containers:
  - name: web
    image: nginx
    volumeMounts:
    - name: shared
      mountPath: /usr/share/nginx/html
  - name: writer
    image: busybox
    command: ["sh", "-c", "echo hello from writer > /data/index.html; sleep 3600"]
    volumeMounts:
    - name: shared
      mountPath: /data
`);
    lab.sh('kubectl apply -f pair.yaml');
    lab.wait(15);
    expect(podLine(lab.sh('kubectl get pod pair'), 'pair').slice(0, 3)).toEqual(['pair', '2/2', 'Running']);
    expect(lab.sh('kubectl exec pair -c writer -- wget -q -O- http://localhost')).toBe('hello from writer\n');
    expect(lab.sh('kubectl exec pair -c web -- cat /usr/share/nginx/html/index.html')).toBe('hello from writer\n');
  });

  it('runs init containers in order before the app', () => {
    const lab = labShell();
    lab.write('/init.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  initContainers:
  - name: first
    image: busybox
    command: ["sh", "-c", "sleep 5"]
  - name: second
    image: busybox
    command: ["sh", "-c", "sleep 5"]
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
`);
    lab.sh('kubectl apply -f init.yaml');
    lab.wait(4);
    expect(podLine(lab.sh('kubectl get pod init-demo'), 'init-demo')[2]).toBe('Init:0/2');
    lab.wait(6);
    expect(podLine(lab.sh('kubectl get pod init-demo'), 'init-demo')[2]).toBe('Init:1/2');
    lab.wait(10);
    expect(podLine(lab.sh('kubectl get pod init-demo'), 'init-demo').slice(1, 3)).toEqual(['1/1', 'Running']);
  });

  it('deletes a pod through Terminating; a shell as PID 1 waits out the grace period', () => {
    const lab = labShell();
    lab.sh('kubectl run sleeper --image=busybox -- sleep 3600');
    lab.wait(10);
    const run = lab.session.openTerminal().execute('kubectl delete pod sleeper --wait=false', () => {});
    lab.session.runUntilIdle(() => run.done, 1000);
    expect(podLine(lab.sh('kubectl get pod sleeper'), 'sleeper')[2]).toBe('Terminating');
    lab.wait(31);
    expect(lab.sh('kubectl get pod sleeper')).toBe('Error from server (NotFound): pods "sleeper" not found\n');
  });

  it('rejects bad YAML and invalid objects with kubectl\'s messages and changes nothing', () => {
    const lab = labShell();
    lab.write('/bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec:\n');
    const badYaml = lab.sh('kubectl apply -f bad.yaml');
    expect(badYaml).toMatch(/^error: error parsing bad\.yaml: error converting YAML to JSON: yaml: line \d+:/);
    lab.write('/invalid.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: app\n');
    const invalid = lab.sh('kubectl apply -f invalid.yaml');
    expect(invalid).toContain('The Pod "Bad_Name" is invalid:');
    expect(invalid).toContain('spec.containers[0].image: Required value');
    lab.write('/typo.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers:\n  - name: app\n    image: nginx\n    imagePullPolcy: Always\n');
    expect(lab.sh('kubectl apply -f typo.yaml')).toContain('strict decoding error: unknown field "spec.containers[0].imagePullPolcy"');
    expect(lab.sh('kubectl get pods')).toBe('No resources found in default namespace.\n');
  });

  it("shows a long crash loop's events as a real cluster does: the kubelet's budget runs out, BackOff keeps counting", () => {
    const lab = labShell();
    lab.sh(`kubectl run crash --image=busybox:1.36 -- sh -c 'exit 1'`);
    lab.wait(1800);
    const restarts = Number(podLine(lab.sh('kubectl get pod crash --no-headers'), 'crash')[3].split(' ')[0]);
    expect(restarts).toBeGreaterThanOrEqual(9);
    const events = lab.sh('kubectl describe pod crash').split('Events:')[1];
    // The first 25 of the kubelet's Events about the pod are written at once, then one every five
    // minutes, which the BackOff repeats take: Started stops at the restarts of the first minutes.
    const started = events.match(/Normal +Started +(\S+) \(x(\d+) over 29m\) +kubelet +Started container crash/);
    expect(started).not.toBeNull();
    expect(Number(started![2])).toBeLessThan(restarts);
    expect(started![1]).toMatch(/^2\dm$/);
    const backOff = events.match(/Warning +BackOff +(\S+) \(x(\d+) over 29m\) +kubelet +Back-off restarting failed container crash/);
    expect(backOff).not.toBeNull();
    expect(Number(backOff![2])).toBeGreaterThan(100);
    // Its last write is at most five minutes old.
    expect(backOff![1]).toMatch(/^(\d+s|[1-4]m\d+s|5m0s)$/);
  });
});

describe('kubectl delete in a script', () => {
  it('waits out a 30 s grace period instead of timing out', () => {
    const lab = labShell();
    lab.sh('kubectl run sleeper --image=busybox:1.36 -- sleep 3600');
    lab.wait(10);
    const start = lab.session.clock.now();
    expect(lab.sh('kubectl delete pod sleeper')).toBe('pod "sleeper" deleted\n');
    expect(lab.session.clock.now() - start).toBeGreaterThanOrEqual(30_000);
  });
});
