// Every probe handler and field, seen the way a learner sees them: READY, RESTARTS, the events
// in describe, conditions through jsonpath, at known virtual times.
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell, tableRow } from '../support/lab-shell';


/** READY, STATUS and RESTARTS (without the "(Ns ago)" part) of one pod. */
function readyStatusRestarts(lab: LabShell, name: string): string[] {
  const cells = tableRow(lab.sh(`kubectl get pod ${name}`), name);
  return [cells[1]!, cells[2]!, cells[3]!.split(' ')[0]!];
}

function apply(lab: LabShell, yaml: string): void {
  lab.write('/pod.yaml', yaml);
  expect(lab.sh('kubectl apply -f pod.yaml')).toMatch(/^pod\/\S+ created\n$/);
}

describe('exec probes', () => {
  it("runs the seed's liveness pod (test -e /tmp/healthy, delay 1 s, period 3 s) to its first restart", () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec-pod
  namespace: default
spec:
  containers:
  - name: liveness-exec-container
    image: busybox:latest
    imagePullPolicy: IfNotPresent
    command: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 3600"]
    livenessProbe:
      exec:
        command: ["test", "-e", "/tmp/healthy"]
      initialDelaySeconds: 1
      periodSeconds: 3
`);
    lab.wait(30);
    expect(readyStatusRestarts(lab, 'liveness-exec-pod')).toEqual(['1/1', 'Running', '0']);
    expect(lab.sh('kubectl describe pod liveness-exec-pod')).toContain(
      'Liveness:       exec [test -e /tmp/healthy] delay=1s timeout=1s period=3s #success=1 #failure=3',
    );
    lab.wait(15);
    const describe = lab.sh('kubectl describe pod liveness-exec-pod');
    // `test` prints nothing, so the message ends after the colon; three failures 3 s apart.
    expect(describe).toMatch(/Warning\s+Unhealthy\s+\d+s \(x3 over \d+s\)\s+kubelet\s+Liveness probe failed:\s*\n/);
    expect(describe).toMatch(/Normal\s+Killing\s+\d+s\s+kubelet\s+Container liveness-exec-container failed liveness probe, will be restarted/);
    // sh as PID 1 ignores SIGTERM, so the container lives out the 30 s grace period.
    expect(readyStatusRestarts(lab, 'liveness-exec-pod')).toEqual(['1/1', 'Running', '0']);
    lab.wait(30);
    expect(readyStatusRestarts(lab, 'liveness-exec-pod')).toEqual(['1/1', 'Running', '1']);
    expect(lab.sh('kubectl get pod liveness-exec-pod -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}')).toBe('Error');
  });

  it('times out a slow exec probe and kills with the probe-level grace period', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: slowprobe
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    livenessProbe:
      exec:
        command: ["sh", "-c", "sleep 5"]
      timeoutSeconds: 2
      periodSeconds: 5
      terminationGracePeriodSeconds: 3
`);
    lab.wait(14);
    const describe = lab.sh('kubectl describe pod slowprobe');
    expect(describe).toContain('Liveness:       exec [sh -c sleep 5] delay=0s timeout=2s period=5s #success=1 #failure=3');
    expect(describe).toMatch(/Warning\s+Unhealthy\s+\d+s \(x3 over \d+s\)\s+kubelet\s+Liveness probe failed: command "sh -c sleep 5" timed out\n/);
    expect(describe).toMatch(/Normal\s+Killing\s+\d+s\s+kubelet\s+Container app failed liveness probe, will be restarted/);
    // Killed at the third failure; 3 s later (not the pod's 30 s) SIGKILL ends it with 137.
    lab.wait(4);
    expect(lab.sh('kubectl get pod slowprobe -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}')).toBe('137');
    const lastState = lab.sh('kubectl get pod slowprobe -o jsonpath={.status.containerStatuses[0].lastState.terminated.startedAt},{.status.containerStatuses[0].lastState.terminated.finishedAt}');
    const [started, finished] = lastState.split(',').map((t) => Date.parse(t));
    expect((finished! - started!) / 1000).toBe(13);
  });

  it('passes an exec probe that sleeps less than timeoutSeconds', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: quickprobe
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    readinessProbe:
      exec:
        command: ["sh", "-c", "sleep 0.5; test -d /tmp"]
      timeoutSeconds: 1
      periodSeconds: 5
`);
    lab.wait(10);
    expect(readyStatusRestarts(lab, 'quickprobe')).toEqual(['1/1', 'Running', '0']);
    expect(lab.sh('kubectl describe pod quickprobe')).not.toContain('Unhealthy');
  });

  it('needs successThreshold successes in a row before a container turns ready, and never restarts it', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: gate
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    readinessProbe:
      exec:
        command: ["cat", "/tmp/ready"]
      periodSeconds: 5
      successThreshold: 3
`);
    lab.wait(20);
    expect(readyStatusRestarts(lab, 'gate')).toEqual(['0/1', 'Running', '0']);
    expect(lab.sh('kubectl describe pod gate')).toMatch(/Warning\s+Unhealthy\s+\d+s \(x\d+ over \d+s\)\s+kubelet\s+Readiness probe failed: cat: can't open '\/tmp\/ready': No such file or directory/);
    expect(lab.sh(`kubectl get pod gate -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}'`)).toBe('containers with unready status: [app]');
    expect(lab.sh(`kubectl get pod gate -o jsonpath='{.status.conditions[?(@.type=="ContainersReady")].reason}'`)).toBe('ContainersNotReady');
    lab.sh('kubectl exec gate -- touch /tmp/ready');
    lab.wait(6);
    expect(readyStatusRestarts(lab, 'gate')).toEqual(['0/1', 'Running', '0']);
    lab.wait(10);
    expect(readyStatusRestarts(lab, 'gate')).toEqual(['1/1', 'Running', '0']);
    expect(lab.sh(`kubectl get pod gate -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`)).toBe('True');
    lab.sh('kubectl exec gate -- rm /tmp/ready');
    lab.wait(16);
    expect(readyStatusRestarts(lab, 'gate')).toEqual(['0/1', 'Running', '0']);
    expect(lab.sh('kubectl get pod gate -o jsonpath={.status.containerStatuses[0].ready}')).toBe('false');
  });

  it('kills the container when a startup probe exhausts failureThreshold', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: neverstarts
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    startupProbe:
      exec:
        command: ["test", "-e", "/never"]
      periodSeconds: 2
      failureThreshold: 4
    livenessProbe:
      exec:
        command: ["true"]
`);
    lab.wait(8);
    const describe = lab.sh('kubectl describe pod neverstarts');
    expect(describe).toContain('Startup:        exec [test -e /never] delay=0s timeout=1s period=2s #success=1 #failure=4');
    expect(describe).toMatch(/Warning\s+Unhealthy\s+\d+s \(x4 over \d+s\)\s+kubelet\s+Startup probe failed:\s*\n/);
    expect(describe).toMatch(/Normal\s+Killing\s+\d+s\s+kubelet\s+Container app failed startup probe, will be restarted/);
    expect(describe).not.toContain('Liveness probe');
    lab.wait(8);
    expect(readyStatusRestarts(lab, 'neverstarts')).toEqual(['0/1', 'Running', '1']);
    expect(lab.sh('kubectl get pod neverstarts -o jsonpath={.status.containerStatuses[0].started}')).toBe('false');
  });
});

describe('http, tcp and grpc probes', () => {
  it('probes a named port with httpHeaders; the server sees them', () => {
    const lab = labShell();
    // A busybox nc loop stands in for a web server and prints each request it gets.
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: echo
spec:
  containers:
  - name: server
    image: busybox:1.36
    command: ["sh", "-c", "while true; do printf 'HTTP/1.1 200 OK\\\\r\\\\n\\\\r\\\\nok' | nc -l -p 8080; done"]
    ports:
    - name: web
      containerPort: 8080
    readinessProbe:
      httpGet:
        path: /ready
        port: web
        httpHeaders:
        - name: X-Probe
          value: lab
      periodSeconds: 5
`);
    lab.wait(12);
    expect(readyStatusRestarts(lab, 'echo')).toEqual(['1/1', 'Running', '0']);
    expect(lab.sh('kubectl describe pod echo')).toContain('Readiness:      http-get http://:web/ready delay=0s timeout=1s period=5s #success=1 #failure=3');
    const logs = lab.sh('kubectl logs echo');
    expect(logs).toContain('GET /ready HTTP/1.1\r\n');
    expect(logs).toContain('X-Probe: lab\r\n');
    expect(logs).toContain('User-Agent: kube-probe/1.32\r\n');
  });

  it('fails readiness on a 404 and keeps the pod Running 0/1', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /missing
        port: 80
      periodSeconds: 4
`);
    lab.wait(30);
    expect(readyStatusRestarts(lab, 'web')).toEqual(['0/1', 'Running', '0']);
    expect(lab.sh('kubectl describe pod web')).toMatch(/Warning\s+Unhealthy\s+\d+s \(x\d+ over \d+s\)\s+kubelet\s+Readiness probe failed: HTTP probe failed with statuscode: 404\n/);
    expect(lab.sh('kubectl get pod web -o jsonpath={.status.phase}')).toBe('Running');
  });

  it('waits initialDelaySeconds before the first readiness probe', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: delayed
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /
        port: 80
      initialDelaySeconds: 20
      periodSeconds: 5
`);
    lab.wait(15);
    expect(readyStatusRestarts(lab, 'delayed')).toEqual(['0/1', 'Running', '0']);
    lab.wait(10);
    expect(readyStatusRestarts(lab, 'delayed')).toEqual(['1/1', 'Running', '0']);
    expect(lab.sh('kubectl describe pod delayed')).toContain('Readiness:      http-get http://:80/ delay=20s timeout=1s period=5s #success=1 #failure=3');
  });

  it('passes a tcpSocket probe against redis', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
  - name: redis
    image: redis:7
    readinessProbe:
      tcpSocket:
        port: 6379
      periodSeconds: 5
`);
    lab.wait(15);
    expect(readyStatusRestarts(lab, 'cache')).toEqual(['1/1', 'Running', '0']);
    expect(lab.sh('kubectl describe pod cache')).toContain('Readiness:      tcp-socket :6379 delay=0s timeout=1s period=5s #success=1 #failure=3');
  });

  it('checks gRPC health: etcd serves it, a closed port times out', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: grpcpod
spec:
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command: ["etcd", "--listen-client-urls=http://0.0.0.0:2379", "--advertise-client-urls=http://127.0.0.1:2379"]
    livenessProbe:
      grpc:
        port: 2379
      periodSeconds: 5
    readinessProbe:
      grpc:
        port: 9999
      periodSeconds: 5
`);
    lab.wait(30);
    const ip = lab.sh('kubectl get pod grpcpod -o jsonpath={.status.podIP}');
    const describe = lab.sh('kubectl describe pod grpcpod');
    expect(describe).toContain('Liveness:       grpc <pod>:2379  delay=0s timeout=1s period=5s #success=1 #failure=3');
    expect(describe).toContain(`Readiness probe failed: timeout: failed to connect service "${ip}:9999" within 1s: context deadline exceeded`);
    expect(describe).not.toContain('Liveness probe failed');
    expect(readyStatusRestarts(lab, 'grpcpod')).toEqual(['0/1', 'Running', '0']);
  });

  it('kills after failureThreshold consecutive liveness failures', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: patient
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    livenessProbe:
      httpGet:
        path: /healthz
        port: 80
      periodSeconds: 2
      failureThreshold: 5
`);
    // Failures at 3, 5, 7, 9 s after the start: four are not enough.
    lab.wait(10);
    let describe = lab.sh('kubectl describe pod patient');
    expect(describe).toMatch(/Warning\s+Unhealthy\s+\d+s \(x4 over \d+s\)\s+kubelet\s+Liveness probe failed: HTTP probe failed with statuscode: 404\n/);
    expect(describe).not.toContain('Killing');
    lab.wait(1.5);
    describe = lab.sh('kubectl describe pod patient');
    expect(describe).toMatch(/Warning\s+Unhealthy\s+\d+s \(x5 over \d+s\)\s+kubelet\s+Liveness probe failed: HTTP probe failed with statuscode: 404\n/);
    expect(describe).toMatch(/Normal\s+Killing\s+\d+s\s+kubelet\s+Container nginx failed liveness probe, will be restarted/);
  });
});

describe('kubectl explain', () => {
  it('covers the probe and resources fields', () => {
    const lab = labShell();
    const fields: [string, string][] = [
      ['pod.spec.containers.livenessProbe.periodSeconds', 'periodSeconds <integer>'],
      ['pod.spec.containers.readinessProbe.successThreshold', 'successThreshold <integer>'],
      ['pod.spec.containers.startupProbe.failureThreshold', 'failureThreshold <integer>'],
      ['pod.spec.containers.livenessProbe.terminationGracePeriodSeconds', 'terminationGracePeriodSeconds <integer>'],
      ['pod.spec.containers.livenessProbe.httpGet.httpHeaders', 'httpHeaders <[]HTTPHeader>'],
      ['pod.spec.containers.startupProbe.grpc.port', 'port <integer>'],
      ['pod.spec.containers.resources.limits', 'limits <map[string]Quantity>'],
      ['pod.spec.containers.resources.requests', 'requests <map[string]Quantity>'],
    ];
    for (const [path, field] of fields) {
      const out = lab.sh(`kubectl explain ${path}`);
      expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nFIELD: ' + field + '\n')).toBe(true);
      expect(out).toContain('DESCRIPTION:\n    ');
    }
  });
});
