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
    expect(lab.sh('kubectl exec box -- ls /proc')).toMatch(/^1\n\d+\ncpuinfo\nloadavg\nmeminfo\nmounts\nself\nuptime\nversion\n$/);
    expect(lab.sh('kubectl exec box -- ls /proc/1')).toBe('cgroup\ncmdline\ncomm\nenviron\nmounts\nns\nroot\nstatus\n');
    // The environment the runtime gave the container, NUL-separated.
    const environ = lab.sh('kubectl exec box -- cat /proc/1/environ').split('\0');
    expect(environ[0]).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(environ).toContain('HOSTNAME=box');
    expect(environ).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(environ.pop()).toBe('');
    // cgroup v2, in a cgroup namespace of its own.
    expect(lab.sh('kubectl exec box -- cat /proc/self/cgroup')).toBe('0::/\n');
    // A process's root is the container's files as it sees them.
    expect(lab.sh('kubectl exec box -- cat /proc/1/root/etc/hostname')).toBe('box\n');
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

  it("lists the container's mounts as containerd makes them, volumes included", () => {
    const lab = labShell();
    lab.sh('kubectl create configmap settings --from-literal=mode=fast');
    lab.write('pod.yaml', `apiVersion: v1
kind: Pod
metadata: {name: mounts}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    volumeMounts:
    - {name: data, mountPath: /data}
    - {name: cache, mountPath: /var/cache/app}
    - {name: settings, mountPath: /etc/settings, readOnly: true}
  volumes:
  - {name: data, emptyDir: {}}
  - {name: cache, emptyDir: {medium: Memory, sizeLimit: 64Mi}}
  - {name: settings, configMap: {name: settings}}
`);
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    const mounts = lab.sh('kubectl exec mounts -- cat /proc/mounts');
    expect(mounts).toBe(lab.sh('kubectl exec mounts -- cat /proc/1/mounts'));
    const lines = mounts.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^overlay \/ overlay rw,relatime,lowerdir=\/var\/lib\/containerd\/io.containerd.snapshotter.v1.overlayfs\/snapshots\/\d+\/fs,upperdir=\S+,workdir=\S+ 0 0$/);
    // The ones the kubelet and containerd add, by the depth of their paths (containerd's own
    // first, then the pod's volumes, /etc/hosts and the termination log, at each depth).
    expect(lines.filter((line) => /^(\/dev\/sda1|tmpfs|shm) \/(etc|dev\/shm|dev\/termination-log|data|var|run)/.test(line))).toEqual([
      '/dev/sda1 /data ext4 rw,relatime 0 0',
      '/dev/sda1 /etc/hostname ext4 rw,relatime 0 0',
      '/dev/sda1 /etc/resolv.conf ext4 rw,relatime 0 0',
      'shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,inode64 0 0',
      '/dev/sda1 /etc/settings ext4 ro,relatime 0 0',
      '/dev/sda1 /etc/hosts ext4 rw,relatime 0 0',
      '/dev/sda1 /dev/termination-log ext4 rw,relatime 0 0',
      'tmpfs /var/cache/app tmpfs rw,relatime,size=65536k,inode64 0 0',
      expect.stringMatching(/^tmpfs \/var\/run\/secrets\/kubernetes.io\/serviceaccount tmpfs ro,relatime,size=\d+k,inode64 0 0$/),
    ]);
    // runc masks parts of /proc and /sys.
    expect(lines.slice(-2)).toEqual(['tmpfs /proc/scsi tmpfs ro,relatime,inode64 0 0', 'tmpfs /sys/firmware tmpfs ro,relatime,inode64 0 0']);
  });
});
