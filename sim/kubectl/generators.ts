// The objects kubectl's generators build (`run`, `create deployment|job|cronjob|service|...`).
// Fields are added in the Go structs' order, so `-o json` prints them in kubectl's order;
// `-o yaml` sorts keys anyway.

import { setOwn } from '../api/object-utils';
import type { KubeObject, LabelSelector } from '../api/types';
import { base64Encode } from '../encoding/base64';

export interface ContainerOptions {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: number[];
  env?: { name: string; value: string }[];
  imagePullPolicy?: string;
  privileged?: boolean;
  stdin?: boolean;
  tty?: boolean;
}

function container(o: ContainerOptions): Record<string, unknown> {
  const c: Record<string, unknown> = { name: o.name, image: o.image };
  if (o.command?.length) c.command = o.command;
  if (o.args?.length) c.args = o.args;
  if (o.ports?.length) c.ports = o.ports.map((p) => ({ containerPort: p }));
  if (o.env?.length) c.env = o.env;
  c.resources = {};
  if (o.imagePullPolicy) c.imagePullPolicy = o.imagePullPolicy;
  if (o.privileged) c.securityContext = { privileged: true };
  if (o.stdin) c.stdin = true;
  if (o.tty) c.tty = true;
  return c;
}

function metadata(name: string, namespace: string | undefined, labels?: Record<string, string>, annotations?: Record<string, string>): Record<string, unknown> {
  const m: Record<string, unknown> = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  if (labels && Object.keys(labels).length) m.labels = labels;
  if (annotations && Object.keys(annotations).length) m.annotations = annotations;
  return m;
}

export function runPod(o: {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  container: ContainerOptions;
  restartPolicy: string;
}): KubeObject {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: metadata(o.name, o.namespace, o.labels, o.annotations),
    spec: { containers: [container(o.container)], restartPolicy: o.restartPolicy, dnsPolicy: 'ClusterFirst' },
    status: {},
  } as KubeObject;
}

/** `nginx` from `docker.io/library/nginx:1.27`, as `create deployment` names containers. */
export function containerNameFromImage(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0].split('@')[0];
  return name.replace(/_/g, '-');
}

export function deployment(o: { name: string; namespace?: string; images: string[]; replicas: number; port?: number; command?: string[] }): KubeObject {
  const labels = { app: o.name };
  const containers = o.images.map((image, i) =>
    container({ name: containerNameFromImage(image), image, command: o.command, ports: i === 0 && o.port !== undefined ? [o.port] : undefined }),
  );
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: metadata(o.name, o.namespace, labels),
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  } as KubeObject;
}

export function job(o: { name: string; namespace?: string; image: string; command?: string[] }): KubeObject {
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: metadata(o.name, o.namespace),
    spec: {
      template: {
        metadata: { creationTimestamp: null },
        spec: { containers: [container({ name: o.name, image: o.image, command: o.command })], restartPolicy: 'Never' },
      },
    },
    status: {},
  } as KubeObject;
}

/** `create job x --from=cronjob/y`: the CronJob's job template, owned by the CronJob. */
export function jobFromCronJob(name: string, namespace: string | undefined, cronJob: KubeObject): KubeObject {
  const template = cronJob.spec?.jobTemplate ?? {};
  const annotations: Record<string, string> = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) };
  const meta: Record<string, unknown> = { name };
  if (namespace) meta.namespace = namespace;
  meta.creationTimestamp = null;
  if (template.metadata?.labels) meta.labels = template.metadata.labels;
  meta.annotations = annotations;
  meta.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name, uid: cronJob.metadata.uid, controller: true }];
  return { kind: 'Job', apiVersion: 'batch/v1', metadata: meta, spec: template.spec ?? {}, status: {} } as KubeObject;
}

export function cronJob(o: { name: string; namespace?: string; image: string; schedule: string; restartPolicy: string; command?: string[] }): KubeObject {
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: metadata(o.name, o.namespace),
    spec: {
      schedule: o.schedule,
      jobTemplate: {
        metadata: { name: o.name, creationTimestamp: null },
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [container({ name: o.name, image: o.image, command: o.command })], restartPolicy: o.restartPolicy },
          },
        },
      },
    },
    status: {},
  } as KubeObject;
}

export interface ServicePortSpec {
  name: string;
  port: number;
  targetPort: number | string;
  nodePort?: number;
}

/** The Service `kubectl run --expose --port=N` makes: same name, selecting the pod's labels. */
export function runService(o: { name: string; namespace?: string; port: number; selector: Record<string, string> }): KubeObject {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: metadata(o.name, o.namespace),
    spec: { ports: [{ protocol: 'TCP', port: o.port, targetPort: o.port }], selector: { ...o.selector } },
    status: { loadBalancer: {} },
  } as KubeObject;
}

export function service(o: {
  name: string;
  namespace?: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  ports: ServicePortSpec[];
  clusterIP?: string;
  externalName?: string;
}): KubeObject {
  const labels = { app: o.name };
  const spec: Record<string, unknown> = {};
  if (o.ports.length) {
    spec.ports = o.ports.map((p) => {
      const port: Record<string, unknown> = { name: p.name, protocol: 'TCP', port: p.port, targetPort: p.targetPort };
      if (p.nodePort) port.nodePort = p.nodePort;
      return port;
    });
  }
  spec.selector = { ...labels };
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  spec.type = o.type;
  if (o.externalName) spec.externalName = o.externalName;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: metadata(o.name, o.namespace, labels),
    spec,
    status: { loadBalancer: {} },
  } as KubeObject;
}

function sortedRecord(data: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(data).sort()) setOwn(out, key, data[key]);
  return out;
}

export function configMap(o: { name: string; namespace?: string; data: Record<string, string> }): KubeObject {
  const obj: Record<string, unknown> = { kind: 'ConfigMap', apiVersion: 'v1', metadata: metadata(o.name, o.namespace) };
  if (Object.keys(o.data).length) obj.data = sortedRecord(o.data);
  return obj as KubeObject;
}

export function secret(o: { name: string; namespace?: string; data: Record<string, string>; type?: string }): KubeObject {
  const obj: Record<string, unknown> = { kind: 'Secret', apiVersion: 'v1', metadata: metadata(o.name, o.namespace) };
  const encoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.data)) encoded[k] = base64Encode(v);
  if (Object.keys(encoded).length) obj.data = sortedRecord(encoded);
  if (o.type) obj.type = o.type;
  return obj as KubeObject;
}

export function dockerConfigJson(server: string, username: string, password: string, email: string): string {
  const entry: Record<string, string> = { username, password };
  if (email) entry.email = email;
  entry.auth = base64Encode(`${username}:${password}`);
  return JSON.stringify({ auths: { [server]: entry } });
}

export function namespace(name: string): KubeObject {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: metadata(name, undefined), spec: {}, status: {} } as KubeObject;
}

/** `kubectl create quota`: `hard` already canonical (Go marshals a map's keys sorted); an empty spec without either. */
export function resourceQuota(o: { name: string; namespace?: string; hard: Record<string, string>; scopes: string[] }): KubeObject {
  const spec: Record<string, unknown> = {};
  const keys = Object.keys(o.hard).sort();
  if (keys.length > 0) spec.hard = Object.fromEntries(keys.map((key) => [key, o.hard[key]]));
  if (o.scopes.length > 0) spec.scopes = o.scopes;
  return { kind: 'ResourceQuota', apiVersion: 'v1', metadata: metadata(o.name, o.namespace), spec, status: {} } as KubeObject;
}

/** `kubectl create priorityclass`: fields in the Go type's order, globalDefault and description left out when unset. */
export function priorityClass(o: { name: string; value: number; globalDefault: boolean; description: string; preemptionPolicy: string }): KubeObject {
  const obj: Record<string, unknown> = { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: metadata(o.name, undefined), value: o.value };
  if (o.globalDefault) obj.globalDefault = true;
  if (o.description) obj.description = o.description;
  obj.preemptionPolicy = o.preemptionPolicy;
  return obj as KubeObject;
}

export function serviceAccount(name: string, ns?: string): KubeObject {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: metadata(name, ns) } as KubeObject;
}

/** `kubectl create poddisruptionbudget`: the selector as metav1.ParseToLabelSelector builds it, the budget as intstr.Parse reads it. */
export function podDisruptionBudget(o: { name: string; namespace?: string; selector: LabelSelector; minAvailable?: string; maxUnavailable?: string }): KubeObject {
  const intOrString = (value: string) => (/^[+-]?\d+$/.test(value) ? Number(value) : value);
  const spec: Record<string, unknown> = {};
  if (o.minAvailable) spec.minAvailable = intOrString(o.minAvailable);
  spec.selector = o.selector;
  if (!o.minAvailable && o.maxUnavailable) spec.maxUnavailable = intOrString(o.maxUnavailable);
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: metadata(o.name, o.namespace),
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  } as KubeObject;
}
