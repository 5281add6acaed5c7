// A learner's terminal on a fresh cluster, for tests that follow what the prompt becomes
// (`kubectl exec -it`): each line runs until it is done, as typed, and returns what it printed.

import { MemFs } from '../../sim/fs/memfs';
import { createSession } from '../../sim/session';

export function learnerTerminal() {
  const session = createSession({ workspace: new MemFs() });
  const terminal = session.openTerminal();
  const run = (line: string): string => {
    let out = '';
    const running = terminal.execute(line, (text) => (out += text));
    session.runUntilIdle(() => running.done, 60_000);
    return out;
  };
  return { session, terminal, run };
}
