// Tab completion for the learner's shell: commands, kubectl subcommands and flags, resource
// types, object names from the cluster, and file names from the workspace.

import type { Completion } from '../session-types';
import type { FileSystem } from '../fs/filesystem';
import type { ApiServer } from '../api/server';
import { resolveResourceType, resourceTypes } from '../api/resources';

export interface CompletionSources {
  commands: string[];
  fs: FileSystem;
  cwd: string;
  api: ApiServer;
}

const kubectlCommands = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'cluster-info', 'config', 'cordon', 'create', 'delete', 'describe', 'drain',
  'edit', 'events', 'exec', 'explain', 'expose', 'get', 'label', 'logs', 'patch', 'port-forward', 'replace', 'rollout', 'run', 'scale', 'set',
  'top', 'uncordon', 'version', 'wait',
];

const kubectlSubcommands: Record<string, string[]> = {
  create: ['configmap', 'cronjob', 'deployment', 'job', 'namespace', 'secret', 'service', 'serviceaccount'],
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  set: ['env', 'image', 'resources'],
  top: ['node', 'pod'],
  config: ['current-context', 'get-contexts', 'set-context', 'use-context', 'view'],
};

const commonFlags = ['--all-namespaces', '--dry-run=client', '--help', '--namespace', '--output', '--selector', '--show-labels', '--watch', '--filename'];

const typesTakingNames = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'expose']);

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
  const command = typedWords[0];
  if (command !== 'kubectl' && command !== 'k') return match(fileCandidates(word, sources.fs, sources.cwd));

  if (word.startsWith('-')) return match(commonFlags);
  const args = typedWords.slice(1).filter((w) => !w.startsWith('-'));
  const previous = typedWords[typedWords.length - 1];
  if (previous === '-f' || previous === '--filename') return match(fileCandidates(word, sources.fs, sources.cwd));
  if (previous === '-n' || previous === '--namespace') {
    return match(sources.api.list('Namespace', undefined, { readOnly: true }).map((n) => n.metadata.name!));
  }
  if (args.length === 0) return match(kubectlCommands);
  const sub = kubectlSubcommands[args[0]];
  if (sub && args.length === 1 && args[0] !== 'rollout') return match(sub);
  const verb = args[0] === 'rollout' ? 'rollout' : args[0];
  const typeIndex = verb === 'rollout' ? 2 : 1;
  if (args.length === typeIndex) {
    if (verb === 'rollout' && args.length === 1) return match(sub ?? []);
    // Plural names only, as kubectl's own completion offers: `po` completes to `pods`.
    const names = resourceTypes.filter((t) => t.group !== 'metrics.k8s.io').map((t) => t.plural);
    if (verb === 'logs' || verb === 'exec' || verb === 'port-forward') {
      return match(sources.api.list('Pod', namespaceOf(typedWords), { readOnly: true }).map((p) => p.metadata.name!));
    }
    return match(names);
  }
  if (typesTakingNames.has(verb) || verb === 'rollout') {
    const type = resolveResourceType(args[typeIndex]);
    if (type) {
      try {
        const objects = sources.api.list(type.kind, type.namespaced ? namespaceOf(typedWords) : undefined, { readOnly: true });
        return match(objects.map((o) => o.metadata.name!));
      } catch {
        return { from, candidates: [] };
      }
    }
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
