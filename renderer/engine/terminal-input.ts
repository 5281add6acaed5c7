// Lets other parts of the page type into a terminal tab (Run-in-terminal buttons, tests).

export interface TerminalInput {
  paste(text: string): void;
  focus(): void;
  /** Shows a message from the app on its own line, keeping what is being typed. */
  announce(text: string): void;
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
