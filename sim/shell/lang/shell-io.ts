// Standard streams of the running shell. Doubles as the ProcessIO commands receive.

import type { InputStream, ProcessIO } from '../../process';

/** Standard input shared by the commands of a compound command, so successive `read`s take successive lines. */
export interface InputCursor {
  text: string;
  pos: number;
  /** Where more input comes from once `text` is used up: the pipe from the stage before (`tail -F f | while read l`). */
  stream?: InputStream;
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
