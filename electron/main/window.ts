// The one application window, and the rules every web page in the app lives under: no navigation
// away from app://, no new windows, no <webview>, no permissions.

import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { appEntryUrl, externalUrlToOpen, isAllowedNavigation, permissionDecision, windowWebPreferences } from './security';
import { minimumWindowSize, type WindowState } from './window-state';

/** Opens the link in the system browser when it is on the allow-list; reports whether it did. */
export async function openExternalLink(url: string): Promise<boolean> {
  const checked = externalUrlToOpen(url);
  if (checked === undefined) return false;
  await shell.openExternal(checked);
  return true;
}

const lockedDown = new WeakSet<WebContents>();

/** Safe to call twice (the window's own contents also arrive through web-contents-created). */
export function lockDownWebContents(contents: WebContents): void {
  if (lockedDown.has(contents)) return;
  lockedDown.add(contents);
  contents.on('will-navigate', (event, url) => {
    if (isAllowedNavigation(url)) return;
    event.preventDefault();
    void openExternalLink(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalLink(url);
    return { action: 'deny' };
  });
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionDecision(permission)));
  session.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
}

export interface MainWindowOptions {
  preloadPath: string;
  state: WindowState;
  isDevelopment: boolean;
  /** Called (debounced) whenever the size, position or maximised state changes, and on close. */
  saveState(state: WindowState): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { state } = options;
  const window = new BrowserWindow({
    title: 'Pod Lab',
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: windowWebPreferences(options.preloadPath, options.isDevelopment),
  });
  lockDownWebContents(window.webContents);
  if (state.maximized) window.maximize();
  if (state.fullScreen) window.setFullScreen(true);
  window.once('ready-to-show', () => window.show());

  const currentState = (): WindowState => {
    const bounds = window.getNormalBounds();
    return { ...bounds, maximized: window.isMaximized(), fullScreen: window.isFullScreen() };
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const scheduleSave = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => options.saveState(currentState()), 500);
  };
  for (const change of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) {
    window.on(change as 'resize', scheduleSave);
  }
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    options.saveState(currentState());
  });

  void window.loadURL(appEntryUrl);
  return window;
}
