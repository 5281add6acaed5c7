// Pod topology spread constraints as the default scheduler's PodTopologySpread plugin applies
// them: the skew of matching pods across the domains of a topology key, the nodes that count as
// domains, and the FailedScheduling reasons.
import { describe, expect, it } from 'vitest';
import { labShell, tableRow } from '../support/lab-shell';

const spreadPod = (name: string, constraint: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {foo: bar}}
spec:
  topologySpreadConstraints:
  - {maxSkew: 1, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {foo: bar}}, ${constraint}}
  containers: [{name: pause, image: registry.k8s.io/pause:3.10}]
`;

const pinned = (name: string, node: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {foo: bar}}
spec: {nodeName: ${node}, containers: [{name: pause, image: registry.k8s.io/pause:3.10}]}
`;

const nodeOf = (lab: ReturnType<typeof labShell>, pod: string) => lab.sh(`kubectl get pod ${pod} -o jsonpath={.spec.nodeName}`);

/** node01 in zoneA with two matching pods, node02 in zoneB with none. */
function twoZonesTwoPodsInA() {
  const lab = labShell();
  lab.sh('kubectl label node node01 zone=zoneA');
  lab.sh('kubectl label node node02 zone=zoneB');
  lab.write('p1.yaml', pinned('p1', 'node01'));
  lab.write('p2.yaml', pinned('p2', 'node01'));
  lab.sh('kubectl apply -f p1.yaml -f p2.yaml');
  return lab;
}

describe('pod topology spread', () => {
  it("sends the page's mypod to the zone with fewer matching pods, and holds a pod whose every domain is too full", () => {
    const lab = twoZonesTwoPodsInA();
    expect(lab.sh('kubectl apply -f https://k8s.io/examples/pods/topology-spread-constraints/one-constraint.yaml')).toBe('pod/mypod created\n');
    lab.wait(5);
    // zoneA holds two, zoneB none: only zoneB keeps the skew at 1.
    expect(nodeOf(lab, 'mypod')).toBe('node02');
    lab.write('more.yaml', spreadPod('second', 'topologyKey: zone'));
    lab.sh('kubectl apply -f more.yaml');
    lab.wait(5);
    expect(nodeOf(lab, 'second')).toBe('node02');
    // A node without the zone label is no domain: with node02 out, zoneA alone decides, and takes it.
    lab.sh('kubectl label node node02 zone-');
    lab.write('third.yaml', spreadPod('third', 'topologyKey: zone'));
    lab.sh('kubectl apply -f third.yaml');
    lab.wait(5);
    expect(nodeOf(lab, 'third')).toBe('node01');
    // A key no node has leaves no node to go to.
    lab.write('racked.yaml', spreadPod('racked', 'topologyKey: rack'));
    lab.sh('kubectl apply -f racked.yaml');
    lab.wait(5);
    expect(tableRow(lab.sh('kubectl get pod racked'), 'racked').slice(1, 3)).toEqual(['0/1', 'Pending']);
    expect(lab.sh('kubectl describe pod racked')).toContain(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('counts the tainted control-plane node as a hostname domain unless nodeTaintsPolicy is Honor', () => {
    const lab = labShell();
    for (const name of ['a', 'b', 'c']) {
      lab.write(`${name}.yaml`, spreadPod(name, 'topologyKey: kubernetes.io/hostname'));
      lab.sh(`kubectl apply -f ${name}.yaml`);
      lab.wait(3);
    }
    // The control plane holds none of them, so each worker may hold only one.
    expect(new Set([nodeOf(lab, 'a'), nodeOf(lab, 'b')])).toEqual(new Set(['node01', 'node02']));
    expect(nodeOf(lab, 'c')).toBe('');
    expect(lab.sh(`kubectl get pod c -o jsonpath='{.status.conditions[0].message}'`)).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
    lab.write('d.yaml', spreadPod('d', 'topologyKey: kubernetes.io/hostname, nodeTaintsPolicy: Honor'));
    lab.sh('kubectl apply -f d.yaml');
    lab.wait(3);
    expect(nodeOf(lab, 'd')).toMatch(/^node0[12]$/);
  });

  it('spreads ScheduleAnyway pods over the zones by score, never holding one back', () => {
    const lab = twoZonesTwoPodsInA();
    // node02 is the busier by requests, which alone would send the pod to node01.
    lab.write('busy.yaml', `apiVersion: v1
kind: Pod
metadata: {name: busy}
spec: {nodeName: node02, containers: [{name: app, image: busybox:1.36, command: [sleep, "3600"], resources: {requests: {cpu: "1"}}}]}
`);
    lab.sh('kubectl apply -f busy.yaml');
    lab.write('soft.yaml', spreadPod('soft', 'topologyKey: zone').replace('DoNotSchedule', 'ScheduleAnyway'));
    lab.sh('kubectl apply -f soft.yaml');
    lab.wait(3);
    expect(nodeOf(lab, 'soft')).toBe('node02');
  });
});
