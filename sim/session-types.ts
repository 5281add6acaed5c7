// The face of a running simulation, as the app, `podlab` and the lab grader use it.
// One Session = one simulated cluster + the learner's workspace + terminals + the journal of
// everything the learner did (which is what undo and resume replay).

import type { ApiServer } from './api/server';
import type { FileSystem } from './fs/filesystem';
import type { ClusterInspector } from './inspection';
import type { CommandImpl } from './process';
import type { ProbeRecord } from './kubelet/probe-history';

export interface CommandRun {
  /** True once the command line has finished. */
  readonly done: boolean;
  /** Exit status of the last pipeline (`$?`), once done. */
  readonly exitCode: number | undefined;
  /** Ctrl-C: interrupts the running command (`get -w`, `logs -f`, `sleep`). */
  interrupt(): void;
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
  /** Commands added to the learner's shell, e.g. `lab`. */
  extraCommands?: Record<string, CommandImpl>;
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
  /** Called after anything changed: objects, time, files. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /**
   * Called as virtual time passes, inside a single jump too: after each timer that changed an
   * object, at least once in every virtual second in which a timer ran, and after every change.
   * The grader uses it to see every state the cluster passes through. Returns an unsubscribe function.
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
  /** Returns the cluster, clock and workspace to before the last command line. False when there is none. */
  undo(): boolean;
  /**
   * Writes a workspace file as the editor does (absolute path in `workspace`, parent folders
   * created). Recorded with the commands, so undo and resume keep it where it was written.
   */
  writeWorkspaceFile(path: string, content: string): void;
}
