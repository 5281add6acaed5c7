// JSON as `kubectl -o json` prints it: Go's json.MarshalIndent with 4 spaces over unstructured
// objects, so map keys are sorted and <, > and & are escaped as in Go.

import { escapeLikeGo, sortKeys, toCompactJson } from '../../api/go-json';

export { escapeLikeGo, toCompactJson };

/** Indented JSON with a trailing newline. */
export function toJson(value: unknown): string {
  return escapeLikeGo(JSON.stringify(sortKeys(value), null, 4)) + '\n';
}

