// A shell may not have more than processLimit processes alive at once (`ulimit -u`, a container's
// pids limit). The interpreter runs the stages of a pipeline one after another, so what would be
// alive on a real system is counted instead: every stage of a pipeline at once, times the stages
// of the pipelines around it, plus the background jobs. A fork bomb (`:(){ :|:& };:`,
// `g(){ g|g; };g`) passes the limit within a few levels and the whole command line ends with
// bash's message, instead of running for ever. So does a run that starts more than
// forksPerInstantLimit processes while no virtual time passes.

export const processLimit = 1024;
/**
 * Processes one run may start without virtual time passing. Time only stands still while nothing
 * waits and no loop has spun long enough to be charged CPU time (a loop is charged every 1000
 * turns), so only a recursion that forks (`f(){ f & f; }`, `h(){ echo $(h) $(h); }`) gets here.
 */
export const forksPerInstantLimit = 4096;

export class ForkFailure extends Error {
  constructor() {
    super('fork: Resource temporarily unavailable');
    this.name = 'ForkFailure';
  }
}

/** What bash prints when fork keeps failing with EAGAIN: its retries, then the failure. */
export function forkFailureMessage(shellName: string): string {
  return `${shellName}: fork: retry: Resource temporarily unavailable\n${shellName}: fork: Resource temporarily unavailable\n`;
}

/**
 * The processes a branch stands for after starting `count` more side by side (`around`: those it
 * already stands for; `jobs`: background jobs alive). Throws ForkFailure past the limit.
 */
export function forkProcesses(around: number, count: number, jobs: number): number {
  const processes = around * count;
  if (processes + jobs > processLimit) throw new ForkFailure();
  return processes;
}
