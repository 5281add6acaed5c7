// Undo and resume replay the learner's journal on a fresh cluster: the result must be exactly
// the state before the undone command, down to names and IPs.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';
import { createSession } from '../../sim/session';
import { MemFs } from '../../sim/fs/memfs';

describe('undo and resume', () => {
  it('steps the cluster, clock and workspace back to before the last command', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27');
    lab.wait(20);
    lab.sh('echo first > notes.txt');
    const before = lab.sh('kubectl get pods -o wide');
    const timeBefore = lab.session.clock.now();
    lab.sh('kubectl delete pod web --now');
    lab.sh('echo second > notes.txt');
    lab.wait(5);
    expect(lab.session.undo()).toBe(true);
    expect(lab.session.workspace.readFile('/notes.txt')).toBe('first\n');
    expect(lab.session.undo()).toBe(true);
    expect(lab.session.clock.now()).toBe(timeBefore);
    expect(lab.sh('kubectl get pods -o wide')).toBe(before);
  });

  it('keeps a file saved in the editor, and what the commands after it did with it', () => {
    const lab = labShell();
    lab.sh('kubectl get pods');
    lab.session.writeWorkspaceFile('/manifests/web.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n');
    expect(lab.sh('kubectl apply -f manifests/web.yaml')).toBe('pod/web created\n');
    lab.wait(10);
    lab.sh('kubectl label pod web tier=front');
    expect(lab.session.undo()).toBe(true);
    expect(lab.session.workspace.readFile('/manifests/web.yaml')).toContain('name: web');
    // Read without typing a command: a command would be the next one undo takes back.
    const web = lab.session.api.list('Pod', 'default').find((pod) => pod.metadata.name === 'web');
    expect(web?.status?.phase).toBe('Running');
    expect(web?.metadata.labels?.tier).toBeUndefined();
    // Undoing the apply as well leaves the saved file: it was written before that command.
    expect(lab.session.undo()).toBe(true);
    expect(lab.session.api.list('Pod', 'default').map((pod) => pod.metadata.name)).toEqual([]);
    expect(lab.session.workspace.readFile('/manifests/web.yaml')).toContain('name: web');
  });

  it('keeps a terminal tab on its node through an exercise reset, undo and a restart', () => {
    const session = createSession({ workspace: new MemFs() });
    session.scriptMode = true;
    const run = (terminal: { execute(line: string, out: (s: string) => void): { done: boolean } }, line: string) => {
      let out = '';
      const running = terminal.execute(line, (s) => (out += s));
      session.runUntilIdle(() => running.done, 60_000);
      return out;
    };
    const workstation = session.openTerminal();
    const node = session.openTerminal('node01');
    run(workstation, 'kubectl create deployment old --image=nginx:1.27 --replicas=4');
    run(workstation, 'sleep 15');
    expect(run(node, 'crictl pods --name old')).toMatch(/old-/);
    // A new exercise: a fresh cluster. The tab must show it, not the old one.
    session.reset();
    expect(node.prompt()).toBe('root@node01:~# ');
    expect(run(node, 'crictl pods --name old')).not.toMatch(/old-/);
    run(workstation, 'kubectl create deployment fresh --image=nginx:1.27 --replicas=4');
    run(workstation, 'sleep 15');
    run(node, 'crictl pods');
    expect(session.undo()).toBe(true);
    expect(node.prompt()).toBe('root@node01:~# ');
    expect(run(node, 'crictl pods --name fresh')).toMatch(/fresh-/);
    const restored = createSession({ workspace: new MemFs() });
    restored.scriptMode = true;
    restored.openTerminal();
    restored.restore(JSON.parse(JSON.stringify(session.snapshot())));
    expect(restored.terminalSessions().map((terminal) => terminal.host)).toEqual(['workstation', 'node01']);
  });

  it('rebuilds a saved session exactly after a restart', () => {
    const lab = labShell();
    lab.sh('kubectl run web --image=nginx:1.27');
    lab.wait(12);
    lab.sh('kubectl run crash --image=busybox:1.36 -- false');
    lab.wait(40);
    const snapshot = JSON.parse(JSON.stringify(lab.session.snapshot()));
    const expected = lab.sh('kubectl get pods -o wide');

    const restored = createSession({ workspace: new MemFs() });
    restored.restore(snapshot);
    restored.scriptMode = true;
    let out = '';
    const run = restored.openTerminal().execute('kubectl get pods -o wide', (s) => (out += s));
    restored.runUntilIdle(() => run.done, 1000);
    expect(restored.clock.now()).toBe(lab.session.clock.now());
    expect(out).toBe(expected);
  });
});
