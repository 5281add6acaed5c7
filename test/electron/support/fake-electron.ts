// A stand-in for the parts of Electron the main process uses, recording what it is asked to do,
// so the wiring in electron/main/index.ts can be exercised in Node without the Electron binary.
import { MessageChannel, type MessagePort } from 'node:worker_threads';

type Listener = (...args: any[]) => unknown;

export const calls: string[] = [];

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener) {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
}

export class FakeWebContents extends Emitter {
  readonly sent: unknown[][] = [];
  windowOpenHandler: Listener | undefined;
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  readonly posted: { channel: string; message: unknown; transfer: unknown[] }[] = [];
  postMessage(channel: string, message: unknown, transfer: unknown[] = []) {
    this.posted.push({ channel, message, transfer });
  }
}

/** Electron's MessagePortMain over a worker_threads port: messages arrive as events with `data`. */
export class FakeMessagePortMain extends Emitter {
  constructor(readonly port: MessagePort) {
    super();
    port.on('message', (data) => this.emit('message', { data, ports: [] }));
    port.on('close', () => this.emit('close'));
  }
  postMessage(message: unknown) {
    this.port.postMessage(message);
  }
  start() {}
  close() {
    this.port.close();
  }
}

export class MessageChannelMain {
  readonly port1: FakeMessagePortMain;
  readonly port2: FakeMessagePortMain;
  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port1 = new FakeMessagePortMain(port1);
    this.port2 = new FakeMessagePortMain(port2);
  }
}

export class BrowserWindow extends Emitter {
  static created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  focused = 0;
  destroyed = false;
  bounds = { x: 40, y: 30, width: 1200, height: 800 };
  constructor(readonly options: Record<string, any>) {
    super();
    BrowserWindow.created.push(this);
    calls.push('new BrowserWindow');
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isFullScreen() {
    return false;
  }
  getNormalBounds() {
    return this.bounds;
  }
  closed = false;
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
  }
  maximize() {}
  setFullScreen() {}
  restore() {}
  show() {}
  focus() {
    this.focused++;
  }
}

class FakeApp extends Emitter {
  isPackaged = false;
  paths = new Map<string, string>();
  quitCalled = false;
  setPath(name: string, path: string) {
    this.paths.set(name, path);
  }
  getPath(name: string) {
    const path = this.paths.get(name);
    if (!path) throw new Error(`no path ${name}`);
    return path;
  }
  getName() {
    return 'podlab';
  }
  getVersion() {
    return '0.1.0';
  }
  requestSingleInstanceLock() {
    calls.push('requestSingleInstanceLock');
    return true;
  }
  whenReady() {
    calls.push('whenReady');
    return Promise.resolve();
  }
  quit() {
    this.quitCalled = true;
  }
  exit() {}
}
export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener) {
    this.handlers.set(channel, listener);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    calls.push('registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    permissionRequestHandler: undefined as Listener | undefined,
    permissionCheckHandler: undefined as Listener | undefined,
    setPermissionRequestHandler(handler: Listener) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      this.permissionCheckHandler = handler;
    },
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string) {
    this.opened.push(url);
  },
};

export const dialog = {
  nextFolder: undefined as string | undefined,
  messageBoxes: [] as Record<string, any>[],
  async showOpenDialog(..._args: unknown[]) {
    return { canceled: this.nextFolder === undefined, filePaths: this.nextFolder ? [this.nextFolder] : [] };
  },
  nextSaveFile: undefined as string | undefined,
  async showSaveDialog(..._args: unknown[]) {
    return { canceled: this.nextSaveFile === undefined, filePath: this.nextSaveFile ?? '' };
  },
  async showMessageBox(...args: unknown[]) {
    this.messageBoxes.push(args[args.length - 1] as Record<string, any>);
    return { response: 0, checkboxChecked: false };
  },
};

export const Menu = {
  applicationMenu: undefined as any[] | undefined,
  buildFromTemplate(template: any[]) {
    return template;
  },
  setApplicationMenu(menu: any[]) {
    this.applicationMenu = menu;
  },
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};
