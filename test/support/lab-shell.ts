// Drives a session the way `podlab --script` does: each line runs as if typed and waits advance
// virtual time at once. Tests read what the learner would see.
import { createSession, type SimSession } from '../../sim/session';
import { runScript } from '../../cli/podlab';
import { MemFs } from '../../sim/fs/memfs';

export interface LabShell {
  session: SimSession;
  /** Runs the script's lines and returns everything printed (prompts as `$ line`). */
  run(script: string): string;
  /** Runs one command line and returns its output alone. */
  sh(line: string): string;
  /** Lets virtual time pass. */
  wait(seconds: number): void;
  write(path: string, content: string): void;
}

export function labShell(seed = 1): LabShell {
  const session = createSession({ seed, workspace: new MemFs() });
  session.scriptMode = true;
  const terminal = session.openTerminal();
  return {
    session,
    run(script) {
      let out = '';
      runScript(session, script, (s) => (out += s), terminal);
      return out;
    },
    sh(line) {
      let out = '';
      runScript(session, line, (s) => (out += s), terminal);
      return out.slice(out.indexOf('\n') + 1);
    },
    wait(seconds) {
      session.clock.advanceBy(seconds * 1000);
    },
    write(path, content) {
      session.writeWorkspaceFile(path, content);
    },
  };
}

/** The cells of `name`'s row in a `kubectl get` table (cells are separated by 2+ spaces). */
export function tableRow(output: string, name: string): string[] {
  const line = output.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no row for ${name} in:\n${output}`);
  return line.trim().split(/\s{2,}/);
}
