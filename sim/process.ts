// How anything that runs in virtual time is written: container processes, the learner's shell
// commands, kubectl's waiting and streaming commands, probes.
//
// A program is a generator. It runs synchronously until it needs time to pass, then yields a
// Wait; the engine resumes it when the wait is over (never with real timers). It returns its exit
// code. Programs that never wait may be plain functions returning a number.

import type { FileSystem } from './fs/filesystem';
import type { Signal } from './signals';

export type Wait =
  /** Resume at virtual time `until` (ms). */
  | { kind: 'sleep'; until: number }
  /** Resume after the cluster or a file changed, or at `until` if given. Used by `get -w`, `logs -f`, `tail -f`, `wait`. */
  | { kind: 'change'; until?: number }
  /** Resume when `from` has a line to read or has been closed (or at `until` if given). */
  | { kind: 'input'; from: InputStream; until?: number };

/** Why a program was resumed. */
export type Wake = 'time' | 'change' | 'input';

export type Program = Generator<Wait, number, Wake | undefined>;

/** Thrown into a program (generator.throw) when it is interrupted: Ctrl-C or a signal. A program that catches it handles the signal. */
export class Interrupt extends Error {
  constructor(
    readonly signal: Signal,
    /** The sending process's PID, as the receiver sees it in its siginfo; none from the terminal or the kubelet. */
    readonly from?: number,
  ) {
    // Control flow, not a failure: every container stop throws one, and a stack trace would cost
    // more than the rest of the stop.
    const v8Error = Error as { stackTraceLimit?: number };
    const limit = v8Error.stackTraceLimit;
    v8Error.stackTraceLimit = 0;
    super(signal);
    v8Error.stackTraceLimit = limit;
    this.name = 'Interrupt';
  }
}

/** A line of output whose text depends only on the time it is written (an access log entry). */
export interface TimedLine {
  readonly stream: 'stdout' | 'stderr';
  /** Length of the text, the same at every time (the time is printed at a fixed width). */
  readonly length: number;
  text(time: number): string;
}

/** Writes a timed line as it is, or as text where the output keeps no such lines. */
export function writeTimedLine(io: ProcessIO, line: TimedLine, now: number): void {
  if (io.timedLine) io.timedLine(line);
  else io[line.stream](line.text(now) + '\n');
}

/**
 * A stdin that stays open while a program runs: a container's with `stdin: true`, which what an
 * attached terminal types feeds line by line. Closing it is the end of input (Ctrl-D, stdinOnce).
 */
export class InputStream {
  private buffer = '';
  private closedFlag = false;
  private readonly readers = new Set<() => void>();

  /**
   * A pipe between two stages of one shell's pipeline: fed by a stage that shell runs itself, so
   * waiting for it is waiting for that stage, not for the world outside.
   */
  constructor(readonly pipe = false) {}

  /** Characters written and not read yet. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** A read would not wait: a whole line is there, or the input has ended. */
  get readable(): boolean {
    return this.closedFlag || this.buffer.includes('\n');
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** A whole line, ended by its newline, is there to read. */
  get hasWholeLine(): boolean {
    return this.buffer.includes('\n');
  }

  write(text: string): void {
    if (this.closedFlag || text === '') return;
    this.buffer += text;
    this.wake();
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.wake();
  }

  /** The next whole line (without its newline); what is left at the end of input; null once all is read. Undefined: wait. */
  readLine(): string | null | undefined {
    const end = this.buffer.indexOf('\n');
    if (end >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      return line;
    }
    if (!this.closedFlag) return undefined;
    if (this.buffer === '') return null;
    const rest = this.buffer;
    this.buffer = '';
    return rest;
  }

  /** Everything written and not read yet; null once all is read and the input has ended. Undefined: wait. */
  readAvailable(): string | null | undefined {
    if (this.buffer !== '') {
      const text = this.buffer;
      this.buffer = '';
      return text;
    }
    return this.closedFlag ? null : undefined;
  }

  /** Calls `reader` once, when there is something to read or the stream closes. Returns a cancel. */
  onReadable(reader: () => void): () => void {
    const once = () => {
      this.readers.delete(once);
      reader();
    };
    this.readers.add(once);
    return () => this.readers.delete(once);
  }

  private wake(): void {
    for (const reader of [...this.readers]) reader();
  }
}

/** Reads one line from a live stdin, waiting as long as it takes; null at the end of input. */
export function* readInputLine(input: InputStream): Generator<Wait, string | null, Wake | undefined> {
  for (;;) {
    const line = input.readLine();
    if (line !== undefined) return line;
    yield { kind: 'input', from: input };
  }
}

/** Reads what has been written so far (at least a line, or the end), waiting as long as it takes; null at the end of input. */
export function* readInputChunk(input: InputStream): Generator<Wait, string | null, Wake | undefined> {
  for (;;) {
    if (input.readable) return input.readAvailable() ?? null;
    yield { kind: 'input', from: input };
  }
}

const inputStreamReaders = new WeakSet<CommandImpl>();

/**
 * Marks a command that reads a pipe as its writer fills it (`io.stdinStream`), as grep, sed and
 * awk do: `tail -f log | grep x` prints each match as it is written. Any other command in a
 * pipeline is given its whole input (`io.stdin`) once the stage before has ended.
 */
export function readsInputAsItComes(impl: CommandImpl): CommandImpl {
  inputStreamReaders.add(impl);
  return impl;
}

export function readsInputStream(impl: CommandImpl): boolean {
  return inputStreamReaders.has(impl);
}

/** A command that runs `impl` within it (recording its argv, say) reads its input as `impl` does. */
export function commandAround(impl: CommandImpl, wrapper: CommandImpl): CommandImpl {
  return readsInputStream(impl) ? readsInputAsItComes(wrapper) : wrapper;
}

const terminalWriters = new WeakSet<(text: string) => void>();

/** Marks the writer of a terminal: a program whose stdout is this writer has its stdout on a tty. */
export function terminalOutput<T extends (text: string) => void>(write: T): T {
  terminalWriters.add(write);
  return write;
}

/**
 * Whether a program's stdout is a terminal (isatty(1)): a terminal's writer, or the tty of a
 * container with `tty: true` that the program was started on; not when redirected, piped or logged.
 */
export function stdoutIsTerminal(io: ProcessIO): boolean {
  return io.tty === true || terminalWriters.has(io.stdout);
}

export interface ProcessIO {
  /** What is on stdin up front: all of it, unless `stdinStream` brings more. */
  stdin: string;
  /**
   * A stdin that stays open and is read as it comes, after `stdin`: a container's with
   * `stdin: true`, or the pipe from the stage before for a command marked by readsInputAsItComes.
   */
  stdinStream?: InputStream;
  /** Stdin is a terminal (`tty: true`): a shell reading it is interactive and prints its prompt. */
  tty?: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * One whole line whose text depends only on when it is written (a server's access log), when
   * the output is a container's log: kept compactly there and formatted when the log is read.
   */
  timedLine?(line: TimedLine): void;
}

/** What a running command may ask of the world outside its filesystem. Each host supplies what it has. */
export interface HostServices {
  hostname(): string;
  /** Processes visible to `ps`/`top` in this place (a container sees its pod's; a node sees all). */
  processes?(): ProcessInfo[];
  /** `kill`: returns an error text, or undefined on success. */
  kill?(pid: number, signal: string): string | undefined;
  /** HTTP GET for wget/curl. Resolves names through cluster DNS. */
  httpGet?(url: string, headers?: Record<string, string>): HttpResult;
  /** TCP connect for nc: undefined when it connects, else the error text (`Connection refused`). */
  tcpConnect?(host: string, port: number): string | undefined;
  /** Sends data over a TCP connection and reads the reply: what a line protocol server answers. */
  tcpSend?(host: string, port: number, data: string): { reply?: string; error?: string };
  /** ping: the round trip to an address in ms, or undefined when no echo reply comes back. */
  pingTime?(address: string): number | undefined;
  /** DNS for nslookup: the A records, or undefined for NXDOMAIN. */
  resolve?(name: string): { name: string; addresses: string[]; external?: boolean } | undefined;
  /** The DNS server address shown by nslookup. */
  dnsServer?(): string;
  /** Memory the calling process holds, in bytes; stress tools and leaky loops grow it. */
  setMemory?(bytes: number): void;
  /** CPU the calling process wants, in millicores; the cgroup caps it at the limit. */
  setCpuDemand?(millicores: number): void;
  /**
   * Forks a worker of the calling process that only holds memory and CPU (stress-ng's stressors),
   * shown by ps and top as `{comm} <the caller's command line>` (or its own `title`, run as `user`). Returns its PID, to be the
   * parent of further workers; it ends with the container.
   */
  spawnWorker?(worker: { comm: string; memory: number; cpuDemand: number; parent?: number; title?: string; user?: string }): number;
  /**
   * The calling program handles these signals itself (it catches their Interrupt): they reach it
   * even as PID 1, and those whose default is to do nothing reach it at all.
   */
  handleSignals?(signals: readonly Signal[]): void;
  /**
   * Starts a child of the calling process that runs on its own (a shell's `cmd &`): a process of
   * this host, shown by ps and /proc as `command` (none: as the caller, a forked shell), that kill signals. `start` makes its program
   * with the child's own services; `onExit` gets its exit status (128+n when signal n ended it).
   * Returns its PID as the caller sees PIDs, and how to signal it.
   */
  spawn?(command: string | undefined, start: (host: HostServices) => Program, onExit: (status: number) => void): { pid: number; signal(signal: Signal): void };
  /** Ends a worker of the calling process that spawnWorker made (a server restarting its workers). */
  endWorker?(pid: number): void;
  /** Renames the calling process as ps shows it (setproctitle: `nginx: master process ...`). */
  setTitle?(title: string): void;
  /** The calling process changes to another user (gosu, su-exec): ps and /proc show it as that uid. */
  setUser?(uid: number): void;
  /** A server process starts listening on a port of its network namespace (the pod's). */
  listen?(port: number, server: Listener): void;
  /** The process stops listening on the port. */
  unlisten?(port: number): void;
  /** The user and groups the process runs as, when the runtime set them (securityContext); else root. */
  identity?(): { uid: number; gid: number; groups: number[] } | undefined;
  /** The calling process's PID as it sees it (`$$`), where it has one. */
  pid?(): number;
  /** True for a container's main process: as PID 1 it ignores signals it has no handler for. */
  isInit?(): boolean;
  /** Extra commands this host provides (kubectl, lab, crictl ...). Looked up before the built-ins. */
  command?(name: string): CommandImpl | undefined;
  /** The network namespace as ip, ifconfig, netstat and route show it. */
  networkView?(): NetworkView;
}

/** A network namespace's interface beyond loopback, its routes and its listening sockets. */
export interface NetworkView {
  /** eth0: the pod's end of its veth pair, or a hostNetwork pod's node interface. */
  address: string;
  prefixLength: number;
  gateway: string;
  mac: string;
  /** The veth peer's interface index on the node, shown as `eth0@ifN`; none for the node's own interface. */
  peerIndex?: number;
  /** A pod's routes go through the gateway (the node's end); a node's reach its subnet directly. */
  podRoutes: boolean;
  /** TCP ports listened on, with the listening process as the asking process sees it, when it does. */
  listening: { port: number; pid?: number; command?: string }[];
}

export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The client's address, for access logs. */
  remoteAddress: string;
  /** The lab looking, not a client: the server answers as usual but logs nothing. */
  inspection?: boolean;
}

/** What listens on a port: HTTP servers answer requests; plain TCP servers only accept connections. */
export interface Listener {
  protocol: 'http' | 'tcp';
  /** Serves HTTPS (the control-plane components): a plain HTTP client gets 400, a TLS one to a plain server fails. */
  tls?: boolean;
  handle?(request: HttpRequest): HttpResult;
  /** A line protocol server (redis): the reply to what a client sends. */
  reply?(data: string): string;
}

export interface ProcessInfo {
  pid: number;
  ppid?: number;
  user: string;
  /** Resident memory in bytes. */
  rss: number;
  /** CPU use in millicores. */
  cpu: number;
  state: string;
  command: string;
  startedAt: number;
  /** The container it runs in, as /proc/<pid>/ shows it; none for /pause. */
  container?: ProcessContainer;
}

/** What /proc/<pid>/ shows of a process's container: its environment, mounts and root. */
export interface ProcessContainer {
  /** The environment the runtime gave its processes, as /proc/<pid>/environ holds it. */
  environ(): string;
  /** /proc/<pid>/mounts. */
  mounts(): string;
  root: FileSystem;
  /** /proc/<pid>/ns: each namespace's name and link (`net:[4026532001]`). */
  namespaceLinks?(): [string, string][];
}

export interface HttpResult {
  /** Undefined when no HTTP response came back; then `error` says why. */
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** e.g. `Connection refused`, `bad address 'web'`. */
  error?: string;
  /** How long the server took, in ms of virtual time. */
  latencyMs?: number;
}

export interface CommandContext {
  /** argv[0] is the command name as typed. */
  argv: string[];
  io: ProcessIO;
  /** Exported variables, as the command sees its environment. */
  env: Map<string, string>;
  fs: FileSystem;
  /** Absolute working directory. */
  cwd: string;
  now(): number;
  host: HostServices;
}

export type CommandImpl = (ctx: CommandContext) => Program | number;

/** Run a program that never waits; throws if it tries to. Handy in tests and for quick commands. */
export function runToEnd(result: Program | number): number {
  if (typeof result === 'number') return result;
  const step = result.next();
  if (!step.done) throw new Error(`program waited (${step.value.kind}) where no waiting is possible`);
  return step.value;
}

export function sleepUntil(until: number): Wait {
  return { kind: 'sleep', until };
}
