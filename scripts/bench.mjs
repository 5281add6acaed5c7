// `npm run bench`: runs every benchmark and prints its figures. `npm run bench -- ROW…` runs only
// those rows of the engine benchmark.
//
// The engine benchmark runs bundled as `podlab` ships (scripts/build-cli.mjs's options), not
// through tsx: tsx keeps every function's name, which costs a property definition for each
// closure made, and so measured code that no learner runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const rows = process.argv.slice(2);

async function bundle(entry, outfile) {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    banner: { js: "import { createRequire as __podlabRequire } from 'node:module'; const require = __podlabRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

await bundle('bench/engine-bench.ts', 'dist/bench/engine-bench.mjs');
await bundle('bench/heap-day.ts', 'dist/bench/heap-day.mjs');

const runs = [[process.execPath, ['--expose-gc', 'dist/bench/engine-bench.mjs', ...rows]]];
if (rows.length === 0) {
  for (const bench of ['bench/renderer-bench.ts', 'bench/server-bench.ts'].filter((f) => existsSync(f))) runs.push(['npx', ['tsx', bench]]);
}
let failed = false;
for (const [command, args] of runs) {
  const r = spawnSync(command, args, { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
