// What the desktop build's preload exposes as `window.podlab` (see electron/ipc-contract.ts),
// restated with DOM-only types so the renderer never imports main-process code. In the browser
// build there is no bridge and every desktop feature is simply absent.

import type { AppStorage } from '../storage/storage';

/** A saved file that could not be read and was set aside; each is reported once. */
export interface DesktopNotice {
  document: string;
  reason: 'corrupt' | 'newer';
  movedTo: string;
  message: string;
}

export interface DesktopLessonPack {
  id: string;
  source: 'bundled' | 'folder';
  folder: string;
  lessonCount: number;
  /** Paths inside the pack → text, ready for lab's loadCourse. */
  files: Record<string, string>;
}

export type DesktopMenuCommand = 'reset-exercise' | 'lesson-pack-opened' | 'notices-changed' | 'save-before-close';

export interface DesktopBridge {
  storage: AppStorage;
  notices?: { take(): Promise<DesktopNotice[]> };
  lessonPacks?: { list(): Promise<DesktopLessonPack[]> };
  app?: { readyToClose(): Promise<void> };
  onMenuCommand?(listener: (command: DesktopMenuCommand) => void): () => void;
}

declare global {
  interface Window {
    podlab?: DesktopBridge;
  }
}

export function desktopBridge(): DesktopBridge | undefined {
  return typeof window !== 'undefined' ? window.podlab : undefined;
}
