// A restarted container starts from its image again, as with containerd: what the last instance
// wrote is gone, the kubelet's own files are there, its files are new ones, and its environment
// lists the Services that exist when it starts.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

const manifest = `cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: restarter
spec:
  volumes:
  - name: scratch
    emptyDir: {}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 30; exit 1"]
    volumeMounts:
    - name: scratch
      mountPath: /data/scratch
EOF`;

describe('a container that restarts', () => {
  it('gets a fresh root filesystem with the kubelet files and the Services of its start', () => {
    const lab = labShell();
    expect(lab.sh(manifest)).toMatch(/\npod\/restarter created\n$/);
    lab.wait(10);
    lab.sh('kubectl exec restarter -- sh -c "echo left >/tmp/marker; echo kept >/data/scratch/file"');
    const before = lab.sh('kubectl exec restarter -- ls -i /etc/hosts').trim();
    expect(lab.sh('kubectl exec restarter -- printenv LATER_SERVICE_HOST')).toBe('command terminated with exit code 1\n');
    lab.sh('kubectl create service clusterip later --tcp=80:80');
    lab.wait(30);
    expect(lab.sh('kubectl get pod restarter -o jsonpath={.status.containerStatuses[0].restartCount}')).toBe('1');
    expect(lab.sh('kubectl exec restarter -- cat /tmp/marker')).toBe("cat: can't open '/tmp/marker': No such file or directory\ncommand terminated with exit code 1\n");
    expect(lab.sh('kubectl exec restarter -- cat /data/scratch/file')).toBe('kept\n');
    expect(lab.sh('kubectl exec restarter -- cat /etc/hostname')).toBe('restarter\n');
    const ip = lab.sh('kubectl get pod restarter -o jsonpath={.status.podIP}');
    expect(lab.sh('kubectl exec restarter -- tail -n 1 /etc/hosts')).toBe(`${ip}\trestarter\n`);
    const after = lab.sh('kubectl exec restarter -- ls -i /etc/hosts').trim();
    expect(after).toMatch(/^\d+ \/etc\/hosts$/);
    expect(after).not.toBe(before);
    const clusterIP = lab.sh('kubectl get service later -o jsonpath={.spec.clusterIP}');
    expect(lab.sh('kubectl exec restarter -- printenv LATER_SERVICE_HOST')).toBe(`${clusterIP}\n`);
  });
});
