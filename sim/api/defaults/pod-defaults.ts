// Pod and pod template defaults (SetDefaults_Pod, SetDefaults_PodSpec, volume sources).
import type { PodSpec, PodTemplateSpec, Volume } from '../types';
import { applyContainerDefaults, copyLimitsToRequests } from './container-defaults';

function allContainers(spec: PodSpec) {
  const lists = [spec.initContainers, spec.containers, spec.ephemeralContainers as PodSpec['containers'] | undefined];
  return lists.flatMap((list) => (Array.isArray(list) ? list : []));
}

function applyVolumeDefaults(volume: Volume): void {
  if (!volume || typeof volume !== 'object') return;
  const sources = Object.keys(volume).filter((key) => key !== 'name');
  if (sources.length === 0) volume.emptyDir = {};
  if (volume.configMap) volume.configMap.defaultMode ??= 420;
  if (volume.secret) volume.secret.defaultMode ??= 420;
  if (volume.projected && typeof volume.projected === 'object') (volume.projected as { defaultMode?: number }).defaultMode ??= 420;
  if (volume.downwardAPI && typeof volume.downwardAPI === 'object') {
    const downward = volume.downwardAPI as { defaultMode?: number; items?: { fieldRef?: { apiVersion?: string } }[] };
    downward.defaultMode ??= 420;
    for (const item of downward.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ??= 'v1';
  }
  if (volume.hostPath) volume.hostPath.type ??= '';
}

/** SetDefaults_PodSpec and everything under it; runs on pods and on pod templates. */
export function applyPodSpecDefaults(spec: PodSpec): void {
  if (!spec || typeof spec !== 'object') return;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  for (const container of allContainers(spec)) applyContainerDefaults(container);
  for (const volume of Array.isArray(spec.volumes) ? spec.volumes : []) applyVolumeDefaults(volume);
  if (spec.hostNetwork === true) {
    for (const container of allContainers(spec)) {
      for (const port of container.ports ?? []) port.hostPort ??= port.containerPort;
    }
  }
}

/** SetDefaults_Pod: pod objects only (templates keep limits without requests). */
export function applyPodDefaults(spec: PodSpec): void {
  if (!spec || typeof spec !== 'object') return;
  applyPodSpecDefaults(spec);
  for (const container of allContainers(spec)) copyLimitsToRequests(container);
  spec.enableServiceLinks ??= true;
}

export function applyPodTemplateDefaults(template: PodTemplateSpec | undefined): void {
  if (!template || typeof template !== 'object') return;
  template.metadata ??= {};
  if (!('creationTimestamp' in template.metadata)) template.metadata.creationTimestamp = null;
  applyPodSpecDefaults(template.spec);
}
