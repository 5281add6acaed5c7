// What the desktop build's preload exposes as `window.podlab` (electron/ipc-contract.ts; the
// renderer imports its types only, never main-process code). In the browser build there is no
// bridge and every desktop feature is simply absent.

import type { MenuCommand } from '../../electron/bridge-layout';
import type { PodlabApi } from '../../electron/ipc-contract';
import type { AppStorage, StoredDocument } from '../storage/storage';

/**
 * The part of `window.podlab` the page uses, typed from electron/'s contract: a change there that
 * the page does not follow fails to compile here. Storage is read as the documents the app wrote.
 */
export interface DesktopBridge {
  storage: AppStorage;
  notices?: Pick<PodlabApi['notices'], 'take'>;
  lessonPacks?: Pick<PodlabApi['lessonPacks'], 'list'>;
  app?: Pick<PodlabApi['app'], 'readyToClose'>;
  /** "Use your own kubectl": only the desktop build can serve the API (it needs Node's HTTPS). */
  ownKubectl?: PodlabApi['ownKubectl'];
  onMenuCommand?(listener: (command: MenuCommand) => void): () => void;
}

/** What the preload exposes can stand where the page expects its bridge (storage aside, see above). */
type PreloadFitsPage = Omit<PodlabApi, 'storage'> extends Omit<DesktopBridge, 'storage'>
  ? StoredDocument extends Parameters<PodlabApi['storage']['get']>[0]
    ? true
    : never
  : never;
const preloadFitsPage: PreloadFitsPage = true;
void preloadFitsPage;

declare global {
  interface Window {
    podlab?: DesktopBridge;
  }
}

export function desktopBridge(): DesktopBridge | undefined {
  return typeof window !== 'undefined' ? window.podlab : undefined;
}
