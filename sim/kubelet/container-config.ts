// What the kubelet works out before it can create a container: its environment (env, envFrom,
// service links, downward API) and its command line. Missing ConfigMaps, Secrets or keys give the
// CreateContainerConfigError messages a real kubelet reports.

import type { Container, Pod, Service } from '../api/types';
import type { SimApiServer } from '../api/api-server';
import { parseQuantity } from '../api/quantity';
import { expandKubeletVars } from './var-expansion';
import type { ImageSpec } from '../runtime/images/catalog';
import { base64Decode } from '../encoding/base64';
import { homeOf, imageGroupsOf, resolveImageUser } from '../runtime/images/users';

export class ContainerConfigError extends Error {}

function decodeBase64(text: string): string {
  return base64Decode(text) ?? text;
}

function configSource(api: SimApiServer, kind: 'ConfigMap' | 'Secret', namespace: string, name: string, optional: boolean | undefined): Record<string, string> | undefined {
  const obj = api.peek(kind, namespace, name);
  if (!obj) {
    if (optional) return undefined;
    throw new ContainerConfigError(`${kind === 'ConfigMap' ? 'configmap' : 'secret'} "${name}" not found`);
  }
  if (kind === 'ConfigMap') return { ...(obj.data ?? {}) };
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries((obj.data ?? {}) as Record<string, string>)) data[key] = decodeBase64(value);
  return data;
}

/** Docker-link style variables for the Services of the namespace (enableServiceLinks) and the kubernetes Service. */
/**
 * Each namespace's Service link variables, made again only after a Service changed: every
 * container start reads them, and Services change far less often than containers restart.
 */
const serviceLinkCaches = new WeakMap<SimApiServer, Map<string, [string, string][]>>();

function serviceLinks(api: SimApiServer, namespace: string): [string, string][] {
  let cache = serviceLinkCaches.get(api);
  if (!cache) {
    const fresh = new Map<string, [string, string][]>();
    api.watch('Service', undefined, () => fresh.clear());
    serviceLinkCaches.set(api, (cache = fresh));
  }
  let links = cache.get(namespace);
  if (!links) cache.set(namespace, (links = serviceLinkEnv(api, namespace)));
  return links;
}

function serviceLinkEnv(api: SimApiServer, namespace: string): [string, string][] {
  const services = [...api.list('Service', namespace, { readOnly: true })] as Service[];
  if (namespace !== 'default') {
    const kubernetes = api.peek('Service', 'default', 'kubernetes') as Service | undefined;
    if (kubernetes) services.push(kubernetes);
  }
  const result: [string, string][] = [];
  for (const svc of services) {
    const ip = svc.spec.clusterIP;
    if (!ip || ip === 'None' || !svc.spec.ports?.length) continue;
    const prefix = svc.metadata.name!.toUpperCase().replace(/-/g, '_');
    const first = svc.spec.ports[0];
    const protocol = (first.protocol ?? 'TCP').toLowerCase();
    result.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(first.port)]);
    for (const port of svc.spec.ports) if (port.name) result.push([`${prefix}_SERVICE_PORT_${port.name.toUpperCase().replace(/-/g, '_')}`, String(port.port)]);
    result.push([`${prefix}_PORT`, `${protocol}://${ip}:${first.port}`]);
    for (const port of svc.spec.ports) {
      const proto = (port.protocol ?? 'TCP').toUpperCase();
      const base = `${prefix}_PORT_${port.port}_${proto}`;
      result.push([base, `${proto.toLowerCase()}://${ip}:${port.port}`], [`${base}_PROTO`, proto.toLowerCase()], [`${base}_PORT`, String(port.port)], [`${base}_ADDR`, ip]);
    }
  }
  return result;
}

/** Labels or annotations as the downward API writes them (FormatMap): sorted, `key="value"` quoted as Go's %q. */
export function formatDownwardMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((key) => `${key}=${JSON.stringify(map![key])}`)
    .join('\n');
}

export function fieldRefValue(pod: Pod, path: string): string {
  const labelMatch = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (labelMatch) return (pod.metadata as any)[labelMatch[1]]?.[labelMatch[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
      return formatDownwardMap(pod.metadata.labels);
    case 'metadata.annotations':
      return formatDownwardMap(pod.metadata.annotations);
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status.hostIP ?? '';
    case 'status.hostIPs':
      return (pod.status.hostIPs ?? []).map((i) => i.ip).join(',');
    case 'status.podIP':
      return pod.status.podIP ?? '';
    case 'status.podIPs':
      return (pod.status.podIPs ?? []).map((i) => i.ip).join(',');
    default:
      return '';
  }
}

export function resourceFieldValue(pod: Pod, container: Container, ref: { containerName?: string; resource: string; divisor?: string }, nodeAllocatable: Record<string, string>): string {
  const target = ref.containerName ? pod.spec.containers.find((c) => c.name === ref.containerName) ?? container : container;
  const [section, resource] = ref.resource.split('.') as ['limits' | 'requests', string];
  const raw = target.resources?.[section]?.[resource] ?? (section === 'limits' ? nodeAllocatable[resource] : undefined) ?? '0';
  // An unset or zero divisor means 1, as the API server defaults it.
  const divisor = !ref.divisor || /^0+(\.0*)?$/.test(ref.divisor) ? '1' : ref.divisor;
  try {
    const value = parseQuantity(raw);
    const div = parseQuantity(divisor);
    if (resource === 'cpu') return String(Math.ceil(value.milliValue() / Math.max(1, div.milliValue())));
    return String(Math.ceil(value.value() / Math.max(1, div.value())));
  } catch {
    return raw;
  }
}

/** A container's hostname: in the node's network namespace the node's own (the kubelet leaves it to the runtime), else the pod's. */
export function podHostname(pod: Pod): string {
  if (pod.spec.hostNetwork === true) return pod.spec.nodeName ?? '';
  return pod.spec.hostname ?? pod.metadata.name ?? '';
}

/** The environment of a container, in the order a real container sees it, for a user `uid`. Throws ContainerConfigError. */
export function containerEnvironment(api: SimApiServer, pod: Pod, container: Container, image: ImageSpec, nodeAllocatable: Record<string, string>, uid = 0): Map<string, string> {
  const namespace = pod.metadata.namespace ?? 'default';
  const env = new Map<string, string>();
  for (const [k, v] of Object.entries(image.env)) env.set(k, v);
  env.set('HOSTNAME', podHostname(pod));
  if (pod.spec.enableServiceLinks !== false) for (const [k, v] of serviceLinks(api, namespace)) env.set(k, v);
  else for (const [k, v] of serviceLinks(api, namespace).filter(([k]) => k.startsWith('KUBERNETES_'))) env.set(k, v);

  // envFrom first, then env: explicit entries win.
  const declared = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    const data = source.configMapRef
      ? configSource(api, 'ConfigMap', namespace, source.configMapRef.name, source.configMapRef.optional)
      : source.secretRef
        ? configSource(api, 'Secret', namespace, source.secretRef.name, source.secretRef.optional)
        : undefined;
    for (const [key, value] of Object.entries(data ?? {})) declared.set(prefix + key, value);
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (!from) {
      const lookup = (name: string) => declared.get(name) ?? env.get(name);
      declared.set(variable.name, expandKubeletVars(variable.value ?? '', lookup));
      continue;
    }
    if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const data = configSource(api, 'ConfigMap', namespace, ref.name, ref.optional);
      if (data === undefined) continue;
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`couldn't find key ${ref.key} in ConfigMap ${namespace}/${ref.name}`);
      }
      declared.set(variable.name, data[ref.key]);
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const data = configSource(api, 'Secret', namespace, ref.name, ref.optional);
      if (data === undefined) continue;
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`couldn't find key ${ref.key} in Secret ${namespace}/${ref.name}`);
      }
      declared.set(variable.name, data[ref.key]);
    } else if (from.fieldRef) {
      declared.set(variable.name, fieldRefValue(pod, from.fieldRef.fieldPath));
    } else if (from.resourceFieldRef) {
      declared.set(variable.name, resourceFieldValue(pod, container, from.resourceFieldRef, nodeAllocatable));
    }
  }
  for (const [k, v] of declared) env.set(k, v);
  if (!env.has('HOME')) env.set('HOME', homeOf(image, uid));
  return env;
}


/** The argv the runtime executes: command/args over the image's entrypoint/cmd, with $(VAR) expanded. */
export function containerArgv(container: Container, image: ImageSpec, env: Map<string, string>): string[] {
  const lookup = (name: string) => env.get(name);
  let argv: string[];
  if (container.command) argv = [...container.command, ...(container.args ?? [])];
  else argv = [...image.entrypoint, ...(container.args ?? image.cmd)];
  return argv.map((word) => expandKubeletVars(word, lookup));
}


/** runAsNonRoot, checked as the kubelet does before it creates the container. */
export function verifyRunAsNonRoot(pod: Pod, spec: Container, image: ImageSpec): void {
  const podContext = (pod.spec.securityContext ?? {}) as { runAsNonRoot?: boolean; runAsUser?: number };
  const own = (spec.securityContext ?? {}) as { runAsNonRoot?: boolean; runAsUser?: number };
  if (!(own.runAsNonRoot ?? podContext.runAsNonRoot)) return;
  const podRef = JSON.stringify(`${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid})`);
  const runAsUser = own.runAsUser ?? podContext.runAsUser;
  if (runAsUser !== undefined) {
    if (runAsUser === 0) throw new ContainerConfigError(`container's runAsUser breaks non-root policy (pod: ${podRef}, container: ${spec.name})`);
    return;
  }
  const user = image.user ?? '0';
  if (user === '0' || user === 'root') throw new ContainerConfigError(`container has runAsNonRoot and image will run as root (pod: ${podRef}, container: ${spec.name})`);
  if (!/^\d+$/.test(user)) {
    throw new ContainerConfigError(`container has runAsNonRoot and image has non-numeric user (${user}), cannot verify user is non-root (pod: ${podRef}, container: ${spec.name})`);
  }
}

/**
 * The user and groups the container's processes run as: runAsUser and runAsGroup from the pod's or
 * the container's securityContext (the container's wins), else the image's USER, as containerd
 * resolves them through the image's /etc/passwd; undefined when all of it leaves them root's in an
 * image that lists no groups.
 * Groups are the primary group, fsGroup and supplementalGroups, and, as runc merges them, the
 * groups the image's /etc/group gives the user its /etc/passwd names for that uid.
 */
export function containerIdentity(pod: Pod, spec: Container, image?: ImageSpec): { uid: number; gid: number; groups: number[] } | undefined {
  const podContext = (pod.spec.securityContext ?? {}) as { runAsUser?: number; runAsGroup?: number; fsGroup?: number; supplementalGroups?: number[] };
  const own = (spec.securityContext ?? {}) as { runAsUser?: number; runAsGroup?: number };
  const runAsUser = own.runAsUser ?? podContext.runAsUser;
  const runAsGroup = own.runAsGroup ?? podContext.runAsGroup;
  const extra = [...(podContext.fsGroup !== undefined ? [podContext.fsGroup] : []), ...(podContext.supplementalGroups ?? [])];
  const user = image ? resolveImageUser(image, runAsUser !== undefined ? String(runAsUser) : image.user ?? '0') : undefined;
  const uid = runAsUser ?? user?.uid ?? 0;
  const gid = runAsGroup ?? user?.gid ?? 0;
  // Root's groups are the image's /etc/group memberships where it lists any.
  const rootAsAlways = uid === 0 && gid === 0 && runAsUser === undefined && runAsGroup === undefined && extra.length === 0;
  if (rootAsAlways && !image?.files['/etc/group']) return undefined;
  const fromImage = image ? imageGroupsOf(image, uid) : [];
  return { uid, gid, groups: [...new Set([gid, ...fromImage, ...extra])].sort((a, b) => a - b) };
}

/** The container's memory and CPU limits, as the runtime enforces them. */
export function containerLimits(spec: Container): { memoryBytes?: number; cpuMillicores?: number } {
  const limits = spec.resources?.limits ?? {};
  const result: { memoryBytes?: number; cpuMillicores?: number } = {};
  try {
    if (limits.memory) result.memoryBytes = parseQuantity(limits.memory).value();
    if (limits.cpu) result.cpuMillicores = parseQuantity(limits.cpu).milliValue();
  } catch {
    // validation rejects bad quantities before a pod gets here
  }
  return result;
}
