// The shape of a kubectl command (as cobra models it) and what a command's run function gets.

import type { ApiServer } from '../api/server';
import type { Kubeconfig } from '../contexts';
import type { CommandContext, Program } from '../process';
import type { Flags, FlagSpec } from './flags';
import { helpEntry, helpText } from './help';

export interface PortForwarder {
  /** `onConnection` runs for every connection made to the local port. */
  open(localPort: number, namespace: string, pod: string, remotePort: number, onConnection?: () => void): void;
  /** Called when the port-forward command ends. */
  close?(localPort: number): void;
}

export interface KubectlDeps {
  api: ApiServer;
  /** The current context's namespace; `default` when not given. */
  namespace?: () => string;
  /** Called by `kubectl config set-context --current --namespace=x`. */
  setNamespace?: (namespace: string) => void;
  /** The session's kubeconfig (contexts and their clusters); without it, one context and its namespace above. */
  kubeconfig?: () => Kubeconfig;
  /** Streaming commands stop after --request-timeout (30 virtual s by default) in script mode. */
  scriptMode: () => boolean;
  portForwards?: PortForwarder;
  /** Asks the app to open its editor on a workspace file (`kubectl edit`). */
  openEditor?: (absolutePath: string) => void;
  /**
   * `kubectl exec -it POD -- sh`: the terminal turns into a shell inside the container. Returns
   * false where no terminal can (script mode), and exec then runs the command once.
   */
  interactiveShell?: (target: { namespace: string; pod: string; container: string; argv: string[] }) => boolean;
  /**
   * `kubectl attach -i` (and `run -i`, `debug -i`) on the learner's terminal: what the learner types
   * goes to `input` until the command ends. Returns false where nobody types (script mode).
   */
  terminalInput?: (input: TerminalInput) => boolean;
}

/** Where a terminal's typing goes while a command holds its input. */
export interface TerminalInput {
  /** A line as typed, with its newline. */
  write(text: string): void;
  /** Ctrl-D: the end of input. */
  end(): void;
  /** Ctrl-C: true when it goes to the process (a terminal), false when it stops the command. */
  interrupt(): boolean;
}

export interface Invocation {
  /** `kubectl get`, `kubectl create deployment`: used in help and usage errors. */
  commandPath: string;
  /** Positional arguments; those after `--` start at dashAt. */
  args: string[];
  /** Index in args where `--` was, or -1 (cobra's ArgsLenAtDash). */
  dashAt: number;
  flags: Flags;
  ctx: CommandContext;
  deps: KubectlDeps;
  /** From -n/--namespace or the context. */
  namespace: string;
  /** True when -n/--namespace was given. */
  namespaceGiven: boolean;
  out(text: string): void;
  err(text: string): void;
}

/** What the lab runs for one kubectl command; its help and flags come from kubectl's captured help. */
export interface Implementation {
  run: (inv: Invocation) => Program | number;
  /** Flags cobra marks required (`create deployment --image`). */
  required?: string[];
}

/** Implementations by command path without `kubectl ` (`get`, `create secret generic`). */
export type Implementations = Record<string, Implementation>;

/** A node of kubectl's command tree, read from the captured help. */
export interface CommandDef {
  name: string;
  /** `kubectl create configmap`. */
  path: string;
  aliases: string[];
  /** One line, as the parent lists it. */
  short: string;
  /** After `Usage:  kubectl `, e.g. `get [(-o|--output)=...] (TYPE[.VERSION][.GROUP] ...)`. */
  use: string;
  flags: FlagSpec[];
  subcommands: CommandDef[];
  /** Absent for groups (`kubectl config`), which print their help, and for commands the lab does not simulate. */
  implementation?: Implementation;
  /** Not listed in the root help (`kubectl options`). */
  hidden?: boolean;
}

/**
 * What pflag's help cannot tell: lists that keep commas (stringArray), and the value a flag takes
 * when given without one (`--dry-run` alone means `--dry-run=unchanged`). Kubectl defines these
 * the same way in every command that has the flag.
 */
const flagKinds: Record<string, Partial<FlagSpec>> = {
  'dry-run': { noOptDefault: 'unchanged' },
  validate: { noOptDefault: 'strict' },
  cascade: { noOptDefault: 'background' },
  'from-literal': { type: 'stringArray' },
  annotations: { type: 'stringArray' },
  env: { type: 'stringArray' },
  'prune-allowlist': { type: 'stringArray' },
  'as-group': { type: 'stringArray' },
};

export function withFlagKind(spec: FlagSpec): FlagSpec {
  const kind = flagKinds[spec.name];
  return kind ? { ...spec, ...kind } : spec;
}

/** Flags every command accepts (`kubectl options`). Most change nothing in the lab: it has one server, without TLS or authentication. */
export const globalFlags: FlagSpec[] = helpEntry('kubectl options output')!.flags.map(withFlagKind);

/** `kubectl <cmd> --help`, as kubectl 1.32 prints it. */
export function renderHelp(command: CommandDef): string {
  return helpText(command.path) ?? '';
}

/** `kubectl` with no arguments. */
export function renderRootHelp(): string {
  return helpText('kubectl') ?? '';
}

/** A command the lab runs itself, or a group with one such subcommand. */
export function availableInLab(command: CommandDef): boolean {
  return command.implementation !== undefined || command.subcommands.some(availableInLab);
}

/** Cobra's suggestions for an unknown command: Levenshtein distance ≤ 2 (ignoring case), or a prefix. */
export function suggestCommands(typed: string, commands: CommandDef[]): string[] {
  const lower = typed.toLowerCase();
  const found: string[] = [];
  for (const c of commands) {
    const name = c.name.toLowerCase();
    if (levenshtein(lower, name) <= 2 || name.startsWith(lower)) found.push(c.name);
  }
  return found;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = a[i - 1] === b[j - 1] ? previous : Math.min(previous, row[j], row[j - 1]) + 1;
      previous = saved;
    }
  }
  return row[b.length];
}
