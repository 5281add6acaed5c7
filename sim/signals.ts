// Linux signals (x86-64 numbering) and what each does to a process that has no handler for it
// (signal(7)): terminate, terminate with a core dump, stop, continue, or nothing. A process killed
// by signal n ends with status 128+n, as shells report it.

export type Signal =
  | 'SIGHUP' | 'SIGINT' | 'SIGQUIT' | 'SIGILL' | 'SIGTRAP' | 'SIGABRT' | 'SIGBUS' | 'SIGFPE' | 'SIGKILL' | 'SIGUSR1'
  | 'SIGSEGV' | 'SIGUSR2' | 'SIGPIPE' | 'SIGALRM' | 'SIGTERM' | 'SIGSTKFLT' | 'SIGCHLD' | 'SIGCONT' | 'SIGSTOP' | 'SIGTSTP'
  | 'SIGTTIN' | 'SIGTTOU' | 'SIGURG' | 'SIGXCPU' | 'SIGXFSZ' | 'SIGVTALRM' | 'SIGPROF' | 'SIGWINCH' | 'SIGIO' | 'SIGPWR' | 'SIGSYS';

/** The standard signals in number order (1..31). */
export const signalList: readonly Signal[] = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1',
  'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP',
  'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];

export function signalNumber(signal: Signal): number {
  return signalList.indexOf(signal) + 1;
}

export type DefaultAction = 'terminate' | 'core' | 'stop' | 'continue' | 'ignore';

const coreDumping = new Set<Signal>(['SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGSEGV', 'SIGXCPU', 'SIGXFSZ', 'SIGSYS']);
const stopping = new Set<Signal>(['SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU']);
const ignored = new Set<Signal>(['SIGCHLD', 'SIGURG', 'SIGWINCH']);

export function defaultAction(signal: Signal): DefaultAction {
  if (signal === 'SIGCONT') return 'continue';
  if (coreDumping.has(signal)) return 'core';
  if (stopping.has(signal)) return 'stop';
  if (ignored.has(signal)) return 'ignore';
  return 'terminate';
}

/**
 * A signal as `kill` and `trap` take it: a number, a name with or without SIG, any case
 * (`HUP`, `sighup`, `1`, `SIGIO`/`POLL`); undefined when there is no such signal. 0 is not a signal.
 */
export function parseSignal(text: string): Signal | undefined {
  if (/^\d+$/.test(text)) return signalList[Number(text) - 1];
  const name = `SIG${text.toUpperCase().replace(/^SIG/, '')}`;
  if (name === 'SIGPOLL') return 'SIGIO';
  if (name === 'SIGIOT') return 'SIGABRT';
  return signalList.includes(name as Signal) ? (name as Signal) : undefined;
}
