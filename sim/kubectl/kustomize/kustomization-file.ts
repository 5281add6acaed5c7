// The kustomization file: found by its three names, decoded strictly as kustomize's
// Kustomization struct (unknown fields and wrong types refused in encoding/json's words), and the
// deprecation warnings kustomize 5.5 prints for the old fields.

import { goJsonTypeName, parseYamlDocument } from '../../api/decode';
import type { Json } from '../../api/types';
import { KustomizeError } from './errors';

export const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

export interface GeneratorArgs {
  name?: string;
  namespace?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  options?: GeneratorOptions;
  type?: string;
}

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: PatchTarget;
  options?: Record<string, boolean>;
}

export interface ImageEntry {
  name?: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface LabelEntry {
  pairs?: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  /** More places for the labels, as field specs. */
  fields?: { path?: string; kind?: string; group?: string; version?: string; create?: boolean }[];
}

export interface VarEntry {
  name: string;
  objref: { kind?: string; group?: string; version?: string; apiVersion?: string; name?: string; namespace?: string };
  fieldref?: { fieldPath?: string };
}

export interface Kustomization {
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  commonLabels?: Record<string, string>;
  labels?: LabelEntry[];
  commonAnnotations?: Record<string, string>;
  resources?: string[];
  bases?: string[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  generatorOptions?: GeneratorOptions;
  patches?: PatchEntry[];
  patchesStrategicMerge?: string[];
  patchesJson6902?: PatchEntry[];
  images?: ImageEntry[];
  replicas?: { name?: string; count?: number }[];
  vars?: VarEntry[];
  sortOptions?: { order?: string };
}

// Go types of the fields, as encoding/json names them in its errors.
type FieldType = 'string' | 'bool' | 'int' | 'map[string]string' | '[]string' | { list: string; fields: Record<string, FieldType> } | { struct: string; fields: Record<string, FieldType> };

const generatorOptionsType: FieldType = {
  struct: 'types.GeneratorOptions',
  fields: { labels: 'map[string]string', annotations: 'map[string]string', disableNameSuffixHash: 'bool', immutable: 'bool' },
};
const generatorFields: Record<string, FieldType> = {
  namespace: 'string',
  name: 'string',
  behavior: 'string',
  literals: '[]string',
  files: '[]string',
  envs: '[]string',
  env: 'string',
  options: generatorOptionsType,
};
const targetType: FieldType = {
  struct: 'types.Selector',
  fields: { group: 'string', version: 'string', kind: 'string', name: 'string', namespace: 'string', labelSelector: 'string', annotationSelector: 'string' },
};
const patchFields: Record<string, FieldType> = {
  path: 'string',
  patch: 'string',
  target: targetType,
  options: { struct: 'map[string]bool', fields: { allowNameChange: 'bool', allowKindChange: 'bool' } },
};

/** The fields this lab builds, with their types. */
const supportedFields: Record<string, FieldType> = {
  apiVersion: 'string',
  kind: 'string',
  metadata: { struct: 'types.ObjectMeta', fields: { name: 'string', namespace: 'string', labels: 'map[string]string', annotations: 'map[string]string' } },
  namePrefix: 'string',
  nameSuffix: 'string',
  namespace: 'string',
  commonLabels: 'map[string]string',
  labels: {
    list: 'types.Label',
    fields: {
      pairs: 'map[string]string',
      includeSelectors: 'bool',
      includeTemplates: 'bool',
      fields: { list: 'types.FieldSpec', fields: { path: 'string', kind: 'string', group: 'string', version: 'string', create: 'bool' } },
    },
  },
  commonAnnotations: 'map[string]string',
  resources: '[]string',
  bases: '[]string',
  configMapGenerator: { list: 'types.ConfigMapArgs', fields: generatorFields },
  secretGenerator: { list: 'types.SecretArgs', fields: { ...generatorFields, type: 'string' } },
  generatorOptions: generatorOptionsType,
  patches: { list: 'types.Patch', fields: patchFields },
  patchesStrategicMerge: '[]string',
  patchesJson6902: { list: 'types.Patch', fields: patchFields },
  images: { list: 'types.Image', fields: { name: 'string', newName: 'string', newTag: 'string', digest: 'string', tagSuffix: 'string' } },
  replicas: { list: 'types.Replica', fields: { name: 'string', count: 'int' } },
  vars: {
    list: 'types.Var',
    fields: {
      name: 'string',
      objref: { struct: 'types.Target', fields: { kind: 'string', group: 'string', version: 'string', apiVersion: 'string', name: 'string', namespace: 'string' } },
      fieldref: { struct: 'types.FieldSelector', fields: { fieldPath: 'string' } },
    },
  },
  sortOptions: { struct: 'types.SortOptions', fields: { order: 'string', legacySortOptions: { struct: 'types.LegacySortOptions', fields: { orderFirst: '[]string', orderLast: '[]string' } } } },
  buildMetadata: '[]string',
};

/** Fields of kustomize's struct that this lab does not build: refused in plain words. */
const unsupportedFields = [
  'openapi', 'components', 'crds', 'configurations', 'generators', 'transformers', 'validators', 'replacements',
  'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'imageTags',
];

function goType(type: FieldType): string {
  if (typeof type === 'string') return type;
  return 'list' in type ? `[]${type.list}` : type.struct;
}

/** encoding/json's check of one value against its field's type; the error names the struct and the field's path. */
function checkValue(value: Json, type: FieldType, owner: string, path: string): void {
  const mismatch = (actual: Json, expected: string) =>
    new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${goJsonTypeName(actual)} into Go struct field ${owner}.${path} of type ${expected}`);
  if (type === 'string' || type === 'bool' || type === 'int') {
    const ok = type === 'string' ? typeof value === 'string' : type === 'bool' ? typeof value === 'boolean' : typeof value === 'number' && Number.isInteger(value);
    if (!ok) throw mismatch(value, type);
    return;
  }
  if (type === 'map[string]string') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw mismatch(value, type);
    for (const item of Object.values(value)) if (typeof item !== 'string') throw mismatch(item, 'string');
    return;
  }
  if (type === '[]string') {
    if (!Array.isArray(value)) throw mismatch(value, type);
    for (const item of value) if (typeof item !== 'string') throw mismatch(item, 'string');
    return;
  }
  if ('list' in type) {
    if (!Array.isArray(value)) throw mismatch(value, goType(type));
    for (const item of value) checkStruct(item, type.fields, type.list, path, (actual) => mismatch(actual, type.list));
    return;
  }
  checkStruct(value, type.fields, type.struct, path, (actual) => mismatch(actual, type.struct));
}

function checkStruct(value: Json, fields: Record<string, FieldType>, structName: string, path: string, mismatch: (actual: Json) => KustomizeError): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw mismatch(value);
  for (const [key, item] of Object.entries(value)) {
    const type = fields[key];
    if (!type) throw new KustomizeError(`invalid Kustomization: json: unknown field "${key}"`);
    checkValue(item, type, structName.replace(/^types\./, ''), `${path}.${key}`);
  }
}

/** Decodes a kustomization file's text; throws kustomize's error for bad YAML, unknown fields and wrong types. */
export function parseKustomization(text: string): Kustomization {
  const { value, error } = parseYamlDocument(text);
  if (error) throw new KustomizeError(`invalid Kustomization: ${error}`);
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${goJsonTypeName(value)} into Go value of type types.Kustomization`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (unsupportedFields.includes(key)) throw new KustomizeError(`the kustomization field '${key}' is not available in this lab`);
    const type = supportedFields[key];
    if (!type) throw new KustomizeError(`invalid Kustomization: json: unknown field "${key}"`);
    checkValue(item, type, 'Kustomization', key);
  }
  if (value.kind === 'Component') throw new KustomizeError(`the kustomization field 'components' is not available in this lab`);
  return value as Kustomization;
}

const deprecations: [keyof Kustomization, string][] = [
  ['bases', "'bases' is deprecated. Please use 'resources' instead."],
  ['commonLabels', "'commonLabels' is deprecated. Please use 'labels' instead."],
  ['patchesJson6902', "'patchesJson6902' is deprecated. Please use 'patches' instead."],
  ['patchesStrategicMerge', "'patchesStrategicMerge' is deprecated. Please use 'patches' instead."],
  ['vars', "'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL]"],
];

/** The warnings kustomize prints (to stderr) for the deprecated fields a kustomization uses, in its order. */
export function deprecationWarnings(kustomization: Kustomization): string[] {
  return deprecations
    .filter(([field]) => kustomization[field] !== undefined)
    .map(([, text]) => `# Warning: ${text} Run 'kustomize edit fix' to update your Kustomization automatically.`);
}
