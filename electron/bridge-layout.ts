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

/** "Use your own kubectl": the served API of the page's session, and how to reach it. */
export interface OwnKubectlInfo {
  running: boolean;
  /** Where the kubeconfig is (or will be) written: `~/.podlab/kubeconfig` unless another file was chosen. */
  kubeconfig: string;
  /** The line to paste into a shell, e.g. `export KUBECONFIG=/home/me/.podlab/kubeconfig`. */
  exportLine: string;
  /** `https://127.0.0.1:PORT` while running. */
  server?: string;
}

export type ChooseKubeconfigResult = { status: 'cancelled' } | { status: 'chosen'; info: OwnKubectlInfo };

/**
 * Sent by main with the page's end of the message port that carries the served API's requests
 * (server/api-bridge.ts); the preload hands it to the page with `window.postMessage` under
 * `ownKubectlPortMessage`.
 */
export const ownKubectlPortChannel = 'own-kubectl:port';
export const ownKubectlPortMessage = 'podlab:own-kubectl-port';

/** Where each channel appears on `window.podlab`. */
export const bridgeLayout = {
  storage: { get: 'storage:get', set: 'storage:set', list: 'storage:list', delete: 'storage:delete' },
  notices: { take: 'notices:take' },
  lessonPacks: { open: 'lesson-packs:open', list: 'lesson-packs:list' },
  app: { info: 'app:info', readyToClose: 'app:ready-to-close' },
  links: { openExternal: 'external:open' },
  ownKubectl: { info: 'own-kubectl:info', start: 'own-kubectl:start', stop: 'own-kubectl:stop', chooseKubeconfig: 'own-kubectl:choose-kubeconfig' },
} as const;

/** Messages main sends to the renderer (menu items the renderer carries out). */
export const menuCommandChannel = 'menu:command';
export const menuCommands = ['reset-exercise', 'lesson-pack-opened', 'notices-changed', 'save-before-close'] as const;
export type MenuCommand = (typeof menuCommands)[number];

