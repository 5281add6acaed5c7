// Terminal tabs. The xterm instances and line editors live in the components; the store only
// knows which tabs exist, which is active, and the session's terminal each one drives.

import { defineStore } from 'pinia';
import { markRaw, ref } from 'vue';
import type { Session, TerminalSession } from '../../sim/session-types';

export interface TerminalTab {
  id: number;
  host: string;
  title: string;
}

const sessionTerminals = new Map<number, TerminalSession>();

/** Resolved when a terminal has drawn its first screen (the prompt). */
let announceFirstDraw: () => void = () => {};
const firstDraw = new Promise<void>((resolve) => (announceFirstDraw = resolve));

export const useTerminalsStore = defineStore('terminals', () => {
  const tabs = ref<TerminalTab[]>([]);
  const activeId = ref<number>();
  /** Command lines typed before the last reload, for Up and Ctrl-R in new tabs. */
  const savedHistory = ref<string[]>([]);
  /** What each tab (by position) showed before the last reload, shown again above its first prompt. */
  let savedScrollback: string[] = [];
  let nextId = 1;

  function open(session: Session, host?: string): TerminalTab {
    const tab = addTab(session.openTerminal(host));
    activeId.value = tab.id;
    return tab;
  }

  function addTab(terminal: TerminalSession): TerminalTab {
    const tab: TerminalTab = { id: nextId++, host: terminal.host, title: terminal.host === 'workstation' ? 'learner@podlab' : `root@${terminal.host}` };
    sessionTerminals.set(tab.id, markRaw(terminal));
    tabs.value.push(tab);
    return tab;
  }

  /** Gives a tab to each terminal the session opened by itself: resuming replays every tab's commands. */
  function adoptOpened(session: Session) {
    const shown = new Set(sessionTerminals.values());
    for (const terminal of session.terminalSessions()) if (!shown.has(terminal)) addTab(terminal);
  }

  function close(id: number) {
    const index = tabs.value.findIndex((tab) => tab.id === id);
    if (index < 0 || tabs.value.length === 1) return;
    tabs.value.splice(index, 1);
    sessionTerminals.delete(id);
    if (activeId.value === id) activeId.value = tabs.value[Math.max(0, index - 1)]?.id;
  }

  function terminalOf(id: number): TerminalSession | undefined {
    return sessionTerminals.get(id);
  }

  function closeAll() {
    tabs.value = [];
    sessionTerminals.clear();
    activeId.value = undefined;
  }

  /** Called by a terminal view once it has drawn. */
  function noteDrawn() {
    announceFirstDraw();
  }

  /** Waits until the first terminal shows its prompt, or `limitMs` at most (a hidden pane never draws). */
  function untilFirstDraw(limitMs: number): Promise<void> {
    return Promise.race([firstDraw, new Promise<void>((resolve) => setTimeout(resolve, limitMs))]);
  }

  function restoreScrollback(saved: string[]) {
    savedScrollback = [...saved];
  }

  /** The saved transcript of the tab at this position, once: a later tab there starts empty. */
  function takeScrollback(id: number): string | undefined {
    const index = tabs.value.findIndex((tab) => tab.id === id);
    const saved = savedScrollback[index];
    if (index >= 0) savedScrollback[index] = '';
    return saved || undefined;
  }

  return { tabs, activeId, savedHistory, restoreScrollback, takeScrollback, open, adoptOpened, close, closeAll, terminalOf, noteDrawn, untilFirstDraw };
});
