// busybox's network tools inside a pod: every container of a pod is in the one network namespace
// the pause container holds, so each shows the same address, routes and listening ports.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const pod = (share: boolean) => `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  shareProcessNamespace: ${share}
  containers:
  - {name: nginx, image: nginx:1.27}
  - {name: shell, image: busybox:1.36, command: [sleep, "3600"]}
  - {name: other, image: busybox:1.36, command: [sleep, "3600"]}
`;

function webPod(share = false) {
  const lab = labShell();
  lab.write('pod.yaml', pod(share));
  lab.sh('kubectl apply -f pod.yaml');
  lab.wait(20);
  const ip = lab.sh('kubectl get pod web -o jsonpath={.status.podIP}');
  return { lab, ip };
}

describe('network tools in a pod', () => {
  it('show the same eth0, address and routes in every container of the pod', () => {
    const { lab, ip } = webPod();
    const gateway = ip.replace(/\.\d+$/, '.1');
    const addr = lab.sh('kubectl exec web -c shell -- ip addr');
    expect(addr).toContain(`    inet ${ip}/24 brd ${ip.replace(/\.\d+$/, '.255')} scope global eth0\n`);
    expect(addr).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n/);
    expect(addr).toMatch(/\n2: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n    link\/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff\n/);
    expect(lab.sh('kubectl exec web -c other -- ip addr')).toBe(addr);
    expect(lab.sh('kubectl exec web -c shell -- ip -4 route')).toBe(
      `default via ${gateway} dev eth0 \n${ip.replace(/\.\d+$/, '.0')}/24 via ${gateway} dev eth0  src ${ip} \n${gateway} dev eth0 scope link  src ${ip} \n`,
    );
    expect(lab.sh('kubectl exec web -c shell -- hostname -i')).toBe(`${ip} \n`);
    expect(lab.sh('kubectl exec web -c shell -- ifconfig eth0')).toContain(`inet addr:${ip}  Bcast:${ip.replace(/\.\d+$/, '.255')}  Mask:255.255.255.0\n`);
    // Another pod has an address of its own.
    lab.sh('kubectl run box --image=busybox:1.36 -- sleep 3600');
    lab.wait(10);
    expect(lab.sh('kubectl exec box -- hostname -i')).not.toBe(`${ip} \n`);
    // The learner's Debian workstation names itself in /etc/hosts as 127.0.1.1.
    expect(lab.sh('hostname; hostname -i')).toBe('podlab\n127.0.1.1\n');
  });

  it("list the nginx container's port as listening in the sidecar, with its process when the PID namespace is shared", () => {
    const separate = webPod(false).lab;
    expect(separate.sh('kubectl exec web -c shell -- netstat -tlnp')).toBe(
      'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n' +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      -\n',
    );
    const shared = webPod(true).lab;
    expect(shared.sh('kubectl exec web -c shell -- netstat -tlnp')).toMatch(/\ntcp +0 +0 0\.0\.0\.0:80 +0\.0\.0\.0:\* +LISTEN +\d+\/nginx: master proc\n$/);
  });

  it('refuse changes without CAP_NET_ADMIN, and are missing from Debian-based images', () => {
    const { lab } = webPod();
    expect(lab.sh('kubectl exec web -c shell -- ip link set eth0 down')).toBe('ip: RTNETLINK answers: Operation not permitted\ncommand terminated with exit code 2\n');
    expect(lab.sh('kubectl exec web -c nginx -- ip addr')).toMatch(/exec: "ip": executable file not found in \$PATH: unknown\n$/);
    expect(lab.sh('kubectl exec web -c nginx -- hostname -I')).toMatch(/^10\.244\.\d+\.\d+ \n$/);
  });
});
