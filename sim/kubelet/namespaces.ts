// Linux namespace inode numbers as /proc/<pid>/ns shows them, on the node and inside containers.
// The pause container owns the pod's net, ipc and uts namespaces and every container of the pod
// joins them; each container keeps its own mount, pid and cgroup namespaces, except that under
// shareProcessNamespace all of them live in the pause container's PID namespace. hostNetwork,
// hostIPC and hostPID put a pod in the node's own net and uts, ipc, and pid namespaces.

import type { Pod } from '../api/types';
import type { Sandbox } from './sandbox';

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

/** The namespaces each container of a sandbox (and its pause container) has of its own, made when first asked for. */
const ownNamespaces = new WeakMap<Sandbox, Map<string, { mnt: number; pid: number; cgroup: number }>>();

/** Namespaces of the pause container (containerId undefined) or of one container of the pod. */
export function podNamespaceInodes(sandbox: Sandbox, pod: Pod, containerId: string | undefined, allocateInode: () => number): NamespaceSet {
  const host = hostNamespaces();
  let perSandbox = ownNamespaces.get(sandbox);
  if (!perSandbox) ownNamespaces.set(sandbox, (perSandbox = new Map()));
  const own = (key: string) => {
    let found = perSandbox!.get(key);
    if (!found) perSandbox!.set(key, (found = { mnt: allocateInode(), pid: allocateInode(), cgroup: allocateInode() }));
    return found;
  };
  const mine = own(containerId ?? `sandbox/${sandbox.id}`);
  const hostNetwork = pod.spec.hostNetwork === true;
  return {
    cgroup: mine.cgroup,
    ipc: pod.spec.hostIPC === true ? host.ipc : sandbox.ipcInode,
    mnt: mine.mnt,
    net: sandbox.netns.inode,
    pid: pod.spec.hostPID === true ? host.pid : pod.spec.shareProcessNamespace ? own(`sandbox/${sandbox.id}`).pid : mine.pid,
    time: host.time,
    user: host.user,
    uts: hostNetwork ? host.uts : sandbox.utsInode,
  };
}

/** `/proc/<pid>/ns` as `ls` lists it: each namespace's name and its link, `net:[4026532001]`. */
export function namespaceLinks(set: NamespaceSet): [string, string][] {
  const order: [string, keyof NamespaceSet][] = [
    ['cgroup', 'cgroup'], ['ipc', 'ipc'], ['mnt', 'mnt'], ['net', 'net'], ['pid', 'pid'], ['pid_for_children', 'pid'],
    ['time', 'time'], ['time_for_children', 'time'], ['user', 'user'], ['uts', 'uts'],
  ];
  return order.map(([name, type]) => [name, `${type}:[${set[type]}]`]);
}
