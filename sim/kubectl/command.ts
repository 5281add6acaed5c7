// The shape of a kubectl command (as cobra models it) and what a command's run function gets.

import type { ApiServer } from '../api/server';
import type { Kubeconfig } from '../contexts';
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
  // No effect here: the lab's server authorises every request, so impersonation changes nothing.
  { name: 'as', type: 'string', defaultValue: '', usage: 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' },
  // No effect here: as --as.
  { name: 'as-group', type: 'stringArray', defaultValue: '', usage: 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' },
  // No effect here: as --as.
  { name: 'as-uid', type: 'string', defaultValue: '', usage: 'UID to impersonate for the operation.' },
  // No effect here: the lab keeps no discovery or HTTP cache. Help shows the path under the user's home.
  { name: 'cache-dir', type: 'string', defaultValue: '/root/.kube/cache', usage: 'Default cache directory' },
  // No effect here (this and the next two): the lab's client talks to its server without TLS.
  { name: 'certificate-authority', type: 'string', defaultValue: '', usage: 'Path to a cert file for the certificate authority' },
  { name: 'client-certificate', type: 'string', defaultValue: '', usage: 'Path to a client certificate file for TLS' },
  { name: 'client-key', type: 'string', defaultValue: '', usage: 'Path to a client key file for TLS' },
  { name: 'cluster', type: 'string', defaultValue: '', usage: 'The name of the kubeconfig cluster to use' },
  { name: 'context', type: 'string', defaultValue: '', usage: 'The name of the kubeconfig context to use' },
  // No effect here: responses are never compressed in the lab.
  { name: 'disable-compression', type: 'bool', defaultValue: 'false', usage: 'If true, opt-out of response compression for all requests to the server' },
  // No effect here: the lab's client talks to its server without TLS.
  { name: 'insecure-skip-tls-verify', type: 'bool', defaultValue: 'false', usage: "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure" },
  { name: 'kubeconfig', type: 'string', defaultValue: '', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  // No effect here: the lab's client writes its log lines at once.
  { name: 'log-flush-frequency', type: 'duration', defaultValue: '5s', usage: 'Maximum number of seconds between log flushes' },
  // No effect here: the lab's client and server always have the same version.
  { name: 'match-server-version', type: 'bool', defaultValue: 'false', usage: 'Require server version to match client version' },
  { name: 'namespace', shorthand: 'n', type: 'string', defaultValue: '', usage: 'If present, the namespace scope for this CLI request' },
  // No effect here: the lab's server authenticates every request.
  { name: 'password', type: 'string', defaultValue: '', usage: 'Password for basic authentication to the API server' },
  // No effect here (with --profile-output): the lab's client is not a Go program to profile.
  { name: 'profile', type: 'string', defaultValue: 'none', usage: 'Name of profile to capture. One of (none|cpu|heap|goroutine|threadcreate|block|mutex)' },
  { name: 'profile-output', type: 'string', defaultValue: 'profile.pprof', usage: 'Name of the file to write the profile to' },
  {
    name: 'request-timeout',
    type: 'string',
    defaultValue: '0',
    usage: "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.",
  },
  { name: 'server', shorthand: 's', type: 'string', defaultValue: '', usage: 'The address and port of the Kubernetes API server' },
  // No effect here: the lab's client talks to its server without TLS.
  { name: 'tls-server-name', type: 'string', defaultValue: '', usage: 'Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used' },
  // No effect here (with --username): the lab's server authenticates every request.
  { name: 'token', type: 'string', defaultValue: '', usage: 'Bearer token for authentication to the API server' },
  { name: 'user', type: 'string', defaultValue: '', usage: 'The name of the kubeconfig user to use' },
  { name: 'username', type: 'string', defaultValue: '', usage: 'Username for basic authentication to the API server' },
  { name: 'v', shorthand: 'v', type: 'int', defaultValue: '0', usage: 'number for the log level verbosity' },
  // No effect here: the lab's client has no per-file log levels.
  { name: 'vmodule', type: 'string', defaultValue: '', helpDefault: '', usage: 'comma-separated list of pattern=N settings for file-filtered logging (only works for the default text log format)' },
  { name: 'warnings-as-errors', type: 'bool', defaultValue: 'false', usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code' },
];

export function flag(name: string, type: FlagSpec['type'], usage: string, extra: Partial<FlagSpec> = {}): FlagSpec {
  const defaults: Record<FlagSpec['type'], string> = { bool: 'false', string: '', int: '0', stringArray: '', stringSlice: '', duration: '0s' };
  return { name, type, usage, defaultValue: defaults[type], ...extra };
}

export function formatDefault(spec: FlagSpec): string {
  if (spec.helpDefault !== undefined) return spec.helpDefault;
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
    // cobra pads command names to the longest one, at least 11 characters, then adds three spaces.
    const width = Math.max(11, ...command.subcommands.map((c) => c.name.length)) + 3;
    // cobra lists subcommands sorted by name.
    const sorted = [...command.subcommands].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    parts.push(`\nAvailable Commands:\n${sorted.map((c) => `  ${c.name.padEnd(width)}${c.short}`).join('\n')}\n`);
  }
  const flags = [...(command.flags ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  if (flags.length) {
    const lines = flags.map((f) => `    ${f.shorthand ? `-${f.shorthand}, ` : ''}--${f.name}=${formatDefault(f)}:\n\t${f.usage}\n`);
    parts.push(`\nOptions:\n${lines.join('\n')}`);
  }
  parts.push(`\nUsage:\n  ${path.split(' ').slice(0, -1).concat(command.use).join(' ')}\n`);
  if (command.subcommands?.length) parts.push(`\nUse "${path} <command> --help" for more information about a given command.`);
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
    // kubectl always lists the (here empty) plugin group just before "Other Commands:".
    if (group === 'Other Commands:') text += '\nSubcommands provided by plugins:\n';
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
