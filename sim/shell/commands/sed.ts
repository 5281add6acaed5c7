// sed, the everyday part: s///[gpI N], p, d, q, addresses (N, $, /re/, ranges), -n, -e, -i, -E.

import { FsError } from '../../fs/filesystem';
import { errorText } from '../../fs/error-text';
import { readsInputAsItComes, type CommandContext, type CommandImpl, type Program } from '../../process';
import { absolute, forEachInputLine, printError, type Dialect } from './common';
import { LinearRegExp } from '../../linear-regexp';

type Address = { kind: 'line'; line: number } | { kind: 'last' } | { kind: 'regex'; regexp: LinearRegExp };

interface SedCommand {
  start?: Address;
  end?: Address;
  negate: boolean;
  name: 's' | 'p' | 'd' | 'q' | '=';
  regexp?: LinearRegExp;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
}

class SedError extends Error {}

function toRegExp(source: string, extended: boolean, ignoreCase: boolean): LinearRegExp {
  let converted = source;
  if (!extended) {
    converted = '';
    for (let i = 0; i < source.length; i++) {
      const ch = source[i]!;
      if (ch === '\\' && i + 1 < source.length) {
        const next = source[++i]!;
        converted += '(){}|+?'.includes(next) ? next : '\\' + next;
      } else if (ch === '$' && i + 1 < source.length && !/^\\[)|]/.test(source.slice(i + 1, i + 3))) {
        // In a basic expression `$` anchors only at the end (of it or of a group): `s/$ITEM/x/` matches the text `$ITEM`.
        converted += '\\$';
      } else converted += '(){}|+?'.includes(ch) ? '\\' + ch : ch;
    }
  }
  try {
    return new LinearRegExp(converted, { ignoreCase });
  } catch {
    throw new SedError(`-e expression #1, char ${source.length}: Invalid regular expression`);
  }
}

function parseScript(script: string, extended: boolean): SedCommand[] {
  const commands: SedCommand[] = [];
  let pos = 0;
  const readDelimited = (delimiter: string): string => {
    let text = '';
    while (pos < script.length && script[pos] !== delimiter) {
      if (script[pos] === '\\' && script[pos + 1] === delimiter) {
        text += delimiter;
        pos += 2;
        continue;
      }
      if (script[pos] === '\\' && pos + 1 < script.length) {
        text += script[pos]! + script[pos + 1]!;
        pos += 2;
        continue;
      }
      text += script[pos++];
    }
    if (script[pos] !== delimiter) throw new SedError(`-e expression #1, char ${pos}: unterminated \`s' command`);
    pos++;
    return text;
  };
  const readAddress = (): Address | undefined => {
    const number = /^\d+/.exec(script.slice(pos));
    if (number) {
      pos += number[0].length;
      return { kind: 'line', line: Number(number[0]) };
    }
    if (script[pos] === '$') {
      pos++;
      return { kind: 'last' };
    }
    if (script[pos] === '/') {
      pos++;
      return { kind: 'regex', regexp: toRegExp(readDelimited('/'), extended, false) };
    }
    return undefined;
  };
  while (pos < script.length) {
    while (pos < script.length && /[\s;]/.test(script[pos]!)) pos++;
    if (pos >= script.length) break;
    const command: Partial<SedCommand> & { negate: boolean } = { negate: false };
    command.start = readAddress();
    if (command.start && script[pos] === ',') {
      pos++;
      command.end = readAddress();
    }
    while (script[pos] === ' ') pos++;
    if (script[pos] === '!') {
      command.negate = true;
      pos++;
    }
    const name = script[pos++];
    if (name === 's') {
      const delimiter = script[pos++]!;
      const pattern = readDelimited(delimiter);
      const replacement = readDelimited(delimiter);
      const flags = /^[gpiI0-9]*/.exec(script.slice(pos))![0];
      pos += flags.length;
      commands.push({
        ...command,
        name: 's',
        regexp: toRegExp(pattern, extended, /[iI]/.test(flags)),
        replacement,
        global: flags.includes('g'),
        occurrence: /\d+/.test(flags) ? Number(/\d+/.exec(flags)![0]) : 1,
        print: flags.includes('p'),
      });
    } else if (name === 'p' || name === 'd' || name === 'q' || name === '=') {
      commands.push({ ...command, name });
    } else {
      throw new SedError(`-e expression #1, char ${pos}: unknown command: \`${name ?? ''}'`);
    }
  }
  return commands;
}

function substitute(line: string, command: SedCommand): { text: string; changed: boolean } {
  let count = 0;
  let changed = false;
  const text = command.regexp!.replace(line, (match) => {
    const whole = match.text;
    count++;
    if (!command.global && count !== command.occurrence) return undefined;
    if (command.global && count < command.occurrence!) return undefined;
    changed = true;
    return command.replacement!.replace(/\\(\d)|\\n|\\t|\\(.)|&/g, (token, digit: string | undefined, other: string | undefined) => {
      if (token === '&') return whole;
      if (digit !== undefined) return match.groups[Number(digit) - 1] ?? '';
      if (token === '\\n') return '\n';
      if (token === '\\t') return '\t';
      return other ?? '';
    });
  });
  return { text, changed };
}

/**
 * sed on a pipe still being written: each line is edited as it comes. A script with a `$` address
 * holds each line back until the next one shows it was not the last.
 */
function* streamEdit(ctx: CommandContext, edit: (line: string, last: boolean) => { output: string; quit: boolean }, needsLast: boolean): Program {
  let held: string | undefined;
  let quit = false;
  const take = (line: string, last: boolean): boolean => {
    const result = edit(line, last);
    ctx.io.stdout(result.output);
    quit = result.quit;
    return !quit;
  };
  yield* forEachInputLine(ctx.io, (line) => {
    if (!needsLast) return take(line, false);
    const previous = held;
    held = line;
    return previous === undefined || take(previous, false);
  });
  if (held !== undefined && !quit) take(held, true);
  return 0;
}

export function sed(dialect: Dialect): CommandImpl {
  return readsInputAsItComes((ctx) => {
    const args = ctx.argv.slice(1);
    let quiet = false;
    let inPlace = false;
    let extended = false;
    const scripts: string[] = [];
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '-e') scripts.push(args[++i] ?? '');
      else if (arg === '-n' || arg === '--quiet') quiet = true;
      else if (arg.startsWith('-i')) inPlace = true;
      else if (arg === '-E' || arg === '-r') extended = true;
      else if (/^-[nEr]+$/.test(arg)) {
        if (arg.includes('n')) quiet = true;
        if (/[Er]/.test(arg)) extended = true;
      } else if (scripts.length === 0 && !args.slice(0, i).includes('-e')) scripts.push(arg);
      else files.push(arg);
    }
    if (scripts.length === 0) {
      ctx.io.stderr(dialect === 'gnu' ? 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n' : 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n');
      return 1;
    }
    let commands: SedCommand[];
    try {
      commands = parseScript(scripts.join('\n'), extended);
    } catch (error) {
      if (!(error instanceof SedError)) throw error;
      printError(ctx, error.message);
      return 1;
    }
    /** Runs the script over lines one at a time: the output for each, and whether `q` ended the input. */
    const editor = () => {
      let index = -1;
      const inRange = new Map<SedCommand, boolean>();
      return (input: string, last: boolean): { output: string; quit: boolean } => {
        index++;
        let line = input;
        let out = '';
        let deleted = false;
        let quit = false;
        const matches = (address: Address): boolean => (address.kind === 'line' ? address.line === index + 1 : address.kind === 'last' ? last : address.regexp.test(line));
        for (const command of commands) {
          let selected = true;
          if (command.start && command.end) {
            if (inRange.get(command)) {
              selected = true;
              if (matches(command.end) || (command.end.kind === 'line' && command.end.line <= index + 1)) inRange.set(command, false);
            } else if (matches(command.start)) {
              selected = true;
              if (!(command.end.kind === 'line' && command.end.line <= index + 1)) inRange.set(command, true);
            } else selected = false;
          } else if (command.start) {
            selected = matches(command.start);
          }
          if (selected === command.negate) continue;
          if (command.name === 's') {
            const result = substitute(line, command);
            line = result.text;
            if (result.changed && command.print) out += line + '\n';
          } else if (command.name === 'p') out += line + '\n';
          else if (command.name === '=') out += `${index + 1}\n`;
          else if (command.name === 'd') {
            deleted = true;
            break;
          } else if (command.name === 'q') {
            quit = true;
            break;
          }
        }
        if (!deleted && !quiet) out += line + '\n';
        return { output: out, quit };
      };
    };
    const process = (text: string): string => {
      const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
      const edit = editor();
      let out = '';
      for (let index = 0; index < lines.length; index++) {
        const { output, quit } = edit(lines[index]!, index === lines.length - 1);
        out += output;
        if (quit) break;
      }
      return out;
    };
    if (files.length === 0 && ctx.io.stdinStream) return streamEdit(ctx, editor(), commands.some((command) => command.start?.kind === 'last' || command.end?.kind === 'last'));
    if (files.length === 0) {
      ctx.io.stdout(process(ctx.io.stdin));
      return 0;
    }
    let status = 0;
    for (const name of files) {
      const path = absolute(ctx, name);
      try {
        const result = process(ctx.fs.readFile(path));
        if (inPlace) ctx.fs.writeFile(path, result);
        else ctx.io.stdout(result);
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        printError(ctx, dialect === 'gnu' ? `can't read ${name}: ${errorText(error)}` : `${name}: ${errorText(error)}`);
        status = 2;
      }
    }
    return status;
  });
}
