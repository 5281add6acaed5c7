// The half of the IPC definition both sides share: which contract channel each `window.podlab`
// function calls, the menu commands main sends, and the data that crosses. No zod, no Node and no
// DOM, so the preload bundle stays small and the renderer type-checks against it.
// ipc-contract.ts adds the schemas main validates with, and checks every channel here is one of its.

export interface AppInfo {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  node: string;
  platform: string;
}

export interface LessonPack {
  /** `bundled`, or the folder the pack was read from. */
  id: string;
  source: 'bundled' | 'folder';
  folder: string;
  lessonCount: number;
  /** Paths inside the pack → text, ready for lab's loadCourse. */
  files: Record<string, string>;
}

export type OpenLessonPackResult =
  | { status: 'cancelled' }
  | { status: 'loaded'; pack: LessonPack }
  | { status: 'invalid'; folder: string; errors: string[] };

/** Why a saved document was set aside instead of read. */
export type AsideReason = 'corrupt' | 'newer' | 'unreadable';

/** A saved document that could not be read and was set aside; each is reported once. */
export interface DocumentNotice {
  document: string;
  reason: AsideReason;
  /** The file name it was moved to, inside the same folder. */
  movedTo: string;
  message: string;
}

/** Where each channel appears on `window.podlab`. */
export const bridgeLayout = {
  storage: { get: 'storage:get', set: 'storage:set', list: 'storage:list', delete: 'storage:delete' },
  notices: { take: 'notices:take' },
  lessonPacks: { open: 'lesson-packs:open', list: 'lesson-packs:list' },
  app: { info: 'app:info', readyToClose: 'app:ready-to-close' },
  links: { openExternal: 'external:open' },
} as const;

/** Messages main sends to the renderer (menu items the renderer carries out). */
export const menuCommandChannel = 'menu:command';
export const menuCommands = ['reset-exercise', 'lesson-pack-opened', 'notices-changed', 'save-before-close'] as const;
export type MenuCommand = (typeof menuCommands)[number];

