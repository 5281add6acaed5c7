// JSON as Go's encoding/json writes maps (keys sorted; <, > and & escaped), for the texts the
// API server and kubectl store or print: the last-applied-configuration annotation, `-o json`.

import { setOwn } from './object-utils';

export function sortKeys(value: unknown): unknown {
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

/** Compact JSON, as json.Marshal writes it. */
export function toCompactJson(value: unknown): string {
  return escapeLikeGo(JSON.stringify(sortKeys(value)));
}
