// Renderer benchmarks, printed by `npm run bench`: time from navigation to an interactive prompt,
// key-to-echo latency in the terminal with 100 running pods, and the size of the built bundle.
// Uses the browser build (built first when dist/renderer is missing) and Debian's Chromium.
// Figures only: nothing here fails on a slow machine.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { findBrowser, launchBrowser, repoRoot, startServer, typeInTerminal, waitForTerminal } from '../test/e2e/harness';

const distDir = join(repoRoot, 'dist/renderer');
const promptText = 'learner@podlab:~$';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function bundleSize(): void {
  const files = filesUnder(distDir);
  const sizeOf = (filter: (path: string) => boolean) => {
    const chosen = files.filter(filter);
    const raw = chosen.reduce((sum, path) => sum + statSync(path).size, 0);
    const gzip = chosen.reduce((sum, path) => sum + gzipSync(readFileSync(path)).length, 0);
    return `${kib(raw)} (${kib(gzip)} gzip)`;
  };
  console.log(`renderer bundle, all files:      ${sizeOf(() => true)} in ${files.length} files`);
  console.log(`renderer bundle, JavaScript:     ${sizeOf((path) => path.endsWith('.js'))}`);
  console.log(`renderer bundle, CSS:            ${sizeOf((path) => path.endsWith('.css'))}`);
  // The editor and the lesson-pack loader are fetched later, when first used.
  const firstLoad = (path: string) => /(^|\/)(index[-.]|session-)[^/]*$/.test(path);
  console.log(`renderer bundle, before prompt:  ${sizeOf(firstLoad)} (index.html, the app, the engine, CSS)`);
}

/**
 * Milliseconds from the start of navigation until the terminal shows its prompt and takes keys,
 * and until the exercise's cluster is built and graded (keys typed before then wait for it).
 */
async function timeToPrompt(browser: Browser, url: string): Promise<{ prompt: number; ready: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const prompt = JSON.stringify(promptText);
    // Written as text so that no compiled helper ends up in the page.
    const promptAt = (await page.evaluate(`new Promise((resolve) => {
      const check = () => {
        const rows = document.querySelector('.terminal-screen .xterm-rows');
        const input = document.querySelector('.terminal-screen .xterm-helper-textarea');
        if (rows && input && rows.textContent.includes(${prompt})) resolve(performance.now());
        else requestAnimationFrame(check);
      };
      check();
    })`)) as number;
    const readyAt = (await page.evaluate(`new Promise((resolve) => {
      const check = () => (document.body.dataset.ready === 'true' ? resolve(performance.now()) : setTimeout(check, 5));
      check();
    })`)) as number;
    return { prompt: promptAt, ready: readyAt };
  } finally {
    await context.close();
  }
}

/** Starts 100 nginx pods through the terminal and lets them reach Running. */
async function startHundredPods(page: Page): Promise<void> {
  await typeInTerminal(page, 'kubectl create deployment many --image=nginx --replicas=100\n');
  await waitForTerminal(page, /deployment\.apps\/many created/);
  await page.click('[data-skip="60000"]');
  await typeInTerminal(page, 'kubectl get deployment many\n');
  await waitForTerminal(page, /many\s+100\/100\s+100\s+100/, 60_000);
  await page.click('[data-speed="1"]');
}

/**
 * In-page times from each keydown to the echoed character in the screen's DOM. xterm draws in an
 * animation frame and the observer runs right after, before that frame is painted.
 */
async function keyToEcho(page: Page, keys: number): Promise<number[]> {
  await page.evaluate(`(() => {
    if (!window.__echo) {
      window.__echo = { pending: [], latencies: [] };
      const rows = document.querySelector('.terminal-screen .xterm-rows');
      document.addEventListener('keydown', (event) => window.__echo.pending.push(event.timeStamp), true);
      new MutationObserver(() => {
        const started = window.__echo.pending.shift();
        if (started !== undefined) window.__echo.latencies.push(performance.now() - started);
      }).observe(rows, { childList: true, subtree: true, characterData: true });
    }
    window.__echo.pending = [];
    window.__echo.latencies = [];
  })()`);
  await page.locator('.terminal-screen:visible .xterm-helper-textarea').focus();
  for (let i = 0; i < keys; i++) {
    await page.keyboard.type('x');
    // One key at a time, as a person types, so each echo is timed alone.
    await page.waitForTimeout(40);
  }
  await page.waitForTimeout(200);
  const latencies = (await page.evaluate('window.__echo.latencies')) as number[];
  await page.keyboard.press('Control+u');
  return latencies;
}

async function main(): Promise<void> {
  const found = await findBrowser();
  if (!found) {
    console.log('renderer bench skipped: no Chromium, Chrome or Edge found (set CHROMIUM to a browser binary)');
    return;
  }
  if (!existsSync(join(distDir, 'index.html'))) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  bundleSize();
  const server = await startServer();
  const browser = await launchBrowser(found);
  try {
    const loads: { prompt: number; ready: number }[] = [];
    for (let run = 0; run < 5; run++) loads.push(await timeToPrompt(browser, server.url));
    const times = loads.map((load) => load.prompt);
    const ready = loads.map((load) => load.ready);
    console.log(`navigation to interactive prompt: median ${median(times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms over ${times.length} loads (target < 1000 ms)`);
    console.log(`navigation to exercise ready:     median ${median(ready).toFixed(0)} ms, worst ${Math.max(...ready).toFixed(0)} ms (its cluster built and graded)`);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    const idle = await keyToEcho(page, 30);
    await startHundredPods(page);
    const busy = await keyToEcho(page, 60);
    const describe = (values: number[]) => `median ${median(values).toFixed(1)} ms, p95 ${percentile(values, 0.95).toFixed(1)} ms over ${values.length} keys`;
    console.log(`key-to-echo, empty cluster:        ${describe(idle)}`);
    console.log(`key-to-echo, 100 running pods, 1x: ${describe(busy)} (target < 16 ms)`);
    await context.close();
  } finally {
    await browser.close();
    server.process.kill('SIGTERM');
  }
}

void main().catch((error) => {
  console.error(`renderer bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
