// A shell reading its commands from a stdin that stays open (a container with `stdin: true`, which
// `kubectl attach` or `kubectl run -i` joins): one command at a time as lines arrive, with a prompt
// when stdin is a terminal, until `exit` or the end of input.

import { Interrupt, readInputLine, terminalOutput, type InputStream, type Program, type Wait, type Wake } from '../process';
import { isIncomplete, runCommandLine, type ShellEnvironment, type ShellState } from './lang';

/** PS1 as each shell shows it by default: busybox `\w \$ `, Debian's bash `\u@\h:\w\$ `, dash `# ` or `$ `. */
export function interactivePrompt(state: ShellState, env: ShellEnvironment): string {
  const home = state.vars.get('HOME');
  const dir = home && home !== '/' && (state.cwd === home || state.cwd.startsWith(`${home}/`)) ? `~${state.cwd.slice(home.length)}` : state.cwd;
  const uid = env.host.identity?.()?.uid ?? 0;
  const sign = uid === 0 ? '#' : '$';
  // dash (Debian's sh) keeps its plain default.
  if (env.dash) return `${sign} `;
  if (env.dialect === 'bash') return `${uid === 0 ? 'root' : 'I have no name!'}@${env.host.hostname()}:${dir}${sign} `;
  return `${dir} ${sign} `;
}

export function* interactiveShell(input: InputStream, state: ShellState, env: ShellEnvironment): Program {
  const tty = env.io.tty === true;
  // On a terminal the shell is interactive: it tells of its jobs as they start and end.
  state.interactive = tty;
  if (tty) terminalOutput(env.io.stdout);
  const commandEnv: ShellEnvironment = { ...env, io: { stdin: '', stdout: env.io.stdout, stderr: env.io.stderr } };
  for (;;) {
    if (tty) env.io.stdout(interactivePrompt(state, env));
    let text = '';
    let ended = false;
    for (;;) {
      const line = yield* foreground(readInputLine(input), true);
      if (line === interrupted) {
        // Ctrl-C at the prompt: the line is dropped and a new prompt shown.
        if (tty) env.io.stdout(`\n${interactivePrompt(state, env)}`);
        text = '';
        continue;
      }
      if (line === null) {
        ended = text === '';
        break;
      }
      text += `${line}\n`;
      if (!isIncomplete(text)) break;
      if (tty) env.io.stdout('> ');
    }
    if (ended) {
      // End of input (Ctrl-D): bash says `exit` on its terminal; both end with the last status.
      if (tty && env.dialect === 'bash' && !env.dash) env.io.stdout('exit\n');
      return state.lastStatus;
    }
    if (text.trim() === '') continue;
    const status = yield* foreground(runCommandLine(text, state, commandEnv), false);
    state.lastStatus = status === interrupted ? 130 : status;
    if (status === interrupted && tty) env.io.stdout('\n');
    if (state.exited) {
      if (tty && env.dialect === 'bash' && !env.dash) env.io.stdout('exit\n');
      return state.lastStatus;
    }
  }
}

const interrupted = Symbol('interrupted');

/**
 * Runs `inner` in the foreground. Ctrl-C (SIGINT) ends it, as the terminal sends it to the command
 * in the foreground and not to the interactive shell. At the prompt (`atPrompt`) the shell also
 * ignores SIGTERM; other signals reach `inner`, whose own rules (traps, PID 1) apply.
 */
function* foreground<T>(inner: Generator<Wait, T, Wake | undefined>, atPrompt: boolean): Generator<Wait, T | typeof interrupted, Wake | undefined> {
  let wake: Wake | undefined;
  let pending: Interrupt | undefined;
  for (;;) {
    const step = pending ? inner.throw(pending) : inner.next(wake);
    pending = undefined;
    if (step.done) return step.value;
    for (;;) {
      try {
        wake = yield step.value;
        break;
      } catch (error) {
        if (!(error instanceof Interrupt)) throw error;
        if (error.signal === 'SIGINT') {
          inner.return(undefined as T);
          return interrupted;
        }
        if (atPrompt && error.signal === 'SIGTERM') continue;
        pending = error;
        break;
      }
    }
  }
}
