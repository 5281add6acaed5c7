// The schema of every served kind: field lookup for `kubectl explain`, and the API server's
// decoding checks (Go type errors, then unknown fields under strict field validation).
import type { KubeObject } from '../types';
import { coreSchemas } from './core-schema';
import { metaSchemas } from './meta-schema';
import { podSchemas } from './pod-schema';
import type { SchemaRegistry, StructSchema, TypeNotation } from '../schema-types';
import { workloadSchemas } from './workload-schema';
import { parseQuantity, QuantityError } from '../quantity';
import { kindRecords } from '../kinds';

/** The shared types, then each kind's own from its record. */
export const schemas: SchemaRegistry = Object.assign({ ...metaSchemas, ...podSchemas, ...workloadSchemas, ...coreSchemas }, ...kindRecords.map((record) => record.schema));

const primitives = new Set(['string', 'int32', 'int64', 'bool', 'float64', 'Quantity', 'IntOrString', 'Time', 'any']);

function elementType(type: TypeNotation): TypeNotation | undefined {
  if (type.startsWith('[]')) return type.slice(2);
  if (type.startsWith('map[string]')) return type.slice('map[string]'.length);
  return undefined;
}

/** The struct a type leads to when you walk into it (through lists and maps). */
function structOf(type: TypeNotation): StructSchema | undefined {
  let current = type;
  for (let inner = elementType(current); inner !== undefined; inner = elementType(current)) current = inner;
  return primitives.has(current) ? undefined : schemas[current];
}

/** The type as `kubectl explain` shows it: `string`, `integer`, `[]Container`, `map[string]string`. */
export function explainType(type: TypeNotation): string {
  if (type.startsWith('[]')) return `[]${explainType(type.slice(2))}`;
  if (type.startsWith('map[string]')) return `map[string]${explainType(type.slice('map[string]'.length))}`;
  switch (type) {
    case 'string':
    case 'Time':
      return 'string';
    case 'int32':
    case 'int64':
      return 'integer';
    case 'bool':
      return 'boolean';
    case 'float64':
      return 'number';
    case 'any':
    case 'Open':
    case 'Status':
      return 'Object';
    default:
      return type;
  }
}

export interface ExplainNode {
  name: string;
  type: string;
  description: string;
  required?: boolean;
  fields?: { name: string; type: string; required: boolean }[];
}

function fieldList(struct: StructSchema | undefined): ExplainNode['fields'] {
  if (!struct || Object.keys(struct.fields).length === 0) return undefined;
  return Object.keys(struct.fields)
    .sort()
    .map((name) => ({ name, type: explainType(struct.fields[name].type), required: struct.fields[name].required === true }));
}

/** Looks up `kubectl explain pod.spec.containers.livenessProbe`: kind `Pod`, path [`spec`, `containers`, `livenessProbe`]. */
export function explainField(kind: string, path: string[]): ExplainNode | undefined {
  let struct = schemas[kind];
  if (!struct) return undefined;
  if (path.length === 0) return { name: kind, type: 'Object', description: struct.description, fields: fieldList(struct) };
  let node: ExplainNode | undefined;
  for (const name of path) {
    if (!struct) return undefined;
    const spec = struct.fields[name];
    if (!spec) return undefined;
    const inner = structOf(spec.type);
    node = { name, type: explainType(spec.type), description: spec.description, required: spec.required === true, fields: fieldList(inner) };
    struct = inner as StructSchema;
  }
  return node;
}

// ---- decoding checks ----

type JsonValue = unknown;

function jsonTypeName(value: JsonValue): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

function goTypeName(type: TypeNotation): string {
  if (type.startsWith('[]')) return `[]${goTypeName(type.slice(2))}`;
  if (type.startsWith('map[string]')) return `map[string]${goTypeName(type.slice('map[string]'.length))}`;
  if (type === 'Quantity') return 'resource.Quantity';
  if (type === 'IntOrString') return 'intstr.IntOrString';
  if (type === 'Time') return 'v1.Time';
  if (type === 'any' || type === 'Open' || type === 'Status') return 'interface {}';
  if (primitives.has(type)) return type;
  return `${schemas[type]?.goPackage ?? 'v1'}.${type}`;
}

class DecodeFailure extends Error {}

/** Returns the first type error, walking in document order as Go's decoder does. */
function checkValue(value: JsonValue, type: TypeNotation, structName: string, jsonPath: string): void {
  if (value === null || value === undefined || type === 'any' || type === 'Open' || type === 'Status') return;
  const mismatch = (actual: string, goType = goTypeName(type)) => {
    throw new DecodeFailure(`json: cannot unmarshal ${actual} into Go struct field ${structName}.${jsonPath} of type ${goType}`);
  };
  if (type.startsWith('[]')) {
    if (!Array.isArray(value)) mismatch(jsonTypeName(value));
    for (const item of value as JsonValue[]) checkValue(item, type.slice(2), structName, jsonPath);
    return;
  }
  if (type.startsWith('map[string]')) {
    if (typeof value !== 'object' || Array.isArray(value)) mismatch(jsonTypeName(value));
    for (const item of Object.values(value as object)) checkValue(item, type.slice('map[string]'.length), structName, jsonPath);
    return;
  }
  switch (type) {
    case 'string':
    case 'Time':
      if (typeof value !== 'string') mismatch(jsonTypeName(value), 'string');
      return;
    case 'bool':
      if (typeof value !== 'boolean') mismatch(jsonTypeName(value));
      return;
    case 'float64':
      if (typeof value !== 'number') mismatch(jsonTypeName(value));
      return;
    case 'int32':
    case 'int64': {
      if (typeof value !== 'number') mismatch(jsonTypeName(value));
      const limit = type === 'int32' ? 2 ** 31 : 2 ** 63;
      if (!Number.isInteger(value) || (value as number) >= limit || (value as number) < -limit) mismatch(`number ${String(value)}`);
      return;
    }
    case 'IntOrString':
      if (typeof value === 'string') return;
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new DecodeFailure(`json: cannot unmarshal ${typeof value === 'number' ? `number ${value}` : jsonTypeName(value)} into Go value of type int32`);
      }
      return;
    case 'Quantity':
      try {
        parseQuantity(typeof value === 'string' ? value : JSON.stringify(value));
      } catch (error) {
        if (error instanceof QuantityError) throw new DecodeFailure(error.message);
        throw error;
      }
      return;
  }
  const struct = schemas[type];
  if (!struct) return;
  if (typeof value !== 'object' || Array.isArray(value)) mismatch(jsonTypeName(value));
  if (struct.open) return;
  for (const [name, item] of Object.entries(value as Record<string, JsonValue>)) {
    const spec = struct.fields[name];
    if (spec) checkValue(item, spec.type, type, jsonPath ? `${jsonPath}.${name}` : name);
  }
}

/** The Go decode error the API server reports for a wrongly typed field, or undefined. */
export function checkTypes(obj: KubeObject): string | undefined {
  if (!schemas[obj.kind]) return undefined;
  try {
    checkValue(obj, obj.kind, obj.kind, '');
  } catch (error) {
    if (error instanceof DecodeFailure) return error.message;
    throw error;
  }
  return undefined;
}

function collectUnknown(value: JsonValue, type: TypeNotation, path: string, out: string[]): void {
  if (value === null || typeof value !== 'object') return;
  if (type.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((item, i) => collectUnknown(item, type.slice(2), `${path}[${i}]`, out));
    return;
  }
  if (type.startsWith('map[string]')) {
    for (const [key, item] of Object.entries(value)) collectUnknown(item, type.slice('map[string]'.length), `${path}[${key}]`, out);
    return;
  }
  const struct = schemas[type];
  if (!struct || struct.open || Array.isArray(value)) return;
  for (const [name, item] of Object.entries(value)) {
    const childPath = path ? `${path}.${name}` : name;
    const spec = struct.fields[name];
    if (!spec) out.push(`unknown field ${JSON.stringify(childPath)}`);
    else collectUnknown(item, spec.type, childPath, out);
  }
}

/** Unknown-field messages in document order: `unknown field "spec.containers[0].imagePullPolcy"`. */
export function strictDecode(obj: KubeObject): string[] {
  const out: string[] = [];
  if (schemas[obj.kind]) collectUnknown(obj, obj.kind, '', out);
  return out;
}

/** `Pod in version "v1" cannot be handled as a Pod: <problem>`, the server's decode failure message. */
export function cannotBeHandledMessage(obj: KubeObject, problem: string): string {
  const version = String(obj.apiVersion ?? '').split('/').pop();
  return `${obj.kind} in version ${JSON.stringify(version)} cannot be handled as a ${obj.kind}: ${problem}`;
}


function pruneValue(value: JsonValue, type: TypeNotation): void {
  if (value === null || typeof value !== 'object') return;
  if (type.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((item) => pruneValue(item, type.slice(2)));
    return;
  }
  if (type.startsWith('map[string]')) {
    for (const item of Object.values(value)) pruneValue(item, type.slice('map[string]'.length));
    return;
  }
  const struct = schemas[type];
  if (!struct || struct.open || Array.isArray(value)) return;
  for (const [name, item] of Object.entries(value)) {
    const spec = struct.fields[name];
    if (!spec) delete (value as Record<string, unknown>)[name];
    else pruneValue(item, spec.type);
  }
}

/** Drops unknown fields in place, as decoding without strict validation does. */
export function pruneUnknownFields(obj: KubeObject): void {
  if (schemas[obj.kind]) pruneValue(obj, obj.kind);
}
