// The shell language: parse once, run many times in virtual time.
//
// Behaviour worth knowing:
// - Pipelines run stage after stage (each stage's output is the next one's stdin), so a stage
//   that never ends (`kubectl get pods -w | grep x`) holds back the stages after it.
// - `cmd &` runs concurrently with the rest of the script: the runner yields the earliest wait
//   of the main script and its background jobs. Jobs end when the script ends.
// - A loop that spins without waiting gives the clock a slice every 1000 turns: 10 ms at first,
//   doubling while it keeps spinning up to 30 s, so a runaway loop never freezes the simulation.
// - `local` sets the variable in the shell (no function scope); `trap` only records.
// - `${x:?}` and bad arithmetic abort the script, as in sh and bash.

export type { Script } from './ast';
export type { ShellDialect, ShellEnvironment } from './context';
export { incompleteReason, isIncomplete } from './incomplete';
export { runCommandLine, runScript } from './interpreter';
export { parse, parseCached } from './parser';
export { copyShellState, createShellState, type ShellState, type ShellStateInit } from './state';
export { ShellSyntaxError } from './syntax-error';
