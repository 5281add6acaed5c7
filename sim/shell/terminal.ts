// One terminal of the learner: a bash-like shell on the learner's workstation (the workspace is
// its home directory, kubectl talks to the simulated cluster), which `ssh node01` turns into a
// root shell on a node until `exit`.

import type { CommandImpl, CommandContext, HostServices, Program } from '../process';
import type { CommandRun, Completion, TerminalSession } from '../session-types';
import type { FileSystem } from '../fs/filesystem';
import { commandAround, Interrupt, terminalOutput } from '../process';
import { createShellState, runCommandLine, isIncomplete, type ShellState } from './lang';
import { gnuCommands } from './commands';
import { startProgram, type RunningProgram } from '../process-runner';
import type { Clock } from '../engine-context';
import { completeLine } from './completion';
import type { ApiServer } from '../api/server';
import type { TerminalInput } from '../kubectl/command';

export interface ShellHost {
  /** `workstation` or a node name. */
  name: string;
  user: string;
  fs: FileSystem;
  /** Home directory (shown as ~). */
  home: string;
  host: HostServices;
  /** Commands of this host, looked up before the shell tools. */
  commands: Record<string, CommandImpl>;
}

export interface TerminalDeps {
  clock: Clock;
  api: ApiServer;
  workstation: ShellHost;
  /** A node's shell, for `ssh NAME`; undefined when there is no such node. */
  nodeHost(name: string): ShellHost | undefined;
  /** Called before a line runs and after it finishes (the session records the command log and the journal). */
  onCommandStart(terminal: LearnerTerminal, line: string): void;
  onCommandArgv(argv: string[]): void;
  onCommandEnd(terminal: LearnerTerminal, line: string, exitCode: number): void;
  /** Settles the cluster after something changed (runs controllers at the current time). */
  settle(): void;
  /** True while the session replays its journal (undo, resume): no history is recorded then. */
  replaying(): boolean;
  onInterrupt(terminal: LearnerTerminal): void;
  /** What was typed to the command reading input (null: Ctrl-D), for the journal. */
  onInput(terminal: LearnerTerminal, text: string | null): void;
  /** Marks the terminal whose command is running (kubectl exec -it needs to know which one). */
  setActive?(terminal: LearnerTerminal | undefined): void;
}

/** A shell inside a container (`kubectl exec -it POD -- sh`): each line runs there through the API. */
interface ContainerShell {
  namespace: string;
  pod: string;
  container: string;
  shell: string;
  cwd: string;
  /** A client with its own prompt (redis-cli) instead of a shell: its connection options. */
  client?: string[];
}

interface Frame {
  host: ShellHost;
  state: ShellState;
  container?: ContainerShell;
}

function lookup(table: Map<string, CommandImpl> | Record<string, CommandImpl>, name: string): CommandImpl | undefined {
  return table instanceof Map ? table.get(name) : Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

export class LearnerTerminal implements TerminalSession {
  private readonly frames: Frame[] = [];
  private readonly lines: string[] = [];
  private running?: RunningProgram;
  /** Where typing goes while the running command reads it (`kubectl attach -i`). */
  private typing?: TerminalInput;

  constructor(
    readonly id: number,
    private readonly deps: TerminalDeps,
  ) {
    this.frames.push({ host: deps.workstation, state: this.newState(deps.workstation) });
  }

  private newState(host: ShellHost): ShellState {
    const state = createShellState({
      env: {
        HOME: host.home,
        PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        USER: host.user,
        SHELL: '/bin/bash',
        TERM: 'xterm-256color',
        HOSTNAME: host.name,
        ...(host.name === 'workstation' ? { KUBECONFIG: `${host.home}/.kube/config` } : {}),
      },
      cwd: host.home,
    });
    state.aliases.set('k', 'kubectl');
    if (host.name === 'workstation') state.aliases.set('ll', 'ls -l');
    state.interactive = true;
    return state;
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1];
  }

  get host(): string {
    return this.frame.host.name;
  }

  prompt(): string {
    const { host, state, container } = this.frame;
    if (container?.client) {
      const option = (name: string, fallback: string) => container.client![container.client!.indexOf(name) + 1] ?? fallback;
      return `${container.client.includes('-h') ? option('-h', '127.0.0.1') : '127.0.0.1'}:${container.client.includes('-p') ? option('-p', '6379') : '6379'}> `;
    }
    if (container) return container.shell.endsWith('bash') ? `root@${container.pod}:${container.cwd}# ` : `${container.cwd} # `;
    const dir = state.cwd === host.home ? '~' : state.cwd.startsWith(host.home + '/') ? `~${state.cwd.slice(host.home.length)}` : state.cwd;
    const sign = host.user === 'root' ? '#' : '$';
    return `${host.user}@${host.name === 'workstation' ? 'podlab' : host.name}:${dir}${sign} `;
  }

  /** True when the shell needs more lines to complete the command (open quote, heredoc, `\`). */
  isIncomplete(text: string): boolean {
    return isIncomplete(text);
  }

  /** The learner typed `exit` in the workstation shell. */
  get exited(): boolean {
    return this.frames.length === 1 && !!this.frame.state.exited;
  }

  history(): readonly string[] {
    return this.lines;
  }

  get busy(): boolean {
    return !!this.running && !this.running.done;
  }

  /** The running command reads what is typed from now on, until it ends. */
  takeInput(input: TerminalInput): boolean {
    this.typing = input;
    return true;
  }

  /** `kubectl exec -it` with a shell: the terminal continues inside the container until `exit`. */
  enterContainer(target: { namespace: string; pod: string; container: string; argv: string[] }): boolean {
    const [shell, ...args] = target.argv;
    // redis-cli without a command reads commands at its own prompt, as on a real terminal.
    if (shell.split('/').pop() === 'redis-cli' && args.every((arg, i) => arg.startsWith('-') || args[i - 1] === '-h' || args[i - 1] === '-p')) {
      this.frames.push({ host: this.frame.host, state: this.newState(this.frame.host), container: { namespace: target.namespace, pod: target.pod, container: target.container, shell, cwd: '/', client: args } });
      return true;
    }
    if (!/(^|\/)(ba|a|da)?sh$/.test(shell) || args.some((a) => !a.startsWith('-'))) return false;
    this.frames.push({ host: this.frame.host, state: this.newState(this.frame.host), container: { namespace: target.namespace, pod: target.pod, container: target.container, shell, cwd: '/' } });
    return true;
  }

  /** One command at a client's prompt: run as the client with that command, its replies formatted. */
  private clientCommand(container: ContainerShell, command: string, out: (text: string) => void): Program | number {
    if (/^(exit|quit)$/i.test(command)) {
      this.frames.pop();
      return 0;
    }
    const words = command.match(/"[^"]*"|'[^']*'|\S+/g)!.map((word) => word.replace(/^(["'])(.*)\1$/, '$2'));
    try {
      return this.deps.api.exec(container.namespace, container.pod, [container.shell, ...container.client!, '--no-raw', ...words], { container: container.container, stdout: out, stderr: out });
    } catch (error) {
      this.frames.pop();
      out(`error: ${(error as Error).message}\ncommand terminated with exit code 137\n`);
      return 137;
    }
  }

  private containerProgram(container: ContainerShell, line: string, out: (text: string) => void): Program | number {
    const trimmed = line.trim();
    if (trimmed === '' ) return 0;
    if (container.client) return this.clientCommand(container, trimmed, out);
    if (trimmed === 'exit' || trimmed === 'logout' || trimmed.startsWith('exit ')) {
      this.frames.pop();
      if (container.shell.endsWith('bash')) out('exit\n');
      return Number(trimmed.split(/\s+/)[1] ?? 0) || 0;
    }
    const quoted = `'${container.cwd.replace(/'/g, `'\\''`)}'`;
    const cd = /^cd(\s+(.*))?$/.exec(trimmed);
    const script = cd ? `cd ${quoted} && cd ${cd[2] ?? '/root'} && pwd` : `cd ${quoted} 2>/dev/null; ${line}`;
    let captured = '';
    try {
      const program = this.deps.api.exec(container.namespace, container.pod, [container.shell, '-c', script], {
        container: container.container,
        stdout: terminalOutput((text: string) => (cd ? (captured += text) : out(text))),
        stderr: out,
      });
      return (function* (): Program {
        const code = yield* program;
        if (cd && code === 0) container.cwd = captured.trim() || container.cwd;
        return code;
      })();
    } catch (error) {
      // The container went away under the learner: back to the workstation with kubectl's word.
      this.frames.pop();
      out(`error: ${(error as Error).message}\ncommand terminated with exit code 137\n`);
      return 137;
    }
  }

  execute(line: string, out: (text: string) => void): CommandRun {
    const trimmed = line.trim();
    if (trimmed && !trimmed.startsWith('#') && !this.deps.replaying()) this.lines.push(line.replace(/\n+$/, ''));
    const frame = this.frame;
    this.deps.onCommandStart(this, line);
    let exitCode: number | undefined;
    const listeners: ((code: number) => void)[] = [];
    const finish = (code: number) => {
      this.typing = undefined;
      exitCode = code;
      frame.state.lastStatus = code;
      if (frame.state.exited && this.frames.length > 1 && this.frame === frame) {
        this.frames.pop();
        out(`logout\nConnection to ${frame.host.name} closed.\n`);
      }
      this.deps.onCommandEnd(this, line, code);
      this.deps.settle();
      for (const listener of listeners) listener(code);
    };
    // What the learner's commands write goes to the terminal: their stdout is a tty.
    terminalOutput(out);
    const program = frame.container ? this.containerProgram(frame.container, line, out) : runCommandLine(line, frame.state, {
      fs: frame.host.fs,
      io: { stdin: '', stdout: out, stderr: out },
      host: this.recordingHost(frame),
      now: () => this.deps.clock.now(),
      dialect: 'bash',
      shellName: '-bash',
      commands: (name) => this.resolve(frame, name),
    });
    this.deps.setActive?.(this);
    const wrapped = typeof program === 'number' ? program : this.afterEachStep(program, out);
    this.running = startProgram(this.deps.clock, wrapped, finish);
    const running = this.running;
    const terminal = this;
    return {
      get done() {
        return running.done;
      },
      get exitCode() {
        return exitCode;
      },
      get readsInput() {
        return !running.done && terminal.typing !== undefined;
      },
      input: (text) => {
        if (running.done || !this.typing) return;
        this.deps.onInput(this, text);
        this.typing.write(text);
      },
      endInput: () => {
        if (running.done || !this.typing) return;
        this.deps.onInput(this, null);
        this.typing.end();
      },
      interrupt: () => {
        if (!running.done) {
          this.deps.onInterrupt(this);
          // On an attached terminal Ctrl-C goes to the process in the container, which the tty echoes.
          if (this.typing) {
            out('^C');
            if (this.typing.interrupt()) return;
            out('\n');
          } else {
            out('^C\n');
          }
          running.signal('SIGINT');
        }
      },
      onDone(listener) {
        if (exitCode !== undefined) listener(exitCode);
        else listeners.push(listener);
      },
    };
  }

  /** Runs the shell and settles the cluster after each step, so what a command wrote takes effect at once. */
  private *afterEachStep(program: Program, out: (text: string) => void): Program {
    let wake: Parameters<Program['next']>[0];
    for (;;) {
      let step: IteratorResult<unknown, number>;
      try {
        this.deps.setActive?.(this);
        step = program.next(wake);
      } catch (error) {
        if (error instanceof Interrupt) return 130;
        // Recursion deeper than the stack (a script sourcing itself): a real shell would crash the same way.
        if (error instanceof RangeError) {
          out('Segmentation fault (core dumped)\n');
          return 139;
        }
        throw error;
      }
      this.deps.settle();
      if (step.done) return step.value;
      try {
        wake = yield step.value as never;
      } catch (error) {
        if (error instanceof Interrupt) {
          try {
            const result = program.throw(error);
            if (result.done) return result.value;
          } catch (inner) {
            if (inner instanceof Interrupt) return 130;
            throw inner;
          }
          return 130;
        }
        throw error;
      }
    }
  }

  /**
   * Back to a fresh workstation shell (undo and resume replay the journal into it), or to a fresh
   * shell on the node `nodeName` of the current cluster, as a terminal tab opened on that node.
   */
  resetShell(nodeName?: string): void {
    this.abandon();
    this.frames.length = 0;
    this.frames.push({ host: this.deps.workstation, state: this.newState(this.deps.workstation) });
    const node = nodeName ? this.deps.nodeHost(nodeName) : undefined;
    if (node) this.frames.push({ host: node, state: this.newState(node) });
  }

  /** Stops the running command without a word (the cluster it ran against is being replaced). */
  abandon(): void {
    if (this.running && !this.running.done) this.running.signal('SIGKILL');
    this.running = undefined;
    this.typing = undefined;
  }

  /** Resumes a command waiting for the cluster to change (`get -w`, `logs -f`). */
  notifyChange(): void {
    this.running?.notifyChange();
  }

  complete(line: string, cursor: number): Completion {
    const frame = this.frame;
    const names = [
      ...Object.keys(frame.host.commands),
      ...(gnuCommands instanceof Map ? [...gnuCommands.keys()] : Object.keys(gnuCommands)),
      ...frame.state.aliases.keys(),
      'cd',
      'export',
      'alias',
      'history',
    ];
    return completeLine(line, cursor, { commands: names, fs: frame.host.fs, cwd: frame.state.cwd, api: this.deps.api });
  }

  /** The frame's host, with its commands (kubectl, lab, crictl) recorded in the command log like the shell's. */
  private recordingHost(frame: Frame): HostServices {
    const host = frame.host.host;
    const spawn = host.spawn ?? this.spawner(host);
    if (!host.command) return { ...host, spawn };
    return {
      ...host,
      spawn,
      command: (name) => {
        const impl = host.command!(name);
        if (!impl) return undefined;
        return commandAround(impl, (ctx: CommandContext) => {
          this.deps.onCommandArgv(ctx.argv);
          return impl(ctx);
        });
      },
    };
  }

  /**
   * The terminal's background jobs (`sleep 100 &`): programs on the virtual clock beside the
   * command lines, with PIDs after the shell's own, until they end.
   */
  private spawner(host: HostServices): NonNullable<HostServices['spawn']> {
    return (_command, start, onExit) => {
      const pid = this.nextJobPid++;
      const running = startProgram(this.deps.clock, start({ ...host, isInit: () => false }), onExit, { pollChanges: true });
      return { pid, signal: (signal) => running.signal(signal) };
    };
  }

  private nextJobPid = 4242;

  private resolve(frame: Frame, name: string): CommandImpl | undefined {
    const impl = this.builtin(name) ?? frame.host.commands[name] ?? lookup(gnuCommands, name);
    if (!impl) return undefined;
    return commandAround(impl, (ctx: CommandContext) => {
      this.deps.onCommandArgv(ctx.argv);
      return impl(ctx);
    });
  }

  private builtin(name: string): CommandImpl | undefined {
    switch (name) {
      case 'history':
        return (ctx) => {
          const width = String(this.lines.length).length;
          ctx.io.stdout(this.lines.map((l, i) => `${String(i + 1).padStart(Math.max(width, 4))}  ${l}\n`).join(''));
          return 0;
        };
      case 'ssh':
        return (ctx) => this.ssh(ctx);
      case 'logout':
        return () => {
          this.frame.state.exited = true;
          return 0;
        };
      default:
        return undefined;
    }
  }

  private ssh(ctx: CommandContext): Program | number {
    const args = ctx.argv.slice(1);
    const targetIndex = args.findIndex((a) => !a.startsWith('-'));
    const target = targetIndex < 0 ? undefined : args[targetIndex];
    if (!target) {
      ctx.io.stderr('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           destination [command [argument ...]]\n');
      return 255;
    }
    const hostName = target.includes('@') ? target.split('@')[1] : target;
    const node = this.deps.nodeHost(hostName);
    if (!node) {
      ctx.io.stderr(`ssh: Could not resolve hostname ${hostName}: Name or service not known\n`);
      return 255;
    }
    if (this.frame.host.name !== 'workstation') {
      ctx.io.stderr(`ssh: connect to host ${hostName} port 22: Connection refused\n`);
      return 255;
    }
    const remote = args.slice(targetIndex + 1).join(' ');
    if (remote.trim() !== '') {
      // `ssh node01 systemctl stop kubelet`: runs there, in a shell of its own, and comes back.
      const frame: Frame = { host: node, state: this.newState(node) };
      return runCommandLine(remote, frame.state, {
        fs: node.fs,
        io: ctx.io,
        host: this.recordingHost(frame),
        now: () => this.deps.clock.now(),
        dialect: 'bash',
        shellName: 'bash',
        commands: (name) => this.resolve(frame, name),
      });
    }
    ctx.io.stdout(`Welcome to Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-51-generic x86_64)\n\nThis is ${hostName}, a node of the Pod Lab cluster. Type 'exit' to return to your workstation.\n\n`);
    this.frames.push({ host: node, state: this.newState(node) });
    return 0;
  }
}
