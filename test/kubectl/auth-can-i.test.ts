// `kubectl auth can-i` as the lab's cluster-admin user: every review is allowed. The answers and
// warnings that need a server are what the real kubectl 1.32 prints against `podlab serve`; the
// client-side errors are in the kubectl-world goldens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe('kubectl auth can-i', () => {
  const lab = labShell();

  it('answers yes for any verb, resource, name, URL and namespace', () => {
    for (const args of ['create pods', 'list deployments.apps', "'*' '*'", 'list jobs.batch/bar -n foo', 'get pods --subresource=log', 'get /logs/', 'create pods --all-namespaces', 'delete po/web']) {
      expect(lab.sh(`kubectl auth can-i ${args}; echo "exit $?"`), args).toBe('yes\nexit 0\n');
    }
  });

  it('prints nothing with --quiet and still succeeds', () => {
    expect(lab.sh('kubectl auth can-i get pods -q; echo "exit $?"')).toBe('exit 0\n');
  });

  it('warns about a cluster-scoped resource checked in a namespace', () => {
    expect(lab.sh('kubectl auth can-i list nodes 2>&1')).toBe("Warning: resource 'nodes' is not namespace scoped\n\nyes\n");
    expect(lab.sh('kubectl auth can-i get nodes.metrics.k8s.io 2>&1')).toBe("Warning: resource 'nodes' is not namespace scoped in group 'metrics.k8s.io'\n\nyes\n");
    expect(lab.sh('kubectl auth can-i list nodes -A 2>&1')).toBe('yes\n');
  });

  it('warns about a resource type the server does not have, but not about users and groups', () => {
    expect(lab.sh('kubectl auth can-i get foos 2>&1')).toBe("Warning: the server doesn't have a resource type 'foos'\n\nyes\n");
    expect(lab.sh('kubectl auth can-i get foos.example.com 2>&1')).toBe("Warning: the server doesn't have a resource type 'foos' in group 'example.com'\n\nyes\n");
    expect(lab.sh('kubectl auth can-i impersonate users 2>&1')).toBe('yes\n');
  });

  it('warns about an unknown verb', () => {
    expect(lab.sh('kubectl auth can-i frob pods 2>&1')).toBe("Warning: verb 'frob' is not a known verb\n\nyes\n");
  });

  it('lists the rules as the real kubectl 1.32 prints them from the served API', () => {
    const golden = readFileSync(join(__dirname, '..', 'golden-files', 'server', 'auth-can-i-list.golden'), 'utf8');
    expect(lab.sh('kubectl auth can-i --list; echo "exit $?"')).toBe(`${golden}exit 0\n`);
    expect(lab.sh('kubectl auth can-i --list -n kube-system')).toBe(golden);
  });

  it('lists the rules without the header line, aligned on the rules alone, with --no-headers', () => {
    const lines = lab.sh('kubectl auth can-i --list --no-headers').split('\n');
    expect(lines[0]).toBe('*.*                                             []             []    [*]');
    expect(lines).not.toContain(expect.stringContaining('Resources'));
  });
});
