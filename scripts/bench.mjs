// `npm run bench`: runs every benchmark and prints its figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = ['bench/engine-bench.ts', 'bench/renderer-bench.ts', 'bench/server-bench.ts'].filter((f) => existsSync(f));
let failed = false;
for (const bench of benches) {
  const r = spawnSync('npx', ['tsx', bench], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
