// What the interpreter carries while it runs: the shell's state, the world outside it, and where
// input comes from and output goes.

import type { FileSystem } from '../../fs/filesystem';
import type { CommandImpl, HostServices, ProcessIO, Program, Wait, Wake } from '../../process';
import type { List, Script } from './ast';
import type { ShellJob } from './jobs';
import type { ShellStreams } from './shell-io';
import type { ShellState } from './state';

export type ShellDialect = 'busybox' | 'bash';

export interface ShellEnvironment {
  fs: FileSystem;
  io: ProcessIO;
  host: HostServices;
  now(): number;
  dialect: ShellDialect;
  /** How the shell names itself in messages: `sh`, `bash`, `/bin/sh`. */
  shellName: string;
  /**
   * Debian's /bin/sh: dash, run with the bash dialect's language here, says its own words, each
   * message naming its $0 and the script's line: `sh: 1: foo: not found`.
   */
  dash?: boolean;
  /** The dialect's command table (busyboxCommands or gnuCommands), after host commands. */
  commands(name: string): CommandImpl | undefined;
}


/** Running a command list: yields while it waits, returns its exit status. */
export type Execution = Generator<Wait, number, Wake | undefined>;

/**
 * The interpreter's entry points for the parts of the language that run shell code again: the
 * builtins eval, source, command and exec, and command substitution in word expansion.
 */
export interface Interpreter {
  execList(list: List, ctx: ExecContext): Execution;
  invoke(argv: string[], ctx: ExecContext, assignments: Map<string, string> | undefined): Execution;
  runSubstitution(script: Script, ctx: ExecContext): Generator<Wait, string, Wake | undefined>;
}

export interface BackgroundJob {
  program: Program;
  pid: number;
  /** What the job waits for; undefined once done. */
  wait: Wait | undefined;
  done: boolean;
  /** A stage of a pipeline running beside the others, not a job of `&`. */
  pipeStage?: boolean;
  /** The `&` job this runs, told when it ends. */
  shellJob?: ShellJob;
}

/** Shared by a whole run, subshells included. */
export interface RunShared {
  jobs: BackgroundJob[];
  nextJobPid: number;
  /** The virtual time of the latest fork, and how many forks happened at that time (process-limit.ts); shared with the background processes the run starts. */
  forks: { instant?: number; count: number };
}

export interface ExecContext {
  interpreter: Interpreter;
  state: ShellState;
  env: ShellEnvironment;
  io: ShellStreams;
  shared: RunShared;
  /** Inside an if/while condition or a && || chain: `set -e` does not apply. */
  inCondition: boolean;
  /** Inside a function: `return` is allowed. */
  inFunction: boolean;
  /** Nesting of loops, for break/continue. */
  loopDepth: number;
  /** A subshell: `exit` ends only it. */
  subshell: boolean;
  /** Nesting of function calls, bounded like bash's FUNCNEST so runaway recursion ends with a message. */
  functionDepth?: number;
  /** Processes this branch stands for on a real system: the product of the pipelines around it (process-limit.ts). */
  processes?: number;
  /** Aliases being expanded, so `alias ls='ls -l'` does not loop. */
  expandingAliases?: Set<string>;
}

// Control flow travels as exceptions through the generator stack.
export class BreakSignal {
  constructor(public levels: number) {}
}
export class ContinueSignal {
  constructor(public levels: number) {}
}
export class ReturnSignal {
  constructor(readonly status: number) {}
}
export class ExitSignal {
  constructor(readonly status: number) {}
}
