// Builds the Electron main process (dist/electron/main.js, ESM) and the sandboxed preload
// (dist/electron/preload.cjs: one CommonJS file with everything but `electron` inlined).
// The renderer is built separately with `npx vite build`.

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node22', external: ['electron'], sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' };

export async function buildElectron() {
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/index.ts'],
      outfile: 'dist/electron/main.js',
      format: 'esm',
      // Some bundled packages call require() for Node built-ins.
      banner: { js: "import { createRequire as podlabCreateRequire } from 'node:module'; const require = podlabCreateRequire(import.meta.url);" },
    }),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildElectron().then(
    () => console.log('built dist/electron/main.js and dist/electron/preload.cjs'),
    (error) => {
      console.error(`build-electron: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
