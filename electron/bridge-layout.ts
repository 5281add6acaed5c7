// Which contract channel each `window.podlab` function calls, and the menu commands main sends.
// Kept apart from the schemas so the preload bundle stays small (no zod in the page).

import type { ChannelName } from './ipc-contract';

/** Where each channel appears on `window.podlab`. */
export const bridgeLayout = {
  storage: { get: 'storage:get', set: 'storage:set', list: 'storage:list', delete: 'storage:delete' },
  notices: { take: 'notices:take' },
  lessonPacks: { open: 'lesson-packs:open', list: 'lesson-packs:list' },
  app: { info: 'app:info', readyToClose: 'app:ready-to-close' },
  links: { openExternal: 'external:open' },
} as const satisfies Record<string, Record<string, ChannelName>>;

/** Messages main sends to the renderer (menu items the renderer carries out). */
export const menuCommandChannel = 'menu:command';
export const menuCommands = ['reset-exercise', 'lesson-pack-opened', 'notices-changed', 'save-before-close'] as const;
export type MenuCommand = (typeof menuCommands)[number];

