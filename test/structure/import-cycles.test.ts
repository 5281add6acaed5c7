// No import cycle between files, nor between folders, in the app's own code: each file and each
// folder can be read, tested and moved knowing only what it imports.

import { describe, expect, it } from 'vitest';
import { findCycles, folderGraph, importGraph } from './import-graph';

const roots = ['sim', 'lab', 'renderer', 'electron'];

const describeCycle = (cycle: string[]) => cycle.join(' -> ');

describe('imports', () => {
  const files = importGraph(roots);

  it('reads the imports of every file', () => {
    expect(files.get('sim/session.ts')).toContain('sim/session-types.ts');
    expect(files.get('renderer/App.vue')?.length).toBeGreaterThan(0);
    expect(files.get('electron/preload.ts')).toContain('electron/bridge-layout.ts');
  });

  it('form no cycle between files', () => {
    expect(findCycles(files).map(describeCycle)).toEqual([]);
  });

  it('form no cycle between folders', () => {
    expect(findCycles(folderGraph(files)).map(describeCycle)).toEqual([]);
  });

  it('are found in cycles of any length, between files and between folders', () => {
    const graph = new Map([
      ['a/x/one.ts', ['a/y/two.ts']],
      ['a/y/two.ts', ['a/z/three.ts']],
      ['a/z/three.ts', ['a/x/four.ts']],
      ['a/x/four.ts', []],
      ['a/p.ts', ['a/q.ts']],
      ['a/q.ts', ['a/p.ts']],
    ]);
    expect(findCycles(graph).map(describeCycle)).toEqual(['a/p.ts -> a/q.ts -> a/p.ts']);
    expect(findCycles(folderGraph(graph)).map(describeCycle)).toEqual(['a/x -> a/y -> a/z -> a/x']);
  });
});
