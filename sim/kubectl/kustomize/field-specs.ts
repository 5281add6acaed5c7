// Where kustomize's built-in transformers write: the field specs of its default configuration
// (labels and selectors, annotations, references to other objects by name, `$(VAR)` uses), and a
// walker that visits a path through maps and lists.

export interface FieldSpec {
  /** Kinds it applies to; undefined: every kind. */
  kinds?: string[];
  path: string[];
  /** Make the missing maps on the way (a selector a Service does not have yet). */
  create?: boolean;
}

type Node = Record<string, unknown>;

function isMap(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Calls `visit(parent, key)` for the last segment of `path` under `node`, going through every
 * item of a list on the way; `create` makes missing maps (not lists).
 */
export function visitPath(node: unknown, path: string[], create: boolean, visit: (parent: Node, key: string) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitPath(item, path, create, visit);
    return;
  }
  if (!isMap(node) || path.length === 0) return;
  const [head, ...rest] = path;
  if (rest.length === 0) {
    visit(node, head);
    return;
  }
  if (node[head] === undefined || node[head] === null) {
    if (!create) return;
    node[head] = {};
  }
  visitPath(node[head], rest, create, visit);
}

export function appliesTo(spec: FieldSpec, kind: string): boolean {
  return !spec.kinds || spec.kinds.includes(kind);
}

const spec = (kinds: string[] | undefined, path: string, create = false): FieldSpec => ({ kinds, path: path.split('/'), create });

/** Kinds that carry a pod template at spec/template. */
const templateKinds = ['ReplicationController', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'];

/** The pod spec of each kind that has one. */
const podSpecPaths: Record<string, string> = {
  Pod: 'spec',
  PodTemplate: 'template/spec',
  ReplicationController: 'spec/template/spec',
  Deployment: 'spec/template/spec',
  ReplicaSet: 'spec/template/spec',
  DaemonSet: 'spec/template/spec',
  StatefulSet: 'spec/template/spec',
  Job: 'spec/template/spec',
  CronJob: 'spec/jobTemplate/spec/template/spec',
};

/** The same pod-spec-relative paths for the listed kinds. */
function inPodSpecs(kinds: string[], paths: string[]): FieldSpec[] {
  return kinds.flatMap((kind) => paths.map((path) => spec([kind], `${podSpecPaths[kind]}/${path}`)));
}

/** metadata/labels, or annotations, of objects and of the pod templates of workloads. */
function metadataSpecs(field: 'labels' | 'annotations', withTemplates: boolean): FieldSpec[] {
  const specs = [spec(undefined, `metadata/${field}`, true)];
  if (!withTemplates) return specs;
  specs.push(spec(templateKinds, `spec/template/metadata/${field}`, true));
  if (field === 'labels') specs.push(spec(['StatefulSet'], 'spec/volumeClaimTemplates/metadata/labels', true));
  specs.push(spec(['CronJob'], `spec/jobTemplate/metadata/${field}`, true), spec(['CronJob'], `spec/jobTemplate/spec/template/metadata/${field}`, true));
  return specs;
}

const affinityPaths = [
  'affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'topologySpreadConstraints/labelSelector/matchLabels',
];

const selectorSpecs: FieldSpec[] = [
  spec(['Service', 'ReplicationController'], 'spec/selector', true),
  spec(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'], 'spec/selector/matchLabels', true),
  ...inPodSpecs(['Deployment', 'StatefulSet'], affinityPaths),
  spec(['Job'], 'spec/selector/matchLabels'),
  spec(['CronJob'], 'spec/jobTemplate/spec/selector/matchLabels'),
  spec(['PodDisruptionBudget'], 'spec/selector/matchLabels'),
  spec(['NetworkPolicy'], 'spec/podSelector/matchLabels'),
  spec(['NetworkPolicy'], 'spec/ingress/from/podSelector/matchLabels'),
  spec(['NetworkPolicy'], 'spec/egress/to/podSelector/matchLabels'),
];

/** commonLabels, or `labels` with includeSelectors: objects, templates and selectors. */
export const labelsWithSelectors: FieldSpec[] = [...selectorSpecs, ...metadataSpecs('labels', true)];
/** `labels` with includeTemplates. */
export const labelsWithTemplates: FieldSpec[] = metadataSpecs('labels', true).filter((s) => !s.path.includes('volumeClaimTemplates'));
/** `labels` alone. */
export const labelsOnly: FieldSpec[] = metadataSpecs('labels', false);
export const annotationSpecs: FieldSpec[] = metadataSpecs('annotations', true);

/** Kinds the namespace transformer leaves alone (kustomize's list of cluster-scoped kinds). */
export const clusterScopedKinds = new Set([
  'APIService', 'CSIDriver', 'CSINode', 'CertificateSigningRequest', 'Cluster', 'ClusterRole', 'ClusterRoleBinding',
  'ComponentStatus', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume',
  'PodSecurityPolicy', 'PriorityClass', 'RuntimeClass', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'StorageClass',
  'SubjectAccessReview', 'TokenReview', 'ValidatingWebhookConfiguration', 'VolumeAttachment',
]);

/** Kinds whose names namePrefix and nameSuffix leave alone. */
export const unprefixedKinds = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

const podKinds = Object.keys(podSpecPaths);
const workloadKinds = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'];

export interface NameReference {
  /** The kind referred to. */
  kind: string;
  /** The fields that name it. */
  specs: FieldSpec[];
  /** For a field beside a `kind` (scaleTargetRef, roleRef): the referral's kind must be the one named there. */
  checkSiblingKind?: boolean;
}

/** kustomize's name references: when a referred object's name changes, these fields follow. */
export const nameReferences: NameReference[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    kind,
    specs: [spec(['HorizontalPodAutoscaler'], 'spec/scaleTargetRef/name')],
    checkSiblingKind: true,
  })),
  {
    kind: 'ConfigMap',
    specs: [
      ...inPodSpecs(['Pod', 'PodTemplate', ...workloadKinds], [
        'volumes/configMap/name',
        'containers/env/valueFrom/configMapKeyRef/name',
        'initContainers/env/valueFrom/configMapKeyRef/name',
        'containers/envFrom/configMapRef/name',
        'initContainers/envFrom/configMapRef/name',
        'volumes/projected/sources/configMap/name',
      ]),
    ],
  },
  {
    kind: 'Secret',
    specs: [
      ...inPodSpecs(['Pod', 'PodTemplate', ...workloadKinds], [
        'volumes/secret/secretName',
        'containers/env/valueFrom/secretKeyRef/name',
        'initContainers/env/valueFrom/secretKeyRef/name',
        'containers/envFrom/secretRef/name',
        'initContainers/envFrom/secretRef/name',
        'imagePullSecrets/name',
        'volumes/projected/sources/secret/name',
      ]),
      spec(['Ingress'], 'spec/tls/secretName'),
      spec(['ServiceAccount'], 'imagePullSecrets/name'),
    ],
  },
  {
    kind: 'Service',
    specs: [
      spec(['StatefulSet'], 'spec/serviceName'),
      spec(['Ingress'], 'spec/rules/http/paths/backend/service/name'),
      spec(['Ingress'], 'spec/defaultBackend/service/name'),
    ],
  },
  { kind: 'Role', specs: [spec(['RoleBinding'], 'roleRef/name')], checkSiblingKind: true },
  { kind: 'ClusterRole', specs: [spec(['RoleBinding', 'ClusterRoleBinding'], 'roleRef/name')], checkSiblingKind: true },
  {
    kind: 'ServiceAccount',
    specs: [
      spec(['Pod'], 'spec/serviceAccountName'),
      ...['StatefulSet', 'Deployment', 'ReplicationController', 'Job', 'DaemonSet'].map((kind) => spec([kind], 'spec/template/spec/serviceAccountName')),
      spec(['CronJob'], 'spec/jobTemplate/spec/template/spec/serviceAccountName'),
      spec(['RoleBinding', 'ClusterRoleBinding'], 'subjects/name'),
    ],
    checkSiblingKind: true,
  },
  {
    kind: 'PersistentVolumeClaim',
    specs: inPodSpecs(podKinds.filter((k) => k !== 'PodTemplate' && k !== 'ReplicaSet'), ['volumes/persistentVolumeClaim/claimName']),
  },
  { kind: 'PersistentVolume', specs: [spec(['PersistentVolumeClaim'], 'spec/volumeName')] },
  {
    kind: 'StorageClass',
    specs: [spec(['PersistentVolume', 'PersistentVolumeClaim'], 'spec/storageClassName'), spec(['StatefulSet'], 'spec/volumeClaimTemplates/spec/storageClassName')],
  },
  {
    kind: 'PriorityClass',
    specs: inPodSpecs(podKinds.filter((k) => k !== 'PodTemplate' && k !== 'ReplicaSet'), ['priorityClassName']),
  },
  { kind: 'IngressClass', specs: [spec(['Ingress'], 'spec/ingressClassName')] },
];

/** Where `$(VAR)` is replaced by a var's value. */
export const varReferenceSpecs: FieldSpec[] = [
  ...inPodSpecs(['Pod', ...workloadKinds], [
    'containers/args',
    'containers/command',
    'containers/env/value',
    'containers/volumeMounts/mountPath',
    'initContainers/args',
    'initContainers/command',
    'initContainers/env/value',
    'initContainers/volumeMounts/mountPath',
    'volumes/nfs/server',
  ]),
  spec(['Ingress'], 'spec/rules/host'),
  spec(['Ingress'], 'spec/tls/hosts'),
  spec(['Ingress'], 'spec/tls/secretName'),
  spec(['Service'], 'spec/ports/port'),
  spec(['Service'], 'spec/ports/targetPort'),
  spec(['StatefulSet'], 'spec/volumeClaimTemplates/spec/nfs/server'),
  spec(['PersistentVolume'], 'spec/nfs/server'),
  spec(undefined, 'metadata/labels'),
  spec(undefined, 'metadata/annotations'),
];
