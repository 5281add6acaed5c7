// Everything a shell remembers between commands: variables, the working directory, `$?`,
// aliases and functions. A subshell works on a copy.

import type { Command } from './ast';
import type { ShellJob } from './jobs';
import { checkStringLength, ShellOutOfMemory, shellVariablesLimit } from './memory-limit';

export interface ShellState {
  vars: Map<string, string>;
  /** bash arrays; `vars` holds element 0 of each, as `$name` reads it. Elements may be unset. */
  arrays: Map<string, (string | undefined)[]>;
  exported: Set<string>;
  cwd: string;
  lastStatus: number;
  aliases: Map<string, string>;
  functions: Map<string, Command>;
  /** $1, $2 ... */
  positional: string[];
  /** $0 */
  scriptName: string;
  /** $$ */
  pid: number;
  /** $! */
  lastBackgroundPid: number | undefined;
  /** Jobs started with `&`, until they have ended and been told of (shared with subshells, as `jobs` there shows them). */
  jobs: ShellJob[];
  /** Reads commands from a terminal: tells of jobs as they start and end. Subshells are not. */
  interactive?: boolean;
  /** The script line of the command running (LINENO), which dash names in its messages. */
  lineNumber?: number;
  /** Set once `exit` ran at the top level: the shell is gone. */
  exited?: boolean;
  /** set -e */
  errexit: boolean;
  /** Commands recorded by `trap`, by signal name. */
  traps: Map<string, string>;
  /** Trap commands of signals that arrived during a command; they run once it has finished. */
  pendingTraps: string[];
  /** Bumped whenever an exported variable changes, so the command environment can be cached. */
  envVersion: number;
  /** Approximate bytes held in variables (reported as the shell's memory). */
  varBytes: number;
  /** varBytes when the host was last told. */
  reportedBytes: number;
  /** Cached environment for commands; valid while envVersion matches. */
  envCache?: { version: number; env: Map<string, string> };
}

export interface ShellStateInit {
  /** Environment variables; all exported. */
  env?: Record<string, string> | Map<string, string>;
  cwd?: string;
  pid?: number;
  scriptName?: string;
  positional?: string[];
}

export function createShellState(init: ShellStateInit = {}): ShellState {
  const vars = new Map<string, string>(init.env instanceof Map ? init.env : Object.entries(init.env ?? {}));
  const cwd = init.cwd ?? '/';
  // Shells set and export PWD at startup.
  if (!vars.has('PWD')) vars.set('PWD', cwd);
  let varBytes = 0;
  for (const [name, value] of vars) varBytes += name.length + value.length;
  return {
    vars,
    arrays: new Map(),
    exported: new Set(vars.keys()),
    cwd,
    lastStatus: 0,
    aliases: new Map(),
    functions: new Map(),
    positional: init.positional ?? [],
    scriptName: init.scriptName ?? 'sh',
    pid: init.pid ?? 1,
    lastBackgroundPid: undefined,
    jobs: [],
    errexit: false,
    traps: new Map(),
    pendingTraps: [],
    envVersion: 0,
    varBytes,
    reportedBytes: 0,
  };
}

/** A copy for a subshell, pipeline stage or command substitution. */
export function copyShellState(state: ShellState): ShellState {
  return {
    ...state,
    vars: new Map(state.vars),
    arrays: new Map([...state.arrays].map(([name, values]) => [name, [...values]])),
    exported: new Set(state.exported),
    aliases: new Map(state.aliases),
    functions: new Map(state.functions),
    positional: [...state.positional],
    traps: new Map(state.traps),
    pendingTraps: [],
    envCache: state.envCache,
    interactive: false,
  };
}

export function setVar(state: ShellState, name: string, value: string): void {
  const old = state.vars.get(name);
  checkStringLength(value.length);
  const change = value.length - (old === undefined ? -name.length : old.length);
  if (change > 0 && state.varBytes + change > shellVariablesLimit) throw new ShellOutOfMemory(value.length + 1);
  state.varBytes += change;
  state.vars.set(name, value);
  const array = state.arrays.get(name);
  if (array) array[0] = value;
  if (state.exported.has(name)) state.envVersion++;
}

/** The elements of an array (a plain variable is an array of one; unset ones are skipped). */
export function arrayValues(state: ShellState, name: string): string[] {
  const array = state.arrays.get(name);
  if (array) return array.filter((v): v is string => v !== undefined);
  const value = state.vars.get(name);
  return value === undefined ? [] : [value];
}

/** The element at `index` (negative counts from the end), undefined when unset. */
export function arrayElement(state: ShellState, name: string, index: number): string | undefined {
  const array = state.arrays.get(name) ?? (state.vars.has(name) ? [state.vars.get(name)] : []);
  return array[index < 0 ? array.length + index : index];
}

export function setArray(state: ShellState, name: string, values: (string | undefined)[]): void {
  let bytes = 0;
  for (const value of values) {
    if (value === undefined) continue;
    checkStringLength(value.length);
    bytes += value.length + 1;
  }
  if (bytes > 0 && state.varBytes + bytes > shellVariablesLimit) throw new ShellOutOfMemory(bytes);
  state.varBytes += bytes;
  state.arrays.set(name, values);
  const first = values[0];
  if (first === undefined) state.vars.delete(name);
  else state.vars.set(name, first);
  if (state.exported.has(name)) state.envVersion++;
}

export function unsetVar(state: ShellState, name: string): void {
  const old = state.vars.get(name);
  if (old !== undefined) state.varBytes -= name.length + old.length;
  state.vars.delete(name);
  state.arrays.delete(name);
  if (state.exported.delete(name)) state.envVersion++;
}

export function exportVar(state: ShellState, name: string): void {
  if (!state.exported.has(name)) {
    state.exported.add(name);
    state.envVersion++;
  }
}

/** The exported variables, as commands see their environment. */
export function commandEnvironment(state: ShellState): Map<string, string> {
  const cache = state.envCache;
  if (cache && cache.version === state.envVersion) return cache.env;
  const env = new Map<string, string>();
  for (const name of state.exported) {
    const value = state.vars.get(name);
    if (value !== undefined) env.set(name, value);
  }
  state.envCache = { version: state.envVersion, env };
  return env;
}
