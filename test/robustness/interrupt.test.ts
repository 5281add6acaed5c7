// Ctrl-C in the interactive `podlab` interrupts the running command, every time, as in bash: the
// terminal sends \x03 (readline keeps the TTY in raw mode), the command ends with status 130.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runInteractive } from '../../cli/podlab';
import { createSession } from '../../sim/session';

function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 120, rows: 40 });
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { input, output, text: () => text };
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

describe('Ctrl-C in the interactive shell', () => {
  it('interrupts sleep, a watch and a busy loop, twice each, and the shell carries on', async () => {
    const terminal = fakeTerminal();
    const session = createSession({ seed: 1 });
    const exited = runInteractive(session, terminal.input, terminal.output);
    const prompts = () => terminal.text().split('learner@podlab:~$ ').length - 1;
    expect(await until(() => prompts() === 1, 5000)).toBe(true);
    for (const command of ['sleep 100', 'kubectl get pods -w', 'while true; do :; done', 'sleep 100', 'kubectl get pods -w', 'while true; do :; done']) {
      const before = prompts();
      terminal.input.write(`${command}\r`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(prompts(), `${command} should still be running`).toBe(before);
      const started = Date.now();
      terminal.input.write('\x03');
      expect(await until(() => prompts() === before + 1, 5000), `${command} was not interrupted`).toBe(true);
      expect(Date.now() - started).toBeLessThan(5000);
    }
    terminal.input.write('echo status $?\r');
    expect(await until(() => terminal.text().includes('status 130'), 5000)).toBe(true);
    expect(terminal.text().match(/\^C/g)?.length).toBe(6);
    terminal.input.write('exit\r');
    expect(await exited).toBe(0);
  });

  it('lines typed while a command runs run after it, as typeahead does in bash', async () => {
    const terminal = fakeTerminal();
    const exited = runInteractive(createSession({ seed: 1 }), terminal.input, terminal.output);
    terminal.input.write('sleep 1\recho after-sleep\r');
    expect(await until(() => terminal.text().includes('\r\nafter-sleep') || /\nafter-sleep/.test(terminal.text()), 5000)).toBe(true);
    terminal.input.write('exit\r');
    expect(await exited).toBe(0);
  });
});
