// The face of a running simulation, as the app, `podlab` and the lab grader use it.
// One Session = one simulated cluster + the learner's workspace + terminals + the journal of
// everything the learner did (which is what undo and resume replay).

import type { ApiServer, DeleteOptions } from './api/server';
import type { PatchType } from './api/patch';
import type { KubeObject } from './api/types';
import type { FileSystem } from './fs/filesystem';
import type { ProbeRecord } from './kubelet/probe-history';
import type { CommandImpl, HttpResult } from './process';

export interface CommandRun {
  /** True once the command line has finished. */
  readonly done: boolean;
  /** Exit status of the last pipeline (`$?`), once done. */
  readonly exitCode: number | undefined;
  /** Ctrl-C: interrupts the running command (`get -w`, `logs -f`, `sleep`), or goes to the attached process on a terminal. */
  interrupt(): void;
  /** True while the command reads what is typed (`kubectl attach -i`, `run -it`): lines go to `input`, not to the type-ahead. */
  readonly readsInput: boolean;
  /** A typed line, with its newline, for the command reading input. */
  input(text: string): void;
  /** Ctrl-D: the end of input for the command reading it. */
  endInput(): void;
  /** Called once when the command line finishes (immediately if it already has). */
  onDone(listener: (exitCode: number) => void): void;
}

export interface Completion {
  /** Index in the line where the word being completed starts. */
  from: number;
  /** Candidate replacements for line.slice(from, cursor), sorted. */
  candidates: string[];
}

export interface TerminalSession {
  /** `workstation`, or a node name after `ssh node01`. */
  readonly host: string;
  /** e.g. `learner@podlab:~$ ` or `root@node01:~# ` */
  prompt(): string;
  /** Runs one command line; its output arrives through `out` as virtual time passes. */
  execute(line: string, out: (text: string) => void): CommandRun;
  complete(line: string, cursor: number): Completion;
  /** Lines run in this terminal, oldest first. */
  history(): readonly string[];
}

export interface CommandRecord {
  /** Virtual ms when it started. */
  time: number;
  /** The line as typed. */
  line: string;
  /** Each simple command after alias expansion, as argv (`['kubectl','describe','pod','x']`). */
  commands: string[][];
  exitCode?: number;
}

/** One probe attempt (the kubelet keeps the newest per container). */
export type { ProbeRecord };

/** What a real cluster hides, for the cluster view and the node shell. */
export interface PodRuntimeView {
  namespace: string;
  name: string;
  uid: string;
  node?: string;
  sandbox?: {
    id: string;
    /** The pause container's PID on the node. */
    pid: number;
    ip?: string;
    /** Namespace inodes held by the pause container: net, ipc, uts. */
    namespaces: { net: number; ipc: number; uts: number };
    image: string;
    createdAt: number;
  };
  containers: {
    name: string;
    init: boolean;
    id?: string;
    pid?: number;
    state: 'waiting' | 'running' | 'terminated';
    memoryBytes: number;
    cpuMillicores: number;
    probes: ProbeRecord[];
  }[];
  volumes: { name: string; type: string; mountedBy: string[] }[];
}

export interface ContainerRef {
  namespace: string;
  pod: string;
  /** The first app container when not given, as kubectl does. */
  container?: string;
}

/** Where a request starts: a Pod's network namespace, or a node's. */
export type RequestOrigin = { namespace: string; pod: string } | { node: string };

/** Either the value, or why it could not be read (in the words a learner can act on). */
export type Inspected<T> = { value: T } | { error: string };

export interface ClusterInspector {
  /** The environment of the container's running main process. */
  containerEnv(ref: ContainerRef): Inspected<ReadonlyMap<string, string>>;
  /** A file in the running container, as `cat` inside it would read it. */
  containerFile(ref: ContainerRef, path: string): Inspected<string>;
  /**
   * A GET of `url` from `origin`. A URL that reaches a Service (by name, cluster IP or node port)
   * is asked of every ready endpoint, since a learner's own request may land on any of them.
   */
  httpGet(origin: RequestOrigin, url: string): Inspected<HttpResult[]>;
}

/**
 * A write a client outside the lab's terminal made through the served API (the learner's own
 * kubectl): kept in the journal like a command line, so undo takes it back and resume replays it.
 */
export type ApiWrite =
  | { verb: 'create'; object: KubeObject; fieldManager?: string }
  | { verb: 'update'; object: KubeObject; fieldManager?: string }
  | { verb: 'update-status'; object: KubeObject }
  /** Server-side apply of `object` by `fieldManager`. */
  | { verb: 'apply'; object: KubeObject; fieldManager: string; force: boolean }
  | { verb: 'patch'; kind: string; namespace?: string; name: string; patch: unknown; patchType: PatchType; subresource: string; fieldManager?: string }
  | { verb: 'delete'; kind: string; namespace?: string; name: string; options: DeleteOptions }
  /** POST pods/NAME/eviction: a delete that the pod's disruption budget must allow. */
  | { verb: 'evict'; kind: 'Pod'; namespace: string; name: string; options: DeleteOptions };

/** One thing the learner did, as undo and resume replay it. */
export type JournalEntry =
  | { kind: 'line'; terminal: number; line: string; time: number }
  | { kind: 'interrupt'; terminal: number; time: number }
  /** What was typed to a command reading input (`kubectl attach -i`); `text` null for Ctrl-D. */
  | { kind: 'input'; terminal: number; text: string | null; time: number }
  | { kind: 'file'; path: string; content: string | null; time: number }
  | { kind: 'advance'; time: number }
  /** A write through the served API; `summary` names it for the learner (`create pod/web`). */
  | { kind: 'api'; write: ApiWrite; summary: string; time: number }
  /** A terminal whose shell starts on a node: a tab opened there, or one that was there at a reset. */
  | { kind: 'shell'; terminal: number; host: string; time: number };

/** Everything needed to rebuild a session: seed, start time and the journal since the last reset. */
export interface SessionSnapshot {
  version: 1;
  seed: number;
  startTime: number;
  journal: JournalEntry[];
  /** Workspace files at the last reset (in-memory workspaces only). */
  baseline?: Record<string, string>;
}

/** A command the host adds to the learner's shell (the lab adds `lab`). */
export interface HostCommand {
  run: CommandImpl;
  /**
   * Whether undo and resume run it again. A command that drives the session itself (`lab start`
   * resets the cluster) is not something the learner did to the cluster, so it is not replayed.
   */
  replay: boolean;
}

/** What a change notice says changed; several may be true at once. */
export interface SessionChange {
  /** Objects in the API server changed. */
  readonly objects: boolean;
  /** Virtual time moved on. */
  readonly time: boolean;
  /** A workspace file was written. */
  readonly files: boolean;
  /** A command line finished. */
  readonly command: boolean;
  /** The cluster was built afresh: reset, undo or resume. */
  readonly rebuilt: boolean;
}

export interface SessionClock {
  now(): number;
  /** Virtual time of the next scheduled timer, if any. */
  nextTimerAt(): number | undefined;
  /** Runs every timer due up to `time` in order, then sets the clock to `time`. */
  advanceTo(time: number): void;
  advanceBy(ms: number): void;
}

export interface SessionOptions {
  /** Seed for names, IPs and any other random choice. */
  seed?: number;
  /** Virtual ms at which the session starts. */
  startTime?: number;
  /** The learner's workspace (in memory when not given). */
  workspace?: FileSystem;
  /** Commands the host adds to the learner's shell, by name (e.g. `lab`). */
  hostCommands?: Record<string, HostCommand>;
  /** Asks the app to open its editor on a workspace file (`kubectl edit`); absolute path in `workspace`. */
  openEditor?(absolutePath: string): void;
}

export interface Session {
  readonly api: ApiServer;
  readonly clock: SessionClock;
  readonly workspace: FileSystem;
  openTerminal(host?: string): TerminalSession;
  /** The terminals opened so far, oldest first: after a resume, replay may have opened some. */
  terminalSessions(): readonly TerminalSession[];
  /** Called after anything changed (objects, time, files, a command), saying what. Returns an unsubscribe function. */
  onChange(listener: (change: SessionChange) => void): () => void;
  /**
   * Called as virtual time passes, inside a single jump too: after each timer that changed an
   * object, at least once in every virtual second in which time moved, and after every change
   * that is more than time passing. The grader uses it to see every state the cluster passes
   * through without grading again at every frame of the app's clock. Returns an unsubscribe function.
   */
  onStep(listener: () => void): () => void;
  /** Looks inside the current cluster (environments, files, HTTP answers) without leaving a trace. */
  readonly inspect: ClusterInspector;
  /** Every command line the learner ran, in every terminal. */
  commandLog(): readonly CommandRecord[];
  podRuntime(namespace: string, name: string): PodRuntimeView | undefined;
  /**
   * A fresh cluster from the same seed and start time; terminals stay open, the workspace is kept.
   * `setup` (an exercise's starting state) runs on the fresh cluster now and again whenever undo rebuilds it.
   */
  reset(setup?: (session: Session) => void): void;
  /** Returns the cluster, clock and workspace to before the last command line (or write through the served API). False when there is none. */
  undo(): boolean;
  /**
   * Makes a write as a client outside the terminal does (the served API), recorded with the
   * command lines so that undo and resume treat it as one. Throws as the API server would.
   */
  writeThroughApi(write: ApiWrite): { object: KubeObject; warnings: string[] };
  /**
   * Writes a workspace file as the editor does (absolute path in `workspace`, parent folders
   * created). Recorded with the commands, so undo and resume keep it where it was written.
   */
  writeWorkspaceFile(path: string, content: string): void;
  /** Stops the kubelet of a node, as `systemctl stop kubelet` there does (an exercise's starting state). Throws for an unknown node. */
  stopKubelet(node: string): void;
  /** Describes the session so that `restore` can rebuild it exactly (after the app restarts). */
  snapshot(): SessionSnapshot;
  /** Rebuilds the state a snapshot describes; `setup` is the exercise's starting state, as for `reset`. */
  restore(snapshot: SessionSnapshot, setup?: (session: Session) => void): void;
}
