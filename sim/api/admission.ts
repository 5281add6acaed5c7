// The mutating admission a real API server runs on create, after defaulting and before
// validation: the ServiceAccount plugin (token volume and mounts), DefaultTolerationSeconds,
// Priority, and the pod strategy's PrepareForCreate (pod status). Each kind's record (./kinds)
// names the admission its objects go through.
import type { Container, KubeObject, PodSpec, Toleration, VolumeMount } from './types';
import type { AdmissionDeps } from './kinds/kind-record';
import type { ApiError } from './errors';
import { qosClass } from './qos';
import { admitPodPriority } from './kinds/priority-class';

export type { AdmissionDeps } from './kinds/kind-record';

export const serviceAccountMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

function tokenVolume(name: string) {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

function mountsToken(container: Container): boolean {
  return (container.volumeMounts ?? []).some((mount) => mount.mountPath === serviceAccountMountPath);
}

/** The ServiceAccount admission plugin's changes to a new pod. */
function admitServiceAccount(spec: PodSpec, deps: AdmissionDeps): void {
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const volumes = (spec.volumes ??= []);
  const existing = volumes.find((volume) => volume.name.startsWith('kube-api-access-'));
  const volumeName = existing?.name ?? `kube-api-access-${deps.randomSuffix(5)}`;
  let needed = false;
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (mountsToken(container)) continue;
    const mount: VolumeMount = { mountPath: serviceAccountMountPath, name: volumeName, readOnly: true };
    (container.volumeMounts ??= []).push(mount);
    needed = true;
  }
  if (needed && !existing) volumes.push(tokenVolume(volumeName));
  if (volumes.length === 0) delete spec.volumes;
}

const defaultTolerations: Toleration[] = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];

/** DefaultTolerationSeconds: unless the pod already tolerates the taint for NoExecute. */
function admitTolerations(spec: PodSpec): void {
  const tolerations = (spec.tolerations ??= []);
  for (const toleration of defaultTolerations) {
    const covered = tolerations.some(
      (t) => (t.effect === undefined || t.effect === 'NoExecute') && ((t.operator === 'Exists' && !t.key) || t.key === toleration.key),
    );
    if (!covered) tolerations.push({ ...toleration });
  }
}

/** What a new pod goes through: ServiceAccount, DefaultTolerationSeconds, Priority, and its initial status; returns a plugin's refusal. */
export function admitPod(obj: KubeObject, deps: AdmissionDeps): ApiError | undefined {
  const spec = obj.spec as PodSpec;
  admitServiceAccount(spec, deps);
  admitTolerations(spec);
  const refused = admitPodPriority(obj, deps.list?.('PriorityClass', '') ?? []);
  if (refused) return refused;
  obj.status = { phase: 'Pending', qosClass: qosClass(spec) };
  // The pod strategy marks a gated pod at once: the scheduler leaves it alone until the gates are gone.
  if (Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) {
    obj.status.conditions = [
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null, reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' },
    ];
  }
  return undefined;
}
