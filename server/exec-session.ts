// `kubectl exec` (and attach) on the channel protocol kubectl 1.32 speaks to a 1.32 API server
// (v5.channel.k8s.io, v4 understood): one byte of channel before every message: 0 stdin, 1 stdout,
// 2 stderr, 3 the final Status, 4 terminal size, 255 "this stream is closed". The WebSocket itself
// is the transport's (server/exec.ts); this part only needs whole messages, so it also runs in the
// desktop app's page.
//
// A command runs in the container through the Session's exec. Its stdin is what the client sends
// until it closes stdin. With a terminal (`exec -it POD -- sh`), a shell command becomes a line
// shell: each line typed runs as `sh -c LINE` in the same container, with the terminal's echo.
import type { Session } from '../sim/session-types';
import { isApiError } from '../sim/api/errors';
import { runProgram, type RunningProgram } from './program-runner';
import type { ChannelSocket, ExecRequest } from './api-backend';
import { concatBytes, utf8Bytes, utf8Text } from './bytes';
import type { Attachment } from '../sim/api/server';
import type { InputStream } from '../sim/process';

export const execProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

function exitStatus(code: number, command: string[]): unknown {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

const shells = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash', '/usr/bin/bash']);

/**
 * Runs one exec or attach on an accepted socket. `track` registers it as a stream that ends when
 * the cluster is rebuilt, and returns what forgets it.
 */
export function runExec(session: Session, exec: ExecRequest, ws: ChannelSocket, track: (close: () => void) => () => void): void {
  const v5 = ws.protocol === 'v5.channel.k8s.io';
  let running: RunningProgram | undefined;
  let done = false;
  const untrack = track(() => ws.terminate());
  const send = (id: number, data: string | Uint8Array) => ws.send(concatBytes([Uint8Array.of(id), typeof data === 'string' ? utf8Bytes(data) : data]));
  const out = (text: string) => send(channel.stdout, exec.tty ? text.replace(/\r?\n/g, '\r\n') : text);
  const err = (text: string) => send(exec.tty ? channel.stdout : channel.stderr, exec.tty ? text.replace(/\r?\n/g, '\r\n') : text);
  const finish = (code: number, command = exec.command) => {
    if (done) return;
    done = true;
    send(channel.error, JSON.stringify(exitStatus(code, command)));
    ws.close();
  };
  const run = (command: string[], stdin: string | undefined, onExit: (code: number) => void, stdout: (text: string) => void = out): void => {
    try {
      const program = session.api.exec(exec.namespace, exec.pod, command, { container: exec.container, stdin, stdout, stderr: err });
      running = runProgram(session, program, onExit);
    } catch (error) {
      const message = isApiError(error) ? error.message : (error as Error).message;
      if (!done) {
        done = true;
        send(channel.error, JSON.stringify({ metadata: {}, status: 'Failure', message, reason: isApiError(error) ? error.reason : 'InternalError', code: isApiError(error) ? error.code : 500 }));
        ws.close();
      }
    }
  };

  ws.onClose(() => {
    untrack();
    if (!done) running?.interrupt();
  });

  if (exec.attach) {
    attach(session, ws, exec, send, out, err, finish);
    return;
  }
  const wantsLineShell = exec.tty && exec.stdin && exec.command.length === 1 && shells.has(exec.command[0]);
  if (wantsLineShell) {
    lineShell(ws, exec, send, out, run, finish, () => running?.interrupt());
    return;
  }
  if (!exec.stdin) {
    run(exec.command, undefined, (code) => finish(code));
    return;
  }
  // The command reads stdin: collect it until the client closes it (v5), or the connection ends.
  let input = '';
  let started = false;
  const startWithInput = () => {
    if (started) return;
    started = true;
    run(exec.command, input, (code) => finish(code));
  };
  ws.onMessage((data) => {
    if (data.length === 0) return;
    if (data[0] === channel.stdin) input += utf8Text(data.subarray(1));
    else if (v5 && data[0] === channel.close && data[1] === channel.stdin) startWithInput();
  });
}

/**
 * `kubectl attach`: joins the container's main process. What it writes from now on goes to the
 * client until it ends, then a Success Status whatever its exit code (the runtime's attach stream
 * reports none: kubectl run learns it from the pod, and treats a failure here as a failed
 * attach, falling back to the logs); with -i what the client sends goes to its stdin, and on a
 * terminal the server is the terminal: it echoes, edits the line, and turns Ctrl-C into SIGINT
 * and Ctrl-D into the end of input.
 */
function attach(
  session: Session,
  ws: ChannelSocket,
  exec: ExecRequest,
  send: (id: number, data: string) => void,
  out: (text: string) => void,
  err: (text: string) => void,
  finish: (code: number) => void,
): void {
  const api = session.api;
  const state = () => {
    const pod = api.get('Pod', exec.namespace, exec.pod);
    const name = exec.container ?? pod.spec?.containers?.[0]?.name;
    const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((s: { name: string }) => s.name === name);
    return { restarts: status?.restartCount ?? 0, ended: status?.state?.terminated !== undefined };
  };
  let attachment: Attachment;
  let restarts: number;
  try {
    restarts = state().restarts;
    attachment = api.attach(exec.namespace, exec.pod, { container: exec.container, stdin: exec.stdin, stdout: out, stderr: err });
  } catch (error) {
    err(`${isApiError(error) ? error.message : (error as Error).message}\n`);
    finish(1);
    return;
  }
  const poll = () => {
    if (!attachment.ended) return;
    try {
      const now = state();
      if (!now.ended && now.restarts === restarts) return;
      stop();
      finish(0);
    } catch {
      stop();
      finish(0);
    }
  };
  const unsubscribe = session.onStep(poll);
  const stop = () => {
    unsubscribe();
    attachment.detach();
  };
  ws.onClose(stop);
  const stdin = attachment.stdin;
  if (stdin) {
    const terminal = exec.tty ? new TerminalLine((text) => send(channel.stdout, text), stdin, () => attachment.interrupt()) : undefined;
    ws.onMessage((data) => {
      if (data.length === 0 || data[0] !== channel.stdin) return;
      const text = utf8Text(data.subarray(1));
      if (terminal) terminal.type(text);
      else stdin.write(text);
    });
  }
  poll();
}

/** A terminal's line discipline in cooked mode: echo, backspace, a line sent on Enter, ^C and ^D. */
class TerminalLine {
  private line = '';

  constructor(
    private readonly echo: (text: string) => void,
    private readonly stdin: InputStream,
    private readonly interrupt: () => void,
  ) {}

  type(text: string): void {
    for (const char of text) {
      if (char === '\r' || char === '\n') {
        this.echo('\r\n');
        const line = this.line;
        this.line = '';
        this.stdin.write(`${line}\n`);
      } else if (char === '\u0003') {
        this.line = '';
        this.echo('^C');
        this.interrupt();
      } else if (char === '\u0004') {
        if (this.line === '') this.stdin.close();
      } else if (char === '\u007f' || char === '\b') {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          this.echo('\b \b');
        }
      } else if (char >= ' ') {
        this.line += char;
        this.echo(char);
      }
    }
  }
}

/**
 * `exec -it POD -- sh`: a prompt with the working directory (busybox style, `/tmp # `), the
 * terminal's echo and line editing, one `sh -c` per line run in that directory. Keys typed while
 * a command runs wait for the next prompt; Ctrl-C stops the running command.
 */
function lineShell(
  ws: ChannelSocket,
  exec: ExecRequest,
  send: (id: number, data: string) => void,
  out: (text: string) => void,
  run: (command: string[], stdin: string | undefined, onExit: (code: number) => void, stdout?: (text: string) => void) => void,
  finish: (code: number, command?: string[]) => void,
  interrupt: () => void,
): void {
  let cwd = '/';
  const quoted = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
  const prompt = () => send(channel.stdout, `${cwd} # `);
  let line = '';
  let pending = '';
  let busy = false;
  let ended = false;
  let lastCode = 0;

  const runLine = (text: string) => {
    busy = true;
    const done = (code: number) => {
      lastCode = code;
      busy = false;
      prompt();
      consume();
    };
    if (/^cd(\s|$)/.test(text)) {
      // The new directory is what `pwd` prints after the `cd`; it is not shown.
      let printed = '';
      run(['sh', '-c', `cd ${quoted(cwd)} && ${text} && pwd`], undefined, (code) => {
        if (code === 0 && printed.trim()) cwd = printed.trim().split('\n').pop()!;
        done(code);
      }, (textOut) => (printed += textOut));
      return;
    }
    run(['sh', '-c', `cd ${quoted(cwd)} 2>/dev/null; ${text}`], undefined, done);
  };

  const consume = () => {
    while (pending.length > 0 && !busy && !ended) {
      const char = pending[0];
      pending = pending.slice(1);
      if (char === '\r' || char === '\n') {
        send(channel.stdout, '\r\n');
        const text = line.trim();
        line = '';
        if (text === 'exit' || text.startsWith('exit ')) {
          ended = true;
          finish(Number(text.slice(5)) || 0, exec.command);
          return;
        }
        if (text === '') prompt();
        else runLine(text);
      } else if (char === '\u0004') {
        if (line === '') {
          ended = true;
          send(channel.stdout, 'exit\r\n');
          finish(lastCode, exec.command);
          return;
        }
      } else if (char === '\u0003') {
        line = '';
        send(channel.stdout, '^C\r\n');
        prompt();
      } else if (char === '\u007f' || char === '\b') {
        if (line.length > 0) {
          line = line.slice(0, -1);
          send(channel.stdout, '\b \b');
        }
      } else if (char >= ' ') {
        line += char;
        out(char);
      }
    }
  };

  prompt();
  ws.onMessage((data) => {
    if (data.length === 0 || data[0] !== channel.stdin) return;
    const text = utf8Text(data.subarray(1));
    if (busy && text.includes('\u0003')) {
      send(channel.stdout, '^C\r\n');
      interrupt();
      return;
    }
    pending += text;
    consume();
  });
}
