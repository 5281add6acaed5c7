// Commands that run other commands: sh/bash, xargs, which; and md5sum.

import type { CommandContext, CommandImpl, Program } from '../../process';
import { createShellState, runCommandLine, type ShellDialect } from '../lang';
import { absolute, printError, readInputs, type Dialect } from './common';
import { md5Hex } from './md5';
import { interactiveShell } from '../interactive-shell';
import { errorText } from '../../fs/error-text';

export type CommandLookup = (name: string) => CommandImpl | undefined;

/** `sh -c 'script' [name args...]`, `sh script.sh args...`, or `sh` reading its script from stdin. */
export function shell(dialect: ShellDialect, lookup: CommandLookup): CommandImpl {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    const shellName = ctx.argv[0]!.split('/').pop()!;
    let index = 0;
    let command = false;
    let errexit = false;
    while (index < args.length && /^[-+][a-z]+$/.test(args[index]!)) {
      if (args[index]!.includes('c')) command = true;
      if (args[index]!.startsWith('-') && args[index]!.includes('e')) errexit = true;
      index++;
    }
    let script: string;
    let scriptName = ctx.argv[0]!;
    let positional: string[] = [];
    if (command) {
      if (args[index] === undefined) {
        ctx.io.stderr(dialect === 'bash' ? `${shellName}: -c: option requires an argument\n` : `${shellName}: -c requires an argument\n`);
        return 2;
      }
      script = args[index]!;
      scriptName = args[index + 1] ?? ctx.argv[0]!;
      positional = args.slice(index + 2);
    } else if (args[index] !== undefined) {
      const file = args[index]!;
      try {
        script = ctx.fs.readFile(absolute(ctx, file));
      } catch (error) {
        ctx.io.stderr(dialect === 'bash' ? `${shellName}: ${file}: ${errorText(error)}\n` : `${shellName}: can't open '${file}': ${errorText(error)}\n`);
        return dialect === 'bash' ? 127 : 2;
      }
      scriptName = file;
      positional = args.slice(index + 1);
    } else if (ctx.io.stdinStream) {
      // Commands from a stdin that stays open: one at a time as they are typed.
      const state = createShellState({ env: ctx.env, cwd: ctx.cwd, scriptName, positional: args.slice(index), pid: ctx.host.pid?.() });
      return interactiveShell(ctx.io.stdinStream, state, { fs: ctx.fs, io: ctx.io, host: ctx.host, now: ctx.now, dialect, shellName, commands: lookup });
    } else {
      script = ctx.io.stdin;
    }
    const state = createShellState({ env: ctx.env, cwd: ctx.cwd, scriptName, positional, pid: ctx.host.pid?.() });
    state.errexit = errexit;
    return runCommandLine(script, state, { fs: ctx.fs, io: ctx.io, host: ctx.host, now: ctx.now, dialect, shellName, commands: lookup });
  };
}

export function xargs(lookup: CommandLookup): CommandImpl {
  return (ctx) => runXargs(ctx, lookup);
}

function* runXargs(ctx: CommandContext, lookup: CommandLookup): Program {
  const args = ctx.argv.slice(1);
  let perCall = Infinity;
  let replace: string | undefined;
  let index = 0;
  for (; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-n') perCall = Number(args[++index]);
    else if (arg.startsWith('-n')) perCall = Number(arg.slice(2));
    else if (arg === '-I') replace = args[++index];
    else if (arg === '-r' || arg === '--no-run-if-empty' || arg === '-0') continue;
    else break;
  }
  const template = args.slice(index);
  if (template.length === 0) template.push('echo');
  const items = replace !== undefined ? ctx.io.stdin.split('\n').filter((l) => l !== '') : ctx.io.stdin.split(/\s+/).filter((w) => w !== '');
  const calls: string[][] = [];
  if (replace !== undefined) {
    for (const item of items) calls.push(template.map((t) => t.split(replace!).join(item)));
  } else if (items.length === 0) {
    calls.push([...template]);
  } else {
    for (let i = 0; i < items.length; i += Number.isFinite(perCall) ? perCall : items.length) {
      calls.push([...template, ...items.slice(i, i + (Number.isFinite(perCall) ? perCall : items.length))]);
    }
  }
  let status = 0;
  for (const argv of calls) {
    const impl = ctx.host.command?.(argv[0]!) ?? lookup(argv[0]!);
    if (!impl) {
      printError(ctx, `${argv[0]}: No such file or directory`);
      return 127;
    }
    const result = impl({ ...ctx, argv, io: { stdin: '', stdout: ctx.io.stdout, stderr: ctx.io.stderr } });
    const code = typeof result === 'number' ? result : yield* result;
    if (code !== 0) status = 123;
  }
  return status;
}

export function which(lookup: CommandLookup): CommandImpl {
  return (ctx) => {
    let status = 0;
    for (const name of ctx.argv.slice(1)) {
      if (ctx.host.command?.(name) || lookup(name)) ctx.io.stdout(`${['kubectl', 'podlab', 'lab'].includes(name) ? '/usr/local/bin' : '/usr/bin'}/${name}\n`);
      else status = 1;
    }
    return status;
  };
}

export function md5sum(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const names = ctx.argv.slice(1);
    const { texts, failed } = readInputs(ctx, names, (name, error) => printError(ctx, dialect === 'busybox' ? `can't open '${name}': ${errorText(error)}` : `${name}: ${errorText(error)}`));
    for (const { name, text } of texts) ctx.io.stdout(`${md5Hex(text)}  ${name}\n`);
    return failed ? 1 : 0;
  };
}
