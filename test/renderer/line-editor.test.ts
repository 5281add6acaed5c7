import { describe, expect, it } from 'vitest';
import { Terminal } from '@xterm/headless';
import { LineEditor, type LineEditorHost } from '../../renderer/terminal/line-editor';

const words = ['kubectl', 'kill', 'ls', 'apply', 'annotate', 'api-resources', 'api-versions', 'attach', 'auth', 'autoscale'];

function setup(options: { columns?: number; history?: string[]; readsInput?: () => boolean } = {}) {
  const columns = options.columns ?? 40;
  const typed: (string | null)[] = [];
  const terminal = new Terminal({ cols: columns, rows: 12, allowProposedApi: true });
  const ran: string[] = [];
  let interrupted = 0;
  let pending = '';
  const host: LineEditorHost = {
    write: (data) => {
      pending += data;
    },
    prompt: () => '$ ',
    complete: (line, cursor) => {
      const before = line.slice(0, cursor);
      const from = before.lastIndexOf(' ') + 1;
      const word = before.slice(from);
      return { from, candidates: words.filter((candidate) => candidate.startsWith(word)).sort() };
    },
    needsMoreInput: (text) => {
      const match = /<<\s*(\w+)/.exec(text);
      if (!match) return false;
      const lines = text.split('\n');
      return lines.length === 1 || lines[lines.length - 1] !== match[1];
    },
    run: (text) => {
      ran.push(text);
    },
    interrupt: () => {
      interrupted++;
    },
    readsInput: options.readsInput,
    input: (text) => typed.push(text),
    endInput: () => typed.push(null),
  };
  const editor = new LineEditor(host, { columns, history: options.history });
  const flush = () =>
    new Promise<void>((resolve) => {
      const data = pending;
      pending = '';
      terminal.write(data, resolve);
    });
  const screen = async () => {
    await flush();
    const lines: string[] = [];
    const buffer = terminal.buffer.active;
    for (let y = 0; y < terminal.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true).trimEnd() ?? '');
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  };
  const cursor = async () => {
    await flush();
    return { x: terminal.buffer.active.cursorX, y: terminal.buffer.active.cursorY };
  };
  const finish = (output = '') => {
    if (output) editor.print(output);
    editor.commandFinished();
  };
  editor.start();
  return { editor, screen, cursor, ran, finish, typed, interrupts: () => interrupted };
}

describe('line editor', () => {
  it('echoes typing and runs the line on Enter', async () => {
    const t = setup();
    t.editor.feed('echo hi');
    expect(await t.screen()).toEqual(['$ echo hi']);
    t.editor.feed('\r');
    expect(t.ran).toEqual(['echo hi']);
    t.finish('hi\n');
    expect(await t.screen()).toEqual(['$ echo hi', 'hi', '$']);
  });

  it('moves with cursor keys, Home/End and inserts in the middle', async () => {
    const t = setup();
    t.editor.feed('kubectl get pods');
    t.editor.feed('\x1b[D\x1b[D\x1b[D\x1b[D');
    t.editor.feed('X');
    expect(await t.screen()).toEqual(['$ kubectl get Xpods']);
    expect(await t.cursor()).toEqual({ x: 15, y: 0 });
    t.editor.feed('\x1b[H#');
    expect(await t.screen()).toEqual(['$ #kubectl get Xpods']);
    t.editor.feed('\x1b[F!');
    expect(await t.screen()).toEqual(['$ #kubectl get Xpods!']);
  });

  it('handles Backspace, Delete and Ctrl-A/E/U/K/W', async () => {
    const t = setup();
    t.editor.feed('kubectl get pod web');
    t.editor.feed('\x17');
    expect(await t.screen()).toEqual(['$ kubectl get pod']);
    t.editor.feed('\x7f\x7f\x7f\x7f\x7f');
    expect(await t.screen()).toEqual(['$ kubectl get']);
    t.editor.feed('\x01\x1b[3~');
    expect(await t.screen()).toEqual(['$ ubectl get']);
    t.editor.feed('\x1b[C\x1b[C\x0b');
    expect(await t.screen()).toEqual(['$ ub']);
    t.editor.feed('\x05 more\x1b[D\x1b[D\x15');
    expect(await t.screen()).toEqual(['$ re']);
    expect(t.editor.line).toBe('re');
  });

  it('walks history with Up and Down and keeps the draft', async () => {
    const t = setup({ history: ['kubectl get pods', 'kubectl describe pod web'] });
    t.editor.feed('draft');
    t.editor.feed('\x1b[A');
    expect(await t.screen()).toEqual(['$ kubectl describe pod web']);
    t.editor.feed('\x1b[A');
    expect(await t.screen()).toEqual(['$ kubectl get pods']);
    t.editor.feed('\x1b[B\x1b[B');
    expect(await t.screen()).toEqual(['$ draft']);
  });

  it('finds earlier commands with Ctrl-R', async () => {
    const t = setup({ history: ['kubectl get pods', 'ls', 'kubectl describe pod web'] });
    t.editor.feed('\x12get');
    expect(await t.screen()).toEqual(["(reverse-i-search)`get': kubectl get pod", 's']);
    t.editor.feed('\r');
    expect(t.ran).toEqual(['kubectl get pods']);
    t.finish();
    t.editor.feed('\x12zzz');
    expect((await t.screen()).slice(-1)).toEqual(["(failed reverse-i-search)`zzz':"]);
    t.editor.feed('\x07');
    expect((await t.screen()).slice(-1)).toEqual(['$']);
  });

  it('completes a single candidate and lists several on the second Tab', async () => {
    const t = setup();
    t.editor.feed('kub\t');
    expect(await t.screen()).toEqual(['$ kubectl']);
    expect(t.editor.line).toBe('kubectl ');
    t.editor.feed('ap\t');
    expect(t.editor.line).toBe('kubectl ap');
    t.editor.feed('\t');
    expect(await t.screen()).toEqual(['$ kubectl ap', 'api-resources  apply', 'api-versions', '$ kubectl ap']);
    t.editor.feed('i-\t');
    expect(t.editor.line).toBe('kubectl api-');
    t.editor.feed('r\t');
    expect(t.editor.line).toBe('kubectl api-resources ');
  });

  it('asks for more lines while a heredoc is open and runs it as one command', async () => {
    const t = setup();
    t.editor.feed('cat <<EOF > pod.yaml\r');
    t.editor.feed('kind: Pod\r');
    expect(await t.screen()).toEqual(['$ cat <<EOF > pod.yaml', '> kind: Pod', '>']);
    t.editor.feed('EOF\r');
    expect(t.ran).toEqual(['cat <<EOF > pod.yaml\nkind: Pod\nEOF']);
  });

  it('runs each line of a multi-line paste in turn', async () => {
    const t = setup();
    t.editor.paste('echo one\necho two\n');
    expect(t.ran).toEqual(['echo one']);
    t.finish('one\n');
    expect(t.ran).toEqual(['echo one', 'echo two']);
    t.finish('two\n');
    expect(await t.screen()).toEqual(['$ echo one', 'one', '$ echo two', 'two', '$']);
  });

  it('buffers keys while a command runs and interrupts on Ctrl-C', async () => {
    const t = setup();
    t.editor.feed('sleep 100\r');
    t.editor.feed('ls');
    expect(t.editor.mode).toBe('running');
    t.editor.feed('\x03');
    expect(t.interrupts()).toBe(1);
    t.finish('^C\n');
    expect(await t.screen()).toEqual(['$ sleep 100', '^C', '$']);
    t.editor.feed('sleep 1\r');
    t.editor.feed('ls\r');
    t.finish();
    expect(t.ran).toEqual(['sleep 100', 'sleep 1', 'ls']);
  });

  it('sends typed lines to a running command that reads input, echoed and edited as a terminal does', async () => {
    let reading = false;
    const t = setup({ readsInput: () => reading });
    t.editor.feed('kubectl attach -it box\r');
    reading = true;
    t.editor.print("If you don't see a command prompt, try pressing enter.\n");
    t.editor.feed('\r');
    t.editor.print('/ # ');
    t.editor.feed('echo hx\x7fi\r');
    expect(t.typed).toEqual(['\n', 'echo hi\n']);
    t.editor.print('hi\n/ # ');
    t.editor.feed('\x03');
    expect(t.interrupts()).toBe(1);
    t.editor.feed('\x04');
    expect(t.typed).toEqual(['\n', 'echo hi\n', null]);
    reading = false;
    t.finish();
    expect(await t.screen()).toEqual(['$ kubectl attach -it box', "If you don't see a command prompt, try p", 'ressing enter.', '', '/ # echo hi', 'hi', '/ #', '$']);
    expect(t.ran).toEqual(['kubectl attach -it box']);
  });

  it('clears the line on Ctrl-C and the screen on Ctrl-L', async () => {
    const t = setup();
    t.editor.feed('oops\x03');
    expect(await t.screen()).toEqual(['$ oops^C', '$']);
    t.editor.feed('abc\x0c');
    expect(await t.screen()).toEqual(['$ abc']);
  });

  it('wraps long lines and keeps the cursor right when editing them', async () => {
    const t = setup({ columns: 10 });
    t.editor.feed('abcdefghijklmnop');
    expect(await t.screen()).toEqual(['$ abcdefgh', 'ijklmnop']);
    t.editor.feed('\x01');
    expect(await t.cursor()).toEqual({ x: 2, y: 0 });
    t.editor.feed('1');
    expect(await t.screen()).toEqual(['$ 1abcdefg', 'hijklmnop']);
    t.editor.feed('\x05');
    expect(await t.cursor()).toEqual({ x: 9, y: 1 });
    t.editor.feed('q');
    expect(await t.screen()).toEqual(['$ 1abcdefg', 'hijklmnopq']);
    expect(await t.cursor()).toEqual({ x: 0, y: 2 });
    t.editor.feed('\x7f\x7f');
    expect(await t.screen()).toEqual(['$ 1abcdefg', 'hijklmno']);
  });

  it('measures wide characters as two cells', async () => {
    const t = setup({ columns: 10 });
    t.editor.feed('echo 你好');
    expect(await t.screen()).toEqual(['$ echo 你', '好']);
    expect(await t.cursor()).toEqual({ x: 2, y: 1 });
    t.editor.feed('\x1b[D');
    expect(await t.cursor()).toEqual({ x: 0, y: 1 });
    t.editor.feed('\x7f');
    expect(t.editor.line).toBe('echo 好');
    expect(await t.screen()).toEqual(['$ echo 好']);
    expect(await t.cursor()).toEqual({ x: 7, y: 0 });
  });
});
