// A learner's terminal whose commands may read what is typed (`kubectl attach -i`, `run -it`,
// `debug -it`): `start` runs a line until it ends or waits for input, `type` sends a line to it.

import { MemFs } from '../../sim/fs/memfs';
import { createSession } from '../../sim/session';

export function attachedTerminal() {
  const session = createSession({ workspace: new MemFs() });
  const terminal = session.openTerminal();
  let out = '';
  let current: ReturnType<typeof terminal.execute> | undefined;
  const start = (line: string) => {
    out = '';
    current = terminal.execute(line, (text) => (out += text));
    session.runUntilIdle(() => current!.done || current!.readsInput, 60_000);
  };
  /** Sends a typed line; time runs a little so that what it does shows. */
  const type = (text: string) => {
    current!.input(text);
    session.runUntilIdle(() => current!.done, 200);
  };
  const finish = () => session.runUntilIdle(() => current!.done, 60_000);
  const run = (line: string): string => {
    start(line);
    finish();
    return out;
  };
  return { session, terminal, start, type, finish, run, output: () => out, current: () => current! };
}
