// Copying and comparing JSON-shaped objects, fast enough for the hot paths (listing 1,000 pods).

import type { KubeObject } from './types';

/**
 * Sets `key` as an own, enumerable property, also when it is `__proto__`: Kubernetes maps (labels,
 * ConfigMap data) may hold any key, and an assignment would change the prototype instead.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function deepClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = deepClone(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in value as Record<string, unknown>) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) setOwn(out, key, deepClone(v));
  }
  return out as T;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Fields holding undefined do not count. No key lists are made: status writes compare often.
  let fields = 0;
  for (const key in a as Record<string, unknown>) {
    const value = (a as any)[key];
    if (value === undefined) continue;
    fields++;
    if (!deepEqual(value, (b as any)[key])) return false;
  }
  for (const key in b as Record<string, unknown>) if ((b as any)[key] !== undefined) fields--;
  return fields === 0;
}

/**
 * The next version of a stored object, which is never changed in place: a copy with its own
 * metadata and `changes` set, the fields keeping their order. Copied and then set, since a spread
 * that also names fields defines each of them anew, a slow path in V8 (status writes, lease
 * renewals and Event raises make a version every few seconds).
 */
export function newVersion(stored: KubeObject, changes: Partial<KubeObject>): KubeObject {
  const next = { ...stored };
  next.metadata = { ...stored.metadata };
  return Object.assign(next, changes);
}
