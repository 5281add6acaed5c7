// Per-run cost of the shell on the probe path: parse `cat /tmp/healthy` once, run it many times.
// Run with `npx tsx bench/shell-exec.ts`.
import { performance } from 'node:perf_hooks';
import { MemFs } from '../sim/fs/memfs';
import { MountFs } from '../sim/fs/mountfs';
import { runToEnd } from '../sim/process';
import { busyboxCommands } from '../sim/shell/commands';
import { createShellState, parse, runScript } from '../sim/shell/lang';

const runs = 100_000;
const root = new MemFs();
root.mkdir('/tmp');
root.writeFile('/tmp/healthy', '');
const fs = new MountFs(root);
let printed = 0;
const env = {
  fs,
  io: { stdin: '', stdout: (text: string) => void (printed += text.length), stderr: (text: string) => void (printed += text.length) },
  host: { hostname: () => 'bench' },
  now: () => 0,
  dialect: 'busybox' as const,
  shellName: 'sh',
  commands: (name: string) => busyboxCommands.get(name),
};

function measure(label: string, source: string): void {
  const script = parse(source);
  const state = createShellState({ env: { PATH: '/bin' } });
  for (let i = 0; i < 10_000; i++) runToEnd(runScript(script, state, env));
  const start = performance.now();
  let failures = 0;
  for (let i = 0; i < runs; i++) if (runToEnd(runScript(script, state, env)) !== 0) failures++;
  const perRunUs = ((performance.now() - start) * 1000) / runs;
  console.log(`${label.padEnd(34)} ${perRunUs.toFixed(2)} µs/run${failures ? `  (${failures} failed)` : ''}`);
}

measure('cat /tmp/healthy', 'cat /tmp/healthy');
measure('test -e /tmp/healthy', 'test -e /tmp/healthy');
measure('cat /tmp/missing 2>/dev/null', 'cat /tmp/missing 2>/dev/null');
measure('[ -f /tmp/healthy ] && echo ok', '[ -f /tmp/healthy ] && echo ok');
