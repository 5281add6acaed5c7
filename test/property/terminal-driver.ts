// Runs command lines in a learner's terminal the way the app does, letting virtual time pass
// until each finishes (or interrupting it, like Ctrl-C, when it would run on).
import { createSession, type SimSession } from '../../sim/session';
import { MemFs } from '../../sim/fs/memfs';
import type { KubeObject } from '../../sim/api/types';

export interface LineResult {
  output: string;
  exitCode: number | undefined;
  /** Set when execute() itself threw: a crash the learner would see as a broken terminal. */
  thrown?: unknown;
}

export interface TerminalDriver {
  session: SimSession;
  run(line: string, limitMs?: number): LineResult;
}

export function terminalDriver(seed = 1): TerminalDriver {
  const session = createSession({ seed, workspace: new MemFs() });
  session.scriptMode = true;
  const terminal = session.openTerminal();
  return {
    session,
    run(line, limitMs = 30_000) {
      let output = '';
      try {
        const run = terminal.execute(line, (text) => (output += text));
        session.runUntilIdle(() => run.done, limitMs);
        if (!run.done) run.interrupt();
        return { output, exitCode: run.exitCode };
      } catch (thrown) {
        return { output, exitCode: undefined, thrown };
      }
    },
  };
}

/** Lines that only a crash prints, never kubectl or a shell. */
export const crashPatterns: RegExp[] = [
  /internal error/i,
  /\bTypeError\b|\bReferenceError\b|\bRangeError\b|\bSyntaxError: /,
  /^\s+at .+\(.+:\d+:\d+\)$/m,
  /\[object Object\]/,
  /Maximum call stack/,
];

export function crashIn(output: string): string | undefined {
  for (const pattern of crashPatterns) {
    const match = pattern.exec(output);
    if (match) return match[0];
  }
  return undefined;
}

/** Every stored object, as `kind namespace/name resourceVersion`, Events left out (they come and go). */
export function clusterListing(session: SimSession): string[] {
  const rows: string[] = [];
  for (const type of session.api.resourceTypes()) {
    if (type.kind === 'Event') continue;
    let objects: KubeObject[];
    try {
      objects = session.api.list(type.kind, undefined, { readOnly: true });
    } catch {
      continue;
    }
    for (const object of objects) rows.push(`${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name} ${object.metadata.resourceVersion}`);
  }
  return rows.sort();
}
