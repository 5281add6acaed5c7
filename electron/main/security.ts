// Every security setting of the desktop app, as data, so a Node test can assert that none is
// weakened. No Electron import: only types.

import type { WebPreferences } from 'electron';

/** The custom scheme the renderer is served from (never file://). */
export const appScheme = 'app';
export const appHost = 'podlab';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // xterm.js and CodeMirror inject <style> elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every file served over app://. */
export const responseSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Privileges of app:// (passed to protocol.registerSchemesAsPrivileged). */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
} as const;

export function windowWebPreferences(preloadPath: string, developmentTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
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
    devTools: developmentTools,
  };
}

/** Hosts whose https pages may be opened in the system browser. */
export const externalLinkHosts: readonly string[] = ['kubernetes.io'];

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Only https, only an allowed host, no credentials, default port. */
export function isAllowedExternalUrl(text: string): boolean {
  return externalUrlToOpen(text) !== undefined;
}

/**
 * The address to hand to the system browser: the URL as parsed and checked, written out again
 * (`https://kubernetes.io\@evil.com` becomes `https://kubernetes.io/@evil.com`), never the raw
 * text, which another parser could read with another host. Undefined when not allowed.
 */
export function externalUrlToOpen(text: string): string | undefined {
  const url = parseUrl(text);
  if (!url) return undefined;
  const allowed = url.protocol === 'https:' && externalLinkHosts.includes(url.hostname) && url.username === '' && url.password === '' && url.port === '';
  return allowed ? url.href : undefined;
}

/** True for a URL of the app itself, by parsed origin. */
export function isAppUrl(text: string | undefined): boolean {
  if (!text) return false;
  const url = parseUrl(text);
  return url !== undefined && url.protocol === `${appScheme}:` && url.host === appHost;
}

/** Navigation is allowed only within the app's own origin. */
export function isAllowedNavigation(text: string): boolean {
  return isAppUrl(text);
}

/** Every permission a page may ask for (camera, notifications, clipboard…) is refused. */
export function permissionDecision(_permission: string): boolean {
  return false;
}

/** DevTools and reload only when started for development. */
export function isDevelopment(isPackaged: boolean, environment: Record<string, string | undefined>): boolean {
  return !isPackaged && environment.NODE_ENV === 'development';
}
