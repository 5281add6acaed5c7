// `-o custom-columns=NAME:.metadata.name,IP:.status.podIP`

import type { KubeObject } from '../../api/types';
import { compileJsonPath, JsonPathError, relaxedJsonPath, type CompiledJsonPath } from './jsonpath';
import { PrintError } from './print-options';

export interface CustomColumn {
  header: string;
  path: CompiledJsonPath;
}

export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') throw new PrintError('error: custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new PrintError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    }
    try {
      return { header: part.slice(0, colon), path: compileJsonPath(relaxedJsonPath(part.slice(colon + 1))) };
    } catch (e) {
      if (e instanceof JsonPathError) throw new PrintError(`error: ${e.message}`);
      throw e;
    }
  });
}

/** Go's %v of a decoded JSON value: maps as `map[k:v]`, lists as `[a b]`. */
export function goValueText(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValueText).join(' ')}]`;
  if (typeof value === 'object') {
    const map = value as Record<string, unknown>;
    return `map[${Object.keys(map).sort().map((k) => `${k}:${goValueText(map[k])}`).join(' ')}]`;
  }
  return String(value);
}

export function customColumnCells(columns: CustomColumn[], obj: KubeObject): string[] {
  return columns.map((column) => {
    const values = column.path.results(obj).flat();
    return values.length === 0 ? '<none>' : values.map(goValueText).join(',');
  });
}
