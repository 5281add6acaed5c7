// Linux namespace inode numbers as /proc/<pid>/ns shows them. The pause container owns the pod's
// net, ipc and uts namespaces and every container of the pod joins them; each container keeps its
// own mount, pid and cgroup namespaces.

import type { Cluster } from '../cluster';
import type { PodWorker } from '../kubelet/pod-worker';

export interface NamespaceSet {
  cgroup: number;
  ipc: number;
  mnt: number;
  net: number;
  pid: number;
  time: number;
  user: number;
  uts: number;
}

/** The node's own (initial) namespaces. */
export function hostNamespaces(): NamespaceSet {
  return { cgroup: 4026531835, ipc: 4026531839, mnt: 4026531841, net: 4026531840, pid: 4026531836, time: 4026531834, user: 4026531837, uts: 4026531838 };
}

const ownNamespaces = new WeakMap<Cluster, Map<string, { mnt: number; pid: number; cgroup: number }>>();

/** Namespaces of the pause container (containerId undefined) or of one container of the pod. */
export function namespaceInodes(cluster: Cluster, worker: PodWorker, containerId: string | undefined): NamespaceSet {
  const host = hostNamespaces();
  const sandbox = worker.sandbox!;
  let perCluster = ownNamespaces.get(cluster);
  if (!perCluster) ownNamespaces.set(cluster, (perCluster = new Map()));
  const key = containerId ?? `sandbox/${sandbox.id}`;
  let own = perCluster.get(key);
  if (!own) {
    own = { mnt: cluster.allocateInode(), pid: cluster.allocateInode(), cgroup: cluster.allocateInode() };
    perCluster.set(key, own);
  }
  const hostNetwork = worker.podObject.spec.hostNetwork === true;
  return {
    cgroup: own.cgroup,
    ipc: hostNetwork ? host.ipc : sandbox.ipcInode,
    mnt: own.mnt,
    net: sandbox.netns.inode,
    pid: worker.podObject.spec.hostPID ? host.pid : worker.podObject.spec.shareProcessNamespace ? perCluster.get(`sandbox/${sandbox.id}`)?.pid ?? own.pid : own.pid,
    time: host.time,
    user: host.user,
    uts: hostNetwork ? host.uts : sandbox.utsInode,
  };
}
