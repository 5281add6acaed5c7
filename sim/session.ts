// A learner's session: the simulated cluster, the workspace, the terminals, and the journal of
// everything the learner did since the last reset. Undo and resume replay that journal on a fresh
// cluster from the same seed, which gives back exactly the same state (everything is deterministic).

import type { ApiServer } from './api/server';
import type { CommandImpl } from './process';
import type { FileSystem } from './fs/filesystem';
import { patchResource } from './api/patch';
import { evictPod } from './api/eviction';
import type { KubeObject } from './api/types';
import type {
  ApiWrite,
  ClusterInspector,
  CommandRecord,
  HostCommand,
  CommandRun,
  JournalEntry,
  PodRuntimeView,
  Session,
  SessionChange,
  SessionClock,
  SessionOptions,
  SessionSnapshot,
} from './session-types';
import { Cluster, clusterUptimeMs, defaultStartTime } from './cluster';
import { MemFs } from './fs/memfs';
import { ForwardingApi } from './api/forwarding-api';
import { listeningForWarnings } from './api/warning-listener';
import { LearnerTerminal, type ShellHost } from './shell/terminal';
import { createKubectl } from './kubectl/kubectl';
import { workstationHost } from './workstation';
import { NodeShells } from './node/node-shells';
import { inspectCluster } from './inspection';
import { ClusterContexts, type KubeContext } from './contexts';

/** A cluster of the session with its node shells and its inspector. */
interface SessionCluster {
  cluster: Cluster;
  shells: NodeShells;
  inspector?: ClusterInspector;
}

export class SimSession implements Session {
  readonly api: ApiServer;
  readonly clock: SessionClock;
  readonly workspace: FileSystem;
  /** The kubeconfig's contexts; their clusters are built on first use, so commands that never touch one (client-side dry runs) start at once. */
  private contexts: ClusterContexts<SessionCluster>;
  private readonly seed: number;
  private readonly startTime: number;
  private readonly hostCommands: Record<string, HostCommand>;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private readonly stepListeners = new Set<() => void>();
  /** Virtual time of the last step notification (see onStep). */
  private lastStepAt = 0;
  private readonly terminals: LearnerTerminal[] = [];
  private log: CommandRecord[] = [];
  private journal: JournalEntry[] = [];
  private baseline?: Record<string, string>;
  private setup?: (session: Session) => void;
  private replaying = false;
  /** The terminal whose command is running right now. */
  private activeTerminal?: LearnerTerminal;
  private clusterChanged = false;
  /** Objects changed since the last change notice. */
  private objectsChanged = false;
  private readonly kubectl: CommandImpl;
  private workstation: ShellHost;

  constructor(options: SessionOptions = {}) {
    this.seed = options.seed ?? 1;
    this.startTime = options.startTime ?? defaultStartTime;
    this.workspace = options.workspace ?? new MemFs();
    this.hostCommands = options.hostCommands ?? {};
    this.contexts = this.newContexts();
    this.api = new ForwardingApi(
      () => this.cluster.api,
      () => this.afterApiWrite(),
    );
    const session = this;
    this.clock = {
      now: () => session.now(),
      nextTimerAt: () => session.builtContexts().nextTimerAt(),
      advanceTo: (time: number) => session.advanceTo(time),
      advanceBy: (ms: number) => session.advanceTo(session.builtContexts().now()! + ms),
    };
    this.kubectl = createKubectl({
      api: this.api,
      kubeconfig: () => this.contexts,
      scriptMode: () => this.scriptMode,
      portForwards: {
        open: (local, ns, pod, remote, onConnection) => this.openPortForward(local, ns, pod, remote, onConnection),
        close: (local) => this.cluster.network.portForwards.delete(local),
      },
      openEditor: options.openEditor,
      interactiveShell: (target) => !this.scriptMode && !!this.activeTerminal?.enterContainer(target),
      terminalInput: (input) => !this.scriptMode && !!this.activeTerminal?.takeInput(input),
    });
    this.workstation = workstationHost({
      fs: this.workspace,
      commands: { kubectl: this.kubectl, ...Object.fromEntries(Object.entries(this.hostCommands).map(([name, command]) => [name, command.run])) },
      network: () => this.cluster.network,
    });
    this.baseline = this.snapshotWorkspace();
  }

  /** The current context's cluster. */
  private get cluster(): Cluster {
    return this.contexts.entry()!.cluster;
  }

  private builtContexts(): ClusterContexts<SessionCluster> {
    this.contexts.entry();
    return this.contexts;
  }

  /** Virtual now, without building the cluster just to read the time. */
  private now(): number {
    return this.contexts.now() ?? this.startTime + clusterUptimeMs;
  }

  /** In script mode (podlab --script, the validator) streaming commands stop after their request timeout. */
  scriptMode = false;

  /** A fresh kubeconfig of one context, whose cluster is built now. */
  private buildCluster(): void {
    this.contexts = this.newContexts();
    this.contexts.entry();
  }

  private newContexts(): ClusterContexts<SessionCluster> {
    return new ClusterContexts((index) => {
      // A later context's cluster is as old as the first one when it is first used.
      const cluster = new Cluster({ seed: this.seed + index, startTime: this.startTime });
      cluster.age(index === 0 ? clusterUptimeMs : this.now() - this.startTime);
      cluster.api.watchAll(() => {
        this.clusterChanged = true;
        this.objectsChanged = true;
      });
      cluster.clock.afterEachTimer = () => this.afterTimer();
      return { cluster, shells: new NodeShells(cluster, this.kubectl) };
    });
  }

  /** Replaces the kubeconfig with several contexts, the first one current (an exam's clusters; from its setup). */
  useContexts(contexts: readonly KubeContext[]): void {
    this.contexts.configure(contexts);
  }

  /**
   * The session seen through one context (an exam task's cluster): its API, inspector, node
   * runtimes and cluster, whichever context is current; undefined for an unknown context.
   */
  onContext(name: string): Session | undefined {
    if (!this.contexts.find(name)) return undefined;
    // Looked up at every use: undo and resume build the clusters anew.
    const entry = () => this.contexts.entry(name)!;
    const overrides: Record<PropertyKey, unknown> = {
      api: new ForwardingApi(
        () => entry().cluster.api,
        () => this.afterApiWrite(),
      ),
      podRuntime: (namespace: string, pod: string) => entry().shells.podRuntime(namespace, pod),
      stopKubelet: (node: string) => stopKubeletOn(entry().cluster, node),
    };
    const session = this;
    // A proxy, so that whatever else a session offers stays the session's own.
    return new Proxy(this, {
      get(target, key) {
        if (key === 'inspect') return session.inspectorOf(entry());
        if (key === 'currentCluster') return entry().cluster;
        if (key in overrides) return overrides[key];
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  private afterTimer(): void {
    const now = this.now();
    const newSecond = now - this.lastStepAt >= 1000;
    if (this.clusterChanged || newSecond) {
      this.lastStepAt = now;
      if (!this.replaying) for (const listener of [...this.stepListeners]) listener();
    }
    if (!this.clusterChanged) return;
    this.clusterChanged = false;
    for (const terminal of this.terminals) terminal.notifyChange();
  }

  /** A write through the session's API (kubectl, a starting state, `podlab serve`) is a change the grader grades at once. */
  private afterApiWrite(): void {
    this.objectsChanged = true;
    this.emitChange({ objects: true });
  }

  private settle(): void {
    if (!this.contexts.isBuilt()) return;
    this.contexts.settle();
    this.afterTimer();
  }

  private advanceTo(time: number): void {
    if (!this.replaying && time > this.builtContexts().now()!) {
      // Runs of clock advances (the app ticks many times a second) keep one entry: only the last time matters.
      const last = this.journal[this.journal.length - 1];
      if (last?.kind === 'advance') last.time = time;
      else this.journal.push({ kind: 'advance', time });
    }
    this.contexts.advanceTo(time);
    this.settle();
    this.emitChange({ time: true });
  }

  /**
   * Tells the listeners what changed. Step listeners hear of it too, unless only time moved on
   * within the virtual second they last heard of (afterTimer has told them of every object change).
   */
  private emitChange(what: Partial<SessionChange>): void {
    if (this.replaying) return;
    const change: SessionChange = { objects: this.objectsChanged, time: false, files: false, command: false, rebuilt: false, ...what };
    this.objectsChanged = false;
    const now = this.now();
    const onlyTime = !change.objects && !change.files && !change.command && !change.rebuilt;
    if (!onlyTime || now - this.lastStepAt >= 1000) {
      this.lastStepAt = now;
      for (const listener of [...this.stepListeners]) listener();
    }
    for (const listener of [...this.listeners]) listener(change);
  }

  openTerminal(host?: string): LearnerTerminal {
    const session = this;
    const terminal = new LearnerTerminal(this.terminals.length, {
      clock: {
        now: () => session.now(),
        schedule: (at: number, callback: () => void, label?: string) => session.cluster.clock.schedule(at, callback, label),
        after: (ms: number, callback: () => void, label?: string) => session.cluster.clock.after(ms, callback, label),
        every: (firstAt: number, periodMs: number, callback: () => void, label?: string) => session.cluster.clock.every(firstAt, periodMs, callback, label),
      },
      api: this.api,
      workstation: this.workstation,
      nodeHost: (name) => this.nodeShell(name),
      onCommandStart: (t, line) => {
        if (!this.replaying && this.replays(line)) this.journal.push({ kind: 'line', terminal: t.id, line, time: this.now() });
        this.log.push({ time: this.now(), line, commands: [] });
      },
      onCommandArgv: (argv) => {
        this.log[this.log.length - 1]?.commands.push([...argv]);
      },
      onCommandEnd: (_t, _line, exitCode) => {
        const record = this.log[this.log.length - 1];
        if (record) record.exitCode = exitCode;
        this.emitChange({ command: true });
      },
      settle: () => this.settle(),
      replaying: () => this.replaying,
      onInterrupt: (t) => this.recordInterrupt(t.id),
      onInput: (t, text) => {
        if (!this.replaying) this.journal.push({ kind: 'input', terminal: t.id, text, time: this.now() });
      },
      setActive: (t) => (this.activeTerminal = t),
    });
    this.terminals.push(terminal);
    if (host && host !== 'workstation') this.startShellOn(terminal, host);
    return terminal;
  }

  /** Whether undo and resume run the line again: not when it starts with a host command that is not replayed. */
  private replays(line: string): boolean {
    const name = line.trim().split(/\s+/)[0] ?? '';
    return this.hostCommands[name]?.replay ?? true;
  }

  /** Every terminal opened in this session, by id (a replay opens the ones it needs). */
  terminalSessions(): readonly LearnerTerminal[] {
    return this.terminals;
  }

  /** Puts the terminal's shell on a node of the current cluster, recorded so that replays do the same. */
  private startShellOn(terminal: LearnerTerminal, host: string): void {
    terminal.resetShell(host);
    if (!this.replaying) this.journal.push({ kind: 'shell', terminal: terminal.id, host, time: this.now() });
  }

  onChange(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStep(listener: () => void): () => void {
    this.stepListeners.add(listener);
    return () => this.stepListeners.delete(listener);
  }

  get inspect(): ClusterInspector {
    return this.inspectorOf(this.contexts.entry()!);
  }

  /** One inspector per cluster: the grader asks at every step, and a reset or undo builds a new cluster. */
  private inspectorOf(entry: SessionCluster): ClusterInspector {
    entry.inspector ??= inspectCluster(entry.cluster);
    return entry.inspector;
  }

  commandLog(): readonly CommandRecord[] {
    return this.log;
  }

  writeWorkspaceFile(path: string, content: string): void {
    this.putWorkspaceFile(path, content);
    if (!this.replaying) this.journal.push({ kind: 'file', path, content, time: this.now() });
    this.emitChange({ files: true });
  }

  private putWorkspaceFile(path: string, content: string): void {
    const parent = path.slice(0, path.lastIndexOf('/'));
    if (parent !== '' && !this.workspace.stat(parent)) this.workspace.mkdir(parent, { recursive: true });
    this.workspace.writeFile(path, content);
  }

  /** A fresh cluster; `setup` (the exercise's starting state) runs on it now and again on every undo. */
  reset(setup?: (session: Session) => void): void {
    this.interruptAll();
    this.setup = setup;
    this.journal = [];
    this.log = [];
    this.buildCluster();
    // A terminal on a node moves to the same node of the new cluster.
    for (const terminal of this.terminals) if (terminal.host !== 'workstation') this.startShellOn(terminal, terminal.host);
    this.setup?.(this);
    this.settle();
    this.baseline = this.snapshotWorkspace();
    this.emitChange({ rebuilt: true, objects: true, files: true });
  }

  undo(): boolean {
    let index = -1;
    for (let i = this.journal.length - 1; i >= 0; i--) {
      if (this.journal[i].kind === 'line' || this.journal[i].kind === 'api') {
        index = i;
        break;
      }
    }
    if (index < 0) return false;
    const entries = this.journal.slice(0, index);
    const undoneAt = this.journal[index].time;
    this.rebuild(entries, undoneAt);
    return true;
  }

  snapshot(): SessionSnapshot {
    return { version: 1, seed: this.seed, startTime: this.startTime, journal: [...this.journal], baseline: this.baseline };
  }

  /** Rebuilds the state a snapshot describes (after the app restarts), with the exercise's setup. */
  restore(snapshot: SessionSnapshot, setup?: (session: Session) => void): void {
    this.setup = setup;
    if (snapshot.baseline) this.baseline = snapshot.baseline;
    const last = snapshot.journal[snapshot.journal.length - 1];
    this.rebuild(snapshot.journal, last?.time ?? this.startTime + clusterUptimeMs);
  }

  private rebuild(entries: JournalEntry[], endTime: number): void {
    this.interruptAll();
    this.replaying = true;
    try {
      this.journal = [];
      this.log = [];
      this.buildCluster();
      this.setup?.(this);
      this.settle();
      this.restoreWorkspace();
      for (const terminal of this.terminals) terminal.resetShell();
      const runs = new Map<number, CommandRun>();
      for (const entry of entries) {
        if (entry.time > this.now()) {
          this.contexts.advanceTo(entry.time);
          this.settle();
        }
        if (entry.kind === 'line') {
          while (this.terminals.length <= entry.terminal) this.openTerminal();
          runs.set(entry.terminal, this.terminals[entry.terminal].execute(entry.line, () => {}));
        } else if (entry.kind === 'interrupt') {
          runs.get(entry.terminal)?.interrupt();
        } else if (entry.kind === 'input') {
          const run = runs.get(entry.terminal);
          if (entry.text === null) run?.endInput();
          else run?.input(entry.text);
        } else if (entry.kind === 'shell') {
          while (this.terminals.length <= entry.terminal) this.openTerminal();
          this.terminals[entry.terminal].resetShell(entry.host);
        } else if (entry.kind === 'file') {
          if (entry.content === null) this.workspace.remove(entry.path);
          else this.putWorkspaceFile(entry.path, entry.content);
        } else if (entry.kind === 'api') {
          try {
            this.applyApiWrite(entry.write);
          } catch {
            // As a replayed command line that fails: the state it meets is the same, so is the error.
          }
          this.settle();
        }
        this.journal.push(entry);
      }
      for (const run of runs.values()) run.interrupt();
      if (endTime > this.now()) this.contexts.advanceTo(endTime);
      this.settle();
    } finally {
      this.replaying = false;
    }
    this.emitChange({ rebuilt: true, objects: true, files: true, time: true });
  }

  writeThroughApi(write: ApiWrite): { object: KubeObject; warnings: string[] } {
    const recorded = copyJson(write);
    const result = this.applyApiWrite(write);
    // Controllers react at the same instant, live and in a replay alike.
    this.settle();
    const dryRun = ((write.verb === 'delete' || write.verb === 'evict') && write.options.dryRun) === true;
    if (!this.replaying && !dryRun) this.journal.push({ kind: 'api', write: recorded, summary: apiWriteSummary(write), time: this.now() });
    return result;
  }

  private applyApiWrite(write: ApiWrite): { object: KubeObject; warnings: string[] } {
    // Admission's warnings (PodSecurity) go back with the answer, after those of decoding.
    const admissionWarnings: string[] = [];
    const api = listeningForWarnings(this.api, (warning) => admissionWarnings.push(warning));
    const answer = (object: KubeObject, warnings: string[] = []) => ({ object, warnings: [...warnings, ...admissionWarnings] });
    switch (write.verb) {
      case 'create':
        return answer(api.create(copyJson(write.object), { fieldManager: write.fieldManager }));
      case 'update':
        return answer(api.update(copyJson(write.object), { fieldManager: write.fieldManager }));
      case 'update-status':
        return answer(api.updateStatus(copyJson(write.object)));
      case 'apply':
        return answer(api.apply(copyJson(write.object), { fieldManager: write.fieldManager, force: write.force }));
      case 'patch': {
        const result = patchResource(api, { kind: write.kind, namespace: write.namespace, name: write.name, patch: copyJson(write.patch), type: write.patchType, subresource: write.subresource, fieldManager: write.fieldManager });
        return answer(result.object, result.warnings);
      }
      case 'delete':
        return answer(api.delete(write.kind, write.namespace, write.name, write.options));
      case 'evict':
        return answer(evictPod(api, write.namespace, write.name, write.options));
    }
  }

  /** Records a Ctrl-C for the journal (the terminal itself delivers it). */
  recordInterrupt(terminalId: number): void {
    if (!this.replaying) this.journal.push({ kind: 'interrupt', terminal: terminalId, time: this.now() });
  }

  private interruptAll(): void {
    for (const terminal of this.terminals) terminal.abandon();
  }

  private snapshotWorkspace(): Record<string, string> | undefined {
    if (!(this.workspace instanceof MemFs)) return undefined;
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const name of this.workspace.readdir(dir)) {
        const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
        if (this.workspace.stat(path)?.type === 'dir') walk(path);
        else files[path] = this.workspace.readFile(path);
      }
    };
    walk('/');
    return files;
  }

  private restoreWorkspace(): void {
    if (!this.baseline || !(this.workspace instanceof MemFs)) return;
    for (const name of this.workspace.readdir('/')) this.workspace.remove(`/${name}`, { recursive: true });
    for (const [path, content] of Object.entries(this.baseline)) {
      const parts = path.split('/').filter(Boolean);
      let dir = '';
      for (const part of parts.slice(0, -1)) {
        dir += `/${part}`;
        if (!this.workspace.stat(dir)) this.workspace.mkdir(dir);
      }
      this.workspace.writeFile(path, content);
    }
  }

  private openPortForward(localPort: number, namespace: string, podName: string, remotePort: number, onConnection?: () => void): void {
    const pod = this.cluster.api.peek('Pod', namespace, podName);
    const ip = pod?.status?.podIP as string | undefined;
    const netns = ip ? this.cluster.network.namespaceAt(ip) : undefined;
    if (netns) this.cluster.network.portForwards.set(localPort, { namespace: netns, port: remotePort, onConnection });
  }

  /** A node's shell for `ssh`; the cluster is built first if nothing has touched it yet. */
  private nodeShell(name: string): ShellHost | undefined {
    return this.contexts.entry()!.shells.host(name);
  }

  stopKubelet(node: string): void {
    stopKubeletOn(this.cluster, node);
  }

  podRuntime(namespace: string, name: string): PodRuntimeView | undefined {
    return this.contexts.entry()!.shells.podRuntime(namespace, name);
  }

  /** The underlying cluster, for tests, benchmarks and the node shells. */
  get currentCluster(): Cluster {
    return this.cluster;
  }

  /** Lets virtual time run until every terminal command has finished or `limitMs` has passed (script mode). */
  runUntilIdle(isDone: () => boolean, limitMs: number): void {
    if (isDone()) return;
    const deadline = this.builtContexts().now()! + limitMs;
    while (!isDone()) {
      const next = this.contexts.nextTimerAt();
      if (next === undefined || next > deadline) {
        this.advanceTo(deadline);
        break;
      }
      this.contexts.advanceTo(next);
      this.settle();
    }
    this.emitChange({ time: true });
  }
}

export function createSession(options: SessionOptions = {}): SimSession {
  return new SimSession(options);
}

function stopKubeletOn(cluster: Cluster, node: string): void {
  const runtime = cluster.nodes.get(node);
  if (!runtime) throw new Error(`node ${node} not found`);
  runtime.stopKubelet();
}

/** What an outside write did, as kubectl names objects: `create pod/web`, `patch deployment/web`. */
function apiWriteSummary(write: ApiWrite): string {
  const [kind, name] = write.verb === 'create' || write.verb === 'update' || write.verb === 'update-status' || write.verb === 'apply' ? [write.object.kind, write.object.metadata.name] : [write.kind, write.name];
  return `${write.verb} ${String(kind).toLowerCase()}/${name ?? ''}`;
}

/** A copy of data read from JSON or YAML (the store may default an object in place). */
function copyJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
