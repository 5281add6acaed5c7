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
    expect(top).toMatch(/\n    1     0 root     R .*\/usr\/bin\/stress-ng -m 1 -c 1 -metrics-brief\n/);
    expect(lab.sh('kubectl get pod stress-pod -o jsonpath={.status.qosClass}')).toBe('Burstable');
    expect(lab.sh('kubectl top pod stress-pod')).toMatch(/^NAME         CPU\(cores\)   MEMORY\(bytes\)\nstress-pod   \d+m\s+\d+Mi\n$/);
  });
});
