// A pod's sandbox: the pause container and the namespaces its containers share.

import type { NetworkNamespace } from '../runtime/network';
import type { ContainerDeps } from '../runtime/container';
import type { ProcessInfo } from '../process';
import type { Pod } from '../api/types';
import type { ContainerRecord } from './container-record';
import type { PodHost } from './pod-host';

export interface Sandbox {
  id: string;
  /** containerd-shim-runc-v2, the parent of the pod's processes on the node. */
  shimPid: number;
  /** The pause container's process. */
  pid: number;
  netns: NetworkNamespace;
  ipcInode: number;
  utsInode: number;
  createdAt: number;
}

/** The pause container and the pod's network namespace (the node's own under hostNetwork). */
export function createSandbox(node: PodHost, pod: Pod): Sandbox {
  const hostNetwork = pod.spec.hostNetwork === true;
  const netns = hostNetwork ? node.nodeNetns : node.createPodNetns(pod.metadata.namespace ?? 'default');
  return {
    id: node.random.hex(64),
    shimPid: node.allocatePid(),
    pid: node.allocatePid(),
    netns,
    ipcInode: node.allocateInode(),
    utsInode: node.allocateInode(),
    createdAt: node.clock.now(),
  };
}

/** The sandbox stops: a network namespace of the pod's own is released. */
export function releaseSandbox(node: PodHost, sandbox: Sandbox | undefined): void {
  if (sandbox && sandbox.netns !== node.nodeNetns) node.releasePodNetns(sandbox.netns);
}

/**
 * The pod's one PID namespace under shareProcessNamespace: the pause process is PID 1 and every
 * container's processes are numbered from it, as `ps ax` in any of the containers shows them.
 */
export function sharedPidNamespace(sandbox: Sandbox, records: readonly ContainerRecord[]): NonNullable<ContainerDeps['sharedPids']> {
  const inPod = (nodePid: number) => nodePid - sandbox.pid + 1;
  return {
    processes: () => {
      const pause: ProcessInfo = { pid: 1, user: 'root', rss: 260 * 1024, cpu: 0, state: 'S', command: '/pause', startedAt: sandbox.createdAt };
      const others = records
        .flatMap((rec) => (rec.instance?.running ? rec.instance.processInfos('node') : []))
        .map((p) => ({ ...p, pid: inPod(p.pid), ppid: p.ppid === undefined ? undefined : inPod(p.ppid) }));
      return [pause, ...others.sort((a, b) => a.pid - b.pid)];
    },
    kill: (pid, signal, from) => {
      if (pid === 1) return undefined; // pause handles only SIGINT and SIGTERM, by exiting, which the kubelet never lets it do
      const nodePid = pid + sandbox.pid - 1;
      const found = records.some((rec) => rec.instance?.running && rec.instance.signalProcess(nodePid, signal, false, from));
      return found ? undefined : 'No such process';
    },
    pidOf: inPod,
  };
}

/**
 * An ephemeral container with a targetContainerName joins that container's PID namespace: the
 * target's first process is PID 1 there, and both containers' processes are numbered from it.
 */
export function targetPidNamespace(target: ContainerRecord, self: () => ContainerRecord['instance']): NonNullable<ContainerDeps['sharedPids']> {
  const members = () => [target.instance, self()].filter((instance) => instance?.running);
  const first = () => target.instance?.mainPid ?? 0;
  return {
    processes: () => {
      const base = first();
      return members()
        .flatMap((instance) => instance!.processInfos('node'))
        .map((p) => ({ ...p, pid: p.pid - base + 1, ppid: p.ppid === undefined ? undefined : p.ppid - base + 1 }))
        .sort((a, b) => a.pid - b.pid);
    },
    kill: (pid, signal, from) => {
      const nodePid = pid + first() - 1;
      return members().some((instance) => instance!.signalProcess(nodePid, signal, pid === 1, from)) ? undefined : 'No such process';
    },
    pidOf: (nodePid) => nodePid - first() + 1,
  };
}
