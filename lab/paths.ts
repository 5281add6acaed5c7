// Field paths in checks: `spec.containers[0].image`, `metadata.labels.app`,
// `status.containerStatuses[name=app].restartCount`, `status.conditions[type=Ready].status`,
// and `metadata.labels["app.kubernetes.io/name"]` for keys that contain dots.

export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'match'; field: string; value: string };

export class PathSyntaxError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`invalid path "${path}": ${detail}`);
    this.name = 'PathSyntaxError';
  }
}

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let position = 0;
  const fail = (detail: string): never => {
    throw new PathSyntaxError(path, detail);
  };
  if (path === '') fail('empty path');
  while (position < path.length) {
    const char = path[position];
    if (char === '[') {
      const close = findClosingBracket(path, position);
      if (close < 0) fail(`missing ] after position ${position}`);
      segments.push(parseBracket(path.slice(position + 1, close), fail));
      position = close + 1;
    } else if (char === '.') {
      if (segments.length === 0 || position + 1 >= path.length || path[position + 1] === '.') fail(`misplaced . at position ${position}`);
      position += 1;
      if (path[position] === '[') continue;
      position = readKey(path, position, segments);
    } else {
      if (segments.length > 0) fail(`expected . or [ at position ${position}`);
      position = readKey(path, position, segments);
    }
  }
  return segments;
}

function readKey(path: string, start: number, segments: PathSegment[]): number {
  let end = start;
  while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
  segments.push({ kind: 'key', key: path.slice(start, end) });
  return end;
}

function findClosingBracket(path: string, open: number): number {
  const quote = path[open + 1];
  if (quote === '"' || quote === "'") {
    const endQuote = path.indexOf(quote, open + 2);
    return endQuote < 0 ? -1 : path.indexOf(']', endQuote);
  }
  return path.indexOf(']', open);
}

function parseBracket(inner: string, fail: (detail: string) => never): PathSegment {
  if (/^\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = /^(["'])(.*)\1$/.exec(inner);
  if (quoted) return { kind: 'key', key: quoted[2] };
  const equals = inner.indexOf('=');
  if (equals > 0) return { kind: 'match', field: inner.slice(0, equals), value: inner.slice(equals + 1) };
  return fail(`[${inner}] is neither an index, a "key" nor field=value`);
}

export type PathLookup = { found: true; value: unknown } | { found: false };

/** The value at `path` in `root`, or found: false when any step is missing. */
export function lookupPath(root: unknown, path: string | PathSegment[]): PathLookup {
  const segments = typeof path === 'string' ? parsePath(path) : path;
  let current: unknown = root;
  for (const segment of segments) {
    if (segment.kind === 'key') {
      if (!isRecord(current) || !(segment.key in current)) return { found: false };
      current = current[segment.key];
    } else if (segment.kind === 'index') {
      if (!Array.isArray(current) || segment.index >= current.length) return { found: false };
      current = current[segment.index];
    } else {
      if (!Array.isArray(current)) return { found: false };
      const item = current.find((entry) => isRecord(entry) && String(entry[segment.field]) === segment.value);
      if (item === undefined) return { found: false };
      current = item;
    }
    if (current === undefined) return { found: false };
  }
  return { found: true, value: current };
}

/**
 * Where a path first fails on a `[field=value]` step of a list that exists: the list's key, the
 * value looked for and the values present (`containers[name=nginx]` in a Pod whose container is `web`).
 */
export function missingListItem(root: unknown, path: string): { list: string; field: string; value: string; present: string[] } | undefined {
  let current: unknown = root;
  let lastKey = '';
  for (const segment of parsePath(path)) {
    if (segment.kind === 'key') {
      if (!isRecord(current) || !(segment.key in current)) return undefined;
      lastKey = segment.key;
      current = current[segment.key];
    } else if (segment.kind === 'index') {
      if (!Array.isArray(current) || segment.index >= current.length) return undefined;
      current = current[segment.index];
    } else {
      if (!Array.isArray(current)) return undefined;
      const item = current.find((entry) => isRecord(entry) && String(entry[segment.field]) === segment.value);
      if (item === undefined) {
        const present = current.filter(isRecord).map((entry) => String(entry[segment.field]));
        return { list: lastKey, field: segment.field, value: segment.value, present };
      }
      current = item;
    }
  }
  return undefined;
}

/** The last named key of a path, for messages: `restartCount` from `status.containerStatuses[name=app].restartCount`. */
export function lastKeyOf(path: string): string {
  try {
    const segments = parsePath(path);
    for (let index = segments.length - 1; index >= 0; index--) {
      const segment = segments[index];
      if (segment.kind === 'key') return segment.key;
    }
  } catch {
    // fall through to the whole path
  }
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
