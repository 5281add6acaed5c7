/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Starts the built renderer with scripts/serve-web.mjs and Debian's Chromium, and gives the
// scenarios small helpers that act like a learner: type in the terminal, read the screen.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const resultsDir = join(repoRoot, 'test-results');
/** Chromium's switches for a quiet, headless run in a container or on a laptop. */
const browserArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface FoundBrowser {
  /** What is used, for the log: a path or a channel. */
  label: string;
  options: LaunchOptions;
}

/**
 * A browser wherever a contributor has one: $CHROMIUM, Debian's /usr/bin/chromium, the system's
 * Chrome or Edge (playwright-core channels), or the Chromium Playwright downloaded.
 */
export async function findBrowser(): Promise<FoundBrowser | undefined> {
  const paths = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const path of paths) if (path && existsSync(path)) return { label: path, options: { executablePath: path } };
  for (const channel of ['chrome', 'msedge']) {
    try {
      const browser = await chromium.launch({ channel, headless: true, args: browserArgs });
      await browser.close();
      return { label: `channel ${channel}`, options: { channel } };
    } catch {
      // Not installed.
    }
  }
  try {
    const downloaded = chromium.executablePath();
    if (existsSync(downloaded)) return { label: downloaded, options: { executablePath: downloaded } };
  } catch {
    // No downloaded browser either.
  }
  return undefined;
}

export function launchBrowser(found: FoundBrowser): Promise<Browser> {
  return chromium.launch({ ...found.options, headless: true, args: browserArgs });
}

/** Page errors and console errors seen since the last call to `takePageErrors`. */
const pageErrors: string[] = [];

/** Records the page's uncaught errors and console errors: any of them fails the test step. */
export function watchForErrors(page: Page): void {
  page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console error: ${message.text()}`);
  });
}

export function takePageErrors(): string[] {
  return pageErrors.splice(0);
}

export interface Harness {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startServer(): Promise<{ url: string; process: ChildProcess }> {
  const server = spawn(process.execPath, [join(repoRoot, 'scripts/serve-web.mjs')], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('serve-web did not start')), 10_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
      }
    });
    server.on('exit', (code) => reject(new Error(`serve-web exited with ${code}`)));
  });
  return { url, process: server };
}

export async function startHarness(found: FoundBrowser): Promise<Harness> {
  mkdirSync(resultsDir, { recursive: true });
  const server = await startServer();
  const stopServer = () => server.process.kill('SIGTERM');
  process.once('exit', stopServer);
  let browser: Browser;
  try {
    // Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here).
    browser = await launchBrowser(found);
  } catch (error) {
    stopServer();
    throw error;
  }
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      stopServer();
    },
  };
}

export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  await page.waitForSelector('.terminal-screen .xterm-rows');
}

/** The active terminal's visible text. */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const screens = [...document.querySelectorAll<HTMLElement>('.terminal-screen')].filter((element) => element.offsetParent !== null);
    const rows = screens[0]?.querySelector<HTMLElement>('.xterm-rows');
    return rows ? [...rows.children].map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()).join('\n') : '';
  });
}

export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator('.terminal-screen:visible .xterm-helper-textarea').focus();
  await page.keyboard.type(text, { delay: 5 });
}

export async function pressInTerminal(page: Page, key: string): Promise<void> {
  await page.locator('.terminal-screen:visible .xterm-helper-textarea').focus();
  await page.keyboard.press(key);
}

export async function waitForTerminal(page: Page, pattern: RegExp, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await terminalText(page);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`terminal never showed ${pattern}; it shows:\n${text}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(resultsDir, `${name}.png`) });
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Waits until the last non-empty line of the terminal is exactly `expected`. */
export async function waitForLastLine(page: Page, expected: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    const lines = (await terminalText(page)).split('\n').filter((line) => line.trim() !== '');
    last = lines[lines.length - 1] ?? '';
    if (last === expected) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the terminal's last line is ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
}
