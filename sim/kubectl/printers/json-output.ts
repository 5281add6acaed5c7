// JSON as `kubectl -o json` prints it: Go's json.MarshalIndent with 4 spaces over unstructured
// objects, so map keys are sorted and <, > and & are escaped as in Go.

import { setOwn } from '../../api/object-utils';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) setOwn(sorted, key, sortKeys(member));
    }
    return sorted;
  }
  return value;
}

export function escapeLikeGo(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Indented JSON with a trailing newline. */
export function toJson(value: unknown): string {
  return escapeLikeGo(JSON.stringify(sortKeys(value), null, 4)) + '\n';
}

/** Compact JSON, as jsonpath prints maps and lists. */
export function toCompactJson(value: unknown): string {
  return escapeLikeGo(JSON.stringify(sortKeys(value)));
}
