// The stages after the first in a pipeline that take their input a line at a time. A pipeline runs
// stage after stage, so `kubectl get pods -w | grep web` would show nothing until the watch ends;
// when every later stage is such a filter, each line the first stage prints goes through them at
// once, as with real pipes. Only grep with options that look at one line alone qualifies.

import type { CommandImpl } from '../../process';
import type { SimpleCommand } from './ast';
import { builtins } from './builtins';
import type { ExecContext } from './context';
import { commandEnvironment } from './state';

export interface LineFilter {
  /** What the stage prints for one line of input (with its newline), and whether it selected it. */
  pass(line: string): { output: string; selected: boolean };
}

/** grep's options that decide about each line on its own: no counting, numbering, context or early exit. */
const perLineGrepOptions = new Set(['i', 'v', 'E', 'F', 'w', 'x', 'o', 's']);

/** The stage as a line filter, or undefined when it needs all of its input (or is not a literal grep). */
export function lineFilterFor(command: SimpleCommand, ctx: ExecContext): LineFilter | undefined {
  const argv = command.literalArgv;
  if (!argv || argv[0] !== 'grep' || command.redirects.length > 0 || command.assignments.length > 0) return undefined;
  if (ctx.state.functions.has('grep') || ctx.state.aliases.has('grep') || builtins.has('grep')) return undefined;
  let patterns = 0;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-e' && i + 1 < argv.length) {
      patterns++;
      i++;
    } else if (arg.startsWith('-') && arg.length > 1) {
      if (arg.startsWith('--') || ![...arg.slice(1)].every((letter) => perLineGrepOptions.has(letter))) return undefined;
    } else {
      patterns++;
    }
  }
  // One pattern and no file: grep reads its standard input.
  if (patterns !== 1) return undefined;
  const env = ctx.env;
  const impl: CommandImpl | undefined = env.host.command?.('grep') ?? env.commands('grep');
  if (!impl) return undefined;
  const run = (input: string): { output: string; status: number } => {
    let output = '';
    const result = impl({ argv, io: { stdin: input, stdout: (text) => (output += text), stderr: ctx.io.stderr }, env: commandEnvironment(ctx.state), fs: env.fs, cwd: ctx.state.cwd, now: env.now, host: env.host });
    return { output, status: typeof result === 'number' ? result : 2 };
  };
  // A pattern grep rejects is reported by the ordinary run, once.
  if (run('').status === 2) return undefined;
  return {
    pass(line) {
      const { output, status } = run(line);
      return { output, selected: status === 0 };
    },
  };
}
