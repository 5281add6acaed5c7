// configMapGenerator and secretGenerator: ConfigMaps and Secrets made from literals, files and
// env files, with the generator options, marked for the content-hash suffix kustomize gives
// their names at the end of the build.

import { base64Encode } from '../../encoding/base64';
import type { KubeObject } from '../../api/types';
import { KustomizeError } from './errors';
import type { GeneratorArgs, GeneratorOptions } from './kustomization-file';
import type { RootLoader } from './loader';

/** `"value"` and `'value'` lose their quotes, as kustomize's literal sources do. */
function removeQuotes(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) return value.slice(1, -1);
  return value;
}

function literalPairs(literals: string[]): [string, string][] {
  return literals.map((source) => {
    const equals = source.indexOf('=');
    if (equals <= 0) throw new KustomizeError(`loading KV pairs: literal sources [${literals.join(' ')}]: invalid literal source ${source}, expected key=value`);
    return [source.slice(0, equals), removeQuotes(source.slice(equals + 1))];
  });
}

function baseName(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() ?? path;
}

function filePairs(loader: RootLoader, files: string[]): [string, string][] {
  return files.map((source) => {
    const equals = source.indexOf('=');
    const [key, path] = equals >= 0 ? [source.slice(0, equals), source.slice(equals + 1)] : [baseName(source), source];
    try {
      return [key, loader.readFile(path)];
    } catch (error) {
      if (error instanceof KustomizeError) throw new KustomizeError(`loading KV pairs: file sources: [${files.join(' ')}]: ${error.message}`);
      throw error;
    }
  });
}

/** An env file: one KEY=value a line; blank lines and `#` comments skipped; a bare KEY takes the (empty) environment's value. */
function envPairs(loader: RootLoader, envs: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const path of envs) {
    let text: string;
    try {
      text = loader.readFile(path);
    } catch (error) {
      if (error instanceof KustomizeError) throw new KustomizeError(`loading KV pairs: env source files: [${envs.join(' ')}]: ${error.message}`);
      throw error;
    }
    for (const raw of text.replace(/^\uFEFF/, '').split('\n')) {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const equals = line.indexOf('=');
      pairs.push(equals >= 0 ? [line.slice(0, equals), line.slice(equals + 1)] : [line, '']);
    }
  }
  return pairs;
}

export interface Generated {
  object: KubeObject;
  /** Whether the name gets the content hash. */
  hashSuffix: boolean;
  behavior: 'create' | 'merge' | 'replace';
}

function mergedOptions(global: GeneratorOptions | undefined, own: GeneratorOptions | undefined): GeneratorOptions {
  return {
    labels: { ...(global?.labels ?? {}), ...(own?.labels ?? {}) },
    annotations: { ...(global?.annotations ?? {}), ...(own?.annotations ?? {}) },
    disableNameSuffixHash: Boolean(global?.disableNameSuffixHash || own?.disableNameSuffixHash),
    immutable: Boolean(global?.immutable || own?.immutable),
  };
}

export function generate(kind: 'ConfigMap' | 'Secret', args: GeneratorArgs, global: GeneratorOptions | undefined, loader: RootLoader): Generated {
  const behavior = args.behavior ?? 'create';
  if (behavior !== 'create' && behavior !== 'merge' && behavior !== 'replace') throw new KustomizeError(`invalid behavior: ${behavior}`);
  const pairs = [
    ...envPairs(loader, [...(args.envs ?? []), ...(args.env ? [args.env] : [])]),
    ...literalPairs(args.literals ?? []),
    ...filePairs(loader, args.files ?? []),
  ];
  const data: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (Object.prototype.hasOwnProperty.call(data, key)) // kustomize says configmap for Secrets too.
      throw new KustomizeError(`configmap ${args.name ?? ''} illegally repeats the key \`${key}\``);
    data[key] = kind === 'Secret' ? base64Encode(value) : value;
  }
  const options = mergedOptions(global, args.options);
  const metadata: KubeObject['metadata'] = { name: args.name ?? '' };
  if (args.namespace) metadata.namespace = args.namespace;
  if (Object.keys(options.labels ?? {}).length > 0) metadata.labels = { ...options.labels };
  if (Object.keys(options.annotations ?? {}).length > 0) metadata.annotations = { ...options.annotations };
  const object: KubeObject = { apiVersion: 'v1', kind, metadata };
  if (Object.keys(data).length > 0) object.data = data;
  if (kind === 'Secret') object.type = args.type || 'Opaque';
  if (options.immutable) object.immutable = true;
  return { object, hashSuffix: !options.disableNameSuffixHash, behavior };
}
