// Reads the Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`) of the objects
// kubectl's typed clients send as request bodies (`kubectl create deployment|job|cronjob|
// configmap|secret|service|namespace|serviceaccount|quota|priorityclass`, `kubectl debug --copy-to` and
// `kubectl debug node/NAME`) into the JSON form the API works with.
// Field numbers, names and types are those of the Kubernetes API's generated.proto files (core/v1,
// apps/v1, batch/v1, scheduling/v1, meta/v1); every message reachable from these objects is listed with its 1.32
// fields, except volume sources the lab does not simulate, which are skipped like unknown fields.
// Non-pointer Go fields are always encoded, so their zero values are dropped as JSON's `omitempty` would; the
// fields marked `keep` are Go pointers, where a zero value (`privileged: false`, `runAsUser: 0`) is
// a choice. Messages are always kept: one that is sent is set.
import { badRequest } from '../sim/api/errors';

type Scalar = 'string' | 'int' | 'bool' | 'bytes';
interface Field {
  name: string;
  type: Scalar | string;
  repeated?: boolean;
  /** map<string, type> */
  map?: boolean;
  /** Keep a zero value (a pointer in Go). */
  keep?: boolean;
  /** An embedded Go struct, whose fields JSON puts in the parent object. */
  inline?: boolean;
}
type Message = Record<number, Field>;

const f = (name: string, type: Scalar | string, extra: Partial<Field> = {}): Field => ({ name, type, ...extra });
const keep = { keep: true };
const list = { repeated: true };
const map = { map: true };
const inline = { inline: true };

const messages: Record<string, Message> = {
  Unknown: { 1: f('typeMeta', 'TypeMeta'), 2: f('raw', 'bytes') },
  TypeMeta: { 1: f('apiVersion', 'string'), 2: f('kind', 'string') },
  // meta/v1
  ObjectMeta: {
    1: f('name', 'string'), 2: f('generateName', 'string'), 3: f('namespace', 'string'), 5: f('uid', 'string'),
    6: f('resourceVersion', 'string'), 10: f('deletionGracePeriodSeconds', 'int', keep), 11: f('labels', 'string', map), 12: f('annotations', 'string', map),
    13: f('ownerReferences', 'OwnerReference', list), 14: f('finalizers', 'string', list),
  },
  OwnerReference: {
    1: f('kind', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'), 5: f('apiVersion', 'string'),
    6: f('controller', 'bool', keep), 7: f('blockOwnerDeletion', 'bool', keep),
  },
  LabelSelector: { 1: f('matchLabels', 'string', map), 2: f('matchExpressions', 'LabelSelectorRequirement', list) },
  LabelSelectorRequirement: { 1: f('key', 'string'), 2: f('operator', 'string'), 3: f('values', 'string', list) },
  IntOrString: { 1: f('type', 'int'), 2: f('intVal', 'int'), 3: f('strVal', 'string') },
  Quantity: { 1: f('string', 'string') },
  // apps/v1
  Deployment: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'DeploymentSpec') },
  DeploymentSpec: {
    1: f('replicas', 'int', keep), 2: f('selector', 'LabelSelector'), 3: f('template', 'PodTemplateSpec'), 4: f('strategy', 'DeploymentStrategy'),
    5: f('minReadySeconds', 'int'), 6: f('revisionHistoryLimit', 'int', keep), 7: f('paused', 'bool'), 9: f('progressDeadlineSeconds', 'int', keep),
  },
  DeploymentStrategy: { 1: f('type', 'string'), 2: f('rollingUpdate', 'RollingUpdateDeployment') },
  RollingUpdateDeployment: { 1: f('maxUnavailable', 'IntOrString', keep), 2: f('maxSurge', 'IntOrString', keep) },
  // batch/v1
  Job: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'JobSpec') },
  JobSpec: {
    1: f('parallelism', 'int', keep), 2: f('completions', 'int', keep), 3: f('activeDeadlineSeconds', 'int', keep), 4: f('selector', 'LabelSelector'),
    5: f('manualSelector', 'bool', keep), 6: f('template', 'PodTemplateSpec'), 7: f('backoffLimit', 'int', keep), 8: f('ttlSecondsAfterFinished', 'int', keep),
    9: f('completionMode', 'string', keep), 10: f('suspend', 'bool', keep), 11: f('podFailurePolicy', 'PodFailurePolicy'), 12: f('backoffLimitPerIndex', 'int', keep),
    13: f('maxFailedIndexes', 'int', keep), 14: f('podReplacementPolicy', 'string', keep), 15: f('managedBy', 'string', keep), 16: f('successPolicy', 'SuccessPolicy'),
  },
  PodFailurePolicy: { 1: f('rules', 'PodFailurePolicyRule', list) },
  PodFailurePolicyRule: { 1: f('action', 'string'), 2: f('onExitCodes', 'PodFailurePolicyOnExitCodesRequirement'), 3: f('onPodConditions', 'PodFailurePolicyOnPodConditionsPattern', list) },
  PodFailurePolicyOnExitCodesRequirement: { 1: f('containerName', 'string', keep), 2: f('operator', 'string'), 3: f('values', 'int', list) },
  PodFailurePolicyOnPodConditionsPattern: { 1: f('type', 'string'), 2: f('status', 'string') },
  SuccessPolicy: { 1: f('rules', 'SuccessPolicyRule', list) },
  SuccessPolicyRule: { 1: f('succeededIndexes', 'string', keep), 2: f('succeededCount', 'int', keep) },
  CronJob: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'CronJobSpec') },
  CronJobSpec: {
    1: f('schedule', 'string'), 2: f('startingDeadlineSeconds', 'int', keep), 3: f('concurrencyPolicy', 'string'), 4: f('suspend', 'bool', keep),
    5: f('jobTemplate', 'JobTemplateSpec'), 6: f('successfulJobsHistoryLimit', 'int', keep), 7: f('failedJobsHistoryLimit', 'int', keep), 8: f('timeZone', 'string', keep),
  },
  JobTemplateSpec: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'JobSpec') },
  // core/v1: the Pod and what it holds
  Pod: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'PodSpec') },
  PodTemplateSpec: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'PodSpec') },
  PodSpec: {
    1: f('volumes', 'Volume', list), 2: f('containers', 'Container', list), 3: f('restartPolicy', 'string'), 4: f('terminationGracePeriodSeconds', 'int', keep),
    5: f('activeDeadlineSeconds', 'int', keep), 6: f('dnsPolicy', 'string'), 7: f('nodeSelector', 'string', map), 8: f('serviceAccountName', 'string'),
    9: f('serviceAccount', 'string'), 10: f('nodeName', 'string'), 11: f('hostNetwork', 'bool'), 12: f('hostPID', 'bool'), 13: f('hostIPC', 'bool'),
    14: f('securityContext', 'PodSecurityContext'), 15: f('imagePullSecrets', 'LocalObjectReference', list), 16: f('hostname', 'string'), 17: f('subdomain', 'string'),
    18: f('affinity', 'Affinity'), 19: f('schedulerName', 'string'), 20: f('initContainers', 'Container', list), 21: f('automountServiceAccountToken', 'bool', keep),
    22: f('tolerations', 'Toleration', list), 23: f('hostAliases', 'HostAlias', list), 24: f('priorityClassName', 'string'), 25: f('priority', 'int', keep),
    26: f('dnsConfig', 'PodDNSConfig'), 27: f('shareProcessNamespace', 'bool', keep), 28: f('readinessGates', 'PodReadinessGate', list),
    29: f('runtimeClassName', 'string', keep), 30: f('enableServiceLinks', 'bool', keep), 31: f('preemptionPolicy', 'string', keep), 32: f('overhead', 'Quantity', map),
    33: f('topologySpreadConstraints', 'TopologySpreadConstraint', list), 34: f('ephemeralContainers', 'EphemeralContainer', list), 35: f('setHostnameAsFQDN', 'bool', keep),
    36: f('os', 'PodOS'), 37: f('hostUsers', 'bool', keep), 38: f('schedulingGates', 'PodSchedulingGate', list), 39: f('resourceClaims', 'PodResourceClaim', list),
    40: f('resources', 'ResourceRequirements'),
  },
  LocalObjectReference: { 1: f('name', 'string') },
  Container: {
    1: f('name', 'string'), 2: f('image', 'string'), 3: f('command', 'string', list), 4: f('args', 'string', list), 5: f('workingDir', 'string'),
    6: f('ports', 'ContainerPort', list), 7: f('env', 'EnvVar', list), 8: f('resources', 'ResourceRequirements'), 9: f('volumeMounts', 'VolumeMount', list),
    10: f('livenessProbe', 'Probe'), 11: f('readinessProbe', 'Probe'), 12: f('lifecycle', 'Lifecycle'), 13: f('terminationMessagePath', 'string'),
    14: f('imagePullPolicy', 'string'), 15: f('securityContext', 'SecurityContext'), 16: f('stdin', 'bool'), 17: f('stdinOnce', 'bool'), 18: f('tty', 'bool'),
    19: f('envFrom', 'EnvFromSource', list), 20: f('terminationMessagePolicy', 'string'), 21: f('volumeDevices', 'VolumeDevice', list), 22: f('startupProbe', 'Probe'),
    23: f('resizePolicy', 'ContainerResizePolicy', list), 24: f('restartPolicy', 'string', keep),
  },
  // EphemeralContainerCommon numbers its fields as Container does.
  EphemeralContainer: { 1: f('ephemeralContainerCommon', 'Container', inline), 2: f('targetContainerName', 'string') },
  ContainerPort: { 1: f('name', 'string'), 2: f('hostPort', 'int'), 3: f('containerPort', 'int'), 4: f('protocol', 'string'), 5: f('hostIP', 'string') },
  ContainerResizePolicy: { 1: f('resourceName', 'string'), 2: f('restartPolicy', 'string') },
  EnvVar: { 1: f('name', 'string'), 2: f('value', 'string'), 3: f('valueFrom', 'EnvVarSource') },
  EnvVarSource: {
    1: f('fieldRef', 'ObjectFieldSelector'), 2: f('resourceFieldRef', 'ResourceFieldSelector'), 3: f('configMapKeyRef', 'ConfigMapKeySelector'), 4: f('secretKeyRef', 'SecretKeySelector'),
  },
  ObjectFieldSelector: { 1: f('apiVersion', 'string'), 2: f('fieldPath', 'string') },
  ResourceFieldSelector: { 1: f('containerName', 'string'), 2: f('resource', 'string'), 3: f('divisor', 'Quantity') },
  ConfigMapKeySelector: { 1: f('localObjectReference', 'LocalObjectReference', inline), 2: f('key', 'string'), 3: f('optional', 'bool', keep) },
  SecretKeySelector: { 1: f('localObjectReference', 'LocalObjectReference', inline), 2: f('key', 'string'), 3: f('optional', 'bool', keep) },
  EnvFromSource: { 1: f('prefix', 'string'), 2: f('configMapRef', 'ConfigMapEnvSource'), 3: f('secretRef', 'SecretEnvSource') },
  ConfigMapEnvSource: { 1: f('localObjectReference', 'LocalObjectReference', inline), 2: f('optional', 'bool', keep) },
  SecretEnvSource: { 1: f('localObjectReference', 'LocalObjectReference', inline), 2: f('optional', 'bool', keep) },
  ResourceRequirements: { 1: f('limits', 'Quantity', map), 2: f('requests', 'Quantity', map), 3: f('claims', 'ResourceClaim', list) },
  ResourceClaim: { 1: f('name', 'string'), 2: f('request', 'string') },
  VolumeMount: {
    1: f('name', 'string'), 2: f('readOnly', 'bool'), 3: f('mountPath', 'string'), 4: f('subPath', 'string'), 5: f('mountPropagation', 'string', keep),
    6: f('subPathExpr', 'string'), 7: f('recursiveReadOnly', 'string', keep),
  },
  VolumeDevice: { 1: f('name', 'string'), 2: f('devicePath', 'string') },
  Probe: {
    1: f('handler', 'ProbeHandler', inline), 2: f('initialDelaySeconds', 'int'), 3: f('timeoutSeconds', 'int'), 4: f('periodSeconds', 'int'),
    5: f('successThreshold', 'int'), 6: f('failureThreshold', 'int'), 7: f('terminationGracePeriodSeconds', 'int', keep),
  },
  ProbeHandler: { 1: f('exec', 'ExecAction'), 2: f('httpGet', 'HTTPGetAction'), 3: f('tcpSocket', 'TCPSocketAction'), 4: f('grpc', 'GRPCAction') },
  ExecAction: { 1: f('command', 'string', list) },
  HTTPGetAction: { 1: f('path', 'string'), 2: f('port', 'IntOrString'), 3: f('host', 'string'), 4: f('scheme', 'string'), 5: f('httpHeaders', 'HTTPHeader', list) },
  HTTPHeader: { 1: f('name', 'string'), 2: f('value', 'string') },
  TCPSocketAction: { 1: f('port', 'IntOrString'), 2: f('host', 'string') },
  GRPCAction: { 1: f('port', 'int'), 2: f('service', 'string', keep) },
  Lifecycle: { 1: f('postStart', 'LifecycleHandler'), 2: f('preStop', 'LifecycleHandler') },
  LifecycleHandler: { 1: f('exec', 'ExecAction'), 2: f('httpGet', 'HTTPGetAction'), 3: f('tcpSocket', 'TCPSocketAction'), 4: f('sleep', 'SleepAction') },
  SleepAction: { 1: f('seconds', 'int') },
  SecurityContext: {
    1: f('capabilities', 'Capabilities'), 2: f('privileged', 'bool', keep), 3: f('seLinuxOptions', 'SELinuxOptions'), 4: f('runAsUser', 'int', keep),
    5: f('runAsNonRoot', 'bool', keep), 6: f('readOnlyRootFilesystem', 'bool', keep), 7: f('allowPrivilegeEscalation', 'bool', keep), 8: f('runAsGroup', 'int', keep),
    9: f('procMount', 'string', keep), 10: f('windowsOptions', 'WindowsSecurityContextOptions'), 11: f('seccompProfile', 'SeccompProfile'),
    12: f('appArmorProfile', 'AppArmorProfile'),
  },
  Capabilities: { 1: f('add', 'string', list), 2: f('drop', 'string', list) },
  SELinuxOptions: { 1: f('user', 'string'), 2: f('role', 'string'), 3: f('type', 'string'), 4: f('level', 'string') },
  WindowsSecurityContextOptions: {
    1: f('gmsaCredentialSpecName', 'string', keep), 2: f('gmsaCredentialSpec', 'string', keep), 3: f('runAsUserName', 'string', keep), 4: f('hostProcess', 'bool', keep),
  },
  SeccompProfile: { 1: f('type', 'string'), 2: f('localhostProfile', 'string', keep) },
  AppArmorProfile: { 1: f('type', 'string'), 2: f('localhostProfile', 'string', keep) },
  PodSecurityContext: {
    1: f('seLinuxOptions', 'SELinuxOptions'), 2: f('runAsUser', 'int', keep), 3: f('runAsNonRoot', 'bool', keep), 4: f('supplementalGroups', 'int', list),
    5: f('fsGroup', 'int', keep), 6: f('runAsGroup', 'int', keep), 7: f('sysctls', 'Sysctl', list), 8: f('windowsOptions', 'WindowsSecurityContextOptions'),
    9: f('fsGroupChangePolicy', 'string', keep), 10: f('seccompProfile', 'SeccompProfile'), 11: f('appArmorProfile', 'AppArmorProfile'),
    12: f('supplementalGroupsPolicy', 'string', keep), 13: f('seLinuxChangePolicy', 'string', keep),
  },
  Sysctl: { 1: f('name', 'string'), 2: f('value', 'string') },
  Volume: { 1: f('name', 'string'), 2: f('volumeSource', 'VolumeSource', inline) },
  // The volume sources the lab simulates; other sources are skipped.
  VolumeSource: {
    1: f('hostPath', 'HostPathVolumeSource'), 2: f('emptyDir', 'EmptyDirVolumeSource'), 6: f('secret', 'SecretVolumeSource'),
    10: f('persistentVolumeClaim', 'PersistentVolumeClaimVolumeSource'), 16: f('downwardAPI', 'DownwardAPIVolumeSource'), 19: f('configMap', 'ConfigMapVolumeSource'),
    26: f('projected', 'ProjectedVolumeSource'),
  },
  HostPathVolumeSource: { 1: f('path', 'string'), 2: f('type', 'string', keep) },
  EmptyDirVolumeSource: { 1: f('medium', 'string'), 2: f('sizeLimit', 'Quantity', keep) },
  SecretVolumeSource: { 1: f('secretName', 'string'), 2: f('items', 'KeyToPath', list), 3: f('defaultMode', 'int', keep), 4: f('optional', 'bool', keep) },
  ConfigMapVolumeSource: {
    1: f('localObjectReference', 'LocalObjectReference', inline), 2: f('items', 'KeyToPath', list), 3: f('defaultMode', 'int', keep), 4: f('optional', 'bool', keep),
  },
  KeyToPath: { 1: f('key', 'string'), 2: f('path', 'string'), 3: f('mode', 'int', keep) },
  PersistentVolumeClaimVolumeSource: { 1: f('claimName', 'string'), 2: f('readOnly', 'bool') },
  DownwardAPIVolumeSource: { 1: f('items', 'DownwardAPIVolumeFile', list), 2: f('defaultMode', 'int', keep) },
  DownwardAPIVolumeFile: { 1: f('path', 'string'), 2: f('fieldRef', 'ObjectFieldSelector'), 3: f('resourceFieldRef', 'ResourceFieldSelector'), 4: f('mode', 'int', keep) },
  ProjectedVolumeSource: { 1: f('sources', 'VolumeProjection', list), 2: f('defaultMode', 'int', keep) },
  VolumeProjection: {
    1: f('secret', 'SecretProjection'), 2: f('downwardAPI', 'DownwardAPIProjection'), 3: f('configMap', 'ConfigMapProjection'),
    4: f('serviceAccountToken', 'ServiceAccountTokenProjection'), 5: f('clusterTrustBundle', 'ClusterTrustBundleProjection'),
  },
  SecretProjection: { 1: f('localObjectReference', 'LocalObjectReference', inline), 2: f('items', 'KeyToPath', list), 4: f('optional', 'bool', keep) },
  ConfigMapProjection: { 1: f('localObjectReference', 'LocalObjectReference', inline), 2: f('items', 'KeyToPath', list), 4: f('optional', 'bool', keep) },
  DownwardAPIProjection: { 1: f('items', 'DownwardAPIVolumeFile', list) },
  ServiceAccountTokenProjection: { 1: f('audience', 'string'), 2: f('expirationSeconds', 'int', keep), 3: f('path', 'string') },
  ClusterTrustBundleProjection: {
    1: f('name', 'string', keep), 2: f('signerName', 'string', keep), 3: f('labelSelector', 'LabelSelector'), 4: f('path', 'string'), 5: f('optional', 'bool', keep),
  },
  Affinity: { 1: f('nodeAffinity', 'NodeAffinity'), 2: f('podAffinity', 'PodAffinity'), 3: f('podAntiAffinity', 'PodAntiAffinity') },
  NodeAffinity: {
    1: f('requiredDuringSchedulingIgnoredDuringExecution', 'NodeSelector'), 2: f('preferredDuringSchedulingIgnoredDuringExecution', 'PreferredSchedulingTerm', list),
  },
  NodeSelector: { 1: f('nodeSelectorTerms', 'NodeSelectorTerm', list) },
  NodeSelectorTerm: { 1: f('matchExpressions', 'NodeSelectorRequirement', list), 2: f('matchFields', 'NodeSelectorRequirement', list) },
  NodeSelectorRequirement: { 1: f('key', 'string'), 2: f('operator', 'string'), 3: f('values', 'string', list) },
  PreferredSchedulingTerm: { 1: f('weight', 'int'), 2: f('preference', 'NodeSelectorTerm') },
  PodAffinity: {
    1: f('requiredDuringSchedulingIgnoredDuringExecution', 'PodAffinityTerm', list), 2: f('preferredDuringSchedulingIgnoredDuringExecution', 'WeightedPodAffinityTerm', list),
  },
  PodAntiAffinity: {
    1: f('requiredDuringSchedulingIgnoredDuringExecution', 'PodAffinityTerm', list), 2: f('preferredDuringSchedulingIgnoredDuringExecution', 'WeightedPodAffinityTerm', list),
  },
  PodAffinityTerm: {
    1: f('labelSelector', 'LabelSelector'), 2: f('namespaces', 'string', list), 3: f('topologyKey', 'string'), 4: f('namespaceSelector', 'LabelSelector'),
    5: f('matchLabelKeys', 'string', list), 6: f('mismatchLabelKeys', 'string', list),
  },
  WeightedPodAffinityTerm: { 1: f('weight', 'int'), 2: f('podAffinityTerm', 'PodAffinityTerm') },
  Toleration: { 1: f('key', 'string'), 2: f('operator', 'string'), 3: f('value', 'string'), 4: f('effect', 'string'), 5: f('tolerationSeconds', 'int', keep) },
  TopologySpreadConstraint: {
    1: f('maxSkew', 'int'), 2: f('topologyKey', 'string'), 3: f('whenUnsatisfiable', 'string'), 4: f('labelSelector', 'LabelSelector'), 5: f('minDomains', 'int', keep),
    6: f('nodeAffinityPolicy', 'string', keep), 7: f('nodeTaintsPolicy', 'string', keep), 8: f('matchLabelKeys', 'string', list),
  },
  HostAlias: { 1: f('ip', 'string'), 2: f('hostnames', 'string', list) },
  PodDNSConfig: { 1: f('nameservers', 'string', list), 2: f('searches', 'string', list), 3: f('options', 'PodDNSConfigOption', list) },
  PodDNSConfigOption: { 1: f('name', 'string'), 2: f('value', 'string', keep) },
  PodReadinessGate: { 1: f('conditionType', 'string') },
  PodOS: { 1: f('name', 'string') },
  PodSchedulingGate: { 1: f('name', 'string') },
  PodResourceClaim: { 1: f('name', 'string'), 3: f('resourceClaimName', 'string', keep), 4: f('resourceClaimTemplateName', 'string', keep) },
  // core/v1: the other kinds kubectl's typed clients create
  ConfigMap: { 1: f('metadata', 'ObjectMeta'), 2: f('data', 'string', map), 3: f('binaryData', 'bytes', map), 4: f('immutable', 'bool', keep) },
  Secret: { 1: f('metadata', 'ObjectMeta'), 2: f('data', 'bytes', map), 3: f('type', 'string'), 4: f('stringData', 'string', map), 5: f('immutable', 'bool', keep) },
  Service: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'ServiceSpec') },
  ServiceSpec: {
    1: f('ports', 'ServicePort', list), 2: f('selector', 'string', map), 3: f('clusterIP', 'string'), 4: f('type', 'string'), 5: f('externalIPs', 'string', list),
    7: f('sessionAffinity', 'string'), 8: f('loadBalancerIP', 'string'), 9: f('loadBalancerSourceRanges', 'string', list), 10: f('externalName', 'string'),
    11: f('externalTrafficPolicy', 'string'), 12: f('healthCheckNodePort', 'int'), 13: f('publishNotReadyAddresses', 'bool'),
    14: f('sessionAffinityConfig', 'SessionAffinityConfig'), 17: f('ipFamilyPolicy', 'string', keep), 18: f('clusterIPs', 'string', list), 19: f('ipFamilies', 'string', list),
    20: f('allocateLoadBalancerNodePorts', 'bool', keep), 21: f('loadBalancerClass', 'string', keep), 22: f('internalTrafficPolicy', 'string', keep),
    23: f('trafficDistribution', 'string', keep),
  },
  SessionAffinityConfig: { 1: f('clientIP', 'ClientIPConfig') },
  ClientIPConfig: { 1: f('timeoutSeconds', 'int', keep) },
  ServicePort: { 1: f('name', 'string'), 2: f('protocol', 'string'), 3: f('port', 'int'), 4: f('targetPort', 'IntOrString'), 5: f('nodePort', 'int'), 6: f('appProtocol', 'string', keep) },
  Namespace: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'NamespaceSpec') },
  NamespaceSpec: { 1: f('finalizers', 'string', list) },
  // autoscaling/v1, the version `kubectl autoscale` sends.
  HorizontalPodAutoscaler: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'HorizontalPodAutoscalerSpec') },
  HorizontalPodAutoscalerSpec: {
    1: f('scaleTargetRef', 'CrossVersionObjectReference'), 2: f('minReplicas', 'int', keep), 3: f('maxReplicas', 'int'), 4: f('targetCPUUtilizationPercentage', 'int', keep),
  },
  CrossVersionObjectReference: { 1: f('kind', 'string'), 2: f('name', 'string'), 3: f('apiVersion', 'string') },
  ResourceQuota: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'ResourceQuotaSpec') },
  ResourceQuotaSpec: { 1: f('hard', 'Quantity', map), 2: f('scopes', 'string', list), 3: f('scopeSelector', 'ScopeSelector') },
  ScopeSelector: { 1: f('matchExpressions', 'ScopedResourceSelectorRequirement', list) },
  ScopedResourceSelectorRequirement: { 1: f('scopeName', 'string'), 2: f('operator', 'string'), 3: f('values', 'string', list) },
  // scheduling/v1
  PriorityClass: { 1: f('metadata', 'ObjectMeta'), 2: f('value', 'int'), 3: f('globalDefault', 'bool'), 4: f('description', 'string'), 5: f('preemptionPolicy', 'string', keep) },
  ServiceAccount: { 1: f('metadata', 'ObjectMeta'), 2: f('secrets', 'ObjectReference', list), 3: f('imagePullSecrets', 'LocalObjectReference', list), 4: f('automountServiceAccountToken', 'bool', keep) },
  ObjectReference: {
    1: f('kind', 'string'), 2: f('namespace', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'), 5: f('apiVersion', 'string'),
    6: f('resourceVersion', 'string'), 7: f('fieldPath', 'string'),
  },
  SelfSubjectAccessReview: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'SelfSubjectAccessReviewSpec') },
  SelfSubjectAccessReviewSpec: { 1: f('resourceAttributes', 'ResourceAttributes'), 2: f('nonResourceAttributes', 'NonResourceAttributes') },
  ResourceAttributes: {
    1: f('namespace', 'string'), 2: f('verb', 'string'), 3: f('group', 'string'), 4: f('version', 'string'), 5: f('resource', 'string'),
    6: f('subresource', 'string'), 7: f('name', 'string'),
  },
  NonResourceAttributes: { 1: f('path', 'string'), 2: f('verb', 'string') },
  SelfSubjectReview: { 1: f('metadata', 'ObjectMeta') },
  SelfSubjectRulesReview: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'SelfSubjectRulesReviewSpec') },
  SelfSubjectRulesReviewSpec: { 1: f('namespace', 'string') },
  Eviction: { 1: f('metadata', 'ObjectMeta'), 2: f('deleteOptions', 'DeleteOptions') },
  DeleteOptions: { 1: f('gracePeriodSeconds', 'int', keep), 3: f('orphanDependents', 'bool', keep), 4: f('propagationPolicy', 'string', keep), 5: f('dryRun', 'string', list) },
};

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.bytes.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.bytes.length) throw new Error('unexpected EOF');
      const byte = this.bytes[this.pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new Error('proto: integer overflow');
    }
  }
  chunk(): Uint8Array {
    const size = Number(this.varint());
    if (size < 0 || this.pos + size > this.bytes.length) throw new Error('unexpected EOF');
    const out = this.bytes.subarray(this.pos, this.pos + size);
    this.pos += size;
    return out;
  }
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.chunk();
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`proto: illegal wireType ${wireType}`);
    if (this.pos > this.bytes.length) throw new Error('unexpected EOF');
  }
}

const text = new TextDecoder();

function scalar(reader: Reader, wireType: number, type: Scalar): unknown {
  switch (type) {
    case 'string':
      return text.decode(reader.chunk());
    case 'bytes':
      return Buffer.from(reader.chunk()).toString('base64');
    case 'bool':
      return reader.varint() !== 0n;
    case 'int': {
      const value = BigInt.asIntN(64, reader.varint());
      return Number(value);
    }
  }
  void wireType;
}

function isScalar(type: string): type is Scalar {
  return type === 'string' || type === 'int' || type === 'bool' || type === 'bytes';
}

function value(reader: Reader, wireType: number, type: string): unknown {
  if (isScalar(type)) return scalar(reader, wireType, type);
  const message = decodeMessage(reader.chunk(), type);
  // resource.Quantity is its string in JSON; an empty one is "0".
  if (type === 'Quantity') return (message as { string?: string }).string ?? '0';
  return message;
}

function isEmpty(v: unknown): boolean {
  if (v === '' || v === 0 || v === false || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

function zeroValue(type: string): unknown {
  if (type === 'Quantity') return '0';
  if (type === 'int') return 0;
  if (type === 'bool') return false;
  return isScalar(type) ? '' : {};
}

function decodeMessage(bytes: Uint8Array, type: string): unknown {
  const schema = messages[type];
  const reader = new Reader(bytes);
  const out: Record<string, unknown> = {};
  // Fields of an embedded struct, already dropped or kept by its own table.
  const embedded = new Set<string>();
  while (!reader.done) {
    const key = Number(reader.varint());
    const number = key >>> 3;
    const wireType = key & 7;
    const field = schema?.[number];
    if (!field) {
      reader.skip(wireType);
      continue;
    }
    if (field.map) {
      const entry = new Reader(reader.chunk());
      let mapKey = '';
      let mapValue = zeroValue(field.type);
      while (!entry.done) {
        const entryKey = Number(entry.varint());
        if (entryKey >>> 3 === 1) mapKey = text.decode(entry.chunk());
        else if (entryKey >>> 3 === 2) mapValue = value(entry, entryKey & 7, field.type);
        else entry.skip(entryKey & 7);
      }
      const target = (out[field.name] ??= {}) as Record<string, unknown>;
      target[mapKey] = mapValue;
      continue;
    }
    if (field.repeated && wireType === 2 && (field.type === 'int' || field.type === 'bool')) {
      const packed = new Reader(reader.chunk());
      const items = (out[field.name] ??= []) as unknown[];
      while (!packed.done) items.push(scalar(packed, 0, field.type));
      continue;
    }
    const v = value(reader, wireType, field.type);
    if (field.inline) {
      for (const [name, inner] of Object.entries(v as Record<string, unknown>)) {
        out[name] = inner;
        embedded.add(name);
      }
    } else if (field.repeated) ((out[field.name] ??= []) as unknown[]).push(v);
    else out[field.name] = v;
  }
  if (type === 'IntOrString') return out.type === 1 ? out.strVal ?? '' : out.intVal ?? 0;
  for (const [name, v] of Object.entries(out)) {
    if (embedded.has(name)) continue;
    const field = Object.values(schema ?? {}).find((candidate) => candidate.name === name);
    if (!field?.keep && isEmpty(v)) delete out[name];
  }
  return out;
}

export const protobufMagic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Decodes a `k8s\0`-prefixed protobuf body into a JSON object; BadRequest when it cannot. */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(protobufMagic)) throw badRequest('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  try {
    const unknown = decodeMessage(body.subarray(4), 'Unknown') as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: string };
    const kind = unknown.typeMeta?.kind ?? '';
    const apiVersion = unknown.typeMeta?.apiVersion ?? '';
    if (!messages[kind] || !('1' in messages[kind])) throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
    const raw = Buffer.from(unknown.raw ?? '', 'base64');
    const obj = decodeMessage(raw, kind) as Record<string, unknown>;
    return { apiVersion, kind, ...obj, metadata: obj.metadata ?? {} };
  } catch (error) {
    if (error instanceof Error && error.name === 'ApiError') throw error;
    throw badRequest(`unable to decode the protobuf body: ${(error as Error).message}`);
  }
}
