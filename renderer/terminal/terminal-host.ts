// Joins a line editor to one of the session's terminals: lines typed run as shell commands and
// their output streams back as virtual time passes.

import type { CommandRun, TerminalSession } from '../../sim/session-types';
import { LineEditor } from './line-editor';
import { isIncomplete } from '../../sim/shell/lang/incomplete';

export interface TerminalHostOptions {
  columns: number;
  /** Writes ANSI to the screen. */
  write(data: string): void;
  /** Ctrl-D on an empty line, or `exit` in a node shell. */
  onExit?(): void;
  /** Every command line that starts, for the journal and the grader. */
  onCommand?(line: string): void;
  /** Lines from earlier visits, shown before this terminal's own history. */
  previousHistory?: readonly string[];
  /** A command finished (the cluster may have changed). */
  onCommandDone?(line: string, exitCode: number): void;
}

export interface TerminalHost {
  readonly editor: LineEditor;
  readonly terminal: TerminalSession;
  /** The command running now, if any. */
  running(): CommandRun | undefined;
}

export function connectTerminal(terminal: TerminalSession, options: TerminalHostOptions): TerminalHost {
  let current: CommandRun | undefined;
  const editor: LineEditor = new LineEditor(
    {
      write: options.write,
      prompt: () => terminal.prompt(),
      complete: (line, cursor) => terminal.complete(line, cursor),
      needsMoreInput: (text) => isIncomplete(text),
      run: (text) => {
        options.onCommand?.(text);
        let run: CommandRun;
        try {
          run = terminal.execute(text, (output) => editor.print(output));
        } catch (error) {
          editor.print(`${error instanceof Error ? error.message : String(error)}\n`);
          editor.commandFinished();
          return;
        }
        current = run;
        run.onDone((exitCode) => {
          current = undefined;
          options.onCommandDone?.(text, exitCode);
          if (/^\s*exit(\s|$)/.test(text) && terminal.host !== 'workstation') options.onExit?.();
          // Finish after the current call stack so output written in the same tick lands first.
          queueMicrotask(() => editor.commandFinished());
        });
      },
      interrupt: () => current?.interrupt(),
      readsInput: () => current?.readsInput === true,
      input: (text) => current?.input(text),
      endInput: () => current?.endInput(),
      endOfInput: () => options.onExit?.(),
    },
    { columns: options.columns, history: [...(options.previousHistory ?? []), ...terminal.history()] },
  );
  return { editor, terminal, running: () => current };
}
