// One run of a container: its filesystem (image files + volumes), its processes, its log, and the
// memory and CPU it uses inside its cgroup. A restart creates a new ContainerInstance.

import { InputStream, Interrupt, type Wait, type Wake, type CommandContext, type CommandImpl, type HostServices, type HttpResult, type Listener, type NetworkView, type Program, type ProcessContainer, type ProcessInfo, type ProcessIO, type TimedLine } from '../process';
import type { Clock } from '../engine-context';
import type { Attachment, LogLine } from '../api/server';
import type { FileSystem } from '../fs/filesystem';
import type { NetworkNamespace, ClusterNetwork } from './network';
import { dnsServiceIP } from './network';
import { startProgram, type RunningProgram } from '../process-runner';
import { fileReadingCommands } from '../shell/commands';
import { LogBuffer } from './log-buffer';
import { defaultAction, parseSignal, signalNumber, type Signal } from '../signals';

/** Lines kept per container log, like the kubelet's log rotation keeps the newest data. */
export const maxLogLines = 5000;

const shellNames = new Set(['sh', 'ash', 'bash', 'dash']);
/** Longest unfinished line kept before it is written out as one entry. */
const maxPartialLine = 16 * 1024;

export interface ContainerProcess {
  pid: number;
  /** The parent's PID on the node; none for the container's first process and for `kubectl exec`. */
  ppid?: number;
  command: string;
  /** Who it runs as, when not root (a server's workers). */
  user?: string;
  startedAt: number;
  memory: number;
  cpuDemand: number;
  running?: RunningProgram;
  /** Signals the program catches itself (host.handleSignals); a shell decides about every signal by its traps. */
  handles?: Set<Signal>;
}

/** What a `kill` names: a signal, or 0 to ask only whether the process exists. */
export type SignalOrProbe = Signal | 'SIG0';

export interface ExecResult {
  exitCode: number;
  output: string;
  timedOut: boolean;
}

export interface ContainerLimits {
  memoryBytes?: number;
  cpuMillicores?: number;
}

export interface ContainerDeps {
  clock: Clock;
  network: ClusterNetwork;
  netns: NetworkNamespace;
  hostname: string;
  /** Next PID on the node. */
  allocatePid(): number;
  /** Finds a program by name as the image's PATH would. */
  resolveCommand(name: string): CommandImpl | undefined;
  /** Called when memory use crosses the limit: the kernel's OOM killer. */
  onOutOfMemory(): void;
  /** Called when the main process exits. */
  onMainExit(code: number): void;
  /**
   * With shareProcessNamespace, the pod's one PID namespace (pause is PID 1): what ps shows there,
   * and a signal to a PID of it, whichever container runs that process.
   */
  sharedPids?: { processes(): ProcessInfo[]; kill(pid: number, signal: SignalOrProbe, from?: number): string | undefined; pidOf(nodePid: number): number };
  /** The user and groups its processes run as (securityContext), when not root's. */
  identity?: { uid: number; gid: number; groups: number[] };
  /**
   * The main process's stdin stays open: clients may write to it (`open`, the container's `stdin`),
   * it closes after the first attach (`once`), it is a terminal (`tty`; with a tty alone nobody writes to it).
   */
  stdin?: { open: boolean; once: boolean; tty: boolean };
}

/** Where an attached client (`kubectl attach`) gets what the main process prints. */
export interface AttachedOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}


export class ContainerInstance {
  readonly processes = new Map<number, ContainerProcess>();
  readonly logs = new LogBuffer(maxLogLines);
  mainPid = 0;
  /** The main process's command line. */
  mainArgv: string[] = [];
  /** Virtual ms the main process started. */
  startedAt = 0;
  /** Ports the container's processes listen on in the pod's network namespace. */
  readonly listeningPorts = new Set<number>();
  private logTail = { stdout: '', stderr: '' };
  /** The main process's stdin, when the container keeps one open. */
  private stdinStream?: InputStream;
  /** Clients attached to the main process (made on the first attach: most containers never have one). */
  private attached?: Set<AttachedOutput>;
  /** What /proc shows of this container to any process that looks at one of its processes. */
  procView?: ProcessContainer;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly fs: FileSystem,
    readonly env: Map<string, string>,
    readonly workingDir: string,
    readonly limits: ContainerLimits,
    private readonly deps: ContainerDeps,
  ) {}

  /** Starts the main process (PID 1 of the container). */
  start(argv: string[]): void {
    this.mainArgv = argv;
    this.startedAt = this.deps.clock.now();
    const impl = this.deps.resolveCommand(argv[0]);
    const pid = this.deps.allocatePid();
    this.mainPid = pid;
    const process: ContainerProcess = { pid, command: argv.join(' '), startedAt: this.startedAt, memory: 0, cpuDemand: 0 };
    this.processes.set(pid, process);
    const io = this.logIO();
    if (this.deps.stdin) {
      this.stdinStream = new InputStream();
      io.stdinStream = this.stdinStream;
      io.tty = this.deps.stdin.tty;
    }
    const program: Program | number = impl ? impl(this.context(argv, io, process)) : 127;
    process.running = startProgram(
      this.deps.clock,
      program,
      (code) => {
        this.flushLog();
        this.stdinStream?.close();
        this.processes.delete(pid);
        this.stopEverything();
        this.deps.onMainExit(code);
      },
      { pollChanges: true },
    );
  }

  /**
   * Joins the main process: from now on what it prints also goes to `output`, and with `withStdin`
   * the client writes to its stdin (when the container keeps one open).
   */
  attach(output: AttachedOutput, withStdin: boolean): Attachment {
    (this.attached ??= new Set()).add(output);
    const stdin = withStdin && this.deps.stdin?.open && this.stdinStream && !this.stdinStream.closed ? this.stdinStream : undefined;
    const once = this.deps.stdin?.once === true;
    const tty = this.deps.stdin?.tty === true;
    const container = this;
    return {
      stdin,
      tty,
      get ended() {
        return !container.running;
      },
      interrupt: () => {
        if (tty) this.processes.get(this.mainPid)?.running?.signal('SIGINT');
      },
      detach: () => {
        this.attached?.delete(output);
        if (stdin && once) stdin.close();
      },
    };
  }

  /** Runs a command beside the main process (`kubectl exec`), returning its program. */
  exec(argv: string[], io: ProcessIO): Program | number {
    const impl = this.deps.resolveCommand(argv[0]);
    if (!impl) return 127;
    const pid = this.deps.allocatePid();
    const process: ContainerProcess = { pid, command: argv.join(' '), startedAt: this.deps.clock.now(), memory: 0, cpuDemand: 0 };
    this.processes.set(pid, process);
    const result = impl(this.context(argv, io, process));
    const processes = this.processes;
    if (typeof result === 'number') {
      processes.delete(pid);
      return result;
    }
    // Whoever runs the command drives its program: a signal waits here until the program next runs.
    const pending: Signal[] = [];
    process.running = {
      done: false,
      exitCode: undefined,
      stopped: false,
      signal: (signal) => {
        const action = defaultAction(signal);
        if (action !== 'stop' && action !== 'continue') pending.push(signal);
      },
      exit: () => pending.push('SIGKILL'),
      notifyChange: () => {},
    };
    return (function* (): Program {
      try {
        return yield* withSignals(result, pending);
      } finally {
        processes.delete(pid);
      }
    })();
  }

  /**
   * Runs a lifecycle hook's command beside the main process in virtual time, so `sleep 5` in a
   * preStop hook takes five seconds; `onExit` gets its exit code. The hook dies with the container.
   */
  runHook(argv: string[], onExit: (code: number) => void): void {
    const program = this.exec(argv, { stdin: '', stdout: () => {}, stderr: () => {} });
    let run: RunningProgram | undefined;
    run = startProgram(this.deps.clock, program, (code) => {
      if (run) this.hookRuns.delete(run);
      onExit(code);
    });
    if (!run.done) this.hookRuns.add(run);
  }

  private readonly hookRuns = new Set<RunningProgram>();

  /** Runs an exec probe's command to completion at once; a command that would wait longer than the timeout times out. */
  probeExec(argv: string[], timeoutMs: number): ExecResult {
    const impl = this.deps.resolveCommand(argv[0]);
    if (!impl) return { exitCode: 127, output: '', timedOut: false };
    // Probes run often: one shared context per container, only argv and output change.
    const probe = (this.probeContext ??= this.makeProbeContext());
    probe.output = '';
    probe.ctx.argv = argv;
    const result = impl(probe.ctx);
    if (typeof result === 'number') return { exitCode: result, output: probe.output, timedOut: false };
    const start = this.deps.clock.now();
    let step = result.next();
    while (!step.done) {
      const wait = step.value;
      const until = wait.kind === 'sleep' ? wait.until : wait.kind === 'change' ? wait.until ?? Infinity : Infinity;
      if (until - start > timeoutMs) {
        result.return(1);
        return { exitCode: 1, output: probe.output, timedOut: true };
      }
      step = result.next('time');
    }
    return { exitCode: step.value, output: probe.output, timedOut: false };
  }

  private probeContext?: { ctx: CommandContext; output: string };

  private makeProbeContext(): { ctx: CommandContext; output: string } {
    const holder = { output: '' } as { ctx: CommandContext; output: string };
    const io: ProcessIO = { stdin: '', stdout: (t) => (holder.output += t), stderr: (t) => (holder.output += t) };
    const process: ContainerProcess = { pid: -1, command: 'probe', startedAt: this.deps.clock.now(), memory: 0, cpuDemand: 0 };
    holder.ctx = { argv: [], io, env: this.env, fs: this.fs, cwd: this.workingDir, now: () => this.deps.clock.now(), host: this.hostServices(process) };
    return holder;
  }

  /** Whether `argv` is a command whose result depends only on its arguments and this container's files (`cat /tmp/healthy`). */
  readsOnlyFiles(argv: string[]): boolean {
    const impl = argv.length > 0 ? this.deps.resolveCommand(argv[0]) : undefined;
    return impl !== undefined && fileReadingCommands.has(impl);
  }

  /** Changes whenever anything in this container's files changes; undefined when that cannot be told. */
  filesStamp(): number | undefined {
    return this.fs.changeStamp?.();
  }

  /** Whether the main process is a shell, whose `trap ... TERM` decides what SIGTERM does to it. */
  mainIsShell(): boolean {
    return shellNames.has(this.mainArgv[0]?.split('/').pop() ?? '');
  }

  /** Delivers a signal to the main process. */
  signal(signal: 'SIGTERM' | 'SIGKILL'): void {
    this.processes.get(this.mainPid)?.running?.signal(signal);
  }

  /** The main program shuts down on SIGTERM with its own exit code. */
  terminateCleanly(exitCode: number): void {
    this.processes.get(this.mainPid)?.running?.exit(exitCode);
  }

  get running(): boolean {
    return this.processes.has(this.mainPid);
  }

  /** Bytes of the log kept for this container, as the kubelet's log files would hold it. */
  logBytes(): number {
    return this.logs.bytes;
  }

  memoryBytes(): number {
    let sum = 0;
    for (const p of this.processes.values()) sum += p.memory;
    return sum;
  }

  cpuMillicores(): number {
    let sum = 0;
    for (const p of this.processes.values()) sum += p.cpuDemand;
    return this.limits.cpuMillicores !== undefined ? Math.min(sum, this.limits.cpuMillicores) : sum;
  }

  /** What ps inside the container shows: its own PID namespace, or the pod's when it is shared. */
  visibleProcesses(): ProcessInfo[] {
    return this.deps.sharedPids?.processes() ?? this.processInfos();
  }

  /** Processes as seen inside the container (its own PID namespace: the main process is 1) or from the node. */
  processInfos(view: 'container' | 'node' = 'container'): ProcessInfo[] {
    const inView = (pid: number) => (view === 'node' ? pid : pid - this.mainPid + 1);
    return [...this.processes.values()].map((p) => ({
      pid: inView(p.pid),
      ppid: p.ppid === undefined ? undefined : inView(p.ppid),
      user: p.user ?? (this.deps.identity && this.deps.identity.uid !== 0 ? String(this.deps.identity.uid) : 'root'),
      rss: p.memory,
      cpu: p.cpuDemand,
      state: p.running?.stopped ? 'T' : p.cpuDemand > 0 ? 'R' : 'S',
      command: p.command,
      startedAt: p.startedAt,
      container: this.procView,
    }));
  }

  /**
   * Signals one of this container's processes by its PID on the node, as the kernel delivers a
   * signal sent from inside the PID namespace; `asInit` when the process is PID 1 there. False when
   * it has none such.
   */
  signalProcess(nodePid: number, signal: SignalOrProbe, asInit = false, from?: number): boolean {
    const target = this.processes.get(nodePid);
    if (!target) return false;
    if (signal !== 'SIG0' && target.running && receives(target, signal, asInit)) target.running.signal(signal, from);
    return true;
  }

  /** Stops every process and closes every port (the container is gone). */
  stopEverything(): void {
    for (const port of this.listeningPorts) this.deps.netns.listeners.delete(port);
    this.listeningPorts.clear();
    for (const p of [...this.processes.values()]) {
      if (p.pid !== this.mainPid) p.running?.signal('SIGKILL');
    }
    for (const hook of [...this.hookRuns]) hook.signal('SIGKILL');
    this.processes.clear();
  }

  /** Output after the last full line is kept until the line ends, as a log line is one line. */
  private logIO(): ProcessIO {
    const append = (stream: 'stdout' | 'stderr', text: string) => {
      if (this.attached) for (const client of this.attached) client[stream](text);
      const time = this.deps.clock.now();
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        const line = start === 0 ? this.logTail[stream] + text.slice(0, end) : text.slice(start, end);
        this.logs.push({ time, stream, text: line });
        start = end + 1;
      }
      const tail = start === 0 ? this.logTail[stream] + text : text.slice(start);
      // A line that never ends is cut, as the runtime splits log entries at 16 KiB.
      if (tail.length > maxPartialLine) {
        this.logs.push({ time, stream, text: tail });
        this.logTail[stream] = '';
      } else {
        this.logTail[stream] = tail;
      }
    };
    const timedLine = (line: TimedLine) => {
      const time = this.deps.clock.now();
      // After an unfinished line the entry joins it, so it is kept as text.
      if (this.logTail[line.stream] || (this.attached && this.attached.size > 0)) append(line.stream, line.text(time) + '\n');
      else this.logs.pushTimed(time, line);
    };
    return { stdin: '', stdout: (t) => append('stdout', t), stderr: (t) => append('stderr', t), timedLine };
  }

  private flushLog(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.logTail[stream]) {
        this.logs.push({ time: this.deps.clock.now(), stream, text: this.logTail[stream] });
        this.logTail[stream] = '';
      }
    }
  }

  private context(argv: string[], io: ProcessIO, process: ContainerProcess): CommandContext {
    return { argv, io, env: new Map(this.env), fs: this.fs, cwd: this.workingDir, now: () => this.deps.clock.now(), host: this.hostServices(process) };
  }

  private hostServices(process: ContainerProcess): HostServices {
    return new ProcessHost(this, this.deps, process);
  }
}

/**
 * Runs a program that someone else drives (`kubectl exec`), delivering the signals sent to its
 * process whenever it runs: at once when it signals itself, else when it next wakes.
 */
function* withSignals(inner: Program, pending: Signal[]): Program {
  let wake: Wake | undefined;
  let fromOutside: unknown;
  let hasOutside = false;
  for (;;) {
    const signal = hasOutside ? undefined : pending.shift();
    if (signal === 'SIGKILL') {
      inner.return(137);
      return 137;
    }
    let step: IteratorResult<Wait, number>;
    try {
      step = hasOutside ? inner.throw(fromOutside) : signal ? inner.throw(new Interrupt(signal)) : inner.next(wake);
    } catch (error) {
      if (signal && error instanceof Interrupt && error.signal === signal) return 128 + signalNumber(signal);
      throw error;
    } finally {
      hasOutside = false;
    }
    if (step.done) return step.value;
    if (pending.length > 0) {
      wake = undefined;
      continue;
    }
    try {
      wake = yield step.value;
    } catch (error) {
      fromOutside = error;
      hasOutside = true;
    }
  }
}

/**
 * Whether a signal reaches the program (the runner then stops, continues or interrupts it) or the
 * kernel drops it: PID 1 gets only what it handles (never SIGKILL or SIGSTOP from inside), and
 * nobody is disturbed by a signal whose default is to do nothing unless it handles it. A shell
 * handles every signal: its traps and its rules for PID 1 decide.
 */
function receives(process: ContainerProcess, signal: Signal, asInit: boolean): boolean {
  const handled = isShell(process) || process.handles?.has(signal) === true;
  const action = defaultAction(signal);
  if (asInit) return signal !== 'SIGKILL' && signal !== 'SIGSTOP' && (handled || action === 'continue');
  if (signal === 'SIGKILL' || action === 'stop' || action === 'continue') return true;
  return handled || action !== 'ignore';
}

function isShell(process: ContainerProcess): boolean {
  return shellNames.has(process.command.split(' ')[0].split('/').pop() ?? '');
}

/**
 * What a process in the container may ask of its host (ps, kill, the network, its memory and
 * CPU, its listening ports). Methods rather than closures: every process start makes one.
 */
class ProcessHost implements HostServices {
  constructor(
    private readonly container: ContainerInstance,
    private readonly deps: ContainerDeps,
    private readonly process: ContainerProcess,
  ) {}

  hostname(): string {
    return this.deps.hostname;
  }

  /** In a shared PID namespace the container's first process is not PID 1: pause is. */
  isInit(): boolean {
    return !this.deps.sharedPids && this.process.pid === this.container.mainPid;
  }

  processes(): ProcessInfo[] {
    return this.container.visibleProcesses();
  }

  pid(): number {
    return this.deps.sharedPids ? this.deps.sharedPids.pidOf(this.process.pid) : this.process.pid - this.container.mainPid + 1;
  }

  identity(): { uid: number; gid: number; groups: number[] } | undefined {
    return this.deps.identity;
  }

  kill(pid: number, signal: string): string | undefined {
    const sig: SignalOrProbe = signal === 'SIG0' ? 'SIG0' : parseSignal(signal) ?? 'SIGTERM';
    if (this.deps.sharedPids) return this.deps.sharedPids.kill(pid, sig, this.pid());
    return this.container.signalProcess(pid + this.container.mainPid - 1, sig, pid === 1, this.pid()) ? undefined : 'No such process';
  }

  endWorker(pid: number): void {
    const nodePid = pid + this.container.mainPid - 1;
    if (this.container.processes.get(nodePid)?.ppid !== undefined) this.container.processes.delete(nodePid);
  }

  handleSignals(signals: readonly Signal[]): void {
    this.process.handles ??= new Set();
    for (const signal of signals) this.process.handles.add(signal);
  }

  httpGet(url: string, headers?: Record<string, string>): HttpResult {
    return this.deps.network.httpGet(url, this.deps.netns, headers) as HttpResult;
  }

  tcpConnect(host: string, port: number): string | undefined {
    return this.deps.network.tcpConnect(host, port, this.deps.netns);
  }

  pingTime(address: string): number | undefined {
    return this.deps.network.pingTime(address);
  }

  tcpSend(host: string, port: number, data: string): { reply?: string; error?: string } {
    return this.deps.network.tcpSend(host, port, data, this.deps.netns);
  }

  resolve(name: string): { name: string; addresses: string[]; external?: boolean } | undefined {
    return this.deps.network.resolve(name, this.deps.netns);
  }

  dnsServer(): string {
    return dnsServiceIP;
  }

  setMemory(bytes: number): void {
    this.process.memory = bytes;
    this.checkMemoryLimit();
  }

  setCpuDemand(millicores: number): void {
    this.process.cpuDemand = millicores;
  }

  setTitle(title: string): void {
    this.process.command = title;
  }

  setUser(uid: number): void {
    this.process.user = uid === 0 ? 'root' : String(uid);
  }

  spawnWorker(worker: { comm: string; memory: number; cpuDemand: number; parent?: number; title?: string; user?: string }): number {
    const { container, deps, process } = this;
    const pid = deps.allocatePid();
    const parent = worker.parent !== undefined ? worker.parent + container.mainPid - 1 : process.pid;
    container.processes.set(pid, { pid, ppid: parent, command: worker.title ?? `{${worker.comm}} ${process.command}`, user: worker.user, startedAt: deps.clock.now(), memory: worker.memory, cpuDemand: worker.cpuDemand });
    this.checkMemoryLimit();
    return pid - container.mainPid + 1;
  }

  spawn(command: string | undefined, start: (host: HostServices) => Program, onExit: (status: number) => void): { pid: number; signal(signal: Signal): void } {
    const { container, deps, process } = this;
    const pid = deps.allocatePid();
    const child: ContainerProcess = { pid, ppid: process.pid, command: command ?? process.command, startedAt: deps.clock.now(), memory: 0, cpuDemand: 0 };
    container.processes.set(pid, child);
    try {
      child.running = startProgram(deps.clock, start(new ProcessHost(container, deps, child)), (status) => {
        container.processes.delete(pid);
        onExit(status);
      }, { pollChanges: true });
    } catch (error) {
      container.processes.delete(pid);
      throw error;
    }
    const seenAs = this.deps.sharedPids ? this.deps.sharedPids.pidOf(pid) : pid - container.mainPid + 1;
    return { pid: seenAs, signal: (signal) => void container.signalProcess(pid, signal, false, this.pid()) };
  }

  listen(port: number, listener: Listener): void {
    this.deps.netns.listeners.set(port, { listener, owner: this.container.id, pid: this.process.pid });
    this.container.listeningPorts.add(port);
  }

  networkView(): NetworkView {
    const { netns } = this.deps;
    const octets = netns.ip.split('.').map(Number);
    const podNetwork = octets[0] === 10 && octets[1] === 244;
    // The MAC address of the veth's pod end is random; here it follows the namespace, so it stays put.
    const bytes = [0x02 | ((netns.inode >> 8) & 0xfc), netns.inode & 0xff, ...octets].map((b) => (b & 0xff).toString(16).padStart(2, '0'));
    const visible = new Map(this.container.visibleProcesses().map((p) => [p.pid, p]));
    const listening = [...netns.listeners].map(([port, entry]) => {
      const pid = entry.pid === undefined ? undefined : this.visiblePid(entry.pid);
      const process = pid === undefined ? undefined : visible.get(pid);
      return process ? { port, pid, command: process.command } : { port };
    });
    return {
      address: netns.ip,
      prefixLength: 24,
      gateway: `${octets[0]}.${octets[1]}.${octets[2]}.1`,
      mac: bytes.join(':'),
      peerIndex: podNetwork ? 4 + (octets[3] ?? 0) : undefined,
      podRoutes: podNetwork,
      listening: listening.sort((a, b) => a.port - b.port),
    };
  }

  /** A node PID as this process's PID namespace numbers it, or undefined when it cannot see that process. */
  private visiblePid(nodePid: number): number | undefined {
    if (this.deps.sharedPids) return this.deps.sharedPids.pidOf(nodePid);
    return this.container.processes.has(nodePid) ? nodePid - this.container.mainPid + 1 : undefined;
  }

  unlisten(port: number): void {
    this.deps.netns.listeners.delete(port);
    this.container.listeningPorts.delete(port);
  }

  private checkMemoryLimit(): void {
    const limit = this.container.limits.memoryBytes;
    if (limit !== undefined && this.container.memoryBytes() > limit) this.deps.onOutOfMemory();
  }
}
