// Several clusters as kubeconfig contexts: `kubectl config` prints what kubectl 1.32 prints for
// the same kubeconfig (goldens captured from the real kubectl), `use-context` and `--context`
// pick the cluster, node shells follow the current context, and the second cluster is built only
// when first used.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { namedContext } from '../../sim/contexts';
import { MemFs } from '../../sim/fs/memfs';
import { createSession } from '../../sim/session';

const goldenDir = join(__dirname, '../golden-files/kubectl-contexts');

function twoClusters() {
  const session = createSession({ workspace: new MemFs() });
  // As an exam does: the contexts are part of the starting state, so undo and resume keep them.
  session.reset(() => session.useContexts([namedContext('k8s-c1'), namedContext('k8s-c2')]));
  const terminal = session.openTerminal();
  const run = (line: string) => {
    let out = '';
    const running = terminal.execute(line, (text) => (out += text));
    session.runUntilIdle(() => running.done, 60_000);
    return { out, exitCode: running.exitCode };
  };
  return { session, terminal, run };
}

/** The goldens in the order they were captured: each command sees what the ones before it did. */
const goldenOrder = [
  'get-contexts',
  'use-context-unknown',
  'use-context',
  'current-context',
  'get-contexts-after-use',
  'get-contexts-name',
  'get-contexts-one-unknown',
  'get-contexts-two-unknown',
  'set-namespace',
  'get-contexts-namespace',
  'context-flag-unknown',
  'set-context-new',
  'set-context-again',
  'use-alias',
  'get-contexts-new',
];

describe('kubectl config with several contexts', () => {
  it('prints what kubectl 1.32 prints, command after command', () => {
    expect([...goldenOrder].sort()).toEqual(readdirSync(goldenDir).map((name) => name.replace(/\.golden$/, '')).sort());
    const { run } = twoClusters();
    for (const name of goldenOrder) {
      const golden = readFileSync(join(goldenDir, `${name}.golden`), 'utf8');
      const line = golden.split('\n')[0].slice(2);
      const { out, exitCode } = run(line);
      expect(`$ ${line}\n${out}exit ${exitCode}\n`, name).toBe(golden);
    }
  });

  it('adds a context on a cluster the kubeconfig has: its commands reach that cluster, in its namespace', () => {
    const { run } = twoClusters();
    expect(run('kubectl config set-context team --cluster=k8s-c1 --user=k8s-c1-admin --namespace=team').out).toBe('Context "team" created.\n');
    run('kubectl config use-context team');
    run('kubectl create namespace team');
    expect(run('kubectl run web --image=nginx:1.27').out).toBe('pod/web created\n');
    expect(run('kubectl --context k8s-c1 get pods -n team -o name').out).toBe('pod/web\n');
    expect(run('kubectl --context k8s-c2 get pods -n team -o name').out).toBe('');
  });

  it('says which clusters and users a new context may name, where a real kubeconfig would point kubectl at no server', () => {
    const { run } = twoClusters();
    const missing = run('kubectl config set-context scratch');
    expect(missing).toEqual({
      out: 'error: a new context in this lab needs --cluster and --user from kubectl config view (clusters: k8s-c1, k8s-c2; users: k8s-c1-admin, k8s-c2-admin)\n',
      exitCode: 1,
    });
    expect(run('kubectl config get-contexts -o name').out).toBe('k8s-c1\nk8s-c2\n');
  });

  it('keeps the single context of a lesson', () => {
    const session = createSession({ workspace: new MemFs() });
    const terminal = session.openTerminal();
    let out = '';
    const running = terminal.execute('kubectl config get-contexts', (text) => (out += text));
    session.runUntilIdle(() => running.done, 60_000);
    expect(out).toBe('CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n');
  });

  it('switches the cluster that kubectl, the cluster view and the node shells see', () => {
    const { session, run } = twoClusters();
    run('kubectl run only-in-c1 --image=nginx:1.27');
    expect(run('kubectl get pods -o name').out).toBe('pod/only-in-c1\n');
    expect(run('kubectl --context k8s-c2 get pods').out).toBe('No resources found in default namespace.\n');
    expect(run('kubectl config use-context k8s-c2').out).toBe('Switched to context "k8s-c2".\n');
    expect(run('kubectl get pods').out).toBe('No resources found in default namespace.\n');
    expect(session.api.list('Pod', 'default')).toEqual([]);
    expect(run('kubectl --context k8s-c1 get pods -o name').out).toBe('pod/only-in-c1\n');
    // A node shell of the second cluster: the kubelet stopped there leaves the first cluster's node Ready.
    run('ssh node01');
    run('systemctl stop kubelet');
    run('exit');
    run('sleep 60');
    expect(run('kubectl get node node01 --no-headers').out).toMatch(/^node01 +NotReady/);
    expect(run('kubectl --context k8s-c1 get node node01 --no-headers').out).toMatch(/^node01 +Ready/);
  });

  it('builds the second cluster only when it is first used, as old as the first one', () => {
    const { session, run } = twoClusters();
    run('kubectl get nodes');
    const before = session.clock.now();
    expect(run('kubectl config get-contexts -o name').out).toBe('k8s-c1\nk8s-c2\n');
    expect(session.clock.now()).toBe(before);
    const nodes = run('kubectl --context k8s-c2 get nodes').out;
    expect(nodes).toMatch(/^controlplane +Ready +control-plane +60m/m);
    expect(session.clock.now()).toBe(before);
  });

  it('gives back the context and both clusters after undo', () => {
    const { session, run } = twoClusters();
    run('kubectl config use-context k8s-c2');
    run('kubectl run in-c2 --image=nginx:1.27');
    run('kubectl config use-context k8s-c1');
    run('kubectl run in-c1 --image=nginx:1.27');
    expect(session.undo()).toBe(true);
    expect(run('kubectl config current-context').out).toBe('k8s-c1\n');
    expect(run('kubectl get pods -o name').out).toBe('');
    expect(run('kubectl --context k8s-c2 get pods -o name').out).toBe('pod/in-c2\n');
  });
});
