// Tab in the terminal tab completes kubectl subcommands, resource types and object names.
import { describe, expect, it } from 'vitest';
import { Terminal } from '@xterm/headless';
import { connectTerminal } from '../../renderer/terminal/terminal-host';
import { createSession } from '../../sim/session';
import { allCommands } from '../../sim/kubectl/commands';
import { availableInLab } from '../../sim/kubectl/command';

async function terminalWithPods(...names: string[]) {
  const session = createSession({ seed: 1 });
  const setupTerminal = session.openTerminal();
  for (const name of names) setupTerminal.execute(`kubectl run ${name} --image=nginx`, () => {});
  const screen = new Terminal({ cols: 80, rows: 20, allowProposedApi: true });
  let pending = '';
  const host = connectTerminal(session.openTerminal(), { columns: 80, write: (data) => (pending += data) });
  host.editor.start();
  const lines = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    const data = pending;
    pending = '';
    await new Promise<void>((resolve) => screen.write(data, resolve));
    const buffer = screen.buffer.active;
    const out: string[] = [];
    for (let y = 0; y <= buffer.baseY + buffer.cursorY; y++) out.push(buffer.getLine(y)?.translateToString(true).trimEnd() ?? '');
    return out;
  };
  return { host, lines };
}

describe('Tab completion of kubectl', () => {
  it('completes the subcommand', async () => {
    const t = await terminalWithPods();
    t.host.editor.feed('kubectl ge\t');
    expect(t.host.editor.line).toBe('kubectl get ');
  });

  it('completes a short resource type to its plural name', async () => {
    const t = await terminalWithPods('web');
    t.host.editor.feed('kubectl get no\t');
    expect(t.host.editor.line).toBe('kubectl get nodes ');
    // Several types begin with "po" (pods, poddisruptionbudgets): only what they share is completed.
    const shared = await terminalWithPods('web');
    shared.host.editor.feed('kubectl get po\t');
    expect(shared.host.editor.line).toBe('kubectl get pod');
  });

  it('completes the name of a pod in the cluster', async () => {
    const t = await terminalWithPods('web');
    t.host.editor.feed('kubectl describe pod w\t');
    expect(t.host.editor.line).toBe('kubectl describe pod web ');
    const logs = await terminalWithPods('web');
    logs.host.editor.feed('kubectl logs \t');
    expect(logs.host.editor.line).toBe('kubectl logs web ');
  });

  it('completes the command after &&', async () => {
    const t = await terminalWithPods('web');
    t.host.editor.feed('true && kubectl get pods w\t');
    expect(t.host.editor.line).toBe('true && kubectl get pods web ');
  });

  it('lists every pod name on a second Tab', async () => {
    const t = await terminalWithPods('web', 'worker');
    t.host.editor.feed('kubectl get pods w\t\t');
    expect(await t.lines()).toEqual(['learner@podlab:~$ kubectl get pods w', 'web     worker', 'learner@podlab:~$ kubectl get pods w']);
  });

  it('completes the subcommands of rollout, create and set', async () => {
    for (const [typed, expected] of [
      ['kubectl rollout hi\t', 'kubectl rollout history '],
      ['kubectl create dep\t', 'kubectl create deployment '],
      ['kubectl set im\t', 'kubectl set image '],
      ['kubectl config use\t', 'kubectl config use-context '],
      ['kubectl rollout restart deploy\t', 'kubectl rollout restart deployments '],
    ]) {
      const t = await terminalWithPods();
      t.host.editor.feed(typed);
      expect(t.host.editor.line).toBe(expected);
    }
  });

  it('offers exactly the commands kubectl runs here, and none it does not', async () => {
    const session = createSession({ seed: 1 });
    const terminal = session.openTerminal();
    const offered = terminal.complete('kubectl ', 'kubectl '.length).candidates;
    const runnable = allCommands()
      .filter((command) => !command.hidden && availableInLab(command))
      .map((command) => command.name)
      .sort();
    expect(offered).toEqual(runnable);
    expect(offered).toContain('rollout');
    // `kubectl proxy` says it is not available in this lab: Tab does not offer it.
    expect(terminal.complete('kubectl pro', 'kubectl pro'.length).candidates).toEqual([]);
    expect(offered).not.toContain('proxy');
    expect(offered).toContain('events');
  });

  it("completes a command's own flags and skips flag values while finding the command", async () => {
    const t = await terminalWithPods('web');
    t.host.editor.feed('kubectl get --show-l\t');
    expect(t.host.editor.line).toBe('kubectl get --show-labels ');
    const n = await terminalWithPods('web');
    n.host.editor.feed('kubectl -n default get deploy\t');
    expect(n.host.editor.line).toBe('kubectl -n default get deployments ');
  });
});

