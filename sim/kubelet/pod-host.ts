// What a pod worker needs from the node it runs on: the node's kubelet and container runtime
// (images, PIDs, network namespaces, host paths) and the cluster's API, clock and events.

import type { CommandImpl } from '../process';
import type { ContainerDeps } from '../runtime/container';
import type { Clock, EventRecorder, Random } from '../engine-context';
import type { SimApiServer } from '../api/api-server';
import type { FileSystem } from '../fs/filesystem';
import type { ClusterNetwork, NetworkNamespace } from '../runtime/network';
import type { ImageSpec } from '../runtime/images/catalog';
import type { ImageStore } from './image-store';
import type { SerialImagePulls } from './serial-image-pulls';

export interface PodHost {
  readonly nodeName: string;
  readonly nodeIP: string;
  readonly api: SimApiServer;
  readonly network: ClusterNetwork;
  readonly clock: Clock;
  readonly random: Random;
  readonly events: EventRecorder;
  readonly images: ImageStore;
  /** The kubelet's queue of image pulls: one at a time on the node. */
  readonly imagePulls: SerialImagePulls;
  /** The node's own network namespace: hostNetwork pods share it. */
  readonly nodeNetns: NetworkNamespace;
  enqueue(key: string, work: () => void): void;
  allocatePid(): number;
  allocateInode(): number;
  /** `fs` is the container's, where a package manager may install what the image leaves out. */
  commandResolver(image: ImageSpec, env: Map<string, string>, fs?: FileSystem): (name: string) => CommandImpl | undefined;
  kubeletRunning(): boolean;
  allocatable(): Record<string, string>;
  /** The node's own files, where hostPath volumes are. */
  hostDisk(): FileSystem;
  createPodNetns(podNamespace: string): NetworkNamespace;
  releasePodNetns(netns: NetworkNamespace): void;
  /** The pod worker is done: its pod is gone. */
  forget(worker: { readonly uid: string }): void;
  /** The node's own PID namespace, which a hostPID pod's containers join: every process on the node. */
  hostPids(): NonNullable<ContainerDeps['sharedPids']>;
}
