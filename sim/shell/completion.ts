// Tab completion for the learner's shell: commands, kubectl subcommands and flags, resource
// types, object names from the cluster, and file names from the workspace.

import type { Completion } from '../session-types';
import type { FileSystem } from '../fs/filesystem';
import type { ApiServer } from '../api/server';
import { resolveResourceType, resourceTypes } from '../api/resources';
import { availableInLab, globalFlags, type CommandDef } from '../kubectl/command';
import type { FlagSpec } from '../kubectl/flags';
import { allCommands } from '../kubectl/commands';

export interface CompletionSources {
  commands: string[];
  fs: FileSystem;
  cwd: string;
  api: ApiServer;
}

/** kubectl's own command table: what completes is exactly what `kubectl` runs. */
let kubectlTree: CommandDef[] | undefined;

function offered(commands: CommandDef[] | undefined): CommandDef[] {
  return (commands ?? []).filter((command) => !command.hidden && availableInLab(command));
}

function findChild(commands: CommandDef[] | undefined, name: string): CommandDef | undefined {
  return offered(commands).find((command) => command.name === name || command.aliases?.includes(name));
}

/** True when `token` (a flag without `=value`) takes the next word as its value. */
function flagTakesValue(token: string, specs: FlagSpec[]): boolean {
  if (token.includes('=')) return false;
  const spec = token.startsWith('--') ? specs.find((s) => s.name === token.slice(2)) : specs.find((s) => s.shorthand === token.slice(1));
  return !!spec && spec.type !== 'bool' && spec.noOptDefault === undefined;
}

function uniqueSorted(items: string[]): string[] {
  return [...new Set(items)].sort();
}

function fileCandidates(word: string, fs: FileSystem, cwd: string): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = dirPart.startsWith('/') ? dirPart : `${cwd.replace(/\/$/, '')}/${dirPart}`;
  let names: string[] = [];
  try {
    names = fs.readdir(base.replace(/\/$/, '') || '/');
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(word.slice(slash + 1)) && (!n.startsWith('.') || word.slice(slash + 1).startsWith('.')))
    .map((n) => {
      const full = `${base.replace(/\/$/, '')}/${n}`;
      return dirPart + n + (fs.stat(full)?.type === 'dir' ? '/' : '');
    });
}

export function completeLine(line: string, cursor: number, sources: CompletionSources): Completion {
  const before = line.slice(0, cursor);
  const from = Math.max(before.lastIndexOf(' '), before.lastIndexOf('|'), before.lastIndexOf(';')) + 1;
  const word = before.slice(from);
  // The command being typed starts after the last `|`, `;` or `&&`.
  const andAt = before.lastIndexOf('&&');
  const segment = before.slice(Math.max(before.lastIndexOf('|') + 1, before.lastIndexOf(';') + 1, andAt < 0 ? 0 : andAt + 2));
  const words = segment.trim().split(/\s+/).filter(Boolean);
  const typedWords = word === '' ? words : words.slice(0, -1);
  const match = (items: string[]) => ({ from, candidates: uniqueSorted(items.filter((c) => c.startsWith(word))) });

  if (typedWords.length === 0) return match(sources.commands);
  const program = typedWords[0];
  if (program !== 'kubectl' && program !== 'k') return match(fileCandidates(word, sources.fs, sources.cwd));

  // Walk kubectl's command tree over the words that are not flags or flag values.
  kubectlTree ??= allCommands();
  let command: CommandDef | undefined;
  let specs = globalFlags;
  const positionals: string[] = [];
  const afterKubectl = typedWords.slice(1);
  let previousTakesValue = false;
  for (let index = 0; index < afterKubectl.length; index++) {
    const token = afterKubectl[index];
    previousTakesValue = false;
    if (token.startsWith('-')) {
      previousTakesValue = flagTakesValue(token, specs);
      if (previousTakesValue && index < afterKubectl.length - 1) {
        index++;
        previousTakesValue = false;
      }
      continue;
    }
    const child = positionals.length === 0 ? findChild(command ? command.subcommands : kubectlTree, token) : undefined;
    if (child) {
      command = child;
      specs = [...child.flags, ...globalFlags];
    } else {
      positionals.push(token);
    }
  }
  const previous = typedWords[typedWords.length - 1];
  if (previousTakesValue && previous) {
    if (previous === '-n' || previous === '--namespace') return match(sources.api.list('Namespace', undefined, { readOnly: true }).map((n) => n.metadata.name!));
    return match(fileCandidates(word, sources.fs, sources.cwd));
  }
  if (word.startsWith('-')) return match(specs.map((spec) => `--${spec.name}`));
  const children = command ? offered(command.subcommands) : offered(kubectlTree);
  if (positionals.length === 0 && children.length > 0) return match(children.map((child) => child.name));
  if (!command) return match(fileCandidates(word, sources.fs, sources.cwd));
  // What the command's first arguments are, read from its usage line (`get TYPE [NAME]`, `logs POD`).
  const use = command.use.slice(command.path.length - 'kubectl'.length);
  const namespace = namespaceOf(typedWords);
  const namesOf = (kind: string, namespaced: boolean) => {
    try {
      return sources.api.list(kind, namespaced ? namespace : undefined, { readOnly: true }).map((o) => o.metadata.name!);
    } catch {
      return [];
    }
  };
  if (positionals.length === 0 && /\bNODE\b/.test(use)) return match(namesOf('Node', false));
  if (positionals.length === 0 && (/\bPOD\b/.test(use) || /^\s*TYPE\/NAME/.test(use))) return match(namesOf('Pod', true));
  if (/\b(TYPE|RESOURCE)\b/.test(use)) {
    // Plural names only, as kubectl's own completion offers: `po` completes to `pods`.
    if (positionals.length === 0) return match(resourceTypes.filter((t) => t.group !== 'metrics.k8s.io').map((t) => t.plural));
    const type = positionals.length === 1 ? resolveResourceType(positionals[0]) : undefined;
    if (type) return match(namesOf(type.kind, type.namespaced));
  }
  return match(fileCandidates(word, sources.fs, sources.cwd));
}

function namespaceOf(words: string[]): string {
  for (let i = 0; i < words.length; i++) {
    if ((words[i] === '-n' || words[i] === '--namespace') && words[i + 1]) return words[i + 1];
    if (words[i].startsWith('--namespace=')) return words[i].slice('--namespace='.length);
  }
  return 'default';
}
