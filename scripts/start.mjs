// `npm start`: builds the renderer (Vite) and the Electron main process and preload (esbuild), then
// launches Pod Lab in Electron. Where the Electron binary is not installed (an offline install),
// or there is no display to open a window on, it serves the same app in the browser instead.
//
//   node scripts/start.mjs            build and start
//   node scripts/start.mjs --dev      with developer tools (NODE_ENV=development)
//   node scripts/start.mjs --no-build start what was built last time

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const browserFallbackLine = 'Electron is not installed on this machine (offline install); serving Pod Lab in your browser instead.';
export const noDisplayLine = 'No display to open a window on; serving Pod Lab in your browser instead.';

/**
 * The Electron executable, or undefined when it is not installed. Read from path.txt, never by
 * loading the electron package (that would try to download the binary).
 */
export function electronBinaryPath(projectRoot = root) {
  const packageFolder = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageFolder, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (!relative) return undefined;
  const binary = join(packageFolder, 'dist', relative);
  return existsSync(binary) ? binary : undefined;
}

export function hasDisplay(environment = process.env, platform = process.platform) {
  if (platform !== 'linux') return true;
  return Boolean(environment.DISPLAY || environment.WAYLAND_DISPLAY);
}

let child;
let stopping = false;

function run(command, args, options = {}) {
  return new Promise((resolvePromise) => {
    child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', (error) => {
      console.error(`start: cannot run ${command}: ${error.message}`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => {
      child = undefined;
      resolvePromise(code ?? (signal ? 130 : 1));
    });
  });
}

function onStopSignal(signal) {
  if (stopping) return;
  stopping = true;
  // The child is in our process group and got the same Ctrl-C; this covers `kill <pid>` too.
  if (child && child.exitCode === null) child.kill(signal);
  else process.exit(130);
}

async function build() {
  console.log('Building the renderer…');
  const viteStatus = await run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
  if (viteStatus !== 0) return viteStatus;
  if (stopping) return 130;
  console.log('Building the desktop app…');
  const { buildElectron } = await import('./build-electron.mjs');
  try {
    await buildElectron();
  } catch (error) {
    console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return 0;
}

async function main() {
  const args = process.argv.slice(2);
  const environment = { ...process.env };
  if (args.includes('--dev')) environment.NODE_ENV = 'development';
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => onStopSignal(signal));

  if (!args.includes('--no-build')) {
    const status = await build();
    if (status !== 0) return status;
  }
  if (stopping) return 130;

  const electron = electronBinaryPath();
  if (electron && hasDisplay()) {
    // Playwright and some shells set this; it would make Electron run as plain Node.
    delete environment.ELECTRON_RUN_AS_NODE;
    return run(electron, [root], { env: environment });
  }
  console.log(electron ? noDisplayLine : browserFallbackLine);
  return run(process.execPath, [join(root, 'scripts', 'serve-web.mjs')], { env: environment });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (status) => process.exit(stopping ? 0 : status),
    (error) => {
      console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
