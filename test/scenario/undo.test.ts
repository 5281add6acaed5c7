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
