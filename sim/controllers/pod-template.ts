// Creating a pod from a controller's pod template (pkg/controller/controller_utils.go).
import type { EngineContext } from '../engine-context';
import type { KubeObject, PodTemplateSpec } from '../api/types';
import { ApiError } from '../api/errors';
import { deepClone } from '../api/object-utils';
import { controllerRefTo } from './owner-references';

/** Generated names keep room for the 5-character suffix within 63 characters. */
const maxGeneratedBaseLength = 58;

export function generatedNameBase(prefix: string): string {
  const base = `${prefix}-`;
  return base.length > maxGeneratedBaseLength ? base.slice(0, maxGeneratedBaseLength) : base;
}

export function podFromTemplate(owner: KubeObject, template: PodTemplateSpec, name: string, extraLabels: Record<string, string> = {}): KubeObject {
  const meta = template.metadata ?? {};
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: generatedNameBase(owner.metadata.name!),
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...extraLabels },
      ownerReferences: [controllerRefTo(owner)],
    },
    spec: deepClone(template.spec),
    status: {},
  };
  if (meta.annotations && Object.keys(meta.annotations).length > 0) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}

/** Creates the pod under `<base>-<5 random>`, trying another suffix on a name clash. Returns undefined when refused. */
export function createPodFromTemplate(
  ctx: EngineContext,
  owner: KubeObject,
  template: PodTemplateSpec,
  extraLabels: Record<string, string> = {},
  nameBase = generatedNameBase(owner.metadata.name!),
): { pod?: KubeObject; error?: ApiError } {
  for (let attempt = 0; attempt < 5; attempt++) {
    const pod = podFromTemplate(owner, template, nameBase + ctx.random.suffix(5), extraLabels);
    pod.metadata.generateName = nameBase;
    try {
      return { pod: ctx.api.create(pod) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.reason !== 'AlreadyExists') return { error };
    }
  }
  return {};
}
