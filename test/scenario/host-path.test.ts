// hostPath volumes are the node's own files: the kubelet checks each path against the volume's
// type before the pod starts (making it for the ...OrCreate types), and reports a mismatch as a
// FailedMount event while the pod waits in ContainerCreating.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

/** A pod on node01 mounting each volume at /v/<name>. */
function podWith(name: string, volumes: { name: string; path: string; type?: string }[]): string {
  const mounts = volumes.map((v) => `    - {name: ${v.name}, mountPath: /v/${v.name}}\n`).join('');
  const sources = volumes.map((v) => `  - name: ${v.name}\n    hostPath: {path: ${v.path}${v.type === undefined ? '' : `, type: "${v.type}"`}}\n`).join('');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: node01\n  containers:\n  - name: c\n    image: busybox:1.37\n    command: [sleep, "3600"]\n    volumeMounts:\n${mounts}  volumes:\n${sources}`;
}

function onNode01(lab: ReturnType<typeof labShell>, ...commands: string[]): string {
  lab.sh('ssh node01');
  const output = commands.map((command) => lab.sh(command)).join('');
  lab.sh('exit');
  return output;
}

describe('hostPath volume types', () => {
  it('Directory waits for the directory, then the pod and the node share it', () => {
    const lab = labShell();
    lab.write('pod.yaml', podWith('dir', [{ name: 'data', path: '/data', type: 'Directory' }]));
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl get pod dir')).toMatch(/^dir\s+0\/1\s+ContainerCreating\s+0\s/m);
    // The volume manager retries after 0.5, 1, 2, 4 and 8 s: six tries in the first 20 s.
    expect(lab.sh('kubectl describe pod dir')).toMatch(/Warning  FailedMount  \d+s \(x6 over 20s\)  kubelet  MountVolume\.SetUp failed for volume "data" : hostPath type check failed: \/data is not a directory\n/);
    onNode01(lab, 'mkdir /data', 'echo from the node > /data/note');
    lab.wait(40);
    expect(lab.sh('kubectl get pod dir')).toMatch(/^dir\s+1\/1\s+Running\s+0\s/m);
    expect(lab.sh('kubectl exec dir -- cat /v/data/note')).toBe('from the node\n');
    lab.sh('kubectl exec dir -- sh -c "echo from the pod > /v/data/reply"');
    expect(onNode01(lab, 'cat /data/reply')).toBe('from the pod\n');
  });

  it('a file where a directory is wanted, and a directory where a file is, fail the check', () => {
    const lab = labShell();
    lab.write('pod.yaml', podWith('mixed', [{ name: 'a', path: '/etc/hostname', type: 'DirectoryOrCreate' }, { name: 'b', path: '/etc', type: 'FileOrCreate' }]));
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(10);
    expect(lab.sh('kubectl describe pod mixed')).toContain('MountVolume.SetUp failed for volume "a" : hostPath type check failed: /etc/hostname is not a directory\n');
    lab.write('pod2.yaml', podWith('mixed2', [{ name: 'b', path: '/etc', type: 'File' }]));
    lab.sh('kubectl apply -f pod2.yaml');
    lab.wait(10);
    expect(lab.sh('kubectl describe pod mixed2')).toContain('MountVolume.SetUp failed for volume "b" : hostPath type check failed: /etc is not a file\n');
  });

  it('the ...OrCreate types make what is missing on the node; a file needs its directory', () => {
    const lab = labShell();
    lab.write('pod.yaml', podWith('made', [{ name: 'd', path: '/srv/app/cache', type: 'DirectoryOrCreate' }, { name: 'f', path: '/srv/app.lock', type: 'FileOrCreate' }, { name: 'u', path: '/opt/plain' }]));
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl get pod made')).toMatch(/^made\s+1\/1\s+Running\s/m);
    expect(onNode01(lab, 'ls -l /srv /opt')).toMatch(/^\/opt:\ntotal \d+\ndrwxr-xr-x \d+ root root +\d+ .* plain\n\n\/srv:\ntotal \d+\ndrwxr-xr-x \d+ root root +\d+ .* app\n-rw-r--r-- 1 root root +0 .* app\.lock\n$/);
    lab.write('pod2.yaml', podWith('orphan', [{ name: 'f', path: '/no/such/dir/file', type: 'FileOrCreate' }]));
    lab.sh('kubectl apply -f pod2.yaml');
    lab.wait(10);
    expect(lab.sh('kubectl describe pod orphan')).toContain('MountVolume.SetUp failed for volume "f" : open /no/such/dir/file: no such file or directory\n');
  });

  it('a File volume puts the node\'s one file at the mount path', () => {
    const lab = labShell();
    lab.write('pod.yaml', podWith('file', [{ name: 'id', path: '/etc/machine-id', type: 'File' }]));
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    const machineId = onNode01(lab, 'cat /etc/machine-id');
    expect(machineId).toMatch(/^[0-9a-f]{32}\n$/);
    expect(lab.sh('kubectl exec file -- cat /v/id')).toBe(machineId);
    expect(lab.sh('kubectl exec file -- ls -l /v/id')).toMatch(/^-r[-w]-r--r-- +1 root +root +33 .* \/v\/id\n$/);
    // Each node has its own.
    lab.sh('ssh node02');
    expect(lab.sh('cat /etc/machine-id')).not.toBe(machineId);
    lab.sh('exit');
  });

  it('sockets and devices are checked by their kind', () => {
    const lab = labShell();
    const right = [
      { name: 'sock', path: '/run/containerd/containerd.sock', type: 'Socket' },
      { name: 'devnull', path: '/dev/null', type: 'CharDevice' },
      { name: 'disk', path: '/dev/sda', type: 'BlockDevice' },
    ];
    lab.write('pod.yaml', podWith('devices', right));
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl get pod devices')).toMatch(/^devices\s+1\/1\s+Running\s/m);
    const wrong: [string, string, string][] = [
      ['/dev/null', 'Socket', 'is not a socket file'],
      ['/dev/sda', 'CharDevice', 'is not a character device'],
      ['/tmp', 'BlockDevice', 'is not a block device'],
      ['/var/run/docker.sock', 'Socket', 'is not a socket file'],
    ];
    wrong.forEach(([path, type], i) => {
      lab.write(`wrong${i}.yaml`, podWith(`wrong${i}`, [{ name: 'v', path, type }]));
      lab.sh(`kubectl apply -f wrong${i}.yaml`);
    });
    lab.wait(10);
    wrong.forEach(([path, , message], i) => {
      expect(lab.sh(`kubectl describe pod wrong${i}`)).toContain(`MountVolume.SetUp failed for volume "v" : hostPath type check failed: ${path} ${message}\n`);
    });
  });

  it('an unknown type is refused by validation', () => {
    const lab = labShell();
    lab.write('pod.yaml', podWith('bad', [{ name: 'v', path: '/data', type: 'Folder' }]));
    expect(lab.sh('kubectl apply -f pod.yaml')).toBe(
      'The Pod "bad" is invalid: spec.volumes[0].hostPath.type: Unsupported value: "Folder": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"\n',
    );
  });

  it('a PersistentVolume\'s hostPath is checked too, and the event names the volume', () => {
    const lab = labShell();
    lab.write('pv.yaml', 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: srv-logs\nspec:\n  storageClassName: manual\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /srv/logs\n    type: Directory\n');
    lab.write('pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: logs\nspec:\n  storageClassName: manual\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    lab.write('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: writer\nspec:\n  nodeName: node01\n  containers:\n  - name: c\n    image: busybox:1.37\n    command: [sleep, "3600"]\n    volumeMounts:\n    - {name: data, mountPath: /logs}\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: logs\n');
    lab.sh('kubectl apply -f pv.yaml -f pvc.yaml -f pod.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl describe pod writer')).toContain('MountVolume.SetUp failed for volume "srv-logs" : hostPath type check failed: /srv/logs is not a directory\n');
  });
});
