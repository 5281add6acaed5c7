// Namespace inodes as the node's shell shows them: the kubelet's (sim/kubelet/namespaces.ts), for a
// pod worker's sandbox and containers.

import type { Cluster } from '../cluster';
import type { PodWorker } from '../kubelet/pod-worker';
import { podNamespaceInodes, type NamespaceSet } from '../kubelet/namespaces';

export { hostNamespaces, namespaceLinks, type NamespaceSet } from '../kubelet/namespaces';

/** Namespaces of the pause container (containerId undefined) or of one container of the pod. */
export function namespaceInodes(cluster: Cluster, worker: PodWorker, containerId: string | undefined): NamespaceSet {
  return podNamespaceInodes(worker.sandbox!, worker.podObject, containerId, () => cluster.allocateInode());
}
