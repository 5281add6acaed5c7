// kubectl's help texts, captured from the real kubectl 1.32 by scripts/capture-kubectl-help.mjs,
// and what the lab reads from them: the command tree, aliases, usage lines and every flag with
// its shorthand, default and type. The texts are printed as captured.

import captured from './data/kubectl-help.json';
import type { FlagSpec } from './flags';

const texts: Record<string, string> = captured;

export interface HelpEntry {
  /** `kubectl create configmap`. */
  path: string;
  text: string;
  aliases: string[];
  /** After `kubectl ` in the Usage section, e.g. `get [(-o|--output)=...] (TYPE[.VERSION][.GROUP] ...)`. */
  usage: string;
  /** Names and one-line descriptions from "Available Commands:", as listed. */
  subcommands: { name: string; short: string }[];
  flags: FlagSpec[];
}

/** The captured help of a command path (`kubectl`, `kubectl get`, `kubectl create secret generic`). */
export function helpText(path: string): string | undefined {
  return texts[path];
}

/** Every captured command path, in kubectl's order. */
export function helpPaths(): string[] {
  return Object.keys(texts);
}

const entries = new Map<string, HelpEntry>();

export function helpEntry(path: string): HelpEntry | undefined {
  const cached = entries.get(path);
  if (cached) return cached;
  const text = texts[path];
  if (text === undefined) return undefined;
  const entry: HelpEntry = {
    path,
    text,
    aliases: aliasesOf(text),
    usage: (section(text, 'Usage')[0] ?? '').replace(/^kubectl /, ''),
    subcommands: listedCommands(section(text, 'Available Commands')),
    flags: path === 'kubectl options output' ? parseFlagLines(text.split('\n')) : parseFlagLines(section(text, 'Options')),
  };
  entries.set(path, entry);
  return entry;
}

/** The root help's command groups: heading → commands with their one-line descriptions. */
export function rootGroups(): { heading: string; commands: { name: string; short: string }[] }[] {
  const groups: { heading: string; commands: { name: string; short: string }[] }[] = [];
  const lines = texts.kubectl.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^[A-Z][^:]*Commands[^:]*:$/.test(lines[i])) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j] !== ''; j++) body.push(lines[j]);
    groups.push({ heading: lines[i], commands: listedCommands(body) });
  }
  return groups;
}

/** `Aliases:` is followed by one unindented line: the name, then its aliases. */
function aliasesOf(text: string): string[] {
  const match = /^Aliases:\n(.*)$/m.exec(text);
  return match ? match[1].split(',').map((a) => a.trim()).slice(1) : [];
}

/** The lines of a top-level section (`Options:`), up to the next heading; indentation kept. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`${heading}:`);
  if (start < 0) return [];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    body.push(line);
  }
  while (body.length && body[body.length - 1] === '') body.pop();
  return body.map((line) => (heading === 'Options' ? line : line.trim()));
}

function listedCommands(lines: string[]): { name: string; short: string }[] {
  return lines
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(\S+)\s+(.*)$/.exec(line);
      return match ? { name: match[1], short: match[2] } : { name: line, short: '' };
    });
}

/**
 * `    -o, --output='':` then `\t<usage>` lines. The type is what pflag's help shows: quoted for
 * strings, `[...]` for lists, a Go duration, an integer or a boolean; a command declares the
 * few it must tell apart (stringArray against stringSlice, --dry-run's value when given alone).
 */
function parseFlagLines(lines: string[]): FlagSpec[] {
  const flags: FlagSpec[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^    (?:-(\S), )?--([\w-]+)=(.*):$/.exec(lines[i]);
    if (!match) continue;
    const usage: string[] = [];
    while (i + 1 < lines.length && lines[i + 1].startsWith('\t')) usage.push(lines[++i].slice(1));
    flags.push({ name: match[2], ...(match[1] ? { shorthand: match[1] } : {}), ...typed(match[3]), usage: usage.join('\n') });
  }
  return flags;
}

function typed(shown: string): Pick<FlagSpec, 'type' | 'defaultValue'> {
  if (shown === 'true' || shown === 'false') return { type: 'bool', defaultValue: shown };
  if (/^'.*'$/s.test(shown)) return { type: 'string', defaultValue: shown.slice(1, -1) };
  if (/^\[.*\]$/.test(shown)) return { type: 'stringSlice', defaultValue: shown.slice(1, -1) };
  if (/^-?\d+$/.test(shown)) return { type: 'int', defaultValue: shown };
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(shown)) return { type: 'duration', defaultValue: shown };
  // pflag shows a few value types (--vmodule's pattern list, maps) without quotes.
  return { type: 'string', defaultValue: shown };
}
