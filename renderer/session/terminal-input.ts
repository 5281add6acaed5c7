// Lets other parts of the page reach a terminal tab: type into it (Run-in-terminal buttons,
// tests), tell the learner something in it, and read what it shows (saved over a reload).

export interface TerminalInput {
  paste(text: string): void;
  focus(): void;
  /** Shows a message from the app on its own line, keeping what is being typed. */
  announce(text: string): void;
  /** The text above the prompt, oldest line first, at most `maxLines` lines. */
  transcript(maxLines: number): string;
}

const inputs = new Map<number, TerminalInput>();

export function registerTerminalInput(tabId: number, input: TerminalInput): void {
  inputs.set(tabId, input);
}

export function unregisterTerminalInput(tabId: number): void {
  inputs.delete(tabId);
}

export function terminalInput(tabId: number | undefined): TerminalInput | undefined {
  return tabId === undefined ? undefined : inputs.get(tabId);
}
