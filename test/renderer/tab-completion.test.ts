// Tab in the terminal tab completes kubectl subcommands, resource types and object names.
import { describe, expect, it } from 'vitest';
import { Terminal } from '@xterm/headless';
import { connectTerminal } from '../../renderer/terminal/terminal-host';
import { createSession } from '../../sim/session';

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
    t.host.editor.feed('kubectl get po\t');
    expect(t.host.editor.line).toBe('kubectl get pods ');
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
});
