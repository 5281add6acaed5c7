// The kubectl.kubernetes.io/last-applied-configuration annotation: written by client-side apply,
// and kept up to date by the API server when `kubectl apply --server-side` applies an object that has it.

import { toCompactJson } from './go-json';
import { deepClone } from './object-utils';
import type { KubeObject } from './types';

export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The annotation's value for an applied object: the object as Go marshals it (keys sorted), with
 * its annotations less this one, left as `"annotations":{}` when there are no others.
 */
export function lastAppliedOf(obj: KubeObject): string {
  const copy = deepClone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[lastAppliedAnnotation];
  copy.metadata.annotations = annotations;
  return toCompactJson(copy) + '\n';
}

/** The object with the annotation `kubectl apply` records on it. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const copy = deepClone(obj);
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [lastAppliedAnnotation]: lastAppliedOf(obj) };
  return copy;
}
