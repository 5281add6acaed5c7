// tar, as `kubectl cp` runs it in a container: `tar cf - PATH` writes an archive to stdout and
// `tar -xmf - -C DIR` unpacks one from stdin; `t` lists. The archive's layout is in sim/fs/tar-archive.ts.

import { FsError } from '../../fs/filesystem';
import { errorText } from '../../fs/error-text';
import type { CommandContext, CommandImpl } from '../../process';
import { absolute, printError, type Dialect } from './common';
import { readArchive, writeArchive, type Member } from '../../fs/tar-archive';

function collect(ctx: CommandContext, path: string, name: string, into: Member[]): void {
  const stat = ctx.fs.stat(path);
  if (!stat) throw new FsError('ENOENT', path);
  if (stat.type === 'dir') {
    into.push({ name: `${name}/`, dir: true, data: '', mode: stat.mode ?? 0o755, mtime: stat.mtime ?? 0 });
    for (const child of ctx.fs.readdir(path)) collect(ctx, `${path.replace(/\/$/, '')}/${child}`, `${name}/${child}`, into);
  } else {
    into.push({ name, dir: false, data: ctx.fs.readFile(path), mode: stat.mode ?? 0o644, mtime: stat.mtime ?? 0 });
  }
}

export function tar(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    // The first word may carry the letters without a dash: `tar cf - x`.
    if (args[0] && !args[0].startsWith('-')) args[0] = `-${args[0]}`;
    let mode: 'c' | 'x' | 't' | undefined;
    let file: string | undefined;
    let dir: string | undefined;
    let verbose = false;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--no-same-permissions' || arg === '--no-same-owner') continue;
      if (arg.startsWith('--') || !arg.startsWith('-') || arg === '-') {
        if (arg.startsWith('--')) {
          printError(ctx, `unrecognized option '${arg}'`);
          return dialect === 'gnu' ? 64 : 1;
        }
        operands.push(arg);
        continue;
      }
      const letters = arg.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const letter = letters[k];
        if ('cxt'.includes(letter)) mode = letter as 'c' | 'x' | 't';
        else if (letter === 'v') verbose = true;
        else if ('mopP'.includes(letter)) continue;
        else if (letter === 'f' || letter === 'C') {
          const value = k + 1 < letters.length ? letters.slice(k + 1) : args[++i];
          if (letter === 'f') file = value;
          else dir = value;
          break;
        } else {
          printError(ctx, `invalid option -- '${letter}'`);
          return dialect === 'gnu' ? 64 : 1;
        }
      }
    }
    if (!mode) {
      printError(ctx, dialect === 'gnu' ? 'You must specify one of the \'-Acdtrux\', \'--delete\' or \'--test-label\' options' : 'need at least one of -c, -x or -t');
      return dialect === 'gnu' ? 2 : 1;
    }
    const base = dir === undefined ? ctx.cwd : absolute(ctx, dir);
    if (dir !== undefined && ctx.fs.stat(base)?.type !== 'dir') {
      if (dialect === 'gnu') {
        printError(ctx, `${dir}: Cannot open: No such file or directory`);
        printError(ctx, 'Error is not recoverable: exiting now');
        return 2;
      }
      printError(ctx, `can't change directory to '${dir}': No such file or directory`);
      return 1;
    }
    if (mode === 'c') return create(ctx, dialect, base, operands, file, verbose);
    const input = file === undefined || file === '-' ? ctx.io.stdin : readFileOrNull(ctx, absolute(ctx, file));
    const members = input === undefined ? undefined : readArchive(input);
    if (!members) {
      printError(ctx, dialect === 'gnu' ? 'This does not look like a tar archive' : 'invalid tar magic');
      return dialect === 'gnu' ? 2 : 1;
    }
    for (const member of members) {
      if (mode === 't' || verbose) ctx.io.stdout(`${member.name}\n`);
      if (mode === 't') continue;
      const target = `${base.replace(/\/$/, '')}/${member.name.replace(/\/$/, '')}`;
      ctx.fs.mkdir(member.dir ? target : target.slice(0, target.lastIndexOf('/')) || '/', { recursive: true });
      if (!member.dir) ctx.fs.writeFile(target, member.data);
    }
    return 0;
  };
}

function readFileOrNull(ctx: CommandContext, path: string): string | undefined {
  try {
    return ctx.fs.readFile(path);
  } catch {
    return undefined;
  }
}

function create(ctx: CommandContext, dialect: Dialect, base: string, operands: string[], file: string | undefined, verbose: boolean): number {
  const members: Member[] = [];
  let failed = false;
  let warnedSlash = false;
  for (const operand of operands) {
    const name = operand.replace(/^\/+/, '');
    if (name !== operand && !warnedSlash) {
      ctx.io.stderr(dialect === 'gnu' ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n");
      warnedSlash = true;
    }
    try {
      collect(ctx, absolute({ ...ctx, cwd: base }, operand), name.replace(/\/+$/, ''), members);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      failed = true;
      printError(ctx, dialect === 'gnu' ? `${operand}: Cannot stat: ${errorText(error)}` : `${operand}: ${errorText(error)}`);
    }
  }
  if (verbose) for (const member of members) ctx.io.stderr(`${member.name}\n`);
  const archive = writeArchive(members);
  if (file === undefined || file === '-') ctx.io.stdout(archive);
  else ctx.fs.writeFile(absolute(ctx, file), archive);
  if (failed && dialect === 'gnu') {
    printError(ctx, 'Exiting with failure status due to previous errors');
    return 2;
  }
  return failed ? 1 : 0;
}
