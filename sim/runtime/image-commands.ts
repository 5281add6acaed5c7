// What a container can execute: its image's own programs, its shell (busybox `sh` or bash) and
// the shell tools the image ships.

import type { CommandContext, CommandImpl } from '../process';
import type { ImageSpec } from './images/catalog';
import { resolveImageUser } from './images/users';
import { createShellState, runCommandLine, type ShellDialect } from '../shell/lang';
import { busyboxCommands, gnuCommands } from '../shell/commands';
import { dashEcho } from '../shell/commands/basic-commands';
import { interactiveShell } from '../shell/interactive-shell';

type CommandTable = Map<string, CommandImpl> | Record<string, CommandImpl>;

function lookup(table: CommandTable, name: string): CommandImpl | undefined {
  return table instanceof Map ? table.get(name) : Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** `sh -c 'script' [name [args]]`, `sh script.sh`, or `sh` reading its script from stdin. */
export function shellProgram(dialect: ShellDialect, resolve: (name: string) => CommandImpl | undefined, dash = false): CommandImpl {
  return (ctx: CommandContext) => {
    const args = ctx.argv.slice(1);
    const shellName = dialect === 'bash' && ctx.argv[0].endsWith('bash') ? 'bash' : ctx.argv[0].split('/').pop() === 'bash' ? 'bash' : 'sh';
    let script: string;
    let positional: string[] = [];
    let scriptName = ctx.argv[0];
    let i = 0;
    while (i < args.length && /^-[a-z]*$/.test(args[i]) && args[i] !== '-c') i++;
    if (args[i] === '-c' || (args[i] && /^-[a-z]*c[a-z]*$/.test(args[i]))) {
      script = args[i + 1] ?? '';
      if (args[i + 1] === undefined) {
        ctx.io.stderr(`${shellName}: -c: option requires an argument\n`);
        return 2;
      }
      scriptName = args[i + 2] ?? ctx.argv[0];
      positional = args.slice(i + 3);
    } else if (args[i] !== undefined) {
      const path = args[i].startsWith('/') ? args[i] : `${ctx.cwd.replace(/\/$/, '')}/${args[i]}`;
      try {
        script = ctx.fs.readFile(path);
      } catch {
        ctx.io.stderr(dialect === 'busybox' ? `${shellName}: can't open '${args[i]}': No such file or directory\n` : `${shellName}: ${args[i]}: No such file or directory\n`);
        return dialect === 'busybox' ? 2 : 127;
      }
      scriptName = args[i];
      positional = args.slice(i + 1);
    } else if (ctx.io.stdinStream) {
      // A stdin that stays open (`stdin: true`, or a tty): commands one at a time as they come.
      const state = createShellState({ env: ctx.env, cwd: ctx.cwd, scriptName, pid: ctx.host.pid?.() });
      return interactiveShell(ctx.io.stdinStream, state, { fs: ctx.fs, io: ctx.io, host: ctx.host, now: ctx.now, dialect, shellName, commands: resolve, dash });
    } else {
      script = ctx.io.stdin;
    }
    const state = createShellState({ env: ctx.env, cwd: ctx.cwd, scriptName, positional, pid: ctx.host.pid?.() });
    return runCommandLine(script, state, {
      fs: ctx.fs,
      io: ctx.io,
      host: ctx.host,
      now: ctx.now,
      dialect,
      shellName,
      commands: resolve,
      dash,
    });
  };
}

/** The tools an image with this shell has in /bin. */
export function shellToolNames(shell: 'busybox' | 'gnu'): string[] {
  return [...(shell === 'busybox' ? busyboxCommands : gnuCommands).keys()];
}

/** The shells an image has: bash and dash in GNU images, ash in busybox ones (and bash where installed). */
export function shellNames(image: ImageSpec): string[] {
  if (image.shell === 'gnu') return ['sh', 'bash', 'dash'];
  if (image.shell === 'busybox') return ['sh', 'ash', ...(image.bash ? ['bash'] : [])];
  return [];
}

/**
 * docker-entrypoint.sh: runs its arguments as a command, or `main` with them as its options; the
 * server itself, started as root, as the image's server user (`exec gosu redis "$0" "$@"`).
 */
function entrypointScript(main: string, resolve: (name: string) => CommandImpl | undefined, image: ImageSpec): CommandImpl {
  return (ctx: CommandContext) => {
    let args = ctx.argv.slice(1);
    if (args.length === 0 || args[0].startsWith('-') || !resolve(args[0])) args = [main, ...args];
    const program = resolve(args[0]);
    if (!program) {
      ctx.io.stderr(`${ctx.argv[0]}: line 1: exec: ${args[0]}: not found\n`);
      return 127;
    }
    // exec: the process is now the program it ran.
    ctx.host.setTitle?.(args.join(' '));
    const serverUser = args[0] === main && image.serverUser && (ctx.host.identity?.()?.uid ?? 0) === 0 ? resolveImageUser(image, image.serverUser) : undefined;
    if (serverUser) ctx.host.setUser?.(serverUser.uid);
    return program({ ...ctx, argv: args });
  };
}

/**
 * A resolver for one container: by name or path, as the image's PATH finds programs. A tool the
 * image leaves out is found once `installed` says a package manager has put it in place.
 */
export function imageCommandResolver(image: ImageSpec, installed?: (tool: string) => boolean): (name: string) => CommandImpl | undefined {
  const cache = new Map<string, CommandImpl | undefined>();
  const dialect: ShellDialect = image.shell === 'gnu' ? 'bash' : 'busybox';
  const tools: CommandTable | undefined = image.shell === 'busybox' ? busyboxCommands : image.shell === 'gnu' ? gnuCommands : undefined;
  const shells = shellNames(image);
  const resolve = (name: string): CommandImpl | undefined => {
    if (cache.has(name)) return cache.get(name);
    const base = name.split('/').pop() ?? name;
    const script = image.entrypoint[0]?.split('/').pop();
    let found: CommandImpl | undefined = image.entrypointRuns && base === script ? entrypointScript(image.entrypointRuns, resolve, image) : image.binaries[base];
    if (!found && shells.includes(base)) {
      // A GNU image's sh is dash, whose echo builtin differs from bash's.
      const dash = image.shell === 'gnu' && base !== 'bash';
      found = shellProgram(base === 'bash' ? 'bash' : dialect, dash ? (command) => (command === 'echo' ? dashEcho : resolve(command)) : resolve, dash);
    }
    const left = image.missing?.includes(base) ?? false;
    if (!found && tools && (!left || installed?.(base))) found = lookup(tools, base);
    // What an install may change is looked up again each time.
    if (!left) cache.set(name, found);
    return found;
  };
  return resolve;
}
