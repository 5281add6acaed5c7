// The shell language: parse once, run many times in virtual time.
//
// Behaviour worth knowing:
// - Pipeline stages run side by side joined by pipes: a stage that reads a line at a time (a
//   `while read` loop, grep, sed, awk, cat, head, tee) handles each line as it is written; any
//   other gets all of its input when the stage before ends.
// - `cmd &` is a process of the host (HostServices.spawn) that goes on beside the shell; where the
//   host starts none, the runner steps it with the script, which it ends with.
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
