// The main process: one window, the app:// protocol, the menu, the IPC handlers and the learner's
// files. Each concern lives in its own module; this file only wires them together.

import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, protocol, screen, session, type MessagePortMain } from 'electron';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { menuCommandChannel, ownKubectlPortChannel, type AppInfo, type ChooseKubeconfigResult, type LessonPack, type MenuCommand, type OpenLessonPackResult } from '../ipc-contract';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { DocumentStore } from './documents';
import { handleAllChannels } from './ipc-handlers';
import { bundledLessonsFolder, LessonPackRegistry, loadLessonPack } from './lesson-packs';
import { aboutText, buildMenuTemplate, kubernetesDocumentationUrl } from './menu';
import { isDevelopment } from './security';
import { guardClose } from './close-guard';
import { mainProcessPort, OwnKubectl, ownKubectlDocument, parseKubeconfigChoice } from './own-kubectl';
import { createMainWindow, denyAllPermissions, lockDownWebContents, openExternalLink } from './window';
import { fitToScreens, parseWindowState, windowStateDocument, type WindowState } from './window-state';

/** The app's root (the repository, or app.asar when packaged): this file is dist/electron/main.js. */
const appRoot = fileURLToPath(new URL('../..', import.meta.url));
const rendererFolder = join(appRoot, 'dist', 'renderer');
const preloadPath = join(appRoot, 'dist', 'electron', 'preload.cjs');
const development = isDevelopment(app.isPackaged, process.env);
/** Folders of the lesson packs the learner opened, reopened on the next start. */
const openedPacksDocument = 'lesson-packs';

// Tests run the app against a scratch folder instead of the learner's real one.
if (process.env.PODLAB_USER_DATA) app.setPath('userData', resolve(process.env.PODLAB_USER_DATA));

registerAppScheme(protocol);

let mainWindow: BrowserWindow | undefined;
let closeGuard: { readyToClose(): void } | undefined;
const log = (message: string) => console.error(`pod lab: ${message}`);

function sendToRenderer(command: MenuCommand): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(menuCommandChannel, command);
}

function appInfo(): AppInfo {
  return {
    name: app.getName(),
    version: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function start(): Promise<void> {
  const documents = new DocumentStore(app.getPath('userData'));
  await documents.removeLeftoverTemporaryFiles().catch(() => 0);
  const packs = new LessonPackRegistry();
  let packsLoaded = false;
  /** The bundled course, then the folders the learner opened before (still valid ones only). */
  const loadKnownPacks = async () => {
    if (packsLoaded) return;
    packsLoaded = true;
    const result = loadLessonPack(bundledLessonsFolder({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: appRoot }), 'bundled');
    if (result.ok) packs.add(result.pack);
    else log(`the bundled lessons have problems:\n${result.errors.join('\n')}`);
    const folders = await documents.read(openedPacksDocument).catch(() => undefined);
    for (const folder of Array.isArray(folders) ? folders : []) {
      if (typeof folder !== 'string') continue;
      const opened = loadLessonPack(folder, 'folder');
      if (opened.ok) packs.add(opened.pack);
      else log(`the lesson pack in ${folder} is no longer valid:\n${opened.errors.join('\n')}`);
    }
  };
  const rememberOpenedPacks = () =>
    documents.write(
      openedPacksDocument,
      packs.list().filter((pack) => pack.source === 'folder').map((pack) => pack.folder),
    );

  const afterRead = () => {
    if (documents.pendingNoticeCount > 0) sendToRenderer('notices-changed');
  };

  async function openLessonPack(): Promise<OpenLessonPackResult> {
    const options: Electron.OpenDialogOptions = { title: 'Open Lesson Pack', buttonLabel: 'Open', properties: ['openDirectory'] };
    const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    const folder = chosen.filePaths[0];
    if (chosen.canceled || !folder) return { status: 'cancelled' };
    const result = loadLessonPack(folder, 'folder');
    if (!result.ok) {
      const shown = result.errors.slice(0, 20);
      if (result.errors.length > shown.length) shown.push(`…and ${result.errors.length - shown.length} more`);
      const box = { type: 'error' as const, title: 'Lesson pack not loaded', message: `The lesson pack in ${result.folder} has problems and was not loaded.`, detail: shown.join('\n') };
      if (mainWindow) await dialog.showMessageBox(mainWindow, box);
      else await dialog.showMessageBox(box);
      return { status: 'invalid', folder: result.folder, errors: result.errors };
    }
    await loadKnownPacks();
    packs.add(result.pack);
    await rememberOpenedPacks().catch((error: unknown) => log(`cannot remember the lesson pack: ${String(error)}`));
    sendToRenderer('lesson-pack-opened');
    return { status: 'loaded', pack: result.pack };
  }

  const ownKubectl = new OwnKubectl({
    home: homedir(),
    platform: process.platform,
    chosenKubeconfig: parseKubeconfigChoice(await documents.read(ownKubectlDocument).catch(() => undefined)),
    createChannel: () => {
      const { port1, port2 } = new MessageChannelMain();
      return { transport: mainProcessPort(port1), page: port2 };
    },
    sendToPage: (port) => {
      if (!mainWindow || mainWindow.isDestroyed()) throw new Error('the Pod Lab window is closed');
      mainWindow.webContents.postMessage(ownKubectlPortChannel, null, [port as MessagePortMain]);
    },
  });
  app.on('will-quit', () => void ownKubectl.stop());

  async function chooseKubeconfig(): Promise<ChooseKubeconfigResult> {
    const options: Electron.SaveDialogOptions = { title: 'Save the kubeconfig as', buttonLabel: 'Save', defaultPath: ownKubectl.kubeconfig, properties: ['createDirectory', 'showOverwriteConfirmation'] };
    const chosen = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return { status: 'cancelled' };
    const info = await ownKubectl.choose(chosen.filePath);
    await documents.write(ownKubectlDocument, { kubeconfig: chosen.filePath }).catch((error: unknown) => log(`cannot remember the kubeconfig file: ${String(error)}`));
    return { status: 'chosen', info };
  }

  handleAllChannels(
    ipcMain,
    {
      'storage:get': async (name) => {
        const value = await documents.read(name);
        afterRead();
        return value;
      },
      'storage:set': (name, value) => documents.write(name, value),
      'storage:list': async () => (await documents.list()).filter((name) => name !== windowStateDocument && name !== openedPacksDocument && name !== ownKubectlDocument),
      'storage:delete': (name) => documents.remove(name),
      'notices:take': () => documents.takeNotices(),
      'lesson-packs:open': () => openLessonPack(),
      'lesson-packs:list': async (): Promise<LessonPack[]> => {
        await loadKnownPacks();
        return packs.list();
      },
      'app:info': () => appInfo(),
      'app:ready-to-close': () => closeGuard?.readyToClose(),
      'external:open': (url) => openExternalLink(url),
      'own-kubectl:info': () => ownKubectl.info(),
      'own-kubectl:start': () => ownKubectl.start(),
      'own-kubectl:stop': () => ownKubectl.stop(),
      'own-kubectl:choose-kubeconfig': () => chooseKubeconfig(),
    },
    log,
  );

  serveRenderer(protocol, rendererFolder);
  denyAllPermissions(session.defaultSession);

  const showAbout = () => {
    const box = { type: 'info' as const, title: 'About Pod Lab', message: 'Pod Lab', detail: aboutText(appInfo()), buttons: ['OK'] };
    if (mainWindow) void dialog.showMessageBox(mainWindow, box);
    else void dialog.showMessageBox(box);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        {
          resetExercise: () => sendToRenderer('reset-exercise'),
          openLessonPack: () => void openLessonPack().catch((error: unknown) => log(String(error))),
          showAbout,
          openKubernetesDocumentation: () => void openExternalLink(kubernetesDocumentationUrl),
        },
        { isDevelopment: development, isMac: process.platform === 'darwin' },
      ),
    ),
  );

  const savedState = parseWindowState(await documents.read(windowStateDocument).catch(() => undefined));
  const state = fitToScreens(
    savedState,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  mainWindow = createMainWindow({
    preloadPath,
    state,
    isDevelopment: development,
    saveState: (next: WindowState) => void documents.write(windowStateDocument, next).catch((error: unknown) => log(`cannot save the window position: ${String(error)}`)),
  });
  closeGuard = guardClose(mainWindow, () => sendToRenderer('save-before-close'));
  mainWindow.on('closed', () => {
    mainWindow = undefined;
    closeGuard = undefined;
  });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => {
    log(`could not start: ${String(error)}`);
    app.exit(1);
  });
}
