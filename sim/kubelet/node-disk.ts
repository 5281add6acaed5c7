// A node's own disk: the files a freshly installed kubeadm node has, the ones `ssh <node>` shows
// and hostPath volumes mount. Device and socket files are plain entries of the filesystem; what
// kind of file each is, which the kubelet's hostPath type check asks, is listed beside them.

import { MemFs } from '../fs/memfs';
import type { FileSystem } from '../fs/filesystem';
import type { FileOwner } from '../fs/permission-fs';

/** A path's kind as the kubelet's GetFileType names it (the values of a hostPath volume's type). */
export type HostFileType = 'Directory' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice';

/** The special files of every node; /var/run is /run on Ubuntu, so its socket is there too. */
const specialFiles: Record<string, HostFileType> = {
  '/dev/null': 'CharDevice',
  '/dev/zero': 'CharDevice',
  '/dev/full': 'CharDevice',
  '/dev/random': 'CharDevice',
  '/dev/urandom': 'CharDevice',
  '/dev/tty': 'CharDevice',
  '/dev/kmsg': 'CharDevice',
  '/dev/fuse': 'CharDevice',
  '/dev/sda': 'BlockDevice',
  '/dev/sda1': 'BlockDevice',
  '/run/containerd/containerd.sock': 'Socket',
  '/var/run/containerd/containerd.sock': 'Socket',
};

/** Ubuntu's `shadow` group, which owns the password files. */
const shadowGid = 42;

/** Files whose owner or mode is not root's 0644 (directories 0755) on an Ubuntu node. */
const restricted: Record<string, { owner: FileOwner; mode: number }> = {
  '/etc/shadow': { owner: { uid: 0, gid: shadowGid }, mode: 0o640 },
  '/root': { owner: { uid: 0, gid: 0 }, mode: 0o700 },
};

/** Who owns a path of the node's disk: root, /etc/shadow with the shadow group. */
export function hostFileOwner(path: string): FileOwner {
  return restricted[path]?.owner ?? { uid: 0, gid: 0 };
}

const systemAccounts = ['root', 'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'www-data', 'backup', 'list', 'irc', '_apt', 'nobody'];

/** A 32-digit machine ID, as systemd writes /etc/machine-id, the same for a node name every time. */
function machineId(nodeName: string): string {
  let id = '';
  for (let round = 0; round < 4; round++) {
    let hash = 0x811c9dc5;
    for (const char of `${round}:${nodeName}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    id += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return id;
}

/** The node's disk as the node is installed. */
export function nodeDisk(nodeName: string, now: () => number): MemFs {
  const disk = new MemFs({ now });
  const files: Record<string, string> = {
    '/etc/hostname': `${nodeName}\n`,
    '/etc/machine-id': `${machineId(nodeName)}\n`,
    '/etc/os-release': 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\n',
    '/etc/kubernetes/kubelet.conf': 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://172.30.1.2:6443\n  name: default-cluster\n',
    '/var/lib/kubelet/config.yaml': 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\nstaticPodPath: /etc/kubernetes/manifests\n',
    '/root/.bashrc': '',
    '/etc/shadow': systemAccounts.map((name) => `${name}:*:19977:0:99999:7:::\n`).join(''),
  };
  if (nodeName === 'controlplane') {
    for (const file of ['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml']) files[`/etc/kubernetes/manifests/${file}`] = `# static pod manifest: ${file}\n`;
  }
  for (const path of Object.keys(specialFiles)) files[path] = '';
  for (const [path, content] of Object.entries(files)) {
    disk.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    disk.writeFile(path, content);
  }
  for (const dir of ['/mnt', '/opt', '/proc', '/tmp', '/var/log/pods']) disk.mkdir(dir, { recursive: true });
  for (const [path, { mode }] of Object.entries(restricted)) disk.chmod(path, mode);
  return disk;
}

/** What kind of file `path` is on the node's disk; undefined when nothing is there. */
export function hostFileType(disk: FileSystem, path: string): HostFileType | undefined {
  const stat = disk.stat(path);
  if (!stat) return undefined;
  return stat.type === 'dir' ? 'Directory' : (specialFiles[path] ?? 'File');
}
