// Server-side printing: a list as a meta.k8s.io/v1 Table, with the lab's own columns and cells,
// so `kubectl get` against the served cluster prints what the lab's kubectl prints. Wide columns
// carry priority 1 (kubectl shows them with `-o wide`); the server always fills every cell.
import type { KubeObject } from '../sim/api/types';
import type { ResourceType } from '../sim/api/resources';
import { tableFor } from '../sim/kubectl/printers/tables';
import { cachedJson } from './json-cache';

export const tableAcceptPattern = /as=Table/;

function columnType(name: string): { type: string; format: string } {
  if (name === 'Name') return { type: 'string', format: 'name' };
  return { type: 'string', format: '' };
}

const descriptions: Record<string, string> = {
  Name: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  Age: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
};

export function columnDefinitions(type: ResourceType): unknown[] {
  return tableFor(type.kind).columns.map((column) => ({
    name: column.name,
    ...columnType(column.name),
    description: descriptions[column.name] ?? '',
    priority: column.wide ? 1 : 0,
  }));
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(obj: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function tableRows(type: ResourceType, objects: KubeObject[], now: number, include: IncludeObject): unknown[] {
  const definition = tableFor(type.kind);
  return objects.map((obj) => {
    const row: Record<string, unknown> = { cells: definition.row(obj, now, true) };
    const object = rowObject(obj, include);
    if (object !== undefined) row.object = object;
    return row;
  });
}

export function asTable(type: ResourceType, objects: KubeObject[], now: number, resourceVersion: string, include: IncludeObject, withColumns = true): unknown {
  const table: Record<string, unknown> = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion } };
  if (withColumns) table.columnDefinitions = columnDefinitions(type);
  table.rows = tableRows(type, objects, now, include);
  return table;
}

/** The same Table as JSON text, with each object's metadata encoded once per version (lists of many objects). */
export function tableJson(type: ResourceType, objects: KubeObject[], now: number, resourceVersion: string, include: IncludeObject): string {
  const definition = tableFor(type.kind);
  const rows = objects.map((obj) => {
    const cells = JSON.stringify(definition.row(obj, now, true));
    if (include === 'None') return `{"cells":${cells}}`;
    if (include === 'Object') return `{"cells":${cells},"object":${cachedJson(obj)}}`;
    return `{"cells":${cells},"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${cachedJson(obj.metadata)}}}`;
  });
  const head = JSON.stringify({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion }, columnDefinitions: columnDefinitions(type) });
  return `${head.slice(0, -1)},"rows":[${rows.join(',')}]}`;
}
