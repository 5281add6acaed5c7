// Standard streams of the running shell. Doubles as the ProcessIO commands receive.

import type { InputStream, ProcessIO } from '../../process';

/** Standard input shared by the commands of a compound command, so successive `read`s take successive lines. */
export interface InputCursor {
  text: string;
  pos: number;
  /** Where more input comes from once `text` is used up: the pipe from the stage before (`tail -F f | while read l`). */
  stream?: InputStream;
  /**
   * The stream is a pipe this stage of a pipeline reads: a command that does not read as it
   * comes waits for the pipe's end and takes all of it. Otherwise (a `while read` loop's body)
   * commands see only `text`.
   */
  wholeInputForCommands?: boolean;
}

export class ShellStreams implements ProcessIO {
  constructor(
    readonly input: InputCursor,
    readonly stdout: (text: string) => void,
    readonly stderr: (text: string) => void,
  ) {}

  /** What is left of standard input. */
  get stdin(): string {
    const input = this.input;
    return input.pos === 0 ? input.text : input.text.slice(input.pos);
  }
}

export function discard(): void {}
