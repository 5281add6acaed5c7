import { describe, expect, it } from 'vitest';
import { manifestProblems } from '../../renderer/editor/yaml-diagnostics';

describe('manifest problems in the editor', () => {
  it('finds nothing wrong in a valid Pod', () => {
    expect(manifestProblems('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n')).toEqual([]);
  });

  it('reports a YAML syntax error with its line', () => {
    const problems = manifestProblems('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n   labels: x\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.severity).toBe('error');
    expect(problems[0]!.message).toBe('yaml: line 4: Nested mappings are not allowed in compact mappings');
  });

  it('reports what kubectl would refuse: missing kind or apiVersion, and a missing name', () => {
    expect(manifestProblems('metadata:\n  name: web\n').map((problem) => problem.message)).toEqual(['apiVersion not set', 'kind not set']);
    expect(manifestProblems('apiVersion: v1\nkind: Pod\n').map((problem) => problem.message)).toEqual(['metadata.name is not set']);
  });

  it('checks every document of a multi-document file', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: b\n';
    expect(manifestProblems(text).map((problem) => problem.message)).toEqual(['apiVersion not set']);
  });
});
