// The built-in transformers one kustomization runs over what it has gathered, in kustomize's
// order: strategic merge patches, patches, namespace, prefix, suffix, labels, annotations,
// JSON 6902 patches, replicas, images.

import { applyPatch, PatchFailure } from '../../api/patch';
import { parseYamlDocument } from '../../api/decode';
import { labelSelectorMatches, parseLabelSelector } from '../../api/selectors';
import type { Json, KubeObject } from '../../api/types';
import { LinearRegExp, LinearRegExpError } from '../../linear-regexp';
import { KustomizeError } from './errors';
import {
  annotationSpecs, appliesTo, clusterScopedKinds, labelsOnly, labelsWithSelectors, labelsWithTemplates, unprefixedKinds, visitPath, type FieldSpec,
} from './field-specs';
import type { Kustomization, PatchEntry, PatchTarget } from './kustomization-file';
import type { RootLoader } from './loader';
import { resourceId, type Resource } from './resource';

function addPairs(resources: Resource[], pairs: Record<string, string> | undefined, specs: FieldSpec[]): void {
  if (!pairs || Object.keys(pairs).length === 0) return;
  for (const resource of resources) {
    for (const spec of specs) {
      if (!appliesTo(spec, resource.object.kind)) continue;
      visitPath(resource.object, spec.path, spec.create ?? false, (parent, key) => {
        const current = parent[key];
        if (current === undefined || current === null) {
          if (!spec.create) return;
          parent[key] = { ...pairs };
          return;
        }
        if (typeof current === 'object' && !Array.isArray(current)) Object.assign(current, pairs);
      });
    }
  }
}

function setNamespace(resources: Resource[], namespace: string | undefined): void {
  if (!namespace) return;
  for (const resource of resources) {
    const object = resource.object;
    if (object.kind === 'Namespace') {
      rename(resource, namespace);
      continue;
    }
    // Service accounts bound in the default namespace move with the kustomization's.
    if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
      for (const subject of (object.subjects ?? []) as Record<string, unknown>[]) {
        if (subject.kind === 'ServiceAccount' && (subject.namespace === undefined || subject.namespace === 'default')) subject.namespace = namespace;
      }
    }
    if (clusterScopedKinds.has(object.kind)) continue;
    object.metadata.namespace = namespace;
  }
}

export function rename(resource: Resource, name: string): void {
  const current = resource.object.metadata.name ?? '';
  if (current === name) return;
  resource.previousNames.push(current);
  resource.object.metadata.name = name;
}

function addPrefixSuffix(resources: Resource[], prefix: string | undefined, suffix: string | undefined): void {
  if (!prefix && !suffix) return;
  for (const resource of resources) {
    if (unprefixedKinds.has(resource.object.kind)) continue;
    rename(resource, `${prefix ?? ''}${resource.object.metadata.name ?? ''}${suffix ?? ''}`);
  }
}

/** `nginx:1.14.2`, `redis@sha256:…` → name, tag, digest. */
function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

function setImages(resources: Resource[], images: Kustomization['images']): void {
  if (!images?.length) return;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
        for (const container of value as Record<string, unknown>[]) {
          if (typeof container?.image !== 'string') continue;
          const parts = splitImage(container.image);
          const entry = images.find((image) => image.name === parts.name);
          if (!entry) continue;
          const name = entry.newName || parts.name;
          if (entry.digest) container.image = `${name}@${entry.digest}`;
          else if (entry.newTag) container.image = `${name}:${entry.newTag}`;
          else container.image = `${name}${parts.tag !== undefined ? `:${parts.tag}` : ''}${parts.digest ? `@${parts.digest}` : ''}`;
        }
      }
      visit(value);
    }
  };
  for (const resource of resources) visit(resource.object);
}

const scalableKinds = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

function setReplicas(resources: Resource[], replicas: Kustomization['replicas']): void {
  for (const entry of replicas ?? []) {
    for (const resource of resources) {
      if (!scalableKinds.has(resource.object.kind) || !hasName(resource, entry.name ?? '')) continue;
      resource.object.spec = { ...(resource.object.spec ?? {}), replicas: entry.count ?? 0 };
    }
  }
}

export function hasName(resource: Resource, name: string): boolean {
  return resource.object.metadata.name === name || resource.previousNames.includes(name);
}

function groupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** A target's name and namespace are Go (RE2) patterns matched whole; run in linear time. */
function fullMatch(pattern: string, value: string): boolean {
  try {
    return new LinearRegExp(`^(?:${pattern})$`).test(value);
  } catch (error) {
    if (error instanceof LinearRegExpError) return pattern === value;
    throw error;
  }
}

function selectTargets(resources: Resource[], target: PatchTarget): Resource[] {
  return resources.filter((resource) => {
    const object = resource.object;
    const { group, version } = groupVersion(object.apiVersion ?? '');
    if (target.group && target.group !== group) return false;
    if (target.version && target.version !== version) return false;
    if (target.kind && target.kind !== object.kind) return false;
    if (target.name && !fullMatch(target.name, object.metadata.name ?? '') && !resource.previousNames.some((name) => fullMatch(target.name!, name))) return false;
    if (target.namespace && !fullMatch(target.namespace, object.metadata.namespace ?? '')) return false;
    if (target.labelSelector && !labelSelectorMatches(parseLabelSelector(target.labelSelector), object.metadata.labels)) return false;
    if (target.annotationSelector && !labelSelectorMatches(parseLabelSelector(target.annotationSelector), object.metadata.annotations)) return false;
    return true;
  });
}

/** The documents of a patch: a list (JSON 6902 operations) or one or more objects (strategic merge). */
function patchDocuments(text: string): Json[] {
  const documents: Json[] = [];
  for (const part of text.split(/^---[^\n]*$/m)) {
    if (part.trim() === '') continue;
    const { value, error } = parseYamlDocument(part);
    if (error) throw new KustomizeError(`unable to parse SM or JSON patch from [${text}]`);
    if (value !== undefined && value !== null) documents.push(value);
  }
  return documents;
}

function patchText(loader: RootLoader, entry: PatchEntry): string {
  if (entry.path !== undefined && entry.patch !== undefined) throw new KustomizeError('patch and path can\'t be set at the same time');
  if (entry.path !== undefined) return loader.readFile(entry.path);
  if (entry.patch !== undefined) return entry.patch;
  throw new KustomizeError('must specify one of patch and path in patch');
}

function strategicMerge(resources: Resource[], resource: Resource, patch: Record<string, Json>): void {
  if (patch.$patch === 'delete') {
    resources.splice(resources.indexOf(resource), 1);
    return;
  }
  // The patch names its target; its own name and kind do not overwrite the target's.
  const body = JSON.parse(JSON.stringify(patch)) as Record<string, Json>;
  delete body.apiVersion;
  delete body.kind;
  if (body.metadata && typeof body.metadata === 'object' && !Array.isArray(body.metadata)) {
    delete body.metadata.name;
    delete body.metadata.namespace;
  }
  try {
    resource.object = applyPatch(resource.object, body, 'strategic', resource.object.kind) as KubeObject;
  } catch (error) {
    if (error instanceof PatchFailure) throw new KustomizeError(error.message);
    throw error;
  }
}

function jsonPatch(resource: Resource, operations: Json[]): void {
  try {
    resource.object = applyPatch(resource.object, operations, 'json', resource.object.kind) as KubeObject;
  } catch (error) {
    if (error instanceof PatchFailure) throw new KustomizeError(error.message);
    throw error;
  }
}

/** A strategic merge patch without a target applies to the object it names. */
function patchByOwnName(resources: Resource[], patch: Record<string, Json>): void {
  const metadata = (patch.metadata ?? {}) as Record<string, Json>;
  const probe: Resource = {
    object: { apiVersion: String(patch.apiVersion ?? ''), kind: String(patch.kind ?? ''), metadata: { name: String(metadata.name ?? ''), namespace: metadata.namespace as string | undefined } },
    previousNames: [],
    hashSuffix: false,
  };
  const matches = resources.filter(
    (resource) =>
      resource.object.kind === probe.object.kind &&
      hasName(resource, probe.object.metadata.name ?? '') &&
      (!probe.object.metadata.namespace || probe.object.metadata.namespace === resource.object.metadata.namespace),
  );
  if (matches.length !== 1) {
    const id = resourceId(probe);
    throw new KustomizeError(`no resource matches strategic merge patch "${id}": no matches for Id ${id}; failed to find unique target for patch ${id}`);
  }
  strategicMerge(resources, matches[0], patch);
}

function applyPatchEntry(resources: Resource[], loader: RootLoader, entry: PatchEntry, jsonOnly: boolean): void {
  const text = patchText(loader, entry);
  const documents = patchDocuments(text);
  const isJson = documents.length === 1 && Array.isArray(documents[0]);
  if (jsonOnly && !isJson) throw new KustomizeError(`unable to parse SM or JSON patch from [${text}]`);
  if (isJson) {
    if (!entry.target) {
      const source = entry.path !== undefined ? `path: ${JSON.stringify(entry.path)}` : `patch: ${JSON.stringify(text)}`;
      throw new KustomizeError(`must specify a target for JSON patch [${source}]`);
    }
    for (const resource of selectTargets(resources, entry.target)) jsonPatch(resource, documents[0] as Json[]);
    return;
  }
  for (const document of documents) {
    if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new KustomizeError(`unable to parse SM or JSON patch from [${text}]`);
    if (entry.target) for (const resource of selectTargets(resources, entry.target)) strategicMerge(resources, resource, document);
    else patchByOwnName(resources, document);
  }
}

/** Runs this kustomization's transformers over its resources, in kustomize's order. */
export function transform(resources: Resource[], kustomization: Kustomization, loader: RootLoader): void {
  for (const item of kustomization.patchesStrategicMerge ?? []) {
    // An entry is a file, or the patch itself written inline.
    const inline = /\n/.test(item) || /^\s*(apiVersion|kind)\s*:/.test(item);
    applyPatchEntry(resources, loader, inline ? { patch: item } : { path: item }, false);
  }
  for (const entry of kustomization.patches ?? []) applyPatchEntry(resources, loader, entry, false);
  setNamespace(resources, kustomization.namespace);
  addPrefixSuffix(resources, kustomization.namePrefix, kustomization.nameSuffix);
  addPairs(resources, kustomization.commonLabels, labelsWithSelectors);
  for (const label of kustomization.labels ?? []) {
    const own: FieldSpec[] = (label.fields ?? []).map((field) => ({
      kinds: field.kind ? [field.kind] : undefined,
      path: (field.path ?? '').replace(/\[\]/g, '').split('/'),
      create: field.create ?? false,
    }));
    addPairs(resources, label.pairs, [...(label.includeSelectors ? labelsWithSelectors : label.includeTemplates ? labelsWithTemplates : labelsOnly), ...own]);
  }
  addPairs(resources, kustomization.commonAnnotations, annotationSpecs);
  for (const entry of kustomization.patchesJson6902 ?? []) applyPatchEntry(resources, loader, entry, true);
  setReplicas(resources, kustomization.replicas);
  setImages(resources, kustomization.images);
}
