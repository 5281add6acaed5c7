// Runs electron/main/index.ts against a recording stand-in for Electron and checks the wiring:
// what is registered, how the window is made, and how requests and menu items are handled.
import { existsSync, statSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcContract } from '../../electron/ipc-contract';
import { contentSecurityPolicy, windowWebPreferences } from '../../electron/main/security';
import * as fake from './support/fake-electron';

vi.mock('electron', () => import('./support/fake-electron'));

const root = resolve(__dirname, '../..');
const ourPage = { senderFrame: { url: 'app://podlab/index.html', parent: null } };
let userData: string;
let window: fake.BrowserWindow;

const invoke = (channel: string, ...args: unknown[]) => fake.ipcMain.handlers.get(channel)!(ourPage, ...args);

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'podlab-userdata-'));
  vi.stubEnv('PODLAB_USER_DATA', userData);
  vi.stubEnv('NODE_ENV', 'production');
  // "Use your own kubectl" writes ~/.podlab/kubeconfig: here, into the scratch folder.
  vi.stubEnv('HOME', userData);
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(fake.BrowserWindow.created).toHaveLength(1));
  window = fake.BrowserWindow.created[0]!;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(userData, { recursive: true, force: true });
});

describe('the main process', () => {
  it('registers app:// before the app is ready and takes the single-instance lock', () => {
    expect(fake.calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.calls.indexOf('whenReady'));
    expect(fake.calls).toContain('requestSingleInstanceLock');
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) }]);
    expect(fake.app.paths.get('userData')).toBe(userData);
  });

  it('opens one window with the locked-down preferences on app://podlab', () => {
    expect(window.options.webPreferences).toStrictEqual(windowWebPreferences(join(root, 'dist', 'electron', 'preload.cjs'), false));
    expect(window.loadedUrl).toBe('app://podlab/index.html');
    expect(fake.Menu.applicationMenu?.map((menu) => menu.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('answers every contract channel', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.keys(ipcContract).sort());
  });

  it('stores documents in the user data folder, and refuses other senders', async () => {
    await invoke('storage:set', 'progress', '{"version":1}');
    expect(JSON.parse(await readFile(join(userData, 'progress.json'), 'utf8')).data).toBe('{"version":1}');
    await expect(invoke('storage:get', 'progress')).resolves.toBe('{"version":1}');
    await expect(invoke('storage:list')).resolves.toEqual(['progress']);
    const stranger = { senderFrame: { url: 'https://example.com/', parent: null } };
    await expect(fake.ipcMain.handlers.get('storage:get')!(stranger, 'progress')).rejects.toThrow('refused');
  });

  it('blocks new windows and navigation, opening only kubernetes.io links outside', () => {
    const handler = window.webContents.windowOpenHandler!;
    expect(handler({ url: 'https://kubernetes.io/docs/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let prevented = false;
    window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    window.webContents.emit('will-navigate', { preventDefault() {} }, 'https://kubernetes.io/docs/concepts/');
    expect(fake.shell.opened).toEqual(['https://kubernetes.io/docs/', 'https://kubernetes.io/docs/concepts/']);
  });

  it('denies permission requests', () => {
    let granted: boolean | undefined;
    fake.session.defaultSession.permissionRequestHandler!({}, 'media', (answer: boolean) => (granted = answer));
    expect(granted).toBe(false);
    expect(fake.session.defaultSession.permissionCheckHandler!({}, 'clipboard-read')).toBe(false);
  });

  it('serves app:// with the Content-Security-Policy header', async () => {
    const response = await fake.protocol.handlers.get('app')!(new Request('app://podlab/no-such-file.js'));
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
    if (existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
      const page = await fake.protocol.handlers.get('app')!(new Request('app://podlab/index.html'));
      expect(page.status).toBe(200);
      expect(page.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
    }
  });

  it('sends File > Reset Exercise to the renderer', () => {
    const file = fake.Menu.applicationMenu![0];
    file.submenu.find((item: { id?: string }) => item.id === 'reset-exercise').click();
    expect(window.webContents.sent).toContainEqual(['menu:command', 'reset-exercise']);
  });

  it('reports an invalid lesson pack and does not load it', async () => {
    fake.dialog.nextFolder = join(userData, 'no-such-pack');
    const result = (await invoke('lesson-packs:open')) as { status: string; errors: string[] };
    expect(result).toEqual({ status: 'invalid', folder: join(userData, 'no-such-pack'), errors: [`${join(userData, 'no-such-pack')}: No such file or directory`] });
    expect(fake.dialog.messageBoxes.at(-1)).toMatchObject({ type: 'error', title: 'Lesson pack not loaded' });
    const packs = (await invoke('lesson-packs:list')) as { id: string }[];
    expect(packs.map((pack) => pack.id)).toEqual(['bundled']);
  });

  it('loads a valid pack chosen with File > Open Lesson Pack…, tells the renderer and remembers it', async () => {
    const folder = join(userData, 'my-pack');
    await cp(join(root, 'lessons', '01-first-pod'), join(folder, '01-first-pod'), { recursive: true });
    fake.dialog.nextFolder = folder;
    const result = (await invoke('lesson-packs:open')) as { status: string; pack: { id: string; lessonCount: number } };
    expect(result.status).toBe('loaded');
    expect(result.pack).toMatchObject({ id: folder, lessonCount: 1 });
    expect(window.webContents.sent.at(-1)).toEqual(['menu:command', 'lesson-pack-opened']);
    const packs = (await invoke('lesson-packs:list')) as { id: string }[];
    expect(packs.map((pack) => pack.id)).toEqual(['bundled', folder]);
    expect(JSON.parse(await readFile(join(userData, 'lesson-packs.json'), 'utf8')).data).toEqual([folder]);
    await expect(invoke('storage:list')).resolves.toEqual(['progress']);
  });

  it('focuses the existing window when started a second time', () => {
    fake.app.emit('second-instance');
    expect(window.focused).toBe(1);
  });

  it('lets the renderer save before the window closes, and remembers its size and position', async () => {
    window.close();
    expect(window.closed).toBe(false);
    expect(window.webContents.sent.at(-1)).toEqual(['menu:command', 'save-before-close']);
    await invoke('app:ready-to-close');
    expect(window.closed).toBe(true);
    await vi.waitFor(async () => {
      const saved = JSON.parse(await readFile(join(userData, 'window-state.json'), 'utf8'));
      expect(saved.data).toEqual({ x: 40, y: 30, width: 1200, height: 800, maximized: false, fullScreen: false });
    });
  });

  it('serves the page\'s session for the learner\'s own kubectl: the kubeconfig, the port to the page, a chosen file, and stop', async () => {
    const kubeconfig = join(userData, '.podlab', 'kubeconfig');
    await expect(invoke('own-kubectl:info')).resolves.toEqual({ running: false, kubeconfig, exportLine: `export KUBECONFIG=${kubeconfig}`, server: undefined });
    const started = (await invoke('own-kubectl:start')) as { server: string };
    try {
      expect(started).toMatchObject({ running: true, kubeconfig, server: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) });
      expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
      expect(await readFile(kubeconfig, 'utf8')).toContain(`server: ${started.server}`);
      const posted = window.webContents.posted.at(-1)!;
      expect(posted.channel).toBe('own-kubectl:port');
      expect(posted.transfer).toHaveLength(1);
      expect(posted.transfer[0]).toBeInstanceOf(fake.FakeMessagePortMain);

      const chosen = join(userData, 'lab.kubeconfig');
      fake.dialog.nextSaveFile = chosen;
      await expect(invoke('own-kubectl:choose-kubeconfig')).resolves.toMatchObject({ status: 'chosen', info: { kubeconfig: chosen, exportLine: `export KUBECONFIG=${chosen}` } });
      expect(await readFile(chosen, 'utf8')).toContain(`server: ${started.server}`);
      await expect(invoke('storage:list')).resolves.not.toContain('own-kubectl');
      fake.dialog.nextSaveFile = undefined;
      await expect(invoke('own-kubectl:choose-kubeconfig')).resolves.toEqual({ status: 'cancelled' });
    } finally {
      await expect(invoke('own-kubectl:stop')).resolves.toMatchObject({ running: false, kubeconfig: join(userData, 'lab.kubeconfig') });
    }
  });
});
