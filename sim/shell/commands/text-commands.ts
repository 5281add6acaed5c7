// head, tail (-f), grep, wc, sort, uniq, tr, cut, tee, base64, rev.

import { FsError } from '../../fs/filesystem';
import { errorText } from '../../fs/error-text';
import { utf8Length } from '../../fs/memfs';
import { readInputChunk, readsInputAsItComes, type CommandContext, type CommandImpl, type Program } from '../../process';
import { absolute, cannotOpen, forEachInputLine, invalidOption, joinLines, parseOptions, printError, readInputs, readsStreamingStdin, splitLines, type Dialect } from './common';
import { LinearRegExp } from '../../linear-regexp';

function openFailed(ctx: CommandContext, dialect: Dialect) {
  return (name: string, error: unknown): void => {
    const command = ctx.argv[0];
    if (dialect === 'busybox') cannotOpen(ctx, dialect, name, error);
    else if (command === 'head' || command === 'tail') printError(ctx, `cannot open '${name}' for reading: ${errorText(error)}`);
    else if (command === 'sort') printError(ctx, `cannot read: ${name}: ${errorText(error)}`);
    else printError(ctx, `${name}: ${errorText(error)}`);
  };
}

function lineCount(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const count = Number(value.replace(/^[+-]/, ''));
  return Number.isInteger(count) ? count : undefined;
}

/** head on a pipe still being written: prints lines as they come and stops reading after the last. */
function* headOfStream(ctx: CommandContext, count: number): Program {
  let left = count;
  if (left <= 0) return 0;
  yield* forEachInputLine(ctx.io, (line) => {
    ctx.io.stdout(line + '\n');
    return --left > 0;
  });
  return 0;
}

export function head(dialect: Dialect): CommandImpl {
  return readsInputAsItComes((ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'qv', 'nc', { lines: 'n', bytes: 'c' }, 'n');
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const count = lineCount(options.values.get('n'), 10);
    if (count === undefined) {
      printError(ctx, dialect === 'gnu' ? `invalid number of lines: '${options.values.get('n')}'` : `invalid number '${options.values.get('n')}'`);
      return 1;
    }
    if (readsStreamingStdin(ctx, options.operands) && !options.values.has('c')) return headOfStream(ctx, count);
    const { texts, failed } = readInputs(ctx, options.operands, openFailed(ctx, dialect));
    texts.forEach(({ name, text }, i) => {
      if (texts.length > 1) ctx.io.stdout(`${i > 0 ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`);
      if (options.values.has('c')) ctx.io.stdout(text.slice(0, Number(options.values.get('c'))));
      else ctx.io.stdout(joinLines(splitLines(text).slice(0, count)));
    });
    return failed ? 1 : 0;
  });
}

function lastLines(text: string, count: number, fromStart: boolean): string {
  const lines = splitLines(text);
  const chosen = fromStart ? lines.slice(Math.max(0, count - 1)) : count === 0 ? [] : lines.slice(-count);
  let out = joinLines(chosen);
  if (!text.endsWith('\n') && out.endsWith('\n') && chosen.length > 0 && text !== '') out = out.slice(0, -1);
  return out;
}

export function tail(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'fFqv', 'nc', { lines: 'n', follow: 'f' }, 'n');
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const raw = options.values.get('n');
    const count = lineCount(raw, 10);
    if (count === undefined) {
      printError(ctx, dialect === 'gnu' ? `invalid number of lines: '${raw}'` : `invalid number '${raw}'`);
      return 1;
    }
    const fromStart = raw?.startsWith('+') ?? false;
    if (readsStreamingStdin(ctx, options.operands) && !options.values.has('c')) return headOfStream(ctx, count);
    const { texts, failed } = readInputs(ctx, options.operands, openFailed(ctx, dialect));
    texts.forEach(({ name, text }, i) => {
      if (texts.length > 1) ctx.io.stdout(`${i > 0 ? '\n' : ''}==> ${name === '-' ? 'standard input' : name} <==\n`);
      ctx.io.stdout(lastLines(text, count, fromStart));
    });
    const retry = options.flags.has('F');
    const follow = options.flags.has('f') || retry;
    // Standard input is read once, never followed.
    if (!follow || options.operands.every((name) => name === '-')) return failed ? 1 : 0;
    // -F (follow by name, retrying) keeps files that do not exist yet; -f follows only what it opened.
    const opened = new Map(texts.filter((t) => t.name !== '-').map((t) => [t.name, t.text]));
    const names = retry ? options.operands.filter((name) => name !== '-') : [...opened.keys()];
    if (names.length === 0) {
      printError(ctx, dialect === 'gnu' ? 'no files remaining' : 'no files');
      return 1;
    }
    return followFiles(ctx, dialect, names, opened, retry);
  };
}

/**
 * tail -f: re-read the files every second of virtual time (or on change) and print what was added.
 * Under -F a file that appears is read from its start, and one that goes away is waited for.
 */
function* followFiles(ctx: CommandContext, dialect: Dialect, names: string[], opened: Map<string, string>, retry: boolean): Program {
  const seen = new Map<string, number | undefined>(names.map((name) => [name, opened.get(name)?.length]));
  let lastShown = names[names.length - 1]!;
  const quoted = (name: string) => (dialect === 'gnu' ? `'${name}'` : name);
  for (;;) {
    yield { kind: 'change', until: ctx.now() + 1000 };
    for (const name of names) {
      let text: string;
      try {
        text = ctx.fs.readFile(absolute(ctx, name));
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        if (retry && seen.get(name) !== undefined) {
          printError(ctx, `${quoted(name)} has become inaccessible: ${errorText(error)}`);
          seen.set(name, undefined);
        }
        continue;
      }
      if (seen.get(name) === undefined) {
        // Only -F keeps a file it could not open; it reads it from the start once it appears.
        printError(ctx, dialect === 'gnu' ? `'${name}' has appeared;  following new file` : `${name} has appeared; following end of new file`);
        seen.set(name, 0);
      }
      const previous = seen.get(name)!;
      if (text.length < previous) {
        printError(ctx, `${name}: file truncated`);
        seen.set(name, 0);
      }
      const added = text.slice(seen.get(name)!);
      if (added === '') continue;
      if (names.length > 1 && lastShown !== name) ctx.io.stdout(`\n==> ${name} <==\n`);
      lastShown = name;
      ctx.io.stdout(added);
      seen.set(name, text.length);
    }
  }
}

export function grep(dialect: Dialect): CommandImpl {
  return readsInputAsItComes((ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'ivcEFonwqlhsrxH', 'eABC', {
      'ignore-case': 'i', 'invert-match': 'v', count: 'c', quiet: 'q', 'after-context': 'A', 'before-context': 'B', context: 'C',
    });
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const flags = options.flags;
    const operands = [...options.operands];
    const patternText = options.values.get('e') ?? operands.shift();
    if (patternText === undefined) {
      if (dialect === 'gnu') ctx.io.stderr(`Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      else ctx.io.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
      return 2;
    }
    let source = flags.has('F') ? patternText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') ? patternText : basicToExtended(patternText);
    // -w: no word character just before (the engine's lookbehind) nor just after (checked per match, as it has no lookahead).
    if (flags.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})`;
    if (flags.has('x')) source = `^(?:${source})$`;
    let regexp: LinearRegExp;
    try {
      regexp = new LinearRegExp(source, { ignoreCase: flags.has('i') });
    } catch {
      printError(ctx, dialect === 'gnu' ? 'Unmatched ( or \\(' : `bad regex '${patternText}'`);
      return 2;
    }
    const streaming = readsStreamingStdin(ctx, operands);
    const { texts, failed } = streaming
      ? { texts: [], failed: false }
      : readInputs(ctx, operands, (name, error) => {
          if (!flags.has('s')) printError(ctx, `${name}: ${errorText(error)}`);
        });
    const showNames = (operands.length > 1 || flags.has('H')) && !flags.has('h');
    const contextValue = (letter: string): number => Number(options.values.get(letter) ?? options.values.get('C') ?? 0);
    const after = contextValue('A');
    const before = contextValue('B');
    if (!Number.isInteger(after) || !Number.isInteger(before) || after < 0 || before < 0) {
      printError(ctx, `${options.values.get('A') ?? options.values.get('B') ?? options.values.get('C')}: invalid context length argument`);
      return 2;
    }
    const withContext = (after > 0 || before > 0) && !flags.has('o');
    const quiet = flags.has('q');
    let matched = false;
    let printedAny = false;
    const write = (line: string): void => {
      printedAny = true;
      if (!quiet) ctx.io.stdout(line + '\n');
    };
    const matchesOf = (line: string) => [...regexp.matchAll(line)].filter((match) => !flags.has('w') || !/[A-Za-z0-9_]/.test(line[match.end] ?? ''));
    /** Searches one input a line at a time: `line` returns false where grep stops reading (-q after a match). */
    const search = (name: string) => {
      const label = name === '-' ? '(standard input)' : name;
      let count = 0;
      let index = -1;
      let afterLeft = 0;
      // -2: a group from an earlier file was printed, so the first group here gets a separator too.
      let lastPrinted = withContext && printedAny ? -2 : -1;
      // The lines before the current one that -B may still print.
      const recent: string[] = [];
      const contextLine = (at: number, text: string): void => {
        if (lastPrinted !== -1 && at > lastPrinted + 1) write('--');
        write((showNames ? label + '-' : '') + (flags.has('n') ? `${at + 1}-` : '') + text);
        lastPrinted = at;
      };
      const remember = (line: string): void => {
        if (before === 0) return;
        recent.push(line);
        if (recent.length > before) recent.shift();
      };
      const take = (line: string): boolean => {
        index++;
        const hit = (flags.has('w') ? matchesOf(line).length > 0 : regexp.test(line)) !== flags.has('v');
        if (!hit) {
          if (withContext && afterLeft > 0) {
            afterLeft--;
            contextLine(index, line);
          }
          remember(line);
          return true;
        }
        count++;
        matched = true;
        if (quiet || flags.has('c') || flags.has('l')) return !quiet;
        const prefix = (showNames ? label + ':' : '') + (flags.has('n') ? `${index + 1}:` : '');
        if (withContext) {
          for (let at = Math.max(index - before, lastPrinted + 1); at < index; at++) contextLine(at, recent[recent.length - (index - at)]!);
          if (lastPrinted !== -1 && index > lastPrinted + 1) write('--');
          lastPrinted = index;
          afterLeft = after;
        }
        if (flags.has('o') && !flags.has('v')) {
          for (const match of matchesOf(line)) if (match.text !== '') write(prefix + match.text);
        } else {
          write(prefix + line);
        }
        remember(line);
        return true;
      };
      const finish = (): void => {
        if (flags.has('c')) write((showNames ? label + ':' : '') + count);
        if (flags.has('l') && count > 0) write(label);
      };
      return { take, finish };
    };
    if (streaming) {
      return (function* (): Program {
        const { take, finish } = search('-');
        yield* forEachInputLine(ctx.io, take);
        finish();
        return matched ? 0 : 1;
      })();
    }
    for (const { name, text } of texts) {
      const { take, finish } = search(name);
      for (const line of splitLines(text)) if (!take(line)) break;
      finish();
      if (quiet && matched) return 0;
    }
    if (failed && !(quiet && matched)) return 2;
    return matched ? 0 : 1;
  });
}

/** Basic regular expressions: `\(` `\)` `\{` `\}` `\|` `\+` `\?` are the operators; bare ones are literal. */
function basicToExtended(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!;
      out += '(){}|+?'.includes(next) ? next : '\\' + next;
    } else if ('(){}|+?'.includes(ch)) {
      out += '\\' + ch;
    } else {
      out += ch;
    }
  }
  return out;
}

export function wc(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'lwcmL', '', { lines: 'l', words: 'w', bytes: 'c' });
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const selected = ['l', 'w', 'c'].filter((f) => options.flags.has(f) || (f === 'c' && options.flags.has('m')));
    const columns = selected.length > 0 ? selected : ['l', 'w', 'c'];
    const { texts, failed } = readInputs(ctx, options.operands, openFailed(ctx, dialect));
    const rows: { counts: number[]; name: string }[] = texts.map(({ name, text }) => ({
      name: name === '-' && options.operands.length === 0 ? '' : name,
      counts: columns.map((c) => (c === 'l' ? (text.match(/\n/g) ?? []).length : c === 'w' ? (text.match(/\S+/g) ?? []).length : utf8Length(text))),
    }));
    if (rows.length > 1) rows.push({ name: 'total', counts: columns.map((_, i) => rows.reduce((sum, r) => sum + r.counts[i]!, 0)) });
    const single = rows.length === 1 && columns.length === 1;
    const width = dialect === 'gnu' ? (single ? 0 : Math.max(options.operands.length === 0 ? 7 : 1, ...rows.flatMap((r) => r.counts.map((n) => String(n).length)))) : 0;
    for (const row of rows) {
      let line: string;
      if (dialect === 'busybox') {
        line = columns.length === 1 ? String(row.counts[0]) : row.counts.map((n) => String(n).padStart(7)).join(' ').replace(/^ +/, (m) => m);
        if (columns.length > 1) line = row.counts.map((n, i) => (i === 0 ? String(n).padStart(7) : String(n).padStart(8))).join('');
        if (row.name) line += ' ' + row.name;
      } else {
        line = row.counts.map((n) => String(n).padStart(width)).join(' ');
        if (row.name) line += ' ' + row.name;
      }
      ctx.io.stdout(line + '\n');
    }
    return failed ? 1 : 0;
  };
}

export function sort(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'nrufbh', 'kt', { numeric: 'n', reverse: 'r', unique: 'u' });
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const { texts, failed } = readInputs(ctx, options.operands, openFailed(ctx, dialect));
    const lines = texts.flatMap((t) => splitLines(t.text));
    const separator = options.values.get('t');
    const keySpec = options.values.get('k');
    const keyField = keySpec ? Number(keySpec.split(',')[0]!.replace(/[a-z]+$/, '')) : 0;
    const numeric = options.flags.has('n') || /n/.test(keySpec ?? '');
    const key = (line: string): string => {
      if (!keyField) return line;
      const fields = separator ? line.split(separator) : line.trim().split(/\s+/);
      return fields[keyField - 1] ?? '';
    };
    const compare = (a: string, b: string): number => {
      const ka = key(a);
      const kb = key(b);
      if (numeric) {
        const diff = (parseFloat(ka) || 0) - (parseFloat(kb) || 0);
        if (diff !== 0) return diff;
      } else if (ka !== kb) {
        const ia = options.flags.has('f') ? ka.toLowerCase() : ka;
        const ib = options.flags.has('f') ? kb.toLowerCase() : kb;
        if (ia !== ib) return ia < ib ? -1 : 1;
      }
      return a < b ? -1 : a > b ? 1 : 0;
    };
    let sorted = [...lines].sort(compare);
    if (options.flags.has('r')) sorted.reverse();
    if (options.flags.has('u')) sorted = sorted.filter((line, i) => i === 0 || compare(sorted[i - 1]!, line) !== 0);
    ctx.io.stdout(joinLines(sorted));
    return failed ? 2 : 0;
  };
}

export function uniq(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'cdui');
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const { texts, failed } = readInputs(ctx, options.operands.slice(0, 1), openFailed(ctx, dialect));
    const groups: { line: string; count: number }[] = [];
    for (const line of splitLines(texts[0]?.text ?? '')) {
      const last = groups[groups.length - 1];
      const same = last && (options.flags.has('i') ? last.line.toLowerCase() === line.toLowerCase() : last.line === line);
      if (same) last.count++;
      else groups.push({ line, count: 1 });
    }
    const kept = groups.filter((g) => (options.flags.has('d') ? g.count > 1 : options.flags.has('u') ? g.count === 1 : true));
    ctx.io.stdout(joinLines(kept.map((g) => (options.flags.has('c') ? `${String(g.count).padStart(7)} ${g.line}` : g.line))));
    return failed ? 1 : 0;
  };
}

function expandSet(set: string): string {
  const classes: Record<string, string> = {
    '[:lower:]': 'abcdefghijklmnopqrstuvwxyz',
    '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '[:digit:]': '0123456789',
    '[:space:]': ' \t\n\r\f\v',
    '[:alpha:]': 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '[:alnum:]': 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    '[:blank:]': ' \t',
    '[:xdigit:]': '0123456789ABCDEFabcdef',
    '[:punct:]': '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  };
  // Escapes as tr reads them: \\, \a \b \f \n \r \t \v, and \NNN in octal (`\0` is NUL).
  const escapes: Record<string, string> = { '\\': '\\', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  let text = set.replace(/\\([0-7]{1,3}|[\\abfnrtv])/g, (_, escape: string) => escapes[escape] ?? String.fromCharCode(parseInt(escape, 8)));
  for (const [name, chars] of Object.entries(classes)) text = text.split(name).join(chars);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i + 1] === '-' && i + 2 < text.length) {
      for (let code = text.charCodeAt(i); code <= text.charCodeAt(i + 2); code++) out += String.fromCharCode(code);
      i += 2;
    } else out += text[i];
  }
  return out;
}

export function tr(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'dscC', '', { delete: 'd', 'squeeze-repeats': 's', complement: 'c' });
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const [first, second] = options.operands;
    if (first === undefined) {
      printError(ctx, 'missing operand');
      return 1;
    }
    const deleting = options.flags.has('d');
    const squeezing = options.flags.has('s');
    const complement = options.flags.has('c') || options.flags.has('C');
    const from = expandSet(first);
    const inFirstSet = (ch: string): boolean => from.includes(ch) !== complement;
    const to = expandSet(second ?? '');
    const input = ctx.io.stdin;
    let out = '';
    if (deleting) {
      for (const ch of input) if (!inFirstSet(ch)) out += ch;
    } else if (to === '') {
      out = input;
    } else {
      for (const ch of input) {
        if (!inFirstSet(ch)) out += ch;
        // The complement has no useful order here: every character of it maps to SET2's last one.
        else if (complement) out += to[to.length - 1];
        else out += to[Math.min(from.indexOf(ch), to.length - 1)];
      }
    }
    if (squeezing) {
      // Squeeze runs of SET2's characters after translating or deleting, of SET1's when only squeezing.
      const squeezable = (ch: string): boolean => (deleting || to !== '' ? to.includes(ch) : inFirstSet(ch));
      out = out.replace(/(.)\1+/gs, (run, ch: string) => (squeezable(ch) ? ch : run));
    }
    ctx.io.stdout(out);
    return 0;
  };
}

function parseRanges(spec: string): ((index: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const match = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!match || (match[1] === '' && match[3] === '')) return undefined;
    const start = match[1] ? Number(match[1]) : 1;
    const end = match[2] ? (match[3] ? Number(match[3]) : Infinity) : start;
    ranges.push([start, end]);
  }
  return (index) => ranges.some(([start, end]) => index >= start && index <= end);
}

export function cut(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 's', 'dfcb', { delimiter: 'd', fields: 'f', characters: 'c' });
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const spec = options.values.get('f') ?? options.values.get('c') ?? options.values.get('b');
    if (spec === undefined) {
      printError(ctx, dialect === 'gnu' ? 'you must specify a list of bytes, characters, or fields' : 'expected a list of bytes, characters, or fields');
      if (dialect === 'gnu') ctx.io.stderr(`Try 'cut --help' for more information.\n`);
      return 1;
    }
    const selected = parseRanges(spec);
    if (!selected) {
      printError(ctx, dialect === 'gnu' ? 'invalid field value' : `invalid range '${spec}'`);
      return 1;
    }
    const delimiter = options.values.get('d') ?? '\t';
    const { texts, failed } = readInputs(ctx, options.operands, openFailed(ctx, dialect));
    const out: string[] = [];
    for (const line of texts.flatMap((t) => splitLines(t.text))) {
      if (options.values.has('f')) {
        if (!line.includes(delimiter)) {
          if (!options.flags.has('s')) out.push(line);
          continue;
        }
        out.push(line.split(delimiter).filter((_, i) => selected(i + 1)).join(delimiter));
      } else {
        out.push([...line].filter((_, i) => selected(i + 1)).join(''));
      }
    }
    ctx.io.stdout(joinLines(out));
    return failed ? 1 : 0;
  };
}

export function tee(dialect: Dialect): CommandImpl {
  return readsInputAsItComes((ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'ai');
    let status = 0;
    const opened: string[] = [];
    const write = (text: string, append: boolean): void => {
      for (const path of opened) ctx.fs.writeFile(path, text, { append });
      ctx.io.stdout(text);
    };
    for (const name of options.operands) {
      const path = absolute(ctx, name);
      try {
        if (!options.flags.has('a') || !ctx.fs.stat(path)) ctx.fs.writeFile(path, '');
        opened.push(path);
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        printError(ctx, dialect === 'busybox' ? `can't open '${name}': ${errorText(error)}` : `${name}: ${errorText(error)}`);
        status = 1;
      }
    }
    write(ctx.io.stdin, true);
    const stream = ctx.io.stdinStream;
    if (!stream) return status;
    // A pipe still being written: each piece goes on as it comes.
    return (function* (): Program {
      for (let chunk = yield* readInputChunk(stream); chunk !== null; chunk = yield* readInputChunk(stream)) write(chunk, true);
      return status;
    })();
  });
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8Bytes(text: string): number[] {
  const binary = unescape(encodeURIComponent(text));
  return Array.from(binary, (ch) => ch.charCodeAt(0));
}

function fromUtf8Bytes(bytes: number[]): string {
  const binary = String.fromCharCode(...bytes);
  try {
    return decodeURIComponent(escape(binary));
  } catch {
    return binary;
  }
}

export function base64(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'dwi', '', { decode: 'd' });
    const { texts, failed } = readInputs(ctx, options.operands.slice(0, 1), openFailed(ctx, dialect));
    if (failed) return 1;
    const input = texts[0]!.text;
    if (options.flags.has('d')) {
      const clean = input.replace(/[\s=]/g, '');
      const bytes: number[] = [];
      let buffer = 0;
      let bits = 0;
      for (const ch of clean) {
        const value = base64Alphabet.indexOf(ch);
        if (value < 0) {
          printError(ctx, 'invalid input');
          return 1;
        }
        buffer = (buffer << 6) | value;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          bytes.push((buffer >> bits) & 0xff);
        }
      }
      ctx.io.stdout(fromUtf8Bytes(bytes));
      return 0;
    }
    const bytes = utf8Bytes(input);
    let out = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      out += base64Alphabet[(chunk >> 18) & 63]! + base64Alphabet[(chunk >> 12) & 63]!;
      out += i + 1 < bytes.length ? base64Alphabet[(chunk >> 6) & 63]! : '=';
      out += i + 2 < bytes.length ? base64Alphabet[chunk & 63]! : '=';
    }
    ctx.io.stdout((out.match(/.{1,76}/g) ?? ['']).join('\n') + (out === '' ? '' : '\n'));
    return 0;
  };
}

/** rev: each line's characters in reverse order (busybox, util-linux). */
export function rev(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const failedOpen = (name: string, error: unknown): void => printError(ctx, dialect === 'gnu' ? `cannot open ${name}: ${errorText(error)}` : `${name}: ${errorText(error)}`);
    const { texts, failed } = readInputs(ctx, ctx.argv.slice(1), failedOpen);
    for (const { text } of texts) {
      ctx.io.stdout(text.replace(/[^\n]+/g, (line) => [...line].reverse().join('')));
    }
    return failed ? 1 : 0;
  };
}
