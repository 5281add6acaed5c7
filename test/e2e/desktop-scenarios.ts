// The page's side of the desktop bridge, with `window.podlab` played by a stand-in that records
// what the page asks of it: notices, menu commands, lesson packs, saving before close, and "Use
// your own kubectl" (main's end of the message port is kept in the page, to send requests over it).

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assert, openApp, watchForErrors, screenshot, typeInTerminal, waitForTerminal } from './harness';
import { extraPackExerciseTitle, extraPackFiles, extraPackLessonTitle } from './desktop-pack';

const setAsideMessage = 'progress.json could not be read; it was moved to progress.json.corrupt-2026-01-01T00-00-00Z.';

/** Runs in the page before its scripts: a bridge with the same shape as electron/preload.ts builds. */
function installFakeBridge(input: { packFiles: Record<string, string>; notice: string }) {
  type Command = 'reset-exercise' | 'lesson-pack-opened' | 'notices-changed' | 'save-before-close';
  const documents = new Map<string, string>();
  const calls: string[] = [];
  let pendingNotices = [{ document: 'progress', reason: 'corrupt', movedTo: 'progress.json.corrupt', message: input.notice }];
  let packs: unknown[] = [{ id: 'bundled', source: 'bundled', folder: '', lessonCount: 0, files: {} }];
  let listener: ((command: Command) => void) | undefined;
  const testing = window as unknown as Record<string, unknown>;
  testing.podlabCalls = calls;
  testing.podlabSend = (command: Command) => listener?.(command);
  testing.podlabOpenPack = () => {
    packs = [...packs, { id: '/home/learner/extra', source: 'folder', folder: '/home/learner/extra', lessonCount: 1, files: input.packFiles }];
    listener?.('lesson-pack-opened');
  };
  testing.podlabAddNotice = (message: string) => {
    pendingNotices = [...pendingNotices, { document: 'settings', reason: 'newer', movedTo: 'settings.json.newer', message }];
    listener?.('notices-changed');
  };
  (window as unknown as { podlab: unknown }).podlab = {
    storage: {
      get: async (name: string) => (documents.has(name) ? JSON.parse(documents.get(name)!) : undefined),
      set: async (name: string, value: unknown) => {
        calls.push(`set ${name}`);
        documents.set(name, JSON.stringify(value));
      },
      list: async () => [...documents.keys()],
      delete: async (name: string) => documents.delete(name),
    },
    notices: {
      take: async () => {
        calls.push('notices.take');
        const taken = pendingNotices;
        pendingNotices = [];
        return taken;
      },
    },
    lessonPacks: { open: async () => ({ status: 'cancelled' }), list: async () => packs },
    app: {
      info: async () => ({ name: 'Pod Lab', version: '0', electron: '', chrome: '', node: '', platform: 'linux' }),
      readyToClose: async () => {
        calls.push('readyToClose');
      },
    },
    links: { openExternal: async () => false },
    ownKubectl: {
      info: async () => ({ running: false, kubeconfig: '/home/learner/.podlab/kubeconfig', exportLine: 'export KUBECONFIG=/home/learner/.podlab/kubeconfig' }),
      start: async () => {
        calls.push('ownKubectl.start');
        // What main and the preload do: a new channel, the page's end posted to the page.
        const channel = new MessageChannel();
        testing.podlabTransportPort = channel.port1;
        window.postMessage('podlab:own-kubectl-port', '*', [channel.port2]);
        return { running: true, kubeconfig: '/home/learner/.podlab/kubeconfig', exportLine: 'export KUBECONFIG=/home/learner/.podlab/kubeconfig', server: 'https://127.0.0.1:40123' };
      },
      stop: async () => {
        calls.push('ownKubectl.stop');
        return { running: false, kubeconfig: '/home/learner/.podlab/kubeconfig', exportLine: 'export KUBECONFIG=/home/learner/.podlab/kubeconfig' };
      },
      chooseKubeconfig: async () => ({ status: 'cancelled' }),
    },
    onMenuCommand: (next: (command: Command) => void) => {
      listener = next;
      return () => (listener = undefined);
    },
  };
}

/** The app in a fresh browser context, with the stand-in bridge installed before the page's scripts. */
async function openWithFakeBridge(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  watchForErrors(page);
  // tsx compiles this file keeping function names through a `__name` helper the page lacks.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await page.addInitScript(installFakeBridge, { packFiles: extraPackFiles, notice: setAsideMessage });
  await openApp(page, url);
  return { context, page };
}

export async function desktopBridge(browser: Browser, url: string): Promise<void> {
  const { context, page } = await openWithFakeBridge(browser, url);
  try {
    const calls = () => page.evaluate(() => [...((window as unknown as { podlabCalls: string[] }).podlabCalls)]);

    // Notices waiting at start are taken once and shown.
    await page.locator('[data-notice]', { hasText: setAsideMessage }).waitFor({ timeout: 5_000 });
    await page.evaluate(() => (window as unknown as { podlabAddNotice(message: string): void }).podlabAddNotice('settings.json was written by a newer Pod Lab.'));
    await page.locator('[data-notice]', { hasText: 'settings.json was written by a newer Pod Lab.' }).waitFor({ timeout: 5_000 });
    await screenshot(page, '10-desktop-notices');

    // Typed work reaches the bridge's storage when the window is about to close.
    await typeInTerminal(page, 'kubectl run before-close --image=nginx\n');
    await waitForTerminal(page, /pod\/before-close created/);
    await page.evaluate(() => (window as unknown as { podlabSend(command: string): void }).podlabSend('save-before-close'));
    await page.waitForFunction(() => (window as unknown as { podlabCalls: string[] }).podlabCalls.includes('readyToClose'), undefined, { timeout: 5_000 });
    const saved = await calls();
    const closeAt = saved.indexOf('readyToClose');
    assert(saved.slice(0, closeAt).includes('set journal'), `the journal was not saved before readyToClose: ${saved.join(', ')}`);

    // Reset from the menu: the pod is gone.
    await page.evaluate(() => (window as unknown as { podlabSend(command: string): void }).podlabSend('reset-exercise'));
    await typeInTerminal(page, 'kubectl get pod before-close\n');
    await waitForTerminal(page, /Error from server \(NotFound\): pods "before-close" not found/);

    // A pack opened from the menu joins the bundled course and its exercise can be done.
    await page.evaluate(() => (window as unknown as { podlabOpenPack(): void }).podlabOpenPack());
    await page.click('[data-course-map]');
    await page.locator('.course-lesson-title', { hasText: extraPackLessonTitle }).waitFor({ timeout: 5_000 });
    await page.locator('.course-exercise', { hasText: extraPackExerciseTitle }).click();
    // A lesson opens on its text; the exercise is one tab away.
    await page.click('[data-view="exercise"]');
    await page.locator('.exercise-title', { hasText: extraPackExerciseTitle }).waitFor({ timeout: 5_000 });
    await typeInTerminal(page, 'kubectl run hello --image=nginx\n');
    await page.locator('[data-check="hello-exists"][data-state="passed"]').waitFor({ timeout: 10_000 });
    await screenshot(page, '11-desktop-pack');
  } finally {
    await context.close();
  }
}

/** Sends one request over main's end of the port, as the HTTPS transport would, and collects the answer. */
function requestOverPort(input: { method: string; url: string; body: string }): Promise<{ status: number; body: string }> {
  const port = (window as unknown as { podlabTransportPort: MessagePort }).podlabTransportPort;
  return new Promise((resolve) => {
    let status = 0;
    let body = '';
    const id = Math.floor(Math.random() * 1e9);
    const listen = (event: MessageEvent) => {
      const message = event.data as { kind: string; id: number; status?: number; data?: string | Uint8Array };
      if (message.id !== id) return;
      if (message.kind === 'head') status = message.status!;
      else if (message.kind === 'chunk') body += typeof message.data === 'string' ? message.data : new TextDecoder().decode(message.data);
      else if (message.kind === 'end') {
        port.removeEventListener('message', listen);
        resolve({ status, body });
      }
    };
    port.addEventListener('message', listen);
    port.start();
    port.postMessage({ kind: 'request', id, request: { ...input, accept: 'application/json', contentType: 'application/json', serverAddress: '127.0.0.1:40123' } });
  });
}

export async function ownKubectlSetting(browser: Browser, url: string): Promise<void> {
  const { context, page } = await openWithFakeBridge(browser, url);
  try {
    // The setting shows where the kubeconfig goes; turned on, the line to paste.
    await page.click('[data-open-settings]');
    await page.locator('[data-own-kubectl="kubeconfig"]', { hasText: '/home/learner/.podlab/kubeconfig' }).waitFor({ timeout: 5_000 });
    await page.check('[data-own-kubectl="toggle"]');
    await page.locator('[data-own-kubectl="export-line"]', { hasText: 'export KUBECONFIG=/home/learner/.podlab/kubeconfig' }).waitFor({ timeout: 5_000 });
    await screenshot(page, '12-own-kubectl');
    await page.keyboard.press('Escape');

    // What the terminal made, the served API lists; what comes over the port, the cluster view shows.
    await typeInTerminal(page, 'kubectl run inside --image=nginx\n');
    await waitForTerminal(page, /pod\/inside created/);
    const listed = await page.evaluate(requestOverPort, { method: 'GET', url: '/api/v1/namespaces/default/pods', body: '' });
    assert(listed.status === 200 && listed.body.includes('"name":"inside"'), `the served list lacks the terminal's pod: ${listed.status} ${listed.body.slice(0, 200)}`);
    const created = await page.evaluate(requestOverPort, {
      method: 'POST',
      url: '/api/v1/namespaces/default/pods',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'outside' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }),
    });
    assert(created.status === 201, `the served create answered ${created.status}: ${created.body.slice(0, 200)}`);
    await page.locator('[data-pod="outside"]').waitFor({ timeout: 10_000 });
    await typeInTerminal(page, 'kubectl get pod outside -o name\n');
    await waitForTerminal(page, /^pod\/outside$/m);

    // Turned off, main is asked to stop.
    await page.click('[data-open-settings]');
    await page.uncheck('[data-own-kubectl="toggle"]');
    await page.waitForFunction(() => (window as unknown as { podlabCalls: string[] }).podlabCalls.includes('ownKubectl.stop'), undefined, { timeout: 5_000 });
    assert((await page.locator('[data-own-kubectl="export-line"]').count()) === 0, 'the export line is still shown after turning the setting off');
  } finally {
    await context.close();
  }
}
