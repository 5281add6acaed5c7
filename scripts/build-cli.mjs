// Bundles the `podlab` command into one file (dist/podlab.mjs) so it starts fast.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/podlab.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/podlab.mjs',
  banner: { js: "import { createRequire as __podlabRequire } from 'node:module'; const require = __podlabRequire(import.meta.url);" },
  logLevel: 'warning',
});
