// A shell's memory is capped well below what the engine's process can hold: one string (a
// variable's value, a command substitution's output, what a pipe holds between stages) and all
// variables together. Past the cap the shell fails as bash does when malloc fails, and the
// command line ends with status 2; the terminal, the cluster and the app carry on.

import type { HostServices } from '../../process';

/** The longest string a shell builds, in characters. */
export const shellStringLimit = 32 * 1024 * 1024;
/** All of a shell's variables together, in characters. */
export const shellVariablesLimit = 64 * 1024 * 1024;

export class ShellOutOfMemory extends Error {
  constructor(readonly bytes: number) {
    super(`xrealloc: cannot allocate ${bytes} bytes`);
    this.name = 'ShellOutOfMemory';
  }
}

/** Throws when a string of this length would pass the cap. */
export function checkStringLength(length: number): void {
  if (length > shellStringLimit) throw new ShellOutOfMemory(length + 1);
}

/** Collects output (a command substitution, a pipe stage) up to the string cap. */
export class BoundedOutput {
  private readonly chunks: string[] = [];
  private length = 0;

  readonly push = (text: string): void => {
    this.length += text.length;
    checkStringLength(this.length);
    this.chunks.push(text);
  };

  text(): string {
    return this.chunks.join('');
  }
}

const memoryReportStep = 1 << 20;

/** Tells the host how much memory the shell's variables hold, in steps of a MiB. */
export function noteMemory(ctx: { state: { varBytes: number; reportedBytes: number }; env: { host: HostServices } }): void {
  const state = ctx.state;
  if (Math.abs(state.varBytes - state.reportedBytes) < memoryReportStep) return;
  state.reportedBytes = state.varBytes;
  ctx.env.host.setMemory?.(state.varBytes);
}
