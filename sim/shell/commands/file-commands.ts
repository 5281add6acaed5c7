// cat, touch, rm, mkdir, rmdir, ls, cp, mv.

import { FsError, type FileStat } from '../../fs/filesystem';
import { errorText } from '../../fs/error-text';
import { basename, joinPath } from '../../fs/paths';
import { readInputChunk, readsInputAsItComes, type CommandContext, type CommandImpl, type Program } from '../../process';
import { absolute, cannotOpen, formatTime, invalidOption, parseOptions, printError, type Dialect } from './common';

const catLongOptions: Record<string, string> = {
  'show-all': 'A',
  'number-nonblank': 'b',
  'show-ends': 'E',
  number: 'n',
  'squeeze-blank': 's',
  'show-tabs': 'T',
  'show-nonprinting': 'v',
};

/** What cat's options ask of the text: numbering, squeezing, and making invisible characters visible. */
interface CatFormat {
  number: 'none' | 'all' | 'nonblank';
  squeeze: boolean;
  ends: boolean;
  tabs: boolean;
  nonprinting: boolean;
}

/** `^A`, `^?`: how `cat -v` shows a control character (text beyond ASCII is left as it is here). */
function visible(code: number): string {
  return code === 127 ? '^?' : '^' + String.fromCharCode(code + 64);
}

/** Formats one file's text, carrying the line count and position over from the files before it. */
function formatCat(text: string, format: CatFormat, state: { line: number; atStart: boolean; blanks: number }): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (state.atStart) {
      const blank = ch === '\n';
      state.blanks = blank ? state.blanks + 1 : 0;
      if (format.squeeze && state.blanks > 1) continue;
      if (format.number === 'all' || (format.number === 'nonblank' && !blank)) out += `${String(++state.line).padStart(6)}\t`;
    }
    state.atStart = ch === '\n';
    if (ch === '\n') out += format.ends ? '$\n' : '\n';
    else if (ch === '\t') out += format.tabs ? '^I' : '\t';
    else if (format.nonprinting && (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127)) out += visible(ch.charCodeAt(0));
    else out += ch;
  }
  return out;
}

export function cat(dialect: Dialect): CommandImpl {
  return readsInputAsItComes((ctx) => {
    let names = ctx.argv.slice(1);
    let format: CatFormat | undefined;
    // `cat /tmp/healthy` runs every few seconds as a probe: options are looked at only when there are some.
    if (names.some((a) => a.length > 1 && a.startsWith('-'))) {
      const options = parseOptions(names, 'AbeEnstTuv', '', catLongOptions);
      if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
      const has = (letters: string) => [...letters].some((letter) => options.flags.has(letter));
      names = options.operands;
      format = {
        number: has('b') ? 'nonblank' : has('n') ? 'all' : 'none',
        squeeze: has('s'),
        ends: has('AeE'),
        tabs: has('AtT'),
        nonprinting: has('Aetv'),
      };
      if (format.number === 'none' && !format.squeeze && !format.ends && !format.tabs && !format.nonprinting) format = undefined;
    }
    const state = { line: 0, atStart: true, blanks: 0 };
    const emit = (text: string) => ctx.io.stdout(format ? formatCat(text, format, state) : text);
    if (names.length === 0 || (names.length === 1 && names[0] === '-')) {
      emit(ctx.io.stdin);
      const stream = ctx.io.stdinStream;
      if (!stream) return 0;
      // A pipe still being written: each piece goes on as it comes.
      return (function* (): Program {
        for (let chunk = yield* readInputChunk(stream); chunk !== null; chunk = yield* readInputChunk(stream)) emit(chunk);
        return 0;
      })();
    }
    let status = 0;
    for (const name of names) {
      if (name === '-') {
        emit(ctx.io.stdin);
        continue;
      }
      const path = absolute(ctx, name);
      // Checking first avoids building an exception on the hot failing-probe path.
      if (ctx.fs.stat(path) === undefined) {
        printError(ctx, dialect === 'busybox' ? `can't open '${name}': No such file or directory` : `${name}: No such file or directory`);
        status = 1;
        continue;
      }
      try {
        emit(ctx.fs.readFile(path));
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        if (error.code === 'EISDIR') printError(ctx, dialect === 'busybox' ? 'read error: Is a directory' : `${name}: Is a directory`);
        else cannotOpen(ctx, dialect, name, error);
        status = 1;
      }
    }
    return status;
  });
}

export function touch(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'acm');
    if (options.operands.length === 0) {
      printError(ctx, 'missing file operand');
      if (dialect === 'gnu') ctx.io.stderr(`Try 'touch --help' for more information.\n`);
      return 1;
    }
    let status = 0;
    for (const name of options.operands) {
      const path = absolute(ctx, name);
      try {
        const stat = ctx.fs.stat(path);
        if (!stat) ctx.fs.writeFile(path, '');
        else if (stat.type === 'file') ctx.fs.writeFile(path, '', { append: true });
        else (ctx.fs as { setMtime?(p: string, t: number): void }).setMtime?.(path, ctx.now());
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        printError(ctx, dialect === 'busybox' ? `${name}: ${errorText(error)}` : `cannot touch '${name}': ${errorText(error)}`);
        status = 1;
      }
    }
    return status;
  };
}

export function rm(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'rRfiv', '', { recursive: 'r', force: 'f' });
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const force = options.flags.has('f');
    const recursive = options.flags.has('r') || options.flags.has('R');
    if (options.operands.length === 0 && !force) {
      printError(ctx, 'missing operand');
      if (dialect === 'gnu') ctx.io.stderr(`Try 'rm --help' for more information.\n`);
      return 1;
    }
    let status = 0;
    const cannot = dialect === 'busybox' ? "can't remove" : 'cannot remove';
    for (const name of options.operands) {
      const path = absolute(ctx, name);
      const stat = ctx.fs.stat(path);
      if (!stat) {
        if (!force) {
          printError(ctx, `${cannot} '${name}': No such file or directory`);
          status = 1;
        }
        continue;
      }
      if (stat.type === 'dir' && !recursive) {
        printError(ctx, dialect === 'busybox' ? `'${name}' is a directory` : `cannot remove '${name}': Is a directory`);
        status = 1;
        continue;
      }
      try {
        ctx.fs.remove(path, { recursive });
        if (options.flags.has('v')) ctx.io.stdout(dialect === 'gnu' ? `removed '${name}'\n` : `removed '${name}'\n`);
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        printError(ctx, `${cannot} '${name}': ${errorText(error)}`);
        status = 1;
      }
    }
    return status;
  };
}

export function mkdir(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'pv', 'm', { parents: 'p' });
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    if (options.operands.length === 0) {
      printError(ctx, 'missing operand');
      if (dialect === 'gnu') ctx.io.stderr(`Try 'mkdir --help' for more information.\n`);
      return 1;
    }
    let status = 0;
    for (const name of options.operands) {
      try {
        ctx.fs.mkdir(absolute(ctx, name), { recursive: options.flags.has('p') });
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        printError(ctx, dialect === 'busybox' ? `can't create directory '${name}': ${errorText(error)}` : `cannot create directory ‘${name}’: ${errorText(error)}`);
        status = 1;
      }
    }
    return status;
  };
}

export function rmdir(dialect: Dialect): CommandImpl {
  return (ctx) => {
    let status = 0;
    for (const name of ctx.argv.slice(1)) {
      const path = absolute(ctx, name);
      try {
        const stat = ctx.fs.stat(path);
        if (stat && stat.type !== 'dir') throw new FsError('ENOTDIR', path);
        ctx.fs.remove(path, { dir: true });
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        printError(ctx, dialect === 'busybox' ? `'${name}': ${errorText(error)}` : `failed to remove '${name}': ${errorText(error)}`);
        status = 1;
      }
    }
    return status;
  };
}

function modeString(stat: FileStat): string {
  const bits = 'rwxrwxrwx';
  let text = stat.link !== undefined ? 'l' : stat.type === 'dir' ? 'd' : '-';
  for (let i = 0; i < 9; i++) text += stat.mode & (1 << (8 - i)) ? bits[i] : '-';
  return text;
}

function lsTime(mtime: number, now: number): string {
  const sixMonths = 182 * 86_400_000;
  return Math.abs(now - mtime) > sixMonths ? formatTime(mtime, '%b %e  %Y') : formatTime(mtime, '%b %e %H:%M');
}

export function ls(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'laA1RhdiFp', '', { all: 'a' });
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const flags = options.flags;
    const long = flags.has('l');
    const user = ctx.env.get('USER') ?? 'root';
    const operands = options.operands.length > 0 ? options.operands : ['.'];
    const files: string[] = [];
    const dirs: string[] = [];
    let status = 0;
    for (const name of operands) {
      const stat = ctx.fs.stat(absolute(ctx, name));
      if (!stat) {
        printError(ctx, dialect === 'busybox' ? `${name}: No such file or directory` : `cannot access '${name}': No such file or directory`);
        status = 2;
        continue;
      }
      if (stat.type === 'dir' && !flags.has('d')) dirs.push(name);
      else files.push(name);
    }
    if (dialect === 'busybox' && status !== 0) status = 1;

    const entryLines = (entries: { name: string; stat: FileStat }[]): string[] => {
      if (!long) return entries.map((e) => (flags.has('i') ? `${e.stat.ino} ` : '') + e.name + (flags.has('F') && e.stat.type === 'dir' ? '/' : ''));
      if (dialect === 'busybox') {
        return entries.map((e) => `${flags.has('i') ? String(e.stat.ino).padStart(8) + ' ' : ''}${modeString(e.stat)} ${String(e.stat.type === 'dir' ? 2 : 1).padStart(4)} ${user.slice(0, 8).padEnd(8)} ${user.slice(0, 8).padEnd(8)} ${String(e.stat.size).padStart(9)} ${lsTime(e.stat.mtime, ctx.now())} ${e.name}${e.stat.link !== undefined ? ` -> ${e.stat.link}` : ''}`);
      }
      const sizeWidth = Math.max(...entries.map((e) => String(e.stat.size).length));
      // GNU ls quotes a link target with brackets in it: net -> 'net:[4026532001]'.
      const target = (link: string) => (/[[\]]/.test(link) ? `'${link}'` : link);
      return entries.map((e) => `${flags.has('i') ? e.stat.ino + ' ' : ''}${modeString(e.stat)} ${e.stat.type === 'dir' ? 2 : 1} ${user} ${user} ${String(e.stat.size).padStart(sizeWidth)} ${lsTime(e.stat.mtime, ctx.now())} ${e.name}${e.stat.link !== undefined ? ` -> ${target(e.stat.link)}` : ''}`);
    };
    const output: string[] = [];
    if (files.length > 0) {
      output.push(...entryLines(files.sort().map((name) => ({ name, stat: ctx.fs.stat(absolute(ctx, name))! }))));
    }
    const showHeaders = operands.length > 1 || flags.has('R');
    const listDir = (name: string, first: boolean): void => {
      const path = absolute(ctx, name);
      let names: string[];
      try {
        names = ctx.fs.readdir(path);
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        printError(ctx, dialect === 'busybox' ? `can't open '${name}': ${errorText(error)}` : `cannot open directory '${name}': ${errorText(error)}`);
        status = dialect === 'busybox' ? 1 : 2;
        return;
      }
      if (!flags.has('a') && !flags.has('A')) names = names.filter((n) => !n.startsWith('.'));
      else if (flags.has('a')) names = ['.', '..', ...names];
      const entries = names.map((entry) => ({ name: entry, stat: ctx.fs.stat(entry === '.' ? path : entry === '..' ? joinPath(path, '..') : joinPath(path, entry))! }));
      if (showHeaders) {
        if (!first || output.length > 0) output.push('');
        output.push(`${name}:`);
      }
      if (long) output.push(`total ${entries.reduce((sum, e) => sum + (e.stat.type === 'dir' ? 4 : Math.ceil(e.stat.size / 4096) * 4), 0)}`);
      output.push(...entryLines(entries));
      if (flags.has('R')) {
        for (const entry of entries) {
          if (entry.stat.type === 'dir' && entry.name !== '.' && entry.name !== '..') listDir(name === '/' ? '/' + entry.name : `${name}/${entry.name}`, false);
        }
      }
    };
    dirs.sort().forEach((name, i) => listDir(name, i === 0));
    if (output.length > 0) ctx.io.stdout(output.join('\n') + '\n');
    return status;
  };
}

export function cp(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'rRfapv', '', { recursive: 'r' });
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    return copyOrMove(ctx, dialect, options.operands, 'cp', options.flags.has('r') || options.flags.has('R') || options.flags.has('a'));
  };
}

export function mv(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'fivn');
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    return copyOrMove(ctx, dialect, options.operands, 'mv', true);
  };
}

function copyOrMove(ctx: CommandContext, dialect: Dialect, operands: string[], verb: 'cp' | 'mv', recursive: boolean): number {
  if (operands.length < 2) {
    printError(ctx, operands.length === 0 ? 'missing file operand' : `missing destination file operand after '${operands[0]}'`);
    if (dialect === 'gnu') ctx.io.stderr(`Try '${verb} --help' for more information.\n`);
    return 1;
  }
  const target = operands[operands.length - 1]!;
  const targetPath = absolute(ctx, target);
  const targetIsDir = ctx.fs.stat(targetPath)?.type === 'dir';
  const sources = operands.slice(0, -1);
  if (sources.length > 1 && !targetIsDir) {
    printError(ctx, dialect === 'busybox' ? `'${target}' is not a directory` : `target '${target}' is not a directory`);
    return 1;
  }
  let status = 0;
  for (const source of sources) {
    const sourcePath = absolute(ctx, source);
    const stat = ctx.fs.stat(sourcePath);
    const destination = targetIsDir ? joinPath(targetPath, basename(sourcePath)) : targetPath;
    if (!stat) {
      printError(ctx, dialect === 'busybox' ? `can't stat '${source}': No such file or directory` : `cannot stat '${source}': No such file or directory`);
      status = 1;
      continue;
    }
    try {
      if (verb === 'mv') ctx.fs.rename(sourcePath, destination);
      else if (stat.type === 'dir') {
        if (!recursive) {
          printError(ctx, dialect === 'busybox' ? `omitting directory '${source}'` : `-r not specified; omitting directory '${source}'`);
          status = 1;
          continue;
        }
        copyTree(ctx, sourcePath, destination);
      } else {
        ctx.fs.writeFile(destination, ctx.fs.readFile(sourcePath));
      }
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      printError(ctx, dialect === 'busybox' ? `can't create '${target}': ${errorText(error)}` : `cannot ${verb === 'mv' ? 'move' : 'create regular file'} '${target}': ${errorText(error)}`);
      status = 1;
    }
  }
  return status;
}

function copyTree(ctx: CommandContext, from: string, to: string): void {
  if (ctx.fs.stat(from)?.type === 'dir') {
    ctx.fs.mkdir(to, { recursive: true });
    for (const name of ctx.fs.readdir(from)) copyTree(ctx, joinPath(from, name), joinPath(to, name));
  } else {
    ctx.fs.writeFile(to, ctx.fs.readFile(from));
  }
}

const busyboxReadlinkUsage =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: readlink [-fnv] FILE\n\nDisplay the value of a symlink\n\n\t-f\tCanonicalize by following all symlinks\n\t-n\tDon\'t add newline\n\t-v\tVerbose\n';

/** readlink: a symbolic link's target; with -f the path itself, as it has no links to follow here. */
export function readlink(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'fenmqsvz', '', {});
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    if (options.operands.length === 0) {
      if (dialect === 'busybox') ctx.io.stderr(busyboxReadlinkUsage);
      else ctx.io.stderr("readlink: missing operand\nTry 'readlink --help' for more information.\n");
      return 1;
    }
    const canonical = ['f', 'e', 'm'].some((flag) => options.flags.has(flag));
    const end = options.flags.has('n') ? '' : '\n';
    let status = 0;
    for (const name of options.operands) {
      const path = absolute(ctx, name);
      const stat = ctx.fs.stat(path);
      if (stat?.link !== undefined && !canonical) ctx.io.stdout(stat.link + end);
      else if (canonical && (stat || options.flags.has('m') || options.flags.has('f'))) ctx.io.stdout(path + end);
      else status = 1;
    }
    return status;
  };
}
