import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { PrintError, printObjects, type PrintOptions } from '../../sim/kubectl/printers';
import * as f from './fixtures';
import { expectGolden } from './golden';

function print(objects: KubeObject[], options: Partial<PrintOptions>, kind = 'Pod'): string {
  return printObjects([{ type: f.typeOf(kind), objects }], { now: f.NOW, ...options });
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (e) {
    if (e instanceof PrintError) return e.message;
    throw e;
  }
  throw new Error('expected a PrintError');
}

const small: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default', creationTimestamp: null }, data: { x: '1' } };

describe('-o yaml and -o json', () => {
  it('prints several objects as a List', () => {
    expect(print([small, { ...small, metadata: { ...small.metadata, name: 'b' } }], { output: 'yaml' }, 'ConfigMap')).toBe(
      'apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    x: "1"\n  kind: ConfigMap\n  metadata:\n    creationTimestamp: null\n    name: a\n    namespace: default\n' +
        '- apiVersion: v1\n  data:\n    x: "1"\n  kind: ConfigMap\n  metadata:\n    creationTimestamp: null\n    name: b\n    namespace: default\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
  });

  it('prints one object as itself, or as a List when a list was asked for', () => {
    expect(print([small], { output: 'yaml' }, 'ConfigMap')).toBe('apiVersion: v1\ndata:\n  x: "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: a\n  namespace: default\n');
    expect(print([small], { output: 'yaml', list: true }, 'ConfigMap')).toContain('items:\n- apiVersion: v1\n');
    expect(print([], { output: 'yaml' }, 'ConfigMap')).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });

  it('prints JSON with 4-space indentation and sorted keys', () => {
    expect(print([small], { output: 'json', list: true }, 'ConfigMap')).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion": "v1",\n            "data": {\n                "x": "1"\n            },\n            "kind": "ConfigMap",\n' +
        '            "metadata": {\n                "creationTimestamp": null,\n                "name": "a",\n                "namespace": "default"\n            }\n        }\n    ],\n' +
        '    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });

  it('leaves out managedFields unless asked to show them', () => {
    const managed: KubeObject = { ...small, metadata: { ...small.metadata, managedFields: [{ manager: 'kubectl-create', operation: 'Update' }] } };
    expect(print([managed], { output: 'yaml' }, 'ConfigMap')).not.toContain('managedFields');
    expect(print([managed], { output: 'yaml', showManagedFields: true }, 'ConfigMap')).toContain('  managedFields:\n  - manager: kubectl-create\n    operation: Update\n');
  });

  it('prints a whole pod list as yaml', () => {
    expectGolden('yaml-pod-list', print([f.runningPod, f.crashingPod], { output: 'yaml' }));
  });
});

describe('-o name', () => {
  it('prints kind/name, with the group for grouped kinds', () => {
    const text = printObjects(
      [
        { type: f.typeOf('Pod'), objects: [f.runningPod] },
        { type: f.typeOf('Deployment'), objects: [f.deployment] },
        { type: f.typeOf('Endpoints'), objects: [f.endpoints] },
      ],
      { now: f.NOW, output: 'name' },
    );
    expect(text).toBe('pod/nginx\ndeployment.apps/web\nendpoints/web\n');
  });
});

describe('-o jsonpath over a list', () => {
  const pods = [f.runningPod, f.crashingPod, f.pendingPod];
  it('separates several results with spaces', () => {
    expect(print(pods, { output: 'jsonpath={.items[*].metadata.name}' })).toBe('nginx crash big');
  });
  it('ranges over items', () => {
    expect(print(pods, { output: 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}' })).toBe('nginx\tRunning\ncrash\tRunning\nbig\tPending\n');
  });
  it('filters', () => {
    expect(print(pods, { output: 'jsonpath={.items[?(@.status.phase=="Pending")].metadata.name}' })).toBe('big');
    expect(print(pods, { output: "jsonpath={.items[*].status.containerStatuses[?(@.restartCount>0)].name}" })).toBe('app');
  });
  it('treats a single object requested as a list as a List', () => {
    expect(print([f.runningPod], { output: 'jsonpath={.items[0].metadata.name}', list: true })).toBe('nginx');
    expect(print([f.runningPod], { output: 'jsonpath={.kind}', list: true })).toBe('List');
  });
  it('reports a template that does not parse as kubectl does', () => {
    expect(errorOf(() => print(pods, { output: 'jsonpath={.items[*].metadata.name' }))).toBe('error: error parsing jsonpath {.items[*].metadata.name, unclosed action');
    expect(errorOf(() => print(pods, { output: 'jsonpath={.items[x]}' }))).toBe('error: error parsing jsonpath {.items[x]}, invalid array index x');
    expect(errorOf(() => print(pods, { output: 'jsonpath=' }))).toBe('error: template format specified but no template given');
  });
});

describe('-o custom-columns', () => {
  it('prints the given headers and <none> for missing fields', () => {
    expect(print([f.runningPod, f.pendingPod], { output: 'custom-columns=NAME:.metadata.name,IP:.status.podIP,NODE:{.spec.nodeName}' })).toBe(
      'NAME    IP           NODE\nnginx   10.244.1.5   node01\nbig     <none>       <none>\n',
    );
  });
  it('joins several results with commas and prints maps the Go way', () => {
    expect(print([f.detailedPod], { output: 'custom-columns=PORTS:.spec.containers[*].ports[*].containerPort,LABELS:.metadata.labels,ARGS:spec.containers[0].args', noHeaders: true })).toBe(
      '80    map[app:web pod-template-hash:7d9f8c6b5]   [--port 80]\n',
    );
  });
  it('rejects a bad spec with kubectl\'s message', () => {
    expect(errorOf(() => print([f.runningPod], { output: 'custom-columns=NAME' }))).toBe('error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
    expect(errorOf(() => print([f.runningPod], { output: 'custom-columns=' }))).toBe('error: custom-columns format specified but no custom columns given');
    expect(errorOf(() => print([f.runningPod], { output: 'custom-columns=A:.a{b}' }))).toBe(
      "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  });
});

describe('--sort-by', () => {
  const pods = [f.runningPod, f.crashingPod, f.pendingPod, f.completedPod];
  it('sorts by a string field', () => {
    expect(print(pods, { output: 'name', sortBy: '.metadata.name' })).toBe('pod/big\npod/crash\npod/nginx\npod/once\n');
  });
  it('sorts by creation time, oldest first', () => {
    expect(print(pods, { output: 'name', sortBy: '.metadata.creationTimestamp' })).toBe('pod/once\npod/nginx\npod/crash\npod/big\n');
  });
  it('sorts by a number in braces, missing values first', () => {
    expect(print(pods, { output: 'name', sortBy: '{.status.containerStatuses[0].restartCount}' })).toBe('pod/big\npod/nginx\npod/once\npod/crash\n');
  });
  it('sorts names with numbers naturally', () => {
    const named = ['web-10', 'web-9', 'web-1'].map((name) => f.makePod({ name }));
    expect(print(named, { output: 'name', sortBy: '.metadata.name' })).toBe('pod/web-1\npod/web-9\npod/web-10\n');
  });
  it('reports a field no object has', () => {
    expect(errorOf(() => print(pods, { sortBy: '.spec.nothing' }))).toBe('error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects');
  });
});

describe('bad output formats', () => {
  it('lists the formats kubectl get allows', () => {
    expect(errorOf(() => print([f.runningPod], { output: 'bogus' }))).toBe(
      'error: unable to match a printer suitable for the output format "bogus", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml',
    );
  });
});
