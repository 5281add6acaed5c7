// Fails if any security setting of the desktop app is weakened.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponse, resolveAppFile } from '../../electron/main/app-protocol';
import { buildMenuTemplate } from '../../electron/main/menu';
import {
  appEntryUrl,
  appSchemePrivileges,
  contentSecurityPolicy,
  externalLinkHosts,
  isAllowedExternalUrl,
  externalUrlToOpen,
  isAllowedNavigation,
  isDevelopment,
  permissionDecision,
  responseSecurityHeaders,
  windowWebPreferences,
} from '../../electron/main/security';

const source = (path: string) => readFileSync(resolve(__dirname, '../../electron', path), 'utf8');

describe('window webPreferences', () => {
  it('are isolated, sandboxed and without Node, exactly', () => {
    expect(windowWebPreferences('/app/preload.cjs', false)).toStrictEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('allow DevTools only in development, changing nothing else', () => {
    const production = windowWebPreferences('/p', false);
    const development = windowWebPreferences('/p', true);
    expect(development).toStrictEqual({ ...production, devTools: true });
  });

  it('treat only an unpackaged run with NODE_ENV=development as development', () => {
    expect(isDevelopment(false, { NODE_ENV: 'development' })).toBe(true);
    expect(isDevelopment(true, { NODE_ENV: 'development' })).toBe(false);
    expect(isDevelopment(false, {})).toBe(false);
    expect(isDevelopment(false, { NODE_ENV: 'production' })).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is the strict policy, sent as a header with every response', () => {
    expect(contentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|blob:|\*/);
    expect(responseSecurityHeaders['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(responseSecurityHeaders['X-Content-Type-Options']).toBe('nosniff');
  });

  it('comes with each file of app://, including errors', async () => {
    const root = await mkdtemp(join(tmpdir(), 'podlab-renderer-'));
    try {
      await writeFile(join(root, 'index.html'), '<!doctype html><title>Pod Lab</title>');
      const page = await appResponse(root, { url: appEntryUrl, method: 'GET' });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toBe('<!doctype html><title>Pod Lab</title>');
      const missing = await appResponse(root, { url: 'app://podlab/nothing.js', method: 'GET' });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect((await appResponse(root, { url: appEntryUrl, method: 'POST' })).status).toBe(405);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('app:// protocol', () => {
  it('is standard and secure, and bypasses nothing', () => {
    expect(appSchemePrivileges).toStrictEqual({ standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false, stream: false });
  });

  it('serves only files inside the renderer folder', () => {
    const root = '/srv/renderer';
    expect(resolveAppFile(root, 'app://podlab/')).toBe('/srv/renderer/index.html');
    expect(resolveAppFile(root, 'app://podlab/assets/index-abc.js')).toBe('/srv/renderer/assets/index-abc.js');
    expect(resolveAppFile(root, 'app://podlab/../secret')).toBe('/srv/renderer/secret');
    // The URL parser folds encoded dots, so this stays inside the folder.
    expect(resolveAppFile(root, 'app://podlab/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/renderer/etc/passwd');
    expect(resolveAppFile(root, 'app://podlab/..%2fsecret')).toBeUndefined();
    expect(resolveAppFile(root, 'app://other/index.html')).toBeUndefined();
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeUndefined();
    expect(resolveAppFile(root, 'app://podlab/%00')).toBeUndefined();
  });
});

describe('navigation and external links', () => {
  it('allows navigation only within app://podlab', () => {
    expect(isAllowedNavigation('app://podlab/index.html#lesson')).toBe(true);
    for (const url of ['https://kubernetes.io/', 'file:///etc/passwd', 'app://podlab.evil.com/', 'http://podlab/', 'javascript:alert(1)', 'not a url']) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('opens only https pages on kubernetes.io in the system browser', () => {
    expect(externalLinkHosts).toStrictEqual(['kubernetes.io']);
    expect(isAllowedExternalUrl('https://kubernetes.io/docs/')).toBe(true);
    expect(isAllowedExternalUrl('https://kubernetes.io/docs/concepts/workloads/pods/#pod-lifecycle')).toBe(true);
    for (const url of [
      'http://kubernetes.io/docs/',
      'https://kubernetes.io.evil.com/',
      'https://evil.com/?https://kubernetes.io',
      'https://kubernetes.io@evil.com/',
      'https://user:pass@kubernetes.io/',
      'https://kubernetes.io:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'kubernetes.io/docs',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('hands the system browser the checked URL, never the raw text', () => {
    expect(externalUrlToOpen('https://kubernetes.io\\@evil.com')).toBe('https://kubernetes.io/@evil.com');
    expect(externalUrlToOpen('https://KUBERNETES.io/docs/')).toBe('https://kubernetes.io/docs/');
    expect(externalUrlToOpen('https://kubernetes.io/docs/ \n--flag')).toBe('https://kubernetes.io/docs/%20--flag');
    expect(externalUrlToOpen('https://kubernetes.io@evil.com/')).toBeUndefined();
  });

  it('denies every permission request', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'usb', 'serial', 'hid']) {
      expect(permissionDecision(permission), permission).toBe(false);
    }
  });
});

describe('the main process wiring', () => {
  it('applies the lock-down to every web contents and keeps one instance', () => {
    const main = source('main/index.ts');
    expect(main).toContain('app.requestSingleInstanceLock()');
    expect(main).toContain("app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents))");
    expect(main).toContain('denyAllPermissions(session.defaultSession)');
    expect(main).toContain('serveRenderer(protocol, rendererFolder)');
    expect(main).not.toMatch(/openDevTools|file:\/\/|loadFile\(/);
  });

  it('creates the window with the exported preferences and blocks navigation and new windows', () => {
    const window = source('main/window.ts');
    expect(window).toContain('webPreferences: windowWebPreferences(options.preloadPath, options.isDevelopment)');
    expect(window).toContain("contents.on('will-navigate'");
    expect(window).toContain("contents.on('will-attach-webview', (event) => event.preventDefault())");
    expect(window).toMatch(/setWindowOpenHandler\(\(\{ url \}\) => \{\s+void openExternalLink\(url\);\s+return \{ action: 'deny' \};/);
    expect(window).toContain('const checked = externalUrlToOpen(url);');
    expect(window).toContain('await shell.openExternal(checked);');
    expect(window).toContain('void window.loadURL(appEntryUrl)');
  });

  it('gives DevTools and reload menu items only in development', () => {
    const actions = { resetExercise() {}, openLessonPack() {}, showAbout() {}, openKubernetesDocumentation() {} };
    const roles = (development: boolean) =>
      buildMenuTemplate(actions, { isDevelopment: development, isMac: false }).flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu.map((item) => item.role) : []));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
