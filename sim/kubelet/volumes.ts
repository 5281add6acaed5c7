// Pod volumes as the kubelet sets them up: one filesystem per volume, shared by every container
// that mounts it (that is how containers of a pod share files).

import type { Pod, Volume } from '../api/types';
import type { SimApiServer } from '../api/api-server';
import type { FileSystem } from '../fs/filesystem';
import { MemFs } from '../fs/memfs';
import { base64Decode } from '../encoding/base64';
import { parseQuantity } from '../api/quantity';
import { formatDownwardMap } from './container-config';

export interface PodVolume {
  name: string;
  type: string;
  fs: FileSystem;
  /** emptyDir with medium Memory: its content counts as the pod's memory. */
  memoryBacked: boolean;
  sizeLimitBytes?: number;
}

export interface VolumeDeps {
  api: SimApiServer;
  now: () => number;
  /** The node's hostPath directories, shared by every pod on the node. */
  hostPath(path: string): FileSystem;
  /** Fresh inode numbers, unique on the node. */
  inodeBase(): number;
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

export const clusterCaCert = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIPodLabSimulatedCAwDQYJKoZIhvcNAQELBQAwFTETMBEG\nA1UEAxMKa3ViZXJuZXRlczAeFw0yNjAxMTUwOTAwMDBaFw0zNjAxMTMwOTAwMDBa\n-----END CERTIFICATE-----\n';

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
    } else if (volume.configMap) {
      const cm = deps.api.peek('ConfigMap', namespace, volume.configMap.name);
      if (!cm && !volume.configMap.optional) return { volumes, error: `MountVolume.SetUp failed for volume "${volume.name}" : configmap "${volume.configMap.name}" not found` };
      writeFiles(fs, keyedFiles((cm?.data ?? {}) as Record<string, string>, volume.configMap.items));
      fs.readOnly = true;
      volumes.set(volume.name, { name: volume.name, type: 'ConfigMap', fs, memoryBacked: false });
    } else if (volume.secret) {
      const secret = deps.api.peek('Secret', namespace, volume.secret.secretName);
      if (!secret && !volume.secret.optional) return { volumes, error: `MountVolume.SetUp failed for volume "${volume.name}" : secret "${volume.secret.secretName}" not found` };
      const data: Record<string, string> = {};
      for (const [key, value] of Object.entries((secret?.data ?? {}) as Record<string, string>)) data[key] = base64Decode(value) ?? '';
      writeFiles(fs, keyedFiles(data, volume.secret.items));
      fs.readOnly = true;
      volumes.set(volume.name, { name: volume.name, type: 'Secret', fs, memoryBacked: true });
    } else if (volume.hostPath) {
      volumes.set(volume.name, { name: volume.name, type: 'HostPath', fs: deps.hostPath(volume.hostPath.path), memoryBacked: false });
    } else if (volume.projected) {
      writeFiles(fs, { token: serviceAccountToken, 'ca.crt': clusterCaCert, namespace });
      fs.readOnly = true;
      volumes.set(volume.name, { name: volume.name, type: 'Projected', fs, memoryBacked: true });
    } else if (volume.downwardAPI) {
      const items = ((volume.downwardAPI as any).items ?? []) as { path: string; fieldRef?: { fieldPath: string } }[];
      const files: Record<string, string> = {};
      for (const item of items) {
        const path = item.fieldRef?.fieldPath ?? '';
        if (path === 'metadata.labels') files[item.path] = formatDownwardMap(pod.metadata.labels);
        else if (path === 'metadata.annotations') files[item.path] = formatDownwardMap(pod.metadata.annotations);
        else if (path === 'metadata.name') files[item.path] = pod.metadata.name ?? '';
        else if (path === 'metadata.namespace') files[item.path] = namespace;
      }
      writeFiles(fs, files);
      fs.readOnly = true;
      volumes.set(volume.name, { name: volume.name, type: 'DownwardAPI', fs, memoryBacked: true });
    } else if (volume.persistentVolumeClaim) {
      // The claim's bound volume; the lab's volumes are directories on the node (hostPath, local).
      const claim = deps.api.peek('PersistentVolumeClaim', namespace, volume.persistentVolumeClaim.claimName);
      const pv = claim?.spec?.volumeName ? deps.api.peek('PersistentVolume', undefined, claim.spec.volumeName) : undefined;
      const path: string | undefined = pv?.spec?.hostPath?.path ?? pv?.spec?.local?.path;
      volumes.set(volume.name, { name: volume.name, type: 'PersistentVolumeClaim', fs: path ? deps.hostPath(path) : fs, memoryBacked: false });
    } else {
      // Volume types the lab has no storage for (nfs, ...) behave as empty directories.
      volumes.set(volume.name, { name: volume.name, type: 'EmptyDir', fs, memoryBacked: false });
    }
  }
  return { volumes };
}
