// Probes as a learner meets them: the classic exec liveness example to the second, the HTTP
// liveness server that turns to 500, readiness that never restarts, and startup probes.
import { describe, expect, it } from 'vitest';
import { labShell, tableRow } from '../support/lab-shell';

const livenessExec = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: busybox:1.36
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`;


describe('probes', () => {
  it('kills the classic liveness-exec container after three failures, 30 s after start', () => {
    const lab = labShell();
    lab.write('/liveness.yaml', livenessExec);
    lab.sh('kubectl apply -f liveness.yaml');
    lab.wait(30);
    expect(tableRow(lab.sh('kubectl get pod liveness-exec'), 'liveness-exec').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    lab.wait(15);
    const describe = lab.sh('kubectl describe pod liveness-exec');
    expect(describe).toMatch(/Warning\s+Unhealthy\s+\S+ \(x3 over \d+s\)\s+kubelet\s+Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory/);
    expect(describe).toMatch(/Normal\s+Killing\s+\S+\s+kubelet\s+Container liveness failed liveness probe, will be restarted/);
    expect(describe).toContain('Liveness:       exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3');
    // sh as PID 1 ignores SIGTERM: the kubelet waits the 30 s grace period, then SIGKILL gives 137.
    lab.wait(35);
    expect(tableRow(lab.sh('kubectl get pod liveness-exec'), 'liveness-exec')[3]).toMatch(/^1 \(\d+s ago\)$/);
    expect(lab.sh('kubectl get pod liveness-exec -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}')).toBe('137');
  });

  it('sees a file another container writes into a shared volume, and its removal', () => {
    const lab = labShell();
    lab.write('/shared.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: shared-ready
spec:
  volumes:
  - name: flags
    emptyDir: {}
  containers:
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", "sleep 20; touch /flags/ready; sleep 40; rm /flags/ready; sleep 3600"]
    volumeMounts:
    - name: flags
      mountPath: /flags
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    readinessProbe:
      exec:
        command: ["cat", "/shared/ready"]
      periodSeconds: 5
    volumeMounts:
    - name: flags
      mountPath: /shared
`);
    lab.sh('kubectl apply -f shared.yaml');
    lab.wait(15);
    expect(tableRow(lab.sh('kubectl get pod shared-ready'), 'shared-ready')[1]).toBe('1/2');
    lab.wait(15);
    expect(tableRow(lab.sh('kubectl get pod shared-ready'), 'shared-ready')[1]).toBe('2/2');
    lab.wait(45);
    expect(tableRow(lab.sh('kubectl get pod shared-ready'), 'shared-ready')[1]).toBe('1/2');
    expect(lab.sh('kubectl describe pod shared-ready')).toContain("Readiness probe failed: cat: can't open '/shared/ready': No such file or directory");
  });

  it('follows a shell script probe that only reads files as the files change', () => {
    const lab = labShell();
    lab.write('/script.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: script-ready
spec:
  volumes:
  - name: flags
    emptyDir: {}
  containers:
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", "sleep 20; echo go > /flags/ready; sleep 40; echo stop > /flags/ready; sleep 3600"]
    volumeMounts:
    - name: flags
      mountPath: /flags
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    readinessProbe:
      exec:
        command: ["sh", "-c", "test -f /shared/ready && grep -q go /shared/ready || { cat /shared/ready; exit 3; }"]
      periodSeconds: 5
    volumeMounts:
    - name: flags
      mountPath: /shared
`);
    lab.sh('kubectl apply -f script.yaml');
    lab.wait(15);
    expect(tableRow(lab.sh('kubectl get pod script-ready'), 'script-ready')[1]).toBe('1/2');
    expect(lab.sh('kubectl describe pod script-ready')).toContain("Readiness probe failed: cat: can't open '/shared/ready': No such file or directory");
    lab.wait(15);
    expect(tableRow(lab.sh('kubectl get pod script-ready'), 'script-ready')[1]).toBe('2/2');
    lab.wait(45);
    expect(tableRow(lab.sh('kubectl get pod script-ready'), 'script-ready')[1]).toBe('1/2');
    expect(lab.sh('kubectl describe pod script-ready')).toMatch(/Readiness probe failed: stop\n/);
  });

  it('runs a probe that reads the clock every time, though no file changes', () => {
    const lab = labShell();
    lab.write('/clock.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: ready-later
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo $(( $(date +%s) + 20 )) > /tmp/deadline; sleep 3600"]
    readinessProbe:
      exec:
        command: ["sh", "-c", "test $(date +%s) -ge $(cat /tmp/deadline)"]
      periodSeconds: 5
`);
    lab.sh('kubectl apply -f clock.yaml');
    lab.wait(15);
    expect(tableRow(lab.sh('kubectl get pod ready-later'), 'ready-later')[1]).toBe('0/1');
    lab.wait(20);
    expect(tableRow(lab.sh('kubectl get pod ready-later'), 'ready-later')[1]).toBe('1/1');
  });

  it('sees the liveness test server turn to HTTP 500 after 10 s', () => {
    const lab = labShell();
    lab.write('/http.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args: ["liveness"]
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
      initialDelaySeconds: 3
      periodSeconds: 3
`);
    lab.sh('kubectl apply -f http.yaml');
    lab.wait(25);
    const describe = lab.sh('kubectl describe pod liveness-http');
    expect(describe).toContain('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(describe).toContain('Container liveness failed liveness probe, will be restarted');
  });

  it('fails an HTTPS probe against a plain HTTP server as Go\'s client does, while the control plane answers HTTPS', () => {
    const lab = labShell();
    lab.write('/https.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: https-probe
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet:
        path: /
        port: 80
        scheme: HTTPS
      periodSeconds: 5
`);
    lab.sh('kubectl apply -f https.yaml');
    lab.wait(20);
    const ip = lab.sh('kubectl get pod https-probe -o jsonpath={.status.podIP}');
    expect(lab.sh('kubectl describe pod https-probe')).toContain(`Liveness probe failed: Get "https://${ip}:80/": http: server gave HTTP response to HTTPS client`);
    lab.write('/plain.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: plain-to-apiserver
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    readinessProbe:
      httpGet:
        host: 172.30.1.2
        path: /livez
        port: 6443
      periodSeconds: 5
`);
    lab.sh('kubectl apply -f plain.yaml');
    lab.wait(10);
    expect(lab.sh('kubectl describe pod plain-to-apiserver')).toContain('Readiness probe failed: HTTP probe failed with statuscode: 400');
    // kube-apiserver, kube-controller-manager and kube-scheduler are probed over HTTPS and stay ready.
    const controlPlane = lab.sh('kubectl get pods -n kube-system --no-headers').split('\n').filter((line) => /^kube-(apiserver|controller-manager|scheduler)-/.test(line));
    expect(controlPlane).toHaveLength(3);
    for (const line of controlPlane) expect(line.split(/\s+/).slice(1, 4)).toEqual(['1/1', 'Running', '0']);
  });

  it('reports a closed port as connection refused', () => {
    const lab = labShell();
    lab.write('/tcp.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: tcp
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe:
      tcpSocket:
        port: 8080
      periodSeconds: 5
`);
    lab.sh('kubectl apply -f tcp.yaml');
    lab.wait(20);
    const ip = lab.sh('kubectl get pod tcp -o jsonpath={.status.podIP}');
    expect(lab.sh('kubectl describe pod tcp')).toContain(`Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`);
    // Readiness never restarts: the pod stays Running 0/1 with no restarts.
    expect(tableRow(lab.sh('kubectl get pod tcp'), 'tcp').slice(1, 4)).toEqual(['0/1', 'Running', '0']);
  });

  it('holds back liveness until the startup probe passes', () => {
    const lab = labShell();
    lab.write('/startup.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: slow
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 20; touch /tmp/started; sleep 3600"]
    startupProbe:
      exec:
        command: ["test", "-e", "/tmp/started"]
      periodSeconds: 5
      failureThreshold: 10
    livenessProbe:
      exec:
        command: ["test", "-e", "/tmp/started"]
      periodSeconds: 5
      failureThreshold: 1
`);
    lab.sh('kubectl apply -f slow.yaml'.replace('slow', 'startup'));
    lab.wait(15);
    expect(tableRow(lab.sh('kubectl get pod slow'), 'slow').slice(1, 4)).toEqual(['0/1', 'Running', '0']);
    lab.wait(20);
    expect(tableRow(lab.sh('kubectl get pod slow'), 'slow').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    expect(lab.sh('kubectl describe pod slow')).toContain('Startup probe failed');
  });
});

describe('resources', () => {
  it('OOM-kills a container that allocates over its memory limit (exit 137)', () => {
    const lab = labShell();
    lab.write('/oom.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`);
    lab.sh('kubectl apply -f oom.yaml');
    lab.wait(8);
    const out = lab.sh(`kubectl get pod memory-demo-2 -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason}{" "}{.status.containerStatuses[0].lastState.terminated.exitCode}'`);
    expect(out).toBe('OOMKilled 137');
    expect(lab.sh('kubectl get pod memory-demo-2 -o jsonpath={.status.phase}')).toBe('Running');
  });

  it('runs 150M of stress under a 200Mi limit, visible in kubectl top', () => {
    const lab = labShell();
    lab.write('/ok.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo
spec:
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "100Mi"
      limits:
        memory: "200Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
`);
    lab.sh('kubectl apply -f ok.yaml');
    lab.wait(30);
    expect(tableRow(lab.sh('kubectl get pod memory-demo'), 'memory-demo').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    const top = lab.sh('kubectl top pod memory-demo');
    expect(top).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\n/);
    // stress counts M as MiB: 150Mi of data plus the process itself.
    expect(tableRow(top, 'memory-demo')[2]).toMatch(/^15\dMi$/);
  });

  it('OOM-kills the seed\'s memleak pod at its 64Mi limit', () => {
    const lab = labShell();
    lab.write('/memleak.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: memleak-pod
  labels:
    app: memleak
spec:
  containers:
    - name: simmemleak
      image: saadali/simmemleak
      resources:
        requests:
          memory: "64Mi"
          cpu: "1"
        limits:
          memory: "64Mi"
          cpu: "1"
`);
    lab.sh('kubectl apply -f memleak.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl get pod memleak-pod -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}')).toBe('OOMKilled');
    expect(lab.sh('kubectl describe pod memleak-pod')).toContain('QoS Class:                   Guaranteed');
  });
});

describe('nodes', () => {
  it('marks a node NotReady when its kubelet stops and brings it back', () => {
    const lab = labShell();
    lab.sh('ssh node01');
    lab.sh('systemctl stop kubelet');
    lab.sh('exit');
    // The node lifecycle controller waits out the 50 s node monitor grace period.
    lab.wait(70);
    const nodes = lab.sh('kubectl get nodes');
    expect(tableRow(nodes, 'node01')[1]).toBe('NotReady');
    lab.sh('ssh node01');
    lab.sh('systemctl start kubelet');
    lab.sh('exit');
    lab.wait(15);
    expect(tableRow(lab.sh('kubectl get nodes'), 'node01')[1]).toBe('Ready');
  });

  it('shows the pause container and the shared network namespace on the node', () => {
    const lab = labShell();
    lab.write('/pair.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pair\nspec:\n  nodeName: node01\n  containers:\n  - name: app\n    image: busybox:1.36\n    args: [sleep, "3600"]\n');
    lab.sh('kubectl apply -f pair.yaml');
    lab.wait(10);
    lab.sh('ssh node01');
    const pods = lab.sh('crictl pods --name pair');
    expect(pods).toMatch(/^POD ID\s+CREATED\s+STATE\s+NAME\s+NAMESPACE\s+ATTEMPT\s+RUNTIME\n/);
    const ps = lab.sh('ps aux');
    expect(ps).toContain('/pause');
    const pausePid = ps.split('\n').filter((l) => l.endsWith('/pause')).map((l) => l.trim().split(/\s+/)[1]).pop()!;
    const sleepPid = ps.split('\n').filter((l) => l.endsWith('sleep 3600')).map((l) => l.trim().split(/\s+/)[1]).pop()!;
    const pauseNet = lab.sh(`readlink /proc/${pausePid}/ns/net`);
    expect(pauseNet).toMatch(/^net:\[\d+\]\n$/);
    expect(lab.sh(`readlink /proc/${sleepPid}/ns/net`)).toBe(pauseNet);
    expect(lab.sh(`readlink /proc/${sleepPid}/ns/pid`)).not.toBe(lab.sh(`readlink /proc/${pausePid}/ns/pid`));
  });
});
