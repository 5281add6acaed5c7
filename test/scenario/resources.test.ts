// Requests and limits as a learner checks them: QoS classes, the node's Allocated resources,
// CPU capped at the limit (never killed), and top inside the seed's stress-ng pod.
import { describe, expect, it } from 'vitest';
import { labShell, type LabShell, tableRow } from '../support/lab-shell';


function apply(lab: LabShell, yaml: string): void {
  lab.write('/pod.yaml', yaml);
  expect(lab.sh('kubectl apply -f pod.yaml')).toMatch(/^pod\/\S+ created\n$/);
}

const stressPod = `apiVersion: v1
kind: Pod
metadata:
  name: stress-pod
spec:
  containers:
    - name: stress
      image: ikubernetes/stress-ng
      command: ["/usr/bin/stress-ng", "-m 1", "-c 1", "-metrics-brief"]
      resources:
        requests:
          memory: "128Mi"
          cpu: "200m"
`;

function qosPod(name: string, resources: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
${resources}`;
}

describe('QoS classes', () => {
  it('classifies Guaranteed, Burstable and BestEffort in status.qosClass and describe', () => {
    const lab = labShell();
    apply(lab, qosPod('guaranteed', `    resources:
      limits:
        cpu: 500m
        memory: 100Mi
`));
    apply(lab, qosPod('burstable', `    resources:
      requests:
        memory: 50Mi
`));
    apply(lab, qosPod('besteffort', ''));
    lab.wait(5);
    expect(lab.sh('kubectl get pod guaranteed -o jsonpath={.status.qosClass}')).toBe('Guaranteed');
    expect(lab.sh('kubectl get pod burstable -o jsonpath={.status.qosClass}')).toBe('Burstable');
    expect(lab.sh('kubectl get pod besteffort -o jsonpath={.status.qosClass}')).toBe('BestEffort');
    expect(lab.sh('kubectl describe pod guaranteed')).toContain('\nQoS Class:                   Guaranteed\n');
    // A limit without a request gets the request copied from it.
    expect(lab.sh('kubectl get pod guaranteed -o jsonpath={.spec.containers[0].resources.requests}')).toBe('{"cpu":"500m","memory":"100Mi"}');
    expect(lab.sh('kubectl describe pod guaranteed')).toContain('    Limits:\n      cpu:     500m\n      memory:  100Mi\n    Requests:\n      cpu:        500m\n      memory:     100Mi\n');
  });
});

describe('node accounting and usage', () => {
  it("adds a pod's requests and limits to the node's Allocated resources", () => {
    const lab = labShell();
    const before = lab.sh('kubectl describe node node01');
    const cpuBefore = /\n  cpu\s+(\d+)m \(\d+%\)\s+(\d+)m? \(\d+%\)\n/.exec(before);
    expect(before).toMatch(/\nAllocated resources:\n  \(Total limits may be over 100 percent, i\.e\., overcommitted\.\)\n  Resource           Requests +Limits\n  --------           -------- +------\n/);
    apply(lab, qosPod('pinned', `    resources:
      requests:
        cpu: 400m
        memory: 64Mi
      limits:
        cpu: "1"
        memory: 128Mi
  nodeName: node01
`));
    lab.wait(5);
    const after = lab.sh('kubectl describe node node01');
    const cpuAfter = /\n  cpu\s+(\d+)m \(\d+%\)\s+(\d+)m? \(\d+%\)\n/.exec(after);
    expect(cpuBefore).not.toBeNull();
    expect(cpuAfter).not.toBeNull();
    expect(Number(cpuAfter![1]) - Number(cpuBefore![1])).toBe(400);
    expect(after).toMatch(/\n  default\s+pinned\s+400m \(\d+%\)\s+1 \(\d+%\)\s+64Mi \(\d+%\)\s+128Mi \(\d+%\)\s+\d+s\n/);
  });

  it('caps CPU at the limit (throttled, never killed)', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: cpu-demo
spec:
  containers:
  - name: app
    image: polinux/stress
    command: ["stress", "--cpu", "2"]
    resources:
      limits:
        cpu: 500m
        memory: 100Mi
`);
    lab.wait(90);
    expect(tableRow(lab.sh('kubectl top pod cpu-demo'), 'cpu-demo')[1]).toBe('500m');
    expect(tableRow(lab.sh('kubectl get pod cpu-demo'), 'cpu-demo').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
  });

  it("shows the seed's stress-ng processes with top inside the container", () => {
    const lab = labShell();
    apply(lab, stressPod);
    lab.wait(60);
    const top = lab.sh('kubectl exec stress-pod -- top -b -n 1');
    expect(top).toMatch(/^Mem: \d+K used, \d+K free, /);
    expect(top).toContain('\n  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n');
    // The parent waits; each stressor is a process: the cpu worker, and the vm worker's child holding 256M.
    expect(top).toMatch(/\n    1     0 root     S .* 0% \/usr\/bin\/stress-ng -m 1 -c 1 -metrics-brief\n/);
    expect(top).toMatch(/\n    2     1 root     R .*\{stress-ng-cpu\} \/usr\/bin\/stress-ng -m 1 -c 1 -metrics-brief\n/);
    expect(top).toMatch(/\n    3     1 root     S .*\{stress-ng-vm\} \/usr\/bin\/stress-ng -m 1 -c 1 -metrics-brief\n/);
    expect(top).toMatch(/\n    4     3 root     R\s+26\d{4} .*\{stress-ng-vm\} \/usr\/bin\/stress-ng -m 1 -c 1 -metrics-brief\n/);
    expect(lab.sh('kubectl exec stress-pod -- ps')).toMatch(/\n    2 root\s+\d+:\d\d \{stress-ng-cpu\} /);
    expect(lab.sh('kubectl get pod stress-pod -o jsonpath={.status.qosClass}')).toBe('Burstable');
    expect(lab.sh('kubectl top pod stress-pod')).toMatch(/^NAME         CPU\(cores\)   MEMORY\(bytes\)   \nstress-pod   \d+m\s+\d+Mi\s+\n$/);
  });
});

describe('ephemeral storage', () => {
  it('evicts a pod whose container writes more than its ephemeral-storage limit', () => {
    const lab = labShell();
    apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: filler
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5; dd if=/dev/zero of=/tmp/fill bs=1M count=60; sleep 3600"]
    resources:
      limits:
        ephemeral-storage: 50Mi
`);
    lab.wait(4);
    expect(tableRow(lab.sh('kubectl get pod filler'), 'filler').slice(1, 3)).toEqual(['1/1', 'Running']);
    lab.wait(16);
    // The shell as PID 1 ignores SIGTERM: the kill after the kubelet's 2 s leaves exit 137, and the
    // container's reason is what kubectl's STATUS shows; the pod's own reason is Evicted.
    expect(tableRow(lab.sh('kubectl get pod filler'), 'filler').slice(1, 4)).toEqual(['0/1', 'Error', '0']);
    const describe = lab.sh('kubectl describe pod filler');
    expect(describe).toContain('Status:           Failed\nReason:           Evicted\nMessage:          Pod ephemeral local storage usage exceeds the total limit of containers 50Mi. \n');
    expect(describe).toMatch(/Warning\s+Evicted\s+\S+\s+kubelet\s+Pod ephemeral local storage usage exceeds the total limit of containers 50Mi\.\n/);
    // dd's summary went to the container's log, which also counts against the limit.
    expect(lab.sh('kubectl logs filler')).toMatch(/^60\+0 records in\n60\+0 records out\n62914560 bytes \(60\.0MB\) copied, /);
    expect(describe).toMatch(/Normal\s+Killing\s+\S+\s+kubelet\s+Stopping container app\n/);
    // An evicted pod is not restarted; it stays Failed until someone deletes it.
    lab.wait(60);
    expect(lab.sh('kubectl get pod filler -o jsonpath={.status.phase}/{.status.reason}/{.status.containerStatuses[0].restartCount}')).toBe('Failed/Evicted/0');
  });

  it('evicts a pod whose emptyDir grows past its sizeLimit, and a Deployment replaces it', () => {
    const lab = labShell();
    lab.write('/cache.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  replicas: 1
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      containers:
      - name: app
        image: busybox:1.36
        command: ["sh", "-c", "sleep 5; dd if=/dev/zero of=/cache/fill bs=1M count=3; sleep 3600"]
        volumeMounts:
        - name: cache
          mountPath: /cache
      volumes:
      - name: cache
        emptyDir:
          sizeLimit: 2Mi
`);
    lab.sh('kubectl apply -f cache.yaml');
    // Written at about 6 s, found by the eviction manager's check at 10 s; the replacement has not
    // filled its own emptyDir yet at 14 s.
    lab.wait(14);
    const events = lab.sh('kubectl get events --field-selector reason=Evicted');
    expect(events).toMatch(/Warning\s+Evicted\s+pod\/cache-\S+\s+Usage of EmptyDir volume "cache" exceeds the limit "2Mi"\.\n/);
    const rows = lab.sh('kubectl get pods --no-headers').trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows.some((row) => /\s0\/1\s+Error\s/.test(row))).toBe(true);
    expect(rows.some((row) => /\s1\/1\s+Running\s/.test(row))).toBe(true);
  });
});
