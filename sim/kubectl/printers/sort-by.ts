// `--sort-by`: objects ordered by a JSONPath field, as kubectl's RuntimeSort does.

import type { KubeObject } from '../../api/types';
import { compileJsonPath, JsonPathError, relaxedJsonPath } from './jsonpath';
import { PrintError } from './print-options';

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Natural order: digit runs compare as numbers (`pod-2` before `pod-10`). */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (isDigit(a[i]) && isDigit(b[j])) {
      let ie = i;
      let je = j;
      while (isDigit(a[ie])) ie++;
      while (isDigit(b[je])) je++;
      const an = a.slice(i, ie).replace(/^0+/, '');
      const bn = b.slice(j, je).replace(/^0+/, '');
      if (an.length !== bn.length) return an.length < bn.length;
      if (an !== bn) return an < bn;
      if (ie - i !== je - j) return ie - i < je - j;
      i = ie;
      j = je;
    } else {
      if (a[i] !== b[j]) return a[i] < b[j];
      i++;
      j++;
    }
  }
  return a.length - i < b.length - j;
}

function less(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  return naturalLess(String(a), String(b));
}

export function sortObjects(objects: KubeObject[], sortBy: string): KubeObject[] {
  let expression: string;
  let path;
  try {
    expression = relaxedJsonPath(sortBy);
    path = compileJsonPath(expression);
  } catch (e) {
    if (e instanceof JsonPathError) throw new PrintError(`error: ${e.message}`);
    throw e;
  }
  const keyed = objects.map((obj) => ({ obj, values: path.results(obj).flat() }));
  if (objects.length > 0 && keyed.every((k) => k.values.length === 0)) {
    throw new PrintError(`error: couldn't find any field with path "${expression}" in the list of objects`);
  }
  const order = (x: (typeof keyed)[number], y: (typeof keyed)[number]): number => {
    if (x.values.length === 0) return y.values.length === 0 ? 0 : -1;
    if (y.values.length === 0) return 1;
    if (less(x.values[0], y.values[0])) return -1;
    if (less(y.values[0], x.values[0])) return 1;
    return 0;
  };
  return [...keyed].sort(order).map((k) => k.obj);
}
