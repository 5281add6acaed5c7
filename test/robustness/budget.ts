// Runs an attack the way `podlab --script` does and measures it: every attack must end within
// 5 s of wall time and 300 MB of extra heap, with the real tool's error and no crash.
import { runScript } from '../../cli/podlab';
import { MemFs } from '../../sim/fs/memfs';
import { createSession, type SimSession } from '../../sim/session';
import { crashIn } from '../property/terminal-driver';

export const wallBudgetMs = 5000;
export const heapBudgetBytes = 300 * 1024 * 1024;

export interface AttackResult {
  output: string;
  status: number;
  wallMs: number;
  /** Heap growth while it ran (garbage included: an upper bound). */
  heapBytes: number;
  /** A line only a crash prints (a stack frame, `Maximum call stack`), if any. */
  crash: string | undefined;
  session: SimSession;
}

export function attack(script: string, session: SimSession = createSession({ seed: 1, workspace: new MemFs() })): AttackResult {
  let output = '';
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const started = performance.now();
  const status = runScript(session, script, (text) => {
    output += text;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  const wallMs = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { output, status, wallMs, heapBytes: peak - heapBefore, crash: crashIn(output), session };
}
