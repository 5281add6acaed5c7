// A tiny Session for the lab tests: the real API server and virtual clock, an in-memory
// workspace, and a terminal that knows a handful of commands (`kubectl run`, `kubectl delete pod`,
// `kubectl get`, `sleep`, `false`, `echo`) plus the extra commands given (e.g. `lab`).

import { SimApiServer } from '../../sim/api/api-server';
import { VirtualClock } from '../../sim/clock';
import type { ClusterInspector } from '../../sim/inspection';
import type { CommandContext, CommandImpl, Program } from '../../sim/process';
import { SeededRandom } from '../../sim/random';
import type { CommandRecord, CommandRun, PodRuntimeView, Session, SessionClock, TerminalSession } from '../../sim/session-types';
import { MemoryFileSystem } from './memory-fs';

export const fakeStartTime = Date.UTC(2026, 0, 15, 9, 0, 0);

type FakeCommand = (argv: string[], session: FakeSession, out: (text: string) => void) => number;

const builtins: Record<string, FakeCommand> = {
  kubectl(argv, session, out) {
    const [, verb, ...rest] = argv;
    if (verb === 'run') {
      const name = rest[0];
      const image = rest.find((arg) => arg.startsWith('--image='))?.slice('--image='.length) ?? '';
      const labels = rest.find((arg) => arg.startsWith('--labels='))?.slice('--labels='.length);
      session.api.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', labels: labels ? Object.fromEntries(labels.split(',').map((pair) => pair.split('='))) : { run: name } },
        spec: { containers: [{ name, image }] },
        status: { phase: 'Pending' },
      });
      out(`pod/${name} created\n`);
      return 0;
    }
    if (verb === 'delete' && rest[0] === 'pod') {
      session.api.delete('Pod', 'default', rest[1]);
      out(`pod "${rest[1]}" deleted\n`);
      return 0;
    }
    if (verb === 'get' || verb === 'describe') return 0;
    out(`error: unknown command "${verb}" for "kubectl"\n`);
    return 1;
  },
  echo(argv, _session, out) {
    out(`${argv.slice(1).join(' ')}\n`);
    return 0;
  },
  false: () => 1,
};

class FakeClock implements SessionClock {
  constructor(
    readonly clock: VirtualClock,
    private readonly changed: () => void,
  ) {}
  now(): number {
    return this.clock.now();
  }
  nextTimerAt(): number | undefined {
    return this.clock.nextTimerAt();
  }
  advanceTo(time: number): void {
    this.clock.advanceTo(time);
    this.changed();
  }
  advanceBy(ms: number): void {
    this.advanceTo(this.clock.now() + ms);
  }
}

export class FakeSession implements Session {
  api!: SimApiServer;
  clock!: FakeClock;
  readonly workspace: MemoryFileSystem;
  private readonly listeners = new Set<() => void>();
  private log: CommandRecord[] = [];
  resets = 0;

  constructor(private readonly extraCommands: Record<string, CommandImpl> = {}) {
    this.workspace = new MemoryFileSystem(() => this.clock.now());
    this.workspace.onWrite = () => this.changed();
    this.build();
  }

  private build(): void {
    const clock = new VirtualClock(fakeStartTime);
    this.clock = new FakeClock(clock, () => this.changed());
    this.api = new SimApiServer(() => clock.now(), new SeededRandom(1));
    for (const name of ['default', 'dev']) this.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    for (const kind of ['Pod', 'Event', 'Deployment']) this.api.watch(kind, undefined, () => this.changed());
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStep(listener: () => void): () => void {
    return this.onChange(listener);
  }

  /** The fake cluster runs no containers: there is nothing inside to look at. */
  readonly inspect: ClusterInspector = {
    containerEnv: () => ({ error: 'no containers run in the fake session' }),
    containerFile: () => ({ error: 'no containers run in the fake session' }),
    httpGet: () => ({ error: 'no network in the fake session' }),
  };

  commandLog(): readonly CommandRecord[] {
    return this.log;
  }

  podRuntime(): PodRuntimeView | undefined {
    return undefined;
  }

  reset(setup?: (session: Session) => void): void {
    this.resets++;
    this.build();
    setup?.(this);
    this.changed();
  }

  undo(): boolean {
    return false;
  }

  writeWorkspaceFile(path: string, content: string): void {
    this.workspace.writeFile(path, content);
  }

  private readonly terminals: TerminalSession[] = [];

  terminalSessions(): readonly TerminalSession[] {
    return this.terminals;
  }

  openTerminal(): TerminalSession {
    const history: string[] = [];
    const session = this;
    const terminal: TerminalSession = {
      host: 'workstation',
      prompt: () => 'learner@podlab:~$ ',
      complete: () => ({ from: 0, candidates: [] }),
      history: () => history,
      execute(line: string, out: (text: string) => void): CommandRun {
        history.push(line);
        const argv = line.trim().split(/\s+/).filter((word) => word !== '');
        const record: CommandRecord = { time: session.clock.now(), line, commands: [argv] };
        session.log.push(record);
        return session.run(argv, out, record);
      },
    };
    this.terminals.push(terminal);
    return terminal;
  }

  private run(argv: string[], out: (text: string) => void, record: CommandRecord): CommandRun {
    const listeners: ((code: number) => void)[] = [];
    const state = { done: false, exitCode: undefined as number | undefined };
    const finish = (code: number) => {
      state.done = true;
      state.exitCode = code;
      record.exitCode = code;
      for (const listener of listeners) listener(code);
      this.changed();
    };
    const run: CommandRun = {
      get done() {
        return state.done;
      },
      get exitCode() {
        return state.exitCode;
      },
      interrupt: () => {
        if (!state.done) finish(130);
      },
      onDone: (listener) => {
        if (state.done) listener(state.exitCode ?? 0);
        else listeners.push(listener);
      },
    };
    const name = argv[0] ?? '';
    if (name === 'sleep') {
      this.clock.clock.schedule(this.clock.now() + Number(argv[1]) * 1000, () => finish(0));
      return run;
    }
    const extra = this.extraCommands[name];
    if (extra) {
      const ctx: CommandContext = {
        argv,
        io: { stdin: '', stdout: out, stderr: out },
        env: new Map(),
        fs: this.workspace,
        cwd: '/',
        now: () => this.clock.now(),
        host: { hostname: () => 'podlab' },
      };
      const result = extra(ctx);
      if (typeof result === 'number') finish(result);
      else finish(drain(result));
      return run;
    }
    const builtin = builtins[name];
    if (!builtin) {
      out(`bash: ${name}: command not found\n`);
      finish(127);
      return run;
    }
    try {
      finish(builtin(argv, this, out));
    } catch (error) {
      out(`Error from server: ${error instanceof Error ? error.message : String(error)}\n`);
      finish(1);
    }
    return run;
  }
}

function drain(program: Program): number {
  for (;;) {
    const step = program.next();
    if (step.done) return step.value;
  }
}
