// OpenAPI v3 documents, as far as kubectl 1.32 reads them for writes: the root index and, per
// group version, each kind's paths with the PATCH operation's `x-kubernetes-group-version-kind`
// and its `fieldValidation` parameter. That is how kubectl learns the server validates fields
// itself (it then sends fieldValidation=Strict instead of validating against a schema). Without a
// strategic-merge request body kubectl computes apply patches from its built-in types. The
// components carry the lab's own schemas (types, descriptions, required fields) for `kubectl explain`.
import type { ResourceType } from '../sim/api/resources';
import { schemas } from '../sim/api/schema';
import { groupVersions } from '../sim/api/resources';

/** Schema names as Kubernetes spells them; `kubectl explain` shows their last part. */
function schemaName(type: string): string {
  if (type === 'Quantity') return 'io.k8s.apimachinery.pkg.api.resource.Quantity';
  if (type === 'IntOrString') return 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
  if (type === 'Time') return 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
  return `io.k8s.podlab.${type}`;
}

/** OpenAPI v3 refers to `#/components/schemas/`, and wraps a described reference in allOf; Swagger 2.0 does neither. */
interface Dialect {
  refPrefix: string;
  wrapReferences: boolean;
}
const v3: Dialect = { refPrefix: '#/components/schemas/', wrapReferences: true };
const v2: Dialect = { refPrefix: '#/definitions/', wrapReferences: false };

/** A field's schema; `nested` for list items and map values, where a reference stands alone. */
function typeSchema(type: string, dialect: Dialect, nested = false): Record<string, unknown> {
  if (type.startsWith('[]')) return { type: 'array', items: typeSchema(type.slice(2), dialect, true) };
  if (type.startsWith('map[string]')) return { type: 'object', additionalProperties: typeSchema(type.slice('map[string]'.length), dialect, true) };
  switch (type) {
    case 'string':
      return { type: 'string' };
    case 'int32':
      return { type: 'integer', format: 'int32' };
    case 'int64':
      return { type: 'integer', format: 'int64' };
    case 'bool':
      return { type: 'boolean' };
    case 'float64':
      return { type: 'number', format: 'double' };
    case 'any':
    case 'Open':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    default: {
      const ref = { $ref: `${dialect.refPrefix}${schemaName(type)}` };
      return nested || !dialect.wrapReferences ? ref : { allOf: [ref] };
    }
  }
}

/**
 * Every struct the lab's schema knows, as component schemas (v3) or definitions (v2); a served
 * kind's carries its group, version and kind, which is how `kubectl explain` finds it.
 */
function componentSchemas(dialect: Dialect, gvkOf: (kind: string) => { group: string; kind: string; version: string } | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    // No top-level type in v3: kubectl explain then names them by their schema (`<Quantity>`, `<IntOrString>`).
    // No description either: kubectl explain would print it under every field of these types,
    // and the lab's own explain knows only the structs' descriptions.
    [schemaName('Quantity')]: dialect === v3 ? { oneOf: [{ type: 'string' }, { type: 'number' }] } : { type: 'string' },
    [schemaName('IntOrString')]: dialect === v3 ? { oneOf: [{ type: 'integer' }, { type: 'string' }], format: 'int-or-string' } : { type: 'string', format: 'int-or-string' },
    [schemaName('Time')]: { type: 'string', format: 'date-time' },
  };
  for (const [name, struct] of Object.entries(schemas)) {
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const [fieldName, field] of Object.entries(struct.fields)) {
      properties[fieldName] = { ...typeSchema(field.type, dialect), description: field.description };
      if (field.required) required.push(fieldName);
    }
    const schema: Record<string, unknown> = { description: struct.description, type: 'object', properties };
    if (required.length > 0) schema.required = required;
    const gvk = gvkOf(name);
    if (gvk) schema['x-kubernetes-group-version-kind'] = [gvk];
    out[schemaName(name)] = schema;
  }
  return out;
}

function prefix(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** A stable hash of the document, as the real index carries (`?hash=`), so clients can cache it. */
function hashOf(text: string): string {
  let h1 = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h1.toString(16).toUpperCase().padStart(8, '0');
}

export function openApiIndex(types: readonly ResourceType[]): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions(types)) {
    const name = prefix(gv.group, gv.version);
    const text = JSON.stringify(openApiDocument(types, gv.group, gv.version));
    paths[name] = { serverRelativeURL: `/openapi/v3/${name}?hash=${hashOf(text)}` };
  }
  return { paths };
}

function queryParameter(name: string, description: string, dialect: Dialect): Record<string, unknown> {
  const schema = { type: 'string', uniqueItems: true };
  return dialect === v3 ? { name, in: 'query', description, schema } : { name, in: 'query', description, ...schema };
}

function writeParameters(dialect: Dialect): Record<string, unknown>[] {
  return [
    queryParameter('dryRun', 'When present, indicates that modifications should not be persisted.', dialect),
    queryParameter('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.', dialect),
    queryParameter('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn (the default), Strict.', dialect),
  ];
}

/** Each kind's create and patch paths, with the operation's kind and its write parameters. */
function kindPaths(types: readonly ResourceType[], dialect: Dialect): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const type of types.filter((t) => t.verbs.includes('patch'))) {
    const base = `/${prefix(type.group, type.version)}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.plural}`;
    const gvk = { group: type.group, kind: type.kind, version: type.version };
    paths[`${base}/{name}`] = {
      patch: {
        description: `partially update the specified ${type.kind}`,
        operationId: `patch${type.kind}`,
        parameters: [...writeParameters(dialect), queryParameter('force', 'Force is going to "force" Apply requests.', dialect)],
        responses: { '200': { description: 'OK' } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
      },
    };
    paths[base] = {
      post: {
        description: `create a ${type.kind}`,
        operationId: `create${type.kind}`,
        parameters: writeParameters(dialect),
        responses: { '201': { description: 'Created' } },
        'x-kubernetes-action': 'post',
        'x-kubernetes-group-version-kind': gvk,
      },
    };
  }
  return paths;
}

const info = { title: 'Kubernetes', version: 'v1.32.0' };

/** `/openapi/v3/api/v1`, `/openapi/v3/apis/apps/v1`; undefined when the group version is not served. */
export function openApiDocument(types: readonly ResourceType[], group: string, version: string): unknown {
  const inGroupVersion = types.filter((t) => t.group === group && t.version === version);
  if (inGroupVersion.length === 0) return undefined;
  const gvkOf = (kind: string) => (inGroupVersion.some((t) => t.kind === kind) ? { group, kind, version } : undefined);
  return { openapi: '3.0.0', info, paths: kindPaths(inGroupVersion, v3), components: { schemas: componentSchemas(v3, gvkOf) } };
}

/**
 * `/openapi/v2`: one Swagger 2.0 document for every served kind (kubectl reads it as protobuf,
 * see openapi-v2-protobuf.ts, for `explain --output=plaintext-openapiv2` and where v3 fails).
 */
export function openApiV2Document(types: readonly ResourceType[]): Record<string, unknown> {
  const gvkOf = (kind: string) => {
    const type = types.find((t) => t.kind === kind);
    return type ? { group: type.group, kind, version: type.version } : undefined;
  };
  return { swagger: '2.0', info, paths: kindPaths(types, v2), definitions: componentSchemas(v2, gvkOf) };
}
