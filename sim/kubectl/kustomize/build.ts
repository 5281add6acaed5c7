// `kustomize build` as kubectl 1.32 embeds it (kustomize v5.5): gathers a kustomization's
// resources (files and other kustomizations), generates its ConfigMaps and Secrets, runs its
// transformers; at the end gives generated names their content hash, points references at the
// new names, replaces vars, and sorts in kustomize's legacy order.

import type { FileSystem } from '../../fs/filesystem';
import { parseYamlDocument } from '../../api/decode';
import type { Json, KubeObject } from '../../api/types';
import { sha256Hex } from '../../encoding/sha256';
import { toCompactJson } from '../printers/json-output';
import { toYaml } from '../printers/yaml-emitter';
import { KustomizeError } from './errors';
import { appliesTo, nameReferences, varReferenceSpecs, visitPath } from './field-specs';
import { generate } from './generators';
import { deprecationWarnings, kustomizationFileNames, parseKustomization, type VarEntry } from './kustomization-file';
import { isWithin, joinPath, missingPathMessage, RootLoader } from './loader';
import { legacyOrder, resourceId, type Resource } from './resource';
import { hasName, transform } from './transformers';

export { KustomizeError } from './errors';

export interface BuildOptions {
  fs: FileSystem;
  /** The working directory the path was typed in. */
  cwd: string;
  /** --load-restrictor=LoadRestrictionsNone: files may come from outside a kustomization's folder. */
  restricted?: boolean;
}

export interface BuildResult {
  objects: KubeObject[];
  /** The deprecation warnings kustomize writes to stderr on the way. */
  warnings: string[];
  /** Vars no field used: kustomize logs them (klog, info). */
  unusedVars: string[];
}

/**
 * The ten characters kustomize appends to a generated name: a SHA-256 of the object's kind,
 * data (and a Secret's type), with some hex digits swapped for letters. kustomize 5.5 looks the
 * name up by a path it does not resolve, so the name it hashes is always empty.
 */
export function contentHash(object: KubeObject): string {
  const field = (value: unknown) => (value === undefined ? '' : value);
  const encoded: Record<string, unknown> =
    object.kind === 'Secret'
      ? { kind: 'Secret', type: field(object.type), name: '', data: field(object.data) }
      : { kind: 'ConfigMap', name: '', data: field(object.data) };
  if (object.kind === 'Secret' && object.stringData && typeof object.stringData === 'object') encoded.stringData = object.stringData;
  if (object.kind === 'ConfigMap' && object.binaryData && typeof object.binaryData === 'object') encoded.binaryData = object.binaryData;
  const swaps: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...sha256Hex(toCompactJson(encoded)).slice(0, 10)].map((c) => swaps[c] ?? c).join('');
}

class Builder {
  readonly warnings: string[] = [];
  readonly vars: VarEntry[] = [];
  unusedVars: string[] = [];

  constructor(
    readonly fs: FileSystem,
    readonly restricted: boolean,
  ) {}

  kustomizationText(dir: string): string {
    const found = kustomizationFileNames.map((name) => `${dir === '/' ? '' : dir}/${name}`).filter((path) => this.fs.stat(path)?.type === 'file');
    if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${dir}\n`);
    if (found.length === 1) return this.fs.readFile(found[0]);
    throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  }

  /** Everything one kustomization makes. `visited` holds the roots on the way down, to find cycles. */
  accumulate(dir: string, visited: string[]): Resource[] {
    const kustomization = parseKustomization(this.kustomizationText(dir));
    this.warnings.push(...deprecationWarnings(kustomization));
    const loader = new RootLoader(this.fs, dir, this.restricted);
    const resources: Resource[] = [];
    const entries = [...(kustomization.resources ?? []), ...(kustomization.bases ?? [])];
    try {
      for (const entry of entries) this.accumulateEntry(resources, loader, entry, [...visited, dir]);
    } catch (error) {
      if (error instanceof KustomizeError) throw new KustomizeError(`accumulating resources: ${error.message}`);
      throw error;
    }
    for (const [kind, list] of [['ConfigMap', kustomization.configMapGenerator], ['Secret', kustomization.secretGenerator]] as const) {
      for (const args of list ?? []) {
        const generated = generate(kind, args, kustomization.generatorOptions, loader);
        this.addGenerated(resources, { object: generated.object, previousNames: [], hashSuffix: generated.hashSuffix }, generated.behavior);
      }
    }
    transform(resources, kustomization, loader);
    this.vars.push(...(kustomization.vars ?? []));
    return resources;
  }

  /** One entry of `resources`: a file of manifests, or another kustomization's folder. */
  accumulateEntry(resources: Resource[], loader: RootLoader, entry: string, visited: string[]): void {
    refuseRemote(entry);
    const abs = joinPath(loader.root, entry);
    const stat = this.fs.stat(abs);
    let fileError: string;
    if (stat?.type === 'file') {
      if (this.restricted && !isWithin(abs, loader.root)) {
        fileError = `accumulating resources from '${entry}': security; file '${abs}' is not in or below '${loader.root}'`;
      } else {
        const read = readResources(this.fs.readFile(abs), entry);
        try {
          for (const resource of read) addResource(resources, resource);
          return;
        } catch (error) {
          if (!(error instanceof KustomizeError)) throw error;
          fileError = `merging resources from '${entry}': ${error.message}`;
        }
      }
      throw new KustomizeError(`accumulation err='${fileError}': must build at directory: '${abs}': file is not directory`);
    }
    if (!stat) {
      fileError = `accumulating resources from '${entry}': ${missingPathMessage(this.fs, abs, abs)}`;
      throw new KustomizeError(`accumulation err='${fileError}': must build at directory: not a valid directory: ${missingPathMessage(this.fs, abs, abs)}`);
    }
    fileError = `accumulating resources from '${entry}': '${abs}' must resolve to a file`;
    const cycle = visited.find((root) => isWithin(root, abs));
    if (cycle !== undefined) throw new KustomizeError(`accumulation err='${fileError}': cycle detected: candidate root '${abs}' contains visited root '${cycle}'`);
    try {
      this.kustomizationText(abs);
    } catch (error) {
      if (error instanceof KustomizeError) throw new KustomizeError(`accumulation err='${fileError}': couldn't make target for path '${abs}': ${error.message}`);
      throw error;
    }
    let inner: Resource[];
    try {
      inner = this.accumulate(abs, visited);
    } catch (error) {
      if (error instanceof KustomizeError) throw new KustomizeError(`accumulation err='${fileError}': recursed accumulation of path '${abs}': ${error.message}`);
      throw error;
    }
    for (const resource of inner) addResource(resources, resource);
  }

  addGenerated(resources: Resource[], generated: Resource, behavior: 'create' | 'merge' | 'replace'): void {
    const { kind, metadata } = generated.object;
    const existing = resources.find(
      (r) => r.object.kind === kind && hasName(r, metadata.name ?? '') && (r.object.metadata.namespace ?? '') === (metadata.namespace ?? r.object.metadata.namespace ?? ''),
    );
    if (behavior === 'create') {
      if (existing) throw new KustomizeError(`merging from generator ${generatorPointer}: id ${goResId(generated)} exists; behavior must be merge or replace`);
      resources.push(generated);
      return;
    }
    if (!existing) throw new KustomizeError(`merging from generator ${generatorPointer}: id ${goResId(generated)} does not exist; cannot merge or replace`);
    const target = existing.object;
    const merge = behavior === 'merge';
    target.data = merge ? { ...(target.data ?? {}), ...(generated.object.data ?? {}) } : generated.object.data;
    if (target.data === undefined || Object.keys(target.data).length === 0) delete target.data;
    for (const field of ['labels', 'annotations'] as const) {
      const pairs = { ...(merge ? (target.metadata[field] ?? {}) : {}), ...(generated.object.metadata[field] ?? {}) };
      if (Object.keys(pairs).length > 0) target.metadata[field] = pairs;
    }
    if (generated.object.immutable) target.immutable = true;
    existing.hashSuffix = existing.hashSuffix && generated.hashSuffix;
  }

  /** The end of the build, once for the outermost kustomization. */
  finish(resources: Resource[]): KubeObject[] {
    for (const resource of resources) {
      if (!resource.hashSuffix) continue;
      const name = resource.object.metadata.name ?? '';
      resource.previousNames.push(name);
      resource.object.metadata.name = `${name}-${contentHash(resource.object)}`;
    }
    fixNameReferences(resources);
    this.resolveVars(resources);
    return [...resources].sort(legacyOrder).map((resource) => resource.object);
  }

  resolveVars(resources: Resource[]): void {
    if (this.vars.length === 0) return;
    const values = new Map<string, string>();
    for (const entry of this.vars) {
      const target = resources.find((r) => r.object.kind === entry.objref.kind && hasName(r, entry.objref.name ?? ''));
      if (!target) throw new KustomizeError(`var '${entry.name}' cannot be mapped to a field in the set of known resources`);
      const value = fieldValue(target.object, entry.fieldref?.fieldPath || 'metadata.name');
      values.set(entry.name, value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    const used = new Set<string>();
    const replace = (text: string) =>
      text.replace(/\$\(([A-Za-z0-9_.-]+)\)/g, (whole, name: string) => {
        if (!values.has(name)) return whole;
        used.add(name);
        return values.get(name)!;
      });
    for (const resource of resources) {
      for (const spec of varReferenceSpecs) {
        if (!appliesTo(spec, resource.object.kind)) continue;
        visitPath(resource.object, spec.path, false, (parent, key) => {
          const value = parent[key];
          if (typeof value === 'string') parent[key] = replace(value);
          else if (Array.isArray(value)) parent[key] = value.map((item) => (typeof item === 'string' ? replace(item) : item));
          else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (typeof v === 'string') (value as Record<string, unknown>)[k] = replace(v);
        });
      }
    }
    this.unusedVars = [...values.keys()].filter((name) => !used.has(name));
  }
}

/** kustomize prints the generator as a Go pointer; its address differs from run to run. */
const generatorPointer = '&{0xc0007c9e10 <nil>}';

/** A resource id as Go's %#v prints kustomize's ResId. */
function goResId(resource: Resource): string {
  const { apiVersion, kind, metadata } = resource.object;
  const slash = apiVersion.indexOf('/');
  const [group, version] = slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
  return `resid.ResId{Gvk:resid.Gvk{Group:${JSON.stringify(group)}, Version:${JSON.stringify(version)}, Kind:${JSON.stringify(kind)}, isClusterScoped:false}, Name:${JSON.stringify(metadata.name ?? '')}, Namespace:${JSON.stringify(metadata.namespace ?? '')}}`;
}

/** `spec.ports[0].port` of an object. */
function fieldValue(object: unknown, path: string): unknown {
  let node: unknown = object;
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    if (match[1] !== '') node = (node as Record<string, unknown> | undefined)?.[match[1]];
    for (const index of match[2].match(/\d+/g) ?? []) node = (node as unknown[] | undefined)?.[Number(index)];
  }
  return node;
}

function addResource(resources: Resource[], resource: Resource): void {
  const id = resourceId(resource);
  if (resources.some((r) => resourceId(r) === id)) throw new KustomizeError(`may not add resource with an already registered id: ${id}`);
  resources.push(resource);
}

/** The objects of a manifest file; `List` kinds give their items. */
function readResources(text: string, shownName: string): Resource[] {
  const objects: Json[] = [];
  for (const part of text.split(/^---.*$/m)) {
    // Lines count from the start of the document, as kustomize reads one document at a time.
    const { value, error } = parseYamlDocument(part.replace(/^\n/, ''));
    if (error) throw new KustomizeError(`accumulating resources from '${shownName}': MalformedYAMLError: ${error} in File: ${shownName}`);
    if (value === undefined || value === null) continue;
    if (typeof value === 'object' && !Array.isArray(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) objects.push(...value.items);
    else objects.push(value);
  }
  return objects
    .filter((value): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value))
    .map((value) => {
      if (!value.metadata || typeof value.metadata !== 'object') value.metadata = {};
      return { object: value as unknown as KubeObject, previousNames: [], hashSuffix: false };
    });
}

function sameNamespace(referrer: KubeObject, referral: KubeObject): boolean {
  const referralNamespace = referral.metadata.namespace;
  return referralNamespace === undefined || (referrer.metadata.namespace ?? '') === referralNamespace || referrer.kind === 'ClusterRoleBinding';
}

/** Points fields that name a renamed object (a ConfigMap given a hash, a Service given a prefix) at its new name. */
function fixNameReferences(resources: Resource[]): void {
  for (const reference of nameReferences) {
    const referrals = resources.filter((r) => r.object.kind === reference.kind && r.previousNames.length > 0);
    if (referrals.length === 0) continue;
    for (const referrer of resources) {
      for (const spec of reference.specs) {
        if (!appliesTo(spec, referrer.object.kind)) continue;
        visitPath(referrer.object, spec.path, false, (parent, key) => {
          const value = parent[key];
          if (typeof value !== 'string') return;
          if (reference.checkSiblingKind && typeof parent.kind === 'string' && parent.kind !== reference.kind) return;
          const subjectNamespace = typeof parent.namespace === 'string' ? parent.namespace : undefined;
          const match = referrals.find(
            (r) =>
              r.previousNames.includes(value) &&
              (subjectNamespace !== undefined ? (r.object.metadata.namespace ?? '') === subjectNamespace || r.object.metadata.namespace === undefined : sameNamespace(referrer.object, r.object)),
          );
          if (match) parent[key] = match.object.metadata.name;
        });
      }
    }
  }
}

/** A remote kustomization (a git repository or URL) would be cloned; the lab has no internet. */
function refuseRemote(path: string): void {
  if (/^(https?:\/\/|git@|ssh:\/\/|github\.com\/)/.test(path)) {
    throw new KustomizeError(`${path}: remote kustomizations cannot be fetched: the lab has no internet access; copy the files into a folder of your workspace`);
  }
}

/**
 * Builds the kustomization in `dir` (as typed). Throws KustomizeError with kustomize's message.
 */
export function buildKustomization(dir: string, options: BuildOptions): BuildResult {
  refuseRemote(dir);
  const abs = joinPath(options.cwd, dir);
  const stat = options.fs.stat(abs);
  if (!stat) throw new KustomizeError(`must build at directory: not a valid directory: ${missingPathMessage(options.fs, dir, abs)}`);
  if (stat.type !== 'dir') throw new KustomizeError(`must build at directory: '${dir}': file is not directory`);
  const builder = new Builder(options.fs, options.restricted ?? true);
  let objects: KubeObject[];
  try {
    objects = builder.finish(builder.accumulate(abs, []));
  } catch (error) {
    if (error instanceof KustomizeError) error.warnings = builder.warnings;
    throw error;
  }
  return { objects, warnings: builder.warnings, unusedVars: builder.unusedVars };
}

/** The build as `kubectl kustomize` prints it: YAML documents joined by `---`. */
export function renderBuild(objects: KubeObject[]): string {
  return objects.map((object) => toYaml(object)).join('---\n');
}
