// The line editor driving a real session terminal, as the app's terminal tab does.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Terminal } from '@xterm/headless';
import { connectTerminal } from '../../renderer/terminal/terminal-host';
import { createSession } from '../../sim/session';

async function setup() {
  const session = createSession({ seed: 1 });
  const screen = new Terminal({ cols: 80, rows: 20, allowProposedApi: true });
  let pending = '';
  const commands: string[] = [];
  const host = connectTerminal(session.openTerminal(), { columns: 80, write: (data) => (pending += data), onCommand: (line) => commands.push(line) });
  host.editor.start();
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    const data = pending;
    pending = '';
    await new Promise<void>((resolve) => screen.write(data, resolve));
  };
  const lines = async () => {
    await settle();
    const buffer = screen.buffer.active;
    const out: string[] = [];
    for (let y = 0; y <= buffer.baseY + buffer.cursorY; y++) out.push(buffer.getLine(y)?.translateToString(true).trimEnd() ?? '');
    return out;
  };
  return { session, host, lines, settle, commands };
}

describe('terminal tab on a session', () => {
  it('writes a heredoc into the workspace with > continuation prompts', async () => {
    const t = await setup();
    t.host.editor.feed('cat <<EOF > note.txt\rhello\rEOF\r');
    await t.settle();
    t.host.editor.feed('cat note.txt\r');
    expect(await t.lines()).toEqual([
      'learner@podlab:~$ cat <<EOF > note.txt',
      '> hello',
      '> EOF',
      'learner@podlab:~$ cat note.txt',
      'hello',
      'learner@podlab:~$',
    ]);
    expect(t.commands).toEqual(['cat <<EOF > note.txt\nhello\nEOF', 'cat note.txt']);
  });

  it('shows a kubectl error the way kubectl prints it, then a fresh prompt', async () => {
    const t = await setup();
    t.host.editor.feed('kubectl frobnicate\r');
    const screen = await t.lines();
    expect(screen[0]).toBe('learner@podlab:~$ kubectl frobnicate');
    expect(screen[1]).toBe('Error: unknown command "frobnicate" for "kubectl"');
    expect(screen[screen.length - 1]).toBe('learner@podlab:~$');
  });

  it.skipIf(!existsSync('/usr/bin/kubectl'))('prints the same first error line as the real kubectl', async () => {
    const t = await setup();
    t.host.editor.feed('kubectl frobnicate\r');
    const real = spawnSync('/usr/bin/kubectl', ['frobnicate'], { encoding: 'utf8' });
    expect((await t.lines())[1]).toBe(real.stderr.split('\n')[0]);
  });

  it('interrupts a sleeping command with Ctrl-C', async () => {
    const t = await setup();
    t.host.editor.feed('sleep 100\r');
    await t.settle();
    expect(t.host.editor.mode).toBe('running');
    t.host.editor.feed('\x03');
    await t.settle();
    expect(t.host.editor.mode).toBe('editing');
    expect((await t.lines()).slice(0, 3)).toEqual(['learner@podlab:~$ sleep 100', '^C', 'learner@podlab:~$']);
  });

  it('completes command names through the session', async () => {
    const t = await setup();
    t.host.editor.feed('kub\t');
    expect(t.host.editor.line).toBe('kubectl ');
  });

  it('keeps output that does not end in a newline, with the prompt on a fresh line', async () => {
    const t = await setup();
    t.host.editor.feed('printf abc\r');
    await t.settle();
    t.host.editor.feed('echo -n hello\r');
    await t.settle();
    t.host.editor.feed("kubectl get pod oops -o jsonpath='{.status.phase}'\r");
    expect(await t.lines()).toEqual([
      'learner@podlab:~$ printf abc',
      'abc',
      'learner@podlab:~$ echo -n hello',
      'hello',
      "learner@podlab:~$ kubectl get pod oops -o jsonpath='{.status.phase}'",
      'Error from server (NotFound): pods "oops" not found',
      'learner@podlab:~$',
    ]);
  });

  it('adds no blank line after output that ends in a newline', async () => {
    const t = await setup();
    t.host.editor.feed('echo hi\r');
    expect(await t.lines()).toEqual(['learner@podlab:~$ echo hi', 'hi', 'learner@podlab:~$']);
  });

  it('shows an app message above the prompt and keeps the line being typed', async () => {
    const t = await setup();
    t.host.editor.feed('kubectl get po');
    await t.settle();
    t.host.editor.announce('undone: kubectl delete pod duo (cluster back to 00:01:12)');
    expect(await t.lines()).toEqual(['undone: kubectl delete pod duo (cluster back to 00:01:12)', 'learner@podlab:~$ kubectl get po']);
    expect(t.host.editor.line).toBe('kubectl get po');
  });
});
