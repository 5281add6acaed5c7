// /proc/<pid>/ns inside containers: the links name the same namespaces the node shows, the pod's
// network namespace is one for all its containers, and the PID namespace is shared only with
// shareProcessNamespace.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const pair = (name: string, shared: boolean) => `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  nodeName: node01
  shareProcessNamespace: ${shared}
  containers:
  - {name: a, image: busybox:1.36, command: [sleep, "3600"]}
  - {name: b, image: busybox:1.36, command: [sleep, "3601"]}
EOF`;

describe('/proc/<pid>/ns in containers', () => {
  it('lists the namespaces as links, as busybox ls -l shows them', () => {
    const lab = labShell();
    lab.sh(pair('p', false));
    lab.wait(10);
    expect(lab.sh('kubectl exec p -c a -- ls /proc/self/ns')).toBe('cgroup\nipc\nmnt\nnet\npid\npid_for_children\ntime\ntime_for_children\nuser\nuts\n');
    expect(lab.sh('kubectl exec p -c a -- ls -l /proc/1/ns')).toMatch(/^total 0\nlrwxrwxrwx {4}1 root {5}root {13}0 \w{3} [ \d]\d \d\d:\d\d cgroup -> cgroup:\[4026\d{6}\]\n/);
    expect(lab.sh('kubectl exec p -c a -- readlink /proc/1/ns/user')).toBe('user:[4026531837]\n');
    expect(lab.sh('kubectl exec p -c a -- cat /proc/1/ns/net')).toContain('Invalid argument');
    expect(lab.sh('kubectl exec p -c a -- readlink /proc/1/cmdline; echo $?')).toBe('command terminated with exit code 1\n1\n');
  });

  it('gives the containers of a pod one network namespace and each its own PID namespace, as the node sees them', () => {
    const lab = labShell();
    lab.sh(pair('p', false));
    lab.wait(10);
    const link = (container: string, ns: string) => lab.sh(`kubectl exec p -c ${container} -- readlink /proc/1/ns/${ns}`);
    expect(link('a', 'net')).toMatch(/^net:\[\d+\]\n$/);
    expect(link('a', 'net')).toBe(link('b', 'net'));
    expect(link('a', 'uts')).toBe(link('b', 'uts'));
    expect(link('a', 'pid')).not.toBe(link('b', 'pid'));
    expect(link('a', 'mnt')).not.toBe(link('b', 'mnt'));
    const [net, pid] = [link('a', 'net'), link('a', 'pid')];
    lab.sh('ssh node01');
    const sleeper = lab.sh('ps aux').split('\n').find((line) => line.endsWith('sleep 3600'))!.trim().split(/\s+/)[1];
    expect(lab.sh(`readlink /proc/${sleeper}/ns/net`)).toBe(net);
    expect(lab.sh(`readlink /proc/${sleeper}/ns/pid`)).toBe(pid);
  });

  it('puts every container in the pause container\'s PID namespace with shareProcessNamespace', () => {
    const lab = labShell();
    lab.sh(pair('s', true));
    lab.wait(10);
    const pause = lab.sh('kubectl exec s -c a -- readlink /proc/1/ns/pid');
    expect(pause).toMatch(/^pid:\[\d+\]\n$/);
    expect(lab.sh('kubectl exec s -c a -- cat /proc/1/cmdline')).toBe('/pause\0');
    expect(lab.sh('kubectl exec s -c b -- readlink /proc/self/ns/pid')).toBe(pause);
    // Each still has its own mount namespace: a's sleep and b's differ there.
    const pids = lab.sh(`kubectl exec s -c a -- sh -c "ps -o pid,args | grep '[s]leep 360' | awk '{print \\$1}'"`).trim().split('\n');
    expect(pids).toHaveLength(2);
    expect(lab.sh(`kubectl exec s -c a -- readlink /proc/${pids[0]}/ns/mnt`)).not.toBe(lab.sh(`kubectl exec s -c a -- readlink /proc/${pids[1]}/ns/mnt`));
  });
});
