// Path arithmetic for absolute, slash-separated paths (POSIX rules, no symlinks).

/** Collapses `//`, `.` and `..` of an absolute path; `..` never goes above `/`. */
export function normalizePath(path: string): string {
  if (path === '/') return '/';
  if (isNormal(path)) return path;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** Already absolute with no empty, `.` or `..` segments and no trailing slash (the common case). */
function isNormal(path: string): boolean {
  if (path.charCodeAt(0) !== 47 || path.charCodeAt(path.length - 1) === 47) return false;
  for (let i = 0; i < path.length; i++) {
    if (path.charCodeAt(i) !== 47) continue;
    const next = path.charCodeAt(i + 1);
    if (next === 47) return false;
    if (next === 46) {
      const after = path.charCodeAt(i + 2);
      if (after !== after || after === 47) return false; // `/.` at the end or `/./`
      if (after === 46) {
        const third = path.charCodeAt(i + 3);
        if (third !== third || third === 47) return false;
      }
    }
  }
  return true;
}

/** Resolves `path` against the absolute directory `cwd`. */
export function resolvePath(cwd: string, path: string): string {
  if (path.startsWith('/')) return normalizePath(path);
  return normalizePath(cwd + '/' + path);
}

export function joinPath(...parts: string[]): string {
  return normalizePath(parts.join('/'));
}

/** Like dirname(1): `/a/b` → `/a`, `b` → `.`, `/` → `/`. */
export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  const head = trimmed.slice(0, slash).replace(/\/+$/, '');
  return head === '' ? '/' : head;
}

/** Like basename(1): `/a/b/` → `b`, `/` → `/`. */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Splits an absolute normalised path into its names (`/` → []). */
export function pathSegments(path: string): string[] {
  return path === '/' ? [] : path.slice(1).split('/');
}
