// /proc inside a container, and the user, groups and capabilities a securityContext gives its processes.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe('/proc in a container', () => {
  it('has a directory per process with its command line, name and status', () => {
    const lab = labShell();
    lab.sh('kubectl run box --image=busybox:1.36 -- sleep 3600');
    lab.wait(20);
    expect(lab.sh('kubectl exec box -- cat /proc/1/cmdline')).toBe('sleep\u00003600\u0000');
    expect(lab.sh('kubectl exec box -- cat /proc/1/comm')).toBe('sleep\n');
    expect(lab.sh('kubectl exec box -- cat /proc/self/comm')).toBe('cat\n');
    expect(lab.sh(`kubectl exec box -- grep -E '^(Name|Pid|Uid)' /proc/1/status`)).toBe('Name:\tsleep\nPid:\t1\nUid:\t0\t0\t0\t0\n');
    expect(lab.sh('kubectl exec box -- ls /proc')).toMatch(/^1\n\d+\ncpuinfo\nloadavg\nmeminfo\nself\nuptime\nversion\n$/);
    expect(lab.sh('kubectl exec box -- head -1 /proc/meminfo')).toMatch(/^MemTotal: +\d+ kB\n$/);
  });

  it('cannot be written to', () => {
    const lab = labShell();
    lab.sh('kubectl run box --image=busybox:1.36 -- sleep 3600');
    lab.wait(20);
    expect(lab.sh('kubectl exec box -- sh -c "echo 1 > /proc/1/comm"')).toMatch(/Read-only file system/);
  });

  it('shows the default capabilities, and the ones a container adds or drops', () => {
    const lab = labShell();
    lab.write('pod.yaml', `apiVersion: v1
kind: Pod
metadata: {name: caps}
spec:
  containers:
  - name: plain
    image: busybox:1.36
    command: [sleep, "3600"]
  - name: admin
    image: busybox:1.36
    command: [sleep, "3600"]
    securityContext: {capabilities: {add: [NET_ADMIN, SYS_TIME]}}
  - name: none
    image: busybox:1.36
    command: [sleep, "3600"]
    securityContext: {capabilities: {drop: [ALL]}}
`);
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    const capEff = (container: string) => lab.sh(`kubectl exec caps -c ${container} -- grep CapEff /proc/1/status`);
    expect(capEff('plain')).toBe('CapEff:\t00000000a80425fb\n');
    expect(capEff('admin')).toBe('CapEff:\t00000000aa0435fb\n');
    expect(capEff('none')).toBe('CapEff:\t0000000000000000\n');
  });
});

describe('securityContext users and groups', () => {
  it('runs the processes as runAsUser, the container’s setting winning over the pod’s', () => {
    const lab = labShell();
    lab.write('pod.yaml', `apiVersion: v1
kind: Pod
metadata: {name: users}
spec:
  securityContext: {runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000}
  containers:
  - name: pod-level
    image: busybox:1.36
    command: [sleep, "3600"]
  - name: own
    image: busybox:1.36
    command: [sleep, "3600"]
    securityContext: {runAsUser: 2000}
`);
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl exec users -c pod-level -- id')).toBe('uid=1000 gid=3000 groups=2000,3000\n');
    expect(lab.sh('kubectl exec users -c own -- id')).toBe('uid=2000 gid=3000 groups=2000,3000\n');
    expect(lab.sh('kubectl exec users -c own -- ps')).toMatch(/^PID +USER +TIME +COMMAND\n +1 2000 +0:00 sleep 3600\n/);
    expect(lab.sh('kubectl exec users -c own -- grep Uid /proc/1/status')).toBe('Uid:\t2000\t2000\t2000\t2000\n');
  });

  it('leaves root as root without a securityContext', () => {
    const lab = labShell();
    lab.sh('kubectl run box --image=busybox:1.36 -- sleep 3600');
    lab.wait(20);
    expect(lab.sh('kubectl exec box -- id')).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
  });
});
