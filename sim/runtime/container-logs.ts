// `kubectl logs`: a container's log as the runtime keeps it (the current instance's, or with
// --previous the one before), with the API server's answers for containers that have none.

import type { Pod } from '../api/types';
import type { LogLine, LogOptions } from '../api/server';
import { ApiError } from '../api/errors';
import type { ContainerInstance } from './container';

/** A pod's containers as the node running it knows them (undefined for a pod no node runs). */
export interface PodContainers {
  /** Whether the container was ever created (an image pulled and the container made). */
  created(name: string): boolean;
  /** The running instance of a container, if it runs. */
  instance(name: string): ContainerInstance | undefined;
  currentLogs(name: string): LogLine[] | undefined;
  previousLogs(name: string): LogLine[] | undefined;
}

export function containerNames(pod: Pod): string[] {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...((pod.spec.ephemeralContainers ?? []) as { name: string }[])].map((c) => c.name);
}

export function containerLogs(pod: Pod, containers: PodContainers | undefined, options: LogOptions): LogLine[] {
  const name = options.container ?? pod.spec.containers[0]?.name;
  const podName = pod.metadata.name;
  if (!containerNames(pod).includes(name)) {
    throw new ApiError('BadRequest', `container ${name} is not valid for pod ${podName}`);
  }
  const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((s: any) => s.name === name);
  if (options.previous) {
    const previous = containers?.previousLogs(name);
    if (!status?.lastState?.terminated || !previous) {
      throw new ApiError('BadRequest', `previous terminated container "${name}" in pod "${podName}" not found`);
    }
    return tail(previous, options);
  }
  if (!containers?.created(name)) {
    const waiting = status?.state?.waiting?.reason ?? 'ContainerCreating';
    const reason = waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : waiting;
    throw new ApiError('BadRequest', `container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
  }
  return tail(containers.currentLogs(name) ?? [], options);
}

function tail(lines: LogLine[], options: LogOptions): LogLine[] {
  let result = lines;
  if (options.sinceSeconds !== undefined) result = result.filter((l) => l.time >= lines[lines.length - 1]?.time - options.sinceSeconds! * 1000);
  if (options.tailLines !== undefined && options.tailLines >= 0) result = result.slice(Math.max(0, result.length - options.tailLines));
  return result;
}
