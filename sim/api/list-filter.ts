// Turns list options (label and field selectors) into a predicate over stored objects, failing
// with the API server's BadRequest for selectors it cannot parse or fields it does not index.
import type { KubeObject } from './types';
import type { ListOptions } from './server';
import { ApiError } from './errors';
import { compileFieldSelector, compileLabelSelector, SelectorError } from './selectors';

export function buildListFilter(kind: string, options: ListOptions): ((obj: KubeObject) => boolean) | undefined {
  const checks: ((obj: KubeObject) => boolean)[] = [];
  try {
    if (options.labelSelector) checks.push(compileLabelSelector(options.labelSelector));
    if (options.fieldSelector) checks.push(compileFieldSelector(kind, options.fieldSelector));
  } catch (error) {
    if (error instanceof SelectorError) throw new ApiError('BadRequest', error.message);
    throw error;
  }
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0];
  return (obj) => checks.every((check) => check(obj));
}
