// The `kubectl debug --profile` values and `--custom`: what each profile changes in the Pod that
// kubectl sends (an ephemeral container patched into the pod, a copy of the pod, or a pod on a
// node), as kubectl 1.32 does it, and the partial container spec of --custom merged on top.

import { yamlToJson } from '../../api/decode';
import { checkTypes, pruneUnknownFields } from '../../api/schema';
import { applyPatch } from '../../api/patch';
import type { Json, KubeObject } from '../../api/types';
import type { Invocation } from '../command';
import { plainError } from '../errors';
import { workspacePath } from './common';

export const profileNames = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'] as const;
export type Profile = (typeof profileNames)[number];

export function isProfile(name: string): name is Profile {
  return (profileNames as readonly string[]).includes(name);
}

/** Which pod the profile works on: the target pod with an ephemeral container, a copy of it, or a new pod on a node. */
export type DebugStyle = 'ephemeral' | 'podCopy' | 'node';

/** The --keep-* flags: what a copy keeps of the original (every profile but legacy honours them). */
export interface KeepFlags {
  labels: boolean;
  annotations: boolean;
  liveness: boolean;
  readiness: boolean;
  startup: boolean;
  initContainers: boolean;
}

export function keepFlags(inv: Invocation): KeepFlags {
  return {
    labels: inv.flags.bool('keep-labels'),
    annotations: inv.flags.bool('keep-annotations'),
    liveness: inv.flags.bool('keep-liveness'),
    readiness: inv.flags.bool('keep-readiness'),
    startup: inv.flags.bool('keep-startup'),
    initContainers: inv.flags.bool('keep-init-containers'),
  };
}

type Container = Record<string, any>;

/** The container named `name` among the pod's containers, init containers and ephemeral containers. */
function containerNamed(pod: KubeObject, name: string): Container | undefined {
  const spec = pod.spec ?? {};
  return [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].find((c: Container) => c.name === name);
}

function securityContextOf(container: Container): Record<string, any> {
  return (container.securityContext ??= {});
}

function addCapabilities(container: Container, ...names: string[]): void {
  const security = securityContextOf(container);
  security.capabilities ??= {};
  security.capabilities.add = [...(security.capabilities.add ?? []), ...names];
}

/** The host's filesystem at /host. */
function mountRootPartition(pod: KubeObject, container: Container | undefined): void {
  pod.spec.volumes = [...(pod.spec.volumes ?? []), { name: 'host-root', hostPath: { path: '/' } }];
  if (container) container.volumeMounts = [...(container.volumeMounts ?? []), { mountPath: '/host', name: 'host-root' }];
}

function useHostNamespaces(pod: KubeObject): void {
  pod.spec.hostNetwork = true;
  pod.spec.hostPID = true;
  pod.spec.hostIPC = true;
}

/** Shared processes unless --share-processes already decided. */
function shareProcessNamespace(pod: KubeObject): void {
  pod.spec.shareProcessNamespace ??= true;
}

/** A copy drops what would make it take traffic or be restarted: labels, annotations, probes, init containers, unless kept. */
function removeUnkept(pod: KubeObject, keep: KeepFlags): void {
  if (!keep.labels) delete pod.metadata.labels;
  if (!keep.annotations) delete pod.metadata.annotations;
  for (const c of pod.spec.containers ?? []) {
    if (!keep.liveness) delete c.livenessProbe;
    if (!keep.readiness) delete c.readinessProbe;
    if (!keep.startup) delete c.startupProbe;
  }
  if (!keep.initContainers) delete pod.spec.initContainers;
}

/** Changes `pod` (the patched target, the copy, or the node pod) for `profile`, around the debugging container `name`. */
export function applyProfile(profile: Profile, style: DebugStyle, pod: KubeObject, name: string, keep: KeepFlags): void {
  const container = containerNamed(pod, name);
  const containerOnly = (change: (c: Container) => void) => container && change(container);
  switch (profile) {
    case 'legacy':
      // kubectl 1.23's behaviour: a copy keeps no labels but everything else; a node pod is in the host's namespaces.
      if (style === 'podCopy') delete pod.metadata.labels;
      if (style === 'node') {
        mountRootPartition(pod, container);
        useHostNamespaces(pod);
      }
      return;
    case 'general':
      if (style === 'node') {
        mountRootPartition(pod, container);
        containerOnly((c) => delete c.securityContext);
        useHostNamespaces(pod);
        return;
      }
      containerOnly((c) => addCapabilities(c, 'SYS_PTRACE'));
      break;
    case 'baseline':
      containerOnly((c) => delete c.securityContext);
      break;
    case 'restricted':
      containerOnly((c) => {
        c.securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
      });
      break;
    case 'netadmin':
      containerOnly((c) => addCapabilities(c, 'NET_ADMIN', 'NET_RAW'));
      if (style === 'node') useHostNamespaces(pod);
      break;
    case 'sysadmin':
      containerOnly((c) => (securityContextOf(c).privileged = true));
      if (style === 'node') {
        useHostNamespaces(pod);
        mountRootPartition(pod, container);
      }
      break;
  }
  // Every profile but legacy: a copy sheds what it need not keep and shares its processes.
  if (style === 'podCopy') {
    removeUnkept(pod, keep);
    shareProcessNamespace(pod);
  }
}

// ---- --custom ----

/** Fields a custom profile may not set. */
function forbiddenCustomFields(custom: Record<string, Json>): boolean {
  const set = (value: Json | undefined) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
  return set(custom.name) || set(custom.command) || set(custom.image) || set(custom.lifecycle) || set(custom.volumeDevices);
}

/** Reads the --custom file (JSON or YAML, a partial container spec), with kubectl's errors; undefined without the flag. */
export function readCustomProfile(inv: Invocation): Record<string, Json> | undefined {
  const file = inv.flags.string('custom');
  if (!file) return undefined;
  const path = workspacePath(inv, file);
  const stat = inv.ctx.fs.stat(path);
  if (!stat) throw plainError(`must pass a container spec json file for custom profile: open ${file}: no such file or directory`);
  if (stat.type === 'dir') throw plainError(`must pass a container spec json file for custom profile: read ${file}: is a directory`);
  const invalid = (problem: string) => plainError(`${file} does not contain a valid container spec: ${problem}`);
  const read = yamlToJson(inv.ctx.fs.readFile(path));
  if (read.error !== undefined) throw invalid(`error converting YAML to JSON: ${read.error}`);
  const value = read.value;
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    const type = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
    throw invalid(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${type} into Go value of type v1.Container`);
  }
  const container = { ...value, kind: 'Container' } as unknown as KubeObject;
  const problem = checkTypes(container);
  if (problem) throw invalid(`error unmarshaling JSON: while decoding JSON: ${problem}`);
  return asTypedContainer(container);
}

/** Merge keys Go always writes (no omitempty), so an item that lacks one merges as the empty value. */
const mergeKeys: Record<string, [string, Json]> = { env: ['name', ''], ports: ['containerPort', 0], volumeMounts: ['mountPath', ''], volumeDevices: ['devicePath', ''] };

/** The custom profile as kubectl sends it after reading it into a Container: unknown fields and patch directives gone, merge keys present. */
function asTypedContainer(container: KubeObject): Record<string, Json> {
  pruneUnknownFields(container);
  const typed = container as unknown as Record<string, Json>;
  delete typed.kind;
  for (const [field, [key, empty]] of Object.entries(mergeKeys)) {
    const items = typed[field];
    if (Array.isArray(items)) typed[field] = items.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) && !(key in item) ? { [key]: empty, ...item } : item));
  }
  return typed;
}

/** kubectl's check of a custom profile, among its other checks (after -t without -i). */
export function validateCustomProfile(custom: Record<string, Json> | undefined): void {
  if (custom && forbiddenCustomFields(custom)) throw plainError('name, command, image, lifecycle and volume devices are not modifiable via custom profile');
}

/** Merges the custom profile into the debugging container as a strategic merge patch of a Container. */
export function applyCustomProfile(custom: Record<string, Json> | undefined, pod: KubeObject, name: string): void {
  const container = containerNamed(pod, name);
  if (!custom || !container) return;
  const wrap = (c: Json) => ({ spec: { containers: [c] } });
  const merged = applyPatch(wrap(container as Json), wrap({ ...custom, name }), 'strategic', 'Pod') as { spec: { containers: Container[] } };
  const result = merged.spec.containers[0];
  for (const key of Object.keys(container)) delete container[key];
  Object.assign(container, result);
}
