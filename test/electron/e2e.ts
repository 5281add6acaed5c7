// The desktop app end to end: launch Pod Lab in Electron, complete the first exercise by typing in
// the terminal, quit, launch again and check the progress was kept on disk and in the window.
// Run with: node --import tsx test/electron/e2e.ts   (SKIP_BUILD=1 to reuse the last build)
//
// Electron cannot be downloaded on every machine; without its binary this prints
// `skipped: Electron binary not installed` and exits 0. On Linux without a display it re-runs
// itself under xvfb-run.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
// @ts-expect-error plain JavaScript module without types
import { electronBinaryPath, hasDisplay } from '../../scripts/start.mjs';
// @ts-expect-error plain JavaScript module without types
import { buildElectron } from '../../scripts/build-electron.mjs';
import { openApp, screenshot } from '../e2e/harness';
import { completeFirstExercise, reloadKeepsProgressAndFiles } from '../e2e/scenarios';

const repoRoot = resolve(import.meta.dirname, '../..');
const appUrl = 'app://podlab/index.html';

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function launch(executablePath: string, userData: string): Promise<{ app: ElectronApplication; page: Page }> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') environment[key] = value;
  const app = await _electron.launch({ executablePath, args: [repoRoot], env: { ...environment, PODLAB_USER_DATA: userData, NODE_ENV: 'production' }, timeout: 60_000 });
  const page = await app.firstWindow();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return { app, page };
}

async function checkIsolation(page: Page): Promise<void> {
  const seen = await page.evaluate(() => ({
    bridge: typeof (window as unknown as { podlab?: { storage?: unknown } }).podlab?.storage,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    origin: location.origin,
  }));
  assert(seen.bridge === 'object', `window.podlab.storage is ${seen.bridge}`);
  assert(seen.require === 'undefined' && seen.process === 'undefined', `Node is reachable from the page: ${JSON.stringify(seen)}`);
  assert(seen.origin === 'app://podlab', `the page's origin is ${seen.origin}`);
}

async function main(): Promise<number> {
  const executablePath = electronBinaryPath() as string | undefined;
  if (!executablePath) {
    console.log('skipped: Electron binary not installed');
    return 0;
  }
  if (!hasDisplay()) {
    if (process.env.PODLAB_UNDER_XVFB === '1' || !existsSync('/usr/bin/xvfb-run')) {
      console.log('skipped: no display and xvfb-run is not installed');
      return 0;
    }
    const rerun = spawnSync('xvfb-run', ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, PODLAB_UNDER_XVFB: '1' } });
    return rerun.status ?? 1;
  }
  if (process.env.SKIP_BUILD !== '1') {
    execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
    await buildElectron();
  }

  const userData = await mkdtemp(join(tmpdir(), 'podlab-e2e-'));
  let failures = 0;
  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
      console.log(`✓ ${name}`);
    } catch (error) {
      failures++;
      console.log(`✗ ${name}\n  ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  try {
    const first = await launch(executablePath, userData);
    try {
      await step('opens one isolated window on app://', async () => {
        await openApp(first.page, appUrl);
        await checkIsolation(first.page);
        assert(first.app.windows().length === 1, `${first.app.windows().length} windows are open`);
      });
      await step('completes an exercise by typing in the terminal', () => completeFirstExercise(first.page, appUrl));
      await first.page.waitForTimeout(1000); // the renderer saves after a short pause
      await screenshot(first.page, 'electron-01-exercise-complete');
    } finally {
      await first.app.close();
    }

    await step('saved progress atomically in the user data folder', async () => {
      const saved = JSON.parse(await readFile(join(userData, 'progress.json'), 'utf8')) as { schemaVersion?: number; data?: unknown };
      assert(saved.schemaVersion === 1 && saved.data !== undefined, `progress.json is ${JSON.stringify(saved).slice(0, 200)}`);
    });

    const second = await launch(executablePath, userData);
    try {
      await step('keeps progress and workspace files after quitting and starting again', () => reloadKeepsProgressAndFiles(second.page, appUrl));
      await screenshot(second.page, 'electron-02-relaunched');
    } finally {
      await second.app.close();
    }
  } finally {
    await rm(userData, { recursive: true, force: true });
  }
  console.log(failures === 0 ? 'all Electron tests passed' : `${failures} Electron test(s) failed`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`electron e2e: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
