// Reads the Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`) of the objects
// kubectl's typed clients send as request bodies (`kubectl create deployment|job|cronjob|
// configmap|secret|service|namespace|serviceaccount|quota`) into the JSON form the API works with.
// Field numbers are those of the Kubernetes API's generated.proto files; fields not listed here
// are skipped. Non-pointer Go fields are always encoded, so zero values are dropped as JSON's
// `omitempty` would, except for the fields marked `keep` (Go pointers, where zero is a choice).
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
}
type Message = Record<number, Field>;

const f = (name: string, type: Scalar | string, extra: Partial<Field> = {}): Field => ({ name, type, ...extra });
const keep = { keep: true };
const list = { repeated: true };
const map = { map: true };

const messages: Record<string, Message> = {
  Unknown: { 1: f('typeMeta', 'TypeMeta'), 2: f('raw', 'bytes') },
  TypeMeta: { 1: f('apiVersion', 'string'), 2: f('kind', 'string') },
  ObjectMeta: {
    1: f('name', 'string'), 2: f('generateName', 'string'), 3: f('namespace', 'string'), 5: f('uid', 'string'),
    6: f('resourceVersion', 'string'), 11: f('labels', 'string', map), 12: f('annotations', 'string', map),
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
  Deployment: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'DeploymentSpec') },
  DeploymentSpec: {
    1: f('replicas', 'int', keep), 2: f('selector', 'LabelSelector'), 3: f('template', 'PodTemplateSpec'), 4: f('strategy', 'DeploymentStrategy'),
    5: f('minReadySeconds', 'int'), 6: f('revisionHistoryLimit', 'int', keep), 7: f('paused', 'bool'), 9: f('progressDeadlineSeconds', 'int', keep),
  },
  DeploymentStrategy: { 1: f('type', 'string'), 2: f('rollingUpdate', 'RollingUpdateDeployment') },
  RollingUpdateDeployment: { 1: f('maxUnavailable', 'IntOrString'), 2: f('maxSurge', 'IntOrString') },
  PodTemplateSpec: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'PodSpec') },
  PodSpec: {
    2: f('containers', 'Container', list), 3: f('restartPolicy', 'string'), 4: f('terminationGracePeriodSeconds', 'int', keep),
    5: f('activeDeadlineSeconds', 'int', keep), 6: f('dnsPolicy', 'string'), 7: f('nodeSelector', 'string', map),
    8: f('serviceAccountName', 'string'), 10: f('nodeName', 'string'), 11: f('hostNetwork', 'bool'), 15: f('imagePullSecrets', 'LocalObjectReference', list),
    16: f('hostname', 'string'), 17: f('subdomain', 'string'), 19: f('schedulerName', 'string'), 20: f('initContainers', 'Container', list),
    21: f('automountServiceAccountToken', 'bool', keep), 24: f('priorityClassName', 'string'),
  },
  LocalObjectReference: { 1: f('name', 'string') },
  Container: {
    1: f('name', 'string'), 2: f('image', 'string'), 3: f('command', 'string', list), 4: f('args', 'string', list), 5: f('workingDir', 'string'),
    6: f('ports', 'ContainerPort', list), 7: f('env', 'EnvVar', list), 8: f('resources', 'ResourceRequirements'), 14: f('imagePullPolicy', 'string'),
    16: f('stdin', 'bool'), 17: f('stdinOnce', 'bool'), 18: f('tty', 'bool'), 13: f('terminationMessagePath', 'string'), 20: f('terminationMessagePolicy', 'string'),
  },
  ContainerPort: { 1: f('name', 'string'), 2: f('hostPort', 'int'), 3: f('containerPort', 'int'), 4: f('protocol', 'string'), 5: f('hostIP', 'string') },
  EnvVar: { 1: f('name', 'string'), 2: f('value', 'string') },
  ResourceRequirements: { 1: f('limits', 'Quantity', map), 2: f('requests', 'Quantity', map) },
  Job: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'JobSpec') },
  JobSpec: {
    1: f('parallelism', 'int', keep), 2: f('completions', 'int', keep), 3: f('activeDeadlineSeconds', 'int', keep), 4: f('selector', 'LabelSelector'),
    5: f('manualSelector', 'bool', keep), 6: f('template', 'PodTemplateSpec'), 7: f('backoffLimit', 'int', keep), 8: f('ttlSecondsAfterFinished', 'int', keep),
    9: f('completionMode', 'string'), 10: f('suspend', 'bool', keep),
  },
  CronJob: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'CronJobSpec') },
  CronJobSpec: {
    1: f('schedule', 'string'), 2: f('startingDeadlineSeconds', 'int', keep), 3: f('concurrencyPolicy', 'string'), 4: f('suspend', 'bool', keep),
    5: f('jobTemplate', 'JobTemplateSpec'), 6: f('successfulJobsHistoryLimit', 'int', keep), 7: f('failedJobsHistoryLimit', 'int', keep), 8: f('timeZone', 'string', keep),
  },
  JobTemplateSpec: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'JobSpec') },
  ConfigMap: { 1: f('metadata', 'ObjectMeta'), 2: f('data', 'string', map), 3: f('binaryData', 'bytes', map), 4: f('immutable', 'bool', keep) },
  Secret: { 1: f('metadata', 'ObjectMeta'), 2: f('data', 'bytes', map), 3: f('type', 'string'), 4: f('stringData', 'string', map), 5: f('immutable', 'bool', keep) },
  Service: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'ServiceSpec') },
  ServiceSpec: {
    1: f('ports', 'ServicePort', list), 2: f('selector', 'string', map), 3: f('clusterIP', 'string'), 4: f('type', 'string'), 5: f('externalIPs', 'string', list),
    7: f('sessionAffinity', 'string'), 8: f('loadBalancerIP', 'string'), 10: f('externalName', 'string'), 11: f('externalTrafficPolicy', 'string'),
    18: f('clusterIPs', 'string', list),
  },
  ServicePort: { 1: f('name', 'string'), 2: f('protocol', 'string'), 3: f('port', 'int'), 4: f('targetPort', 'IntOrString'), 5: f('nodePort', 'int'), 6: f('appProtocol', 'string', keep) },
  Namespace: { 1: f('metadata', 'ObjectMeta') },
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
  ServiceAccount: { 1: f('metadata', 'ObjectMeta'), 2: f('secrets', 'ObjectReference', list), 3: f('imagePullSecrets', 'LocalObjectReference', list), 4: f('automountServiceAccountToken', 'bool', keep) },
  ObjectReference: { 1: f('kind', 'string'), 2: f('namespace', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'), 5: f('apiVersion', 'string') },
  Pod: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'PodSpec') },
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
  return decodeMessage(reader.chunk(), type);
}

function isEmpty(v: unknown): boolean {
  if (v === '' || v === 0 || v === false || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

function decodeMessage(bytes: Uint8Array, type: string): unknown {
  const schema = messages[type];
  const reader = new Reader(bytes);
  const out: Record<string, unknown> = {};
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
      let mapValue: unknown = isScalar(field.type) ? (field.type === 'int' ? 0 : field.type === 'bool' ? false : '') : {};
      while (!entry.done) {
        const entryKey = Number(entry.varint());
        if (entryKey >>> 3 === 1) mapKey = text.decode(entry.chunk());
        else if (entryKey >>> 3 === 2) mapValue = value(entry, entryKey & 7, field.type);
        else entry.skip(entryKey & 7);
      }
      const target = (out[field.name] ??= {}) as Record<string, unknown>;
      target[mapKey] = field.type === 'Quantity' ? (mapValue as { string?: string }).string ?? '0' : mapValue;
      continue;
    }
    if (field.repeated && wireType === 2 && (field.type === 'int' || field.type === 'bool')) {
      const packed = new Reader(reader.chunk());
      const items = (out[field.name] ??= []) as unknown[];
      while (!packed.done) items.push(scalar(packed, 0, field.type));
      continue;
    }
    const v = value(reader, wireType, field.type);
    if (field.repeated) ((out[field.name] ??= []) as unknown[]).push(v);
    else out[field.name] = v;
  }
  if (type === 'IntOrString') return out.type === 1 ? out.strVal ?? '' : out.intVal ?? 0;
  for (const [name, v] of Object.entries(out)) {
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
