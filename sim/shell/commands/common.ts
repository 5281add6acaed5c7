// Helpers shared by the commands: dialect wording, reading files, option parsing.

import { FsError } from '../../fs/filesystem';
import { errorText } from '../../fs/error-text';
import { resolvePath } from '../../fs/paths';
import { readInputChunk, type CommandContext, type ProcessIO, type Wait, type Wake } from '../../process';

/** busybox wording (containers) or GNU coreutils wording (the learner's workstation, nodes). */
export type Dialect = 'busybox' | 'gnu';

export function printError(ctx: CommandContext, text: string): void {
  ctx.io.stderr(`${ctx.argv[0]}: ${text}\n`);
}

export function absolute(ctx: CommandContext, path: string): string {
  return resolvePath(ctx.cwd, path);
}

/** `cat: can't open 'x': ...` (busybox) or `cat: x: ...` (GNU). */
export function cannotOpen(ctx: CommandContext, dialect: Dialect, path: string, error: unknown): void {
  if (dialect === 'busybox') printError(ctx, `can't open '${path}': ${errorText(error)}`);
  else printError(ctx, `${path}: ${errorText(error)}`);
}

/**
 * Reads each named file (`-` or no names: stdin). Errors are reported with `report` and the file
 * skipped. Returns the contents in order plus whether any failed.
 */
export function readInputs(ctx: CommandContext, names: string[], report: (name: string, error: unknown) => void): { texts: { name: string; text: string }[]; failed: boolean } {
  if (names.length === 0) return { texts: [{ name: '-', text: ctx.io.stdin }], failed: false };
  const texts: { name: string; text: string }[] = [];
  let failed = false;
  for (const name of names) {
    if (name === '-') {
      texts.push({ name, text: ctx.io.stdin });
      continue;
    }
    try {
      texts.push({ name, text: ctx.fs.readFile(absolute(ctx, name)) });
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      report(name, error);
      failed = true;
    }
  }
  return { texts, failed };
}

/** Standard input comes from a pipe still being written: read it as it comes (see readsInputAsItComes). */
export function readsStreamingStdin(ctx: CommandContext, names: string[]): boolean {
  return ctx.io.stdinStream !== undefined && (names.length === 0 || (names.length === 1 && names[0] === '-'));
}

/**
 * Standard input a line at a time as it comes: what `stdin` holds, then the pipe of `stdinStream`
 * as its writer fills it. `each` gets a line without its newline; returning false stops reading.
 */
export function* forEachInputLine(io: ProcessIO, each: (line: string) => boolean | void): Generator<Wait, void, Wake | undefined> {
  let pending = io.stdin;
  const takeLines = (): boolean => {
    let start = 0;
    let end: number;
    while ((end = pending.indexOf('\n', start)) >= 0) {
      const line = pending.slice(start, end);
      start = end + 1;
      if (each(line) === false) return false;
    }
    pending = pending.slice(start);
    return true;
  };
  if (!takeLines()) return;
  const stream = io.stdinStream;
  if (stream) {
    for (;;) {
      const chunk = yield* readInputChunk(stream);
      if (chunk === null) break;
      pending += chunk;
      if (!takeLines()) return;
    }
  }
  if (pending !== '') each(pending);
}

/** Splits text into lines without the trailing empty piece after a final newline. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function joinLines(lines: string[]): string {
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

export interface ParsedOptions {
  flags: Set<string>;
  values: Map<string, string>;
  operands: string[];
  /** An unknown option letter, if any. */
  invalid?: string;
}

/**
 * Parses short options. `withValue` lists letters taking a value (`-n 5`, `-n5`); long options
 * are passed through `longMap` (`--lines` → `n`). A bare number like `-5` becomes `number`.
 */
export function parseOptions(args: string[], known: string, withValue = '', longMap: Record<string, string> = {}, numberOption?: string): ParsedOptions {
  const result: ParsedOptions = { flags: new Set(), values: new Map(), operands: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      result.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, value] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const letter = longMap[name];
      if (!letter) {
        result.invalid ??= arg;
        continue;
      }
      if (withValue.includes(letter)) result.values.set(letter, value ?? args[++i] ?? '');
      else result.flags.add(letter);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      if (numberOption && /^-\d+$/.test(arg)) {
        result.values.set(numberOption, arg.slice(1));
        continue;
      }
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        if (withValue.includes(letter)) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          result.values.set(letter, value ?? '');
          break;
        }
        if (!known.includes(letter)) {
          result.invalid ??= letter;
          continue;
        }
        result.flags.add(letter);
      }
      continue;
    }
    result.operands.push(arg);
  }
  return result;
}

/** `invalid option -- 'x'` in the dialect's wording, with the usage hint GNU adds. */
export function invalidOption(ctx: CommandContext, dialect: Dialect, option: string): number {
  const name = ctx.argv[0]!;
  if (option.startsWith('--')) {
    printError(ctx, dialect === 'gnu' ? `unrecognized option '${option}'` : `unrecognized option '${option}'`);
  } else {
    printError(ctx, `invalid option -- '${option}'`);
  }
  if (dialect === 'gnu') ctx.io.stderr(`Try '${name} --help' for more information.\n`);
  else ctx.io.stderr(`BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ${name} ...\n`);
  return 1;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function pad(value: number, width = 2, fill = '0'): string {
  return String(value).padStart(width, fill);
}

/** strftime subset, in UTC. */
export function formatTime(ms: number, format: string): string {
  const date = new Date(ms);
  return format.replace(/%([a-zA-Z%])/g, (whole, code: string) => {
    switch (code) {
      case 'Y': return String(date.getUTCFullYear());
      case 'y': return pad(date.getUTCFullYear() % 100);
      case 'm': return pad(date.getUTCMonth() + 1);
      case 'd': return pad(date.getUTCDate());
      case 'e': return pad(date.getUTCDate(), 2, ' ');
      case 'H': return pad(date.getUTCHours());
      case 'M': return pad(date.getUTCMinutes());
      case 'S': return pad(date.getUTCSeconds());
      case 's': return String(Math.floor(ms / 1000));
      case 'N': return pad((ms % 1000) * 1_000_000, 9);
      case 'a': return days[date.getUTCDay()]!;
      case 'A': return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][date.getUTCDay()]!;
      case 'b': case 'h': return months[date.getUTCMonth()]!;
      case 'B': return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][date.getUTCMonth()]!;
      case 'j': return pad(Math.floor((ms - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3);
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'T': return formatTime(ms, '%H:%M:%S');
      case 'D': return formatTime(ms, '%m/%d/%y');
      case 'F': return formatTime(ms, '%Y-%m-%d');
      case 'R': return formatTime(ms, '%H:%M');
      case 'c': return formatTime(ms, '%a %b %e %H:%M:%S %Y');
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
    }
    return whole;
  });
}
