// The shape of a kubectl command (as cobra models it) and what a command's run function gets.

import type { ApiServer } from '../api/server';
import type { CommandContext, Program } from '../process';
import { Flags, type FlagSpec } from './flags';

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

export interface CommandDef {
  name: string;
  aliases?: string[];
  /** One line, for the parent's command list. */
  short: string;
  /** Paragraphs shown at the top of --help (defaults to short). */
  long?: string;
  /** `# comment` + command lines. */
  examples?: string;
  /** After `Usage:  kubectl `, e.g. `get TYPE [NAME] [flags] [options]`. */
  use: string;
  flags?: FlagSpec[];
  subcommands?: CommandDef[];
  /** Absent for pure groups (`kubectl config`, `kubectl rollout`), which print their help. */
  run?: (inv: Invocation) => Program | number;
  /** Listed under this heading in `kubectl` (root help). */
  group?: string;
  /** Not listed in the root help (`kubectl options`). */
  hidden?: boolean;
}

/** Flags every command accepts (`kubectl options`). */
export const globalFlags: FlagSpec[] = [
  { name: 'namespace', shorthand: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
  { name: 'kubeconfig', type: 'string', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'cluster', type: 'string', usage: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', usage: 'The name of the kubeconfig user to use' },
  { name: 'server', shorthand: 's', type: 'string', usage: 'The address and port of the Kubernetes API server' },
  {
    name: 'request-timeout',
    type: 'string',
    defaultValue: '0',
    usage: "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.",
  },
  { name: 'v', shorthand: 'v', type: 'string', defaultValue: '0', usage: 'number for the log level verbosity' },
  { name: 'warnings-as-errors', type: 'bool', defaultValue: 'false', usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code' },
];

export function flag(name: string, type: FlagSpec['type'], usage: string, extra: Partial<FlagSpec> = {}): FlagSpec {
  const defaults: Record<FlagSpec['type'], string> = { bool: 'false', string: '', int: '0', stringArray: '', stringSlice: '', duration: '0s' };
  return { name, type, usage, defaultValue: defaults[type], ...extra };
}

function formatDefault(spec: FlagSpec): string {
  switch (spec.type) {
    case 'bool':
    case 'int':
    case 'duration':
      return spec.defaultValue ?? '';
    case 'stringArray':
    case 'stringSlice':
      return `[${spec.defaultValue ?? ''}]`;
    default:
      return `'${spec.defaultValue ?? ''}'`;
  }
}

/** `kubectl <cmd> --help`, in kubectl's layout. */
export function renderHelp(command: CommandDef, path: string): string {
  const parts: string[] = [];
  parts.push(`${command.long ?? command.short}\n`);
  if (command.examples) {
    const body = command.examples
      .trim()
      .split('\n')
      .map((line) => (line.trim() === '' ? '  ' : `  ${line}`))
      .join('\n');
    parts.push(`\nExamples:\n${body}\n`);
  }
  if (command.subcommands?.length) {
    const width = Math.max(...command.subcommands.map((c) => c.name.length)) + 3;
    parts.push(`\nAvailable Commands:\n${command.subcommands.map((c) => `  ${c.name.padEnd(width)}${c.short}`).join('\n')}\n`);
  }
  const flags = [...(command.flags ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  if (flags.length) {
    const lines = flags.map((f) => `    ${f.shorthand ? `-${f.shorthand}, ` : ''}--${f.name}=${formatDefault(f)}:\n\t${f.usage}\n`);
    parts.push(`\nOptions:\n${lines.join('\n')}`);
  }
  parts.push(`\nUsage:\n  ${path.split(' ').slice(0, -1).concat(command.use).join(' ')}\n`);
  parts.push(`\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`);
  return parts.join('');
}

/** `kubectl` with no arguments. */
export function renderRootHelp(commands: CommandDef[]): string {
  const groups = new Map<string, CommandDef[]>();
  for (const c of commands.filter((command) => !command.hidden)) {
    const group = c.group ?? 'Other Commands:';
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push(c);
  }
  let text = 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n';
  for (const [group, list] of groups) {
    text += `\n${group}\n`;
    for (const c of list) text += `  ${c.name.padEnd(16)}${c.short}\n`;
  }
  text += '\nUsage:\n  kubectl [flags] [options]\n\n';
  text += 'Use "kubectl <command> --help" for more information about a given command.\n';
  text += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return text;
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
