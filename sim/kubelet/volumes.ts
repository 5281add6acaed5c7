// Pod volumes as the kubelet sets them up: one filesystem per volume, shared by every container
// that mounts it (that is how containers of a pod share files).

import type { Pod, Volume } from '../api/types';
import type { SimApiServer } from '../api/api-server';
import type { FileSystem } from '../fs/filesystem';
import { MemFs } from '../fs/memfs';
import { base64Decode, base64Encode } from '../encoding/base64';
import { parseQuantity } from '../api/quantity';
import { fieldRefValue, resourceFieldValue } from './container-config';
import { clusterCaCertificate, rootCaConfigMap } from '../controllers/namespace';
import { setUpHostPath } from './host-path';

export interface PodVolume {
  name: string;
  type: string;
  fs: FileSystem;
  /** emptyDir with medium Memory: its content counts as the pod's memory. */
  memoryBacked: boolean;
  /** A hostPath volume's directory on the node, whose files the node's users own. */
  hostPath?: string;
  sizeLimitBytes?: number;
}

export interface VolumeDeps {
  api: SimApiServer;
  now: () => number;
  /** The node's own files, where hostPath volumes are, shared by every pod on the node. */
  hostDisk(): FileSystem;
  /** Fresh inode numbers, unique on the node. */
  inodeBase(): number;
  /** What the node offers, the value of a limit a container does not set. */
  nodeAllocatable(): Record<string, string>;
}

function writeFiles(fs: MemFs, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const parts = name.split('/').filter(Boolean);
    let dir = '';
    for (const part of parts.slice(0, -1)) {
      dir += `/${part}`;
      if (!fs.stat(dir)) fs.mkdir(dir);
    }
    fs.writeFile(`/${parts.join('/')}`, content);
  }
}

function keyedFiles(data: Record<string, string>, items?: { key: string; path: string }[]): Record<string, string> {
  if (!items) return data;
  const files: Record<string, string> = {};
  for (const item of items) if (item.key in data) files[item.path] = data[item.key];
  return files;
}

export const serviceAccountToken =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6InBvZGxhYiJ9.eyJhdWQiOlsiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWwiXSwiaXNzIjoiaHR0cHM6Ly9rdWJlcm5ldGVzLmRlZmF1bHQuc3ZjLmNsdXN0ZXIubG9jYWwifQ.c2ltdWxhdGVk';

/** Builds every volume of the pod. Missing ConfigMaps/Secrets are reported as the kubelet's mount errors. */
export function setUpVolumes(pod: Pod, deps: VolumeDeps): { volumes: Map<string, PodVolume>; error?: string } {
  const volumes = new Map<string, PodVolume>();
  const namespace = pod.metadata.namespace ?? 'default';
  for (const volume of (pod.spec.volumes ?? []) as Volume[]) {
    const fs = new MemFs({ now: deps.now, firstInode: deps.inodeBase() });
    if (volume.emptyDir) {
      const memoryBacked = volume.emptyDir.medium === 'Memory';
      let sizeLimitBytes: number | undefined;
      if (volume.emptyDir.sizeLimit) {
        try {
          sizeLimitBytes = parseQuantity(volume.emptyDir.sizeLimit).value();
        } catch {
          sizeLimitBytes = undefined;
        }
      }
      volumes.set(volume.name, { name: volume.name, type: 'EmptyDir', fs, memoryBacked, sizeLimitBytes });
    } else if (volume.configMap || volume.secret || volume.projected || volume.downwardAPI) {
      const files = projectedVolumeFiles(pod, volume, deps);
      if (typeof files === 'string') return { volumes, error: `MountVolume.SetUp failed for volume "${volume.name}" : ${files}` };
      writeFiles(fs, files);
      fs.readOnly = true;
      const type = volume.configMap ? 'ConfigMap' : volume.secret ? 'Secret' : volume.projected ? 'Projected' : 'DownwardAPI';
      volumes.set(volume.name, { name: volume.name, type, fs, memoryBacked: type !== 'ConfigMap' });
    } else if (volume.hostPath) {
      const hostFs = setUpHostPath(deps.hostDisk(), volume.hostPath);
      if ('error' in hostFs) return { volumes, error: `MountVolume.SetUp failed for volume "${volume.name}" : ${hostFs.error}` };
      volumes.set(volume.name, { name: volume.name, type: 'HostPath', fs: hostFs, memoryBacked: false, hostPath: volume.hostPath.path });
    } else if (volume.persistentVolumeClaim) {
      // The claim's bound volume; the lab's volumes are directories on the node (hostPath, local).
      const claim = deps.api.peek('PersistentVolumeClaim', namespace, volume.persistentVolumeClaim.claimName);
      const pv = claim?.spec?.volumeName ? deps.api.peek('PersistentVolume', undefined, claim.spec.volumeName) : undefined;
      const source: { path: string; type?: string } | undefined = pv?.spec?.hostPath ?? (pv?.spec?.local ? { path: pv.spec.local.path } : undefined);
      const pvFs = source ? setUpHostPath(deps.hostDisk(), source) : fs;
      // The kubelet names a persistent volume's mount by the PersistentVolume.
      if ('error' in pvFs) return { volumes, error: `MountVolume.SetUp failed for volume "${pv!.metadata.name}" : ${pvFs.error}` };
      volumes.set(volume.name, { name: volume.name, type: 'PersistentVolumeClaim', fs: pvFs, memoryBacked: false });
    } else {
      // Volume types the lab has no storage for (nfs, ...) behave as empty directories.
      volumes.set(volume.name, { name: volume.name, type: 'EmptyDir', fs, memoryBacked: false });
    }
  }
  return { volumes };
}

/**
 * The files of a volume the kubelet writes from API objects (configMap, secret, projected,
 * downwardAPI), or the reason it cannot: a ConfigMap or Secret that does not exist.
 */
function projectedVolumeFiles(pod: Pod, volume: Volume, deps: VolumeDeps): Record<string, string> | string {
  const namespace = pod.metadata.namespace ?? 'default';
  if (volume.configMap) {
    const cm = deps.api.peek('ConfigMap', namespace, volume.configMap.name);
    if (!cm && !volume.configMap.optional) return `configmap "${volume.configMap.name}" not found`;
    return keyedFiles((cm?.data ?? {}) as Record<string, string>, volume.configMap.items);
  }
  if (volume.secret) {
    const secret = deps.api.peek('Secret', namespace, volume.secret.secretName);
    if (!secret && !volume.secret.optional) return `secret "${volume.secret.secretName}" not found`;
    const data: Record<string, string> = {};
    for (const [key, value] of Object.entries((secret?.data ?? {}) as Record<string, string>)) data[key] = base64Decode(value) ?? '';
    return keyedFiles(data, volume.secret.items);
  }
  if (volume.projected) return projectedFiles(pod, volume.projected as { sources?: ProjectedSource[] }, deps);
  return downwardFiles(pod, (volume.downwardAPI as { items?: DownwardItem[] }).items, deps);
}

/** Whether a volume of the pod is written from the ConfigMap or Secret named (directly or as a projected source). */
export function usesObject(pod: Pod, kind: 'ConfigMap' | 'Secret', name: string): boolean {
  return ((pod.spec.volumes ?? []) as Volume[]).some((volume) => {
    if (kind === 'ConfigMap' && volume.configMap?.name === name) return true;
    if (kind === 'Secret' && volume.secret?.secretName === name) return true;
    const sources = (volume.projected as { sources?: ProjectedSource[] } | undefined)?.sources ?? [];
    return sources.some((source) => (kind === 'ConfigMap' ? source.configMap?.name === name : source.secret?.name === name));
  });
}

/** Whether a volume of the pod shows the pod's own metadata (a downwardAPI volume, or one as a projected source). */
export function showsPodMetadata(pod: Pod): boolean {
  return ((pod.spec.volumes ?? []) as Volume[]).some(
    (volume) => volume.downwardAPI || ((volume.projected as { sources?: ProjectedSource[] } | undefined)?.sources ?? []).some((source) => source.downwardAPI),
  );
}

/**
 * Brings the pod's configMap, secret, projected and downwardAPI volumes up to date, as the
 * kubelet does at a pod's periodic sync: changed keys are rewritten, removed ones disappear. A
 * source that is gone leaves the files as they were.
 */
export function refreshVolumes(pod: Pod, volumes: Map<string, PodVolume>, deps: VolumeDeps): void {
  for (const volume of (pod.spec.volumes ?? []) as Volume[]) {
    const mounted = volumes.get(volume.name);
    if (!mounted || !(mounted.fs instanceof MemFs) || !(volume.configMap || volume.secret || volume.projected || volume.downwardAPI)) continue;
    const files = projectedVolumeFiles(pod, volume, deps);
    if (typeof files === 'string') continue;
    replaceFiles(mounted.fs, files);
  }
}

/** Makes a volume's files exactly `files`, touching only what changed. */
function replaceFiles(fs: MemFs, files: Record<string, string>): void {
  const wanted = new Map(Object.entries(files).map(([name, content]) => [`/${name.split('/').filter(Boolean).join('/')}`, content]));
  fs.readOnly = false;
  try {
    const visit = (dir: string): void => {
      for (const name of fs.readdir(dir)) {
        const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
        if (fs.stat(path)?.type === 'dir') {
          visit(path);
          if (fs.readdir(path).length === 0 && ![...wanted.keys()].some((file) => file.startsWith(`${path}/`))) fs.remove(path, { dir: true });
        } else if (!wanted.has(path)) fs.remove(path);
      }
    };
    visit('/');
    const changed: Record<string, string> = {};
    for (const [path, content] of wanted) {
      if (fs.stat(path)?.type !== 'file' || fs.readFile(path) !== content) changed[path] = content;
    }
    writeFiles(fs, changed);
  } finally {
    fs.readOnly = true;
  }
}

interface DownwardItem {
  path: string;
  fieldRef?: { fieldPath: string };
  resourceFieldRef?: { containerName?: string; resource: string; divisor?: string };
}

interface ProjectedSource {
  secret?: { name: string; items?: { key: string; path: string }[]; optional?: boolean };
  configMap?: { name: string; items?: { key: string; path: string }[]; optional?: boolean };
  downwardAPI?: { items?: DownwardItem[] };
  serviceAccountToken?: { path: string; audience?: string };
}

function downwardFiles(pod: Pod, items: DownwardItem[] = [], deps: VolumeDeps): Record<string, string> {
  const files: Record<string, string> = {};
  for (const item of items) {
    if (item.fieldRef) files[item.path] = fieldRefValue(pod, item.fieldRef.fieldPath);
    else if (item.resourceFieldRef) files[item.path] = resourceFieldValue(pod, pod.spec.containers[0], item.resourceFieldRef, deps.nodeAllocatable());
  }
  return files;
}

/** The files of a projected volume, all its sources in one directory; or the mount error. */
function projectedFiles(pod: Pod, projected: { sources?: ProjectedSource[] }, deps: VolumeDeps): Record<string, string> | string {
  const namespace = pod.metadata.namespace ?? 'default';
  const files: Record<string, string> = {};
  for (const source of projected.sources ?? []) {
    if (source.secret) {
      const secret = deps.api.peek('Secret', namespace, source.secret.name);
      if (!secret && !source.secret.optional) return `secret "${source.secret.name}" not found`;
      const data: Record<string, string> = {};
      for (const [key, value] of Object.entries((secret?.data ?? {}) as Record<string, string>)) data[key] = base64Decode(value) ?? '';
      Object.assign(files, keyedFiles(data, source.secret.items));
    } else if (source.configMap) {
      const cm = deps.api.peek('ConfigMap', namespace, source.configMap.name);
      // The root CA is published into each namespace shortly after it is made; the kubelet has it anyway.
      const data = (cm?.data ?? (source.configMap.name === rootCaConfigMap ? { 'ca.crt': clusterCaCertificate } : undefined)) as Record<string, string> | undefined;
      if (!data && !source.configMap.optional) return `configmap "${source.configMap.name}" not found`;
      Object.assign(files, keyedFiles(data ?? {}, source.configMap.items));
    } else if (source.downwardAPI) {
      Object.assign(files, downwardFiles(pod, source.downwardAPI.items, deps));
    } else if (source.serviceAccountToken) {
      files[source.serviceAccountToken.path] = tokenFor(source.serviceAccountToken.audience);
    }
  }
  return files;
}

const base64Url = (text: string) => base64Encode(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The service account token the kubelet asks for: for the API server, or for the audience a projected source names. */
function tokenFor(audience: string | undefined): string {
  if (!audience) return serviceAccountToken;
  const [header, , signature] = serviceAccountToken.split('.');
  const claims = { aud: [audience], iss: 'https://kubernetes.default.svc.cluster.local' };
  return `${header}.${base64Url(JSON.stringify(claims))}.${signature}`;
}
