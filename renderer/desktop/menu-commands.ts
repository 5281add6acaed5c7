// Carries out the desktop menu's commands in the page. The main process only asks; the page
// resets, loads packs, shows notices and saves, then says it is ready to close.

import type { MenuCommand } from '../../electron/bridge-layout';
import type { DesktopBridge } from './bridge';

export interface DesktopActions {
  resetExercise(): Promise<void> | void;
  loadLessonPacks(packs: { id: string; source: 'bundled' | 'folder'; files: Record<string, string> }[]): Promise<void> | void;
  showNotices(messages: string[]): void;
  saveEverything(): Promise<void>;
}

/** Takes the notices waiting in the main process (files set aside) and shows them. */
export async function takeNotices(bridge: DesktopBridge, actions: DesktopActions): Promise<void> {
  const notices = (await bridge.notices?.take().catch(() => [])) ?? [];
  if (notices.length > 0) actions.showNotices(notices.map((notice) => notice.message));
}

export async function runMenuCommand(bridge: DesktopBridge, actions: DesktopActions, command: MenuCommand): Promise<void> {
  switch (command) {
    case 'reset-exercise':
      await actions.resetExercise();
      return;
    case 'lesson-pack-opened': {
      const packs = (await bridge.lessonPacks?.list()) ?? [];
      await actions.loadLessonPacks(packs);
      return;
    }
    case 'notices-changed':
      await takeNotices(bridge, actions);
      return;
    case 'save-before-close':
      try {
        await actions.saveEverything();
      } finally {
        // Closing must never hang on a failed save (main closes after two seconds anyway).
        await bridge.app?.readyToClose();
      }
      return;
  }
}

/** Listens for menu commands; returns the function that stops listening. */
export function listenForMenuCommands(bridge: DesktopBridge, actions: DesktopActions, onError: (error: unknown) => void): () => void {
  if (!bridge.onMenuCommand) return () => undefined;
  return bridge.onMenuCommand((command) => {
    runMenuCommand(bridge, actions, command).catch(onError);
  });
}
