// The import graph of the app's own code, read from the source text: which file imports which,
// and which folder leans on which. Type-only imports count too: a cycle of types still ties
// two places together.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

const sourceExtensions = ['.ts', '.vue'];

function listSources(dir: string, into: string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listSources(path, into);
    else if (sourceExtensions.some((extension) => name.endsWith(extension)) && !name.endsWith('.d.ts')) into.push(path);
  }
}

// `import ... from 'x'`, `export ... from 'x'`, `import 'x'` and `import('x')`.
const importPattern = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** File → the files it imports, as paths relative to the repository, for every source under `roots`. */
export function importGraph(roots: string[]): Map<string, string[]> {
  const files: string[] = [];
  for (const root of roots) listSources(join(repoRoot, root), files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = withoutComments(readFileSync(file, 'utf8'));
    const targets = new Set<string>();
    for (const match of text.matchAll(importPattern)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? match[3]);
      if (target) targets.add(relative(repoRoot, target));
    }
    graph.set(relative(repoRoot, file), [...targets].sort());
  }
  return graph;
}

/**
 * Folder → the folders it imports from. An import from a/x/... to a/y/... leans a/x on a/y
 * (siblings under their nearest common folder); an import between a folder and one of its own
 * subfolders says nothing about folders, as a package may use its subpackages and they its parent.
 */
export function folderGraph(files: Map<string, string[]>): Map<string, string[]> {
  const graph = new Map<string, Set<string>>();
  for (const [from, targets] of files) {
    for (const to of targets) {
      const a = from.split('/').slice(0, -1);
      const b = to.split('/').slice(0, -1);
      let common = 0;
      while (common < a.length && common < b.length && a[common] === b[common]) common++;
      if (common === a.length || common === b.length) continue;
      const source = a.slice(0, common + 1).join('/');
      const target = b.slice(0, common + 1).join('/');
      if (!graph.has(source)) graph.set(source, new Set());
      graph.get(source)!.add(target);
    }
  }
  return new Map([...graph].map(([key, value]) => [key, [...value].sort()]));
}

/** Every strongly connected group of more than one node, each as one cycle through it (sorted, stable). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    lowLinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node)!, lowLinks.get(next)!));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowLinks.get(node) === indices.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return groups.map((group) => cycleThrough(graph, new Set(group))).sort((a, b) => a[0].localeCompare(b[0]));
}

/** A shortest path from the group's first member (by name) back to itself, staying inside the group. */
function cycleThrough(graph: Map<string, string[]>, group: Set<string>): string[] {
  const start = [...group].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}
