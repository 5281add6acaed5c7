// Shell patterns (`*`, `?`, `[...]`) for globbing, `case` and `${x#pattern}`.
// Patterns arrive with quoted characters escaped by a backslash, so `"*"` matches only a star.

import type { FileSystem } from '../../fs/filesystem';
import { resolvePath } from '../../fs/paths';

const cache = new Map<string, RegExp>();

/** True when the pattern has an unescaped glob character. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '*' || ch === '?' || ch === '[') return true;
  }
  return false;
}

/** Removes the escaping backslashes. */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

/** The regular-expression source for a pattern. `slashes`: whether `*` may match `/`. */
export function patternSource(pattern: string, slashes: boolean): string {
  let source = '';
  const any = slashes ? '[\\s\\S]' : '[^/]';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]!);
    } else if (ch === '*') {
      source += any + '*';
    } else if (ch === '?') {
      source += any;
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      source += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else {
      source += escapeRegExp(ch);
    }
  }
  return source;
}

export function patternMatches(pattern: string, text: string, slashes = true): boolean {
  const key = (slashes ? 's' : 'n') + pattern;
  let regexp = cache.get(key);
  if (!regexp) {
    regexp = new RegExp('^' + patternSource(pattern, slashes) + '$');
    if (cache.size > 500) cache.clear();
    cache.set(key, regexp);
  }
  return regexp.test(text);
}

/** Removes the shortest/longest prefix or suffix matching the pattern (`${x#p}`, `##`, `%`, `%%`). */
export function removeAffix(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  if (op === '#' || op === '##') {
    const lengths = op === '#' ? ascending(value.length) : descending(value.length);
    for (const length of lengths) if (patternMatches(pattern, value.slice(0, length))) return value.slice(length);
  } else {
    const lengths = op === '%' ? ascending(value.length) : descending(value.length);
    for (const length of lengths) if (patternMatches(pattern, value.slice(value.length - length))) return value.slice(0, value.length - length);
  }
  return value;
}

function ascending(max: number): number[] {
  return Array.from({ length: max + 1 }, (_, i) => i);
}

function descending(max: number): number[] {
  return ascending(max).reverse();
}

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

/** Expands a glob pattern against the filesystem; sorted matches, or [] when nothing matches. */
export function globPaths(pattern: string, cwd: string, fs: FileSystem): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let candidates: string[] = [absolute ? '' : '.'];
  const startIndex = absolute ? 1 : 0;
  for (let index = startIndex; index < segments.length; index++) {
    const segment = segments[index]!;
    const next: string[] = [];
    for (const base of candidates) {
      const joinTo = (name: string): string => (base === '.' && !absolute && index === 0 ? name : base + '/' + name);
      const dirPath = resolvePath(cwd, base === '' ? '/' : base);
      if (!hasGlob(segment)) {
        const path = joinTo(unescapePattern(segment));
        if (fs.stat(resolvePath(cwd, path))) next.push(path);
        continue;
      }
      const stat = fs.stat(dirPath);
      if (!stat || stat.type !== 'dir') continue;
      for (const name of fs.readdir(dirPath)) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (patternMatches(segment, name, false)) next.push(joinTo(name));
      }
    }
    candidates = next;
    if (candidates.length === 0) break;
  }
  return candidates.sort();
}
