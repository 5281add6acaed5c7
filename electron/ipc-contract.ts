// The whole conversation between the renderer and the main process, as data: every channel with
// the schema of its arguments and the type of its result. Main validates against `args`; the
// preload builds `window.podlab` from `bridgeLayout`, so nothing else can be called.

import { z } from 'zod';
import type { AppInfo, bridgeLayout, ChooseKubeconfigResult, DocumentNotice, LessonPack, MenuCommand, OpenLessonPackResult, OwnKubectlInfo } from './bridge-layout';

/** Documents the renderer may read and write (see renderer/storage/storage.ts). */
export const storedDocumentName = z
  .string()
  .max(160)
  .regex(/^(?:progress|settings|journal|workspace\/[A-Za-z0-9][A-Za-z0-9._-]{0,127})$/, 'unknown document name')
  .refine((name) => !name.includes('..'), 'unknown document name');

export const maxDocumentCharacters = 16 * 1024 * 1024;

/** What JSON.stringify can write, up to 16 MiB. Undefined, functions and cycles are refused. */
export const jsonValue = z.json().refine((value) => JSON.stringify(value).length <= maxDocumentCharacters, 'document larger than 16 MiB');

export const externalUrl = z.string().max(2048);

/** A result type, carried as data with no runtime check (main produces it). */
function returns<T>() {
  return z.custom<T>(() => true);
}

export const ipcContract = {
  'storage:get': { args: z.tuple([storedDocumentName]), result: returns<unknown>() },
  'storage:set': { args: z.tuple([storedDocumentName, jsonValue]), result: returns<void>() },
  'storage:list': { args: z.tuple([]), result: returns<string[]>() },
  'storage:delete': { args: z.tuple([storedDocumentName]), result: returns<boolean>() },
  'notices:take': { args: z.tuple([]), result: returns<DocumentNotice[]>() },
  'lesson-packs:open': { args: z.tuple([]), result: returns<OpenLessonPackResult>() },
  'lesson-packs:list': { args: z.tuple([]), result: returns<LessonPack[]>() },
  'app:info': { args: z.tuple([]), result: returns<AppInfo>() },
  /** The renderer's answer to `save-before-close`: everything is saved, the window may close. */
  'app:ready-to-close': { args: z.tuple([]), result: returns<void>() },
  'external:open': { args: z.tuple([externalUrl]), result: returns<boolean>() },
  /** Where the kubeconfig goes and whether the API is served. */
  'own-kubectl:info': { args: z.tuple([]), result: returns<OwnKubectlInfo>() },
  /** Serves the page's session on 127.0.0.1 (the port arrives on `ownKubectlPortChannel`) and writes the kubeconfig. */
  'own-kubectl:start': { args: z.tuple([]), result: returns<OwnKubectlInfo>() },
  'own-kubectl:stop': { args: z.tuple([]), result: returns<OwnKubectlInfo>() },
  /** A save dialog for the kubeconfig's file; main remembers the choice (the page never names a path). */
  'own-kubectl:choose-kubeconfig': { args: z.tuple([]), result: returns<ChooseKubeconfigResult>() },
} as const;

export type ChannelName = keyof typeof ipcContract;
export type ChannelArgs<C extends ChannelName> = z.output<(typeof ipcContract)[C]['args']>;
export type ChannelResult<C extends ChannelName> = z.output<(typeof ipcContract)[C]['result']>;
export type ChannelHandler<C extends ChannelName> = (...args: ChannelArgs<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;

export {
  bridgeLayout,
  menuCommandChannel,
  menuCommands,
  ownKubectlPortChannel,
  ownKubectlPortMessage,
  type AppInfo,
  type ChooseKubeconfigResult,
  type OwnKubectlInfo,
  type DocumentNotice,
  type LessonPack,
  type MenuCommand,
  type OpenLessonPackResult,
} from './bridge-layout';

/** Every function of the bridge calls a channel of the contract (a compile error names the one that does not). */
export type LayoutChannels = typeof bridgeLayout extends Record<string, Record<string, ChannelName>> ? true : never;
const layoutUsesContractChannels: LayoutChannels = true;
void layoutUsesContractChannels;

type Invoker<C extends ChannelName> = (...args: ChannelArgs<C>) => Promise<ChannelResult<C>>;

export type PodlabApi = {
  [Group in keyof typeof bridgeLayout]: {
    [Method in keyof (typeof bridgeLayout)[Group]]: (typeof bridgeLayout)[Group][Method] extends infer C extends ChannelName ? Invoker<C> : never;
  };
} & {
  /** Calls `listener` for each menu command; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
};
