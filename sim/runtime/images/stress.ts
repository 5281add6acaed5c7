// Images that load CPU and memory from their arguments: polinux/stress, vish/stress,
// ikubernetes/stress-ng and saadali/simmemleak. Memory is really "allocated" through the host, so
// the cgroup limit OOM-kills the container exactly when the usage crosses it.
import type { CommandImpl, Program } from '../../process';
import { MiB, forever, klogPrefix, parseSize } from './program-helpers';

/** polinux/stress: `stress --vm 1 --vm-bytes 150M --vm-hang 1 --cpu 2 --timeout 60s` */
export const stress: CommandImpl = function* (ctx): Program {
  const args = ctx.argv.slice(1);
  let cpu = 0;
  let io = 0;
  let vm = 0;
  let hdd = 0;
  let vmBytes = 256 * MiB;
  let timeoutMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const next = () => args[++i] ?? '';
    if (arg === '--cpu' || arg === '-c') cpu = Number(next());
    else if (arg === '--io' || arg === '-i') io = Number(next());
    else if (arg === '--vm' || arg === '-m') vm = Number(next());
    else if (arg === '--hdd' || arg === '-d') hdd = Number(next());
    else if (arg === '--vm-bytes') {
      const size = parseSize(next());
      if (size === undefined) {
        ctx.io.stderr(`stress: FAIL: [1] (${244}) invalid number: ${args[i]}\n`);
        return 1;
      }
      vmBytes = size;
    } else if (arg === '--timeout' || arg === '-t') timeoutMs = (parseFloat(next()) || 0) * 1000;
    else if (arg === '--vm-hang' || arg === '--vm-stride' || arg === '--vm-keep' || arg === '--backoff' || arg === '--hdd-bytes') {
      if (arg !== '--vm-keep') next();
    } else if (arg === '-v' || arg === '--verbose' || arg === '-q' || arg === '--quiet') {
      // accepted, no effect
    } else {
      ctx.io.stderr(`stress: FAIL: [1] (${244}) unrecognized option: ${arg}\n`);
      return 1;
    }
  }
  if (cpu + io + vm + hdd === 0) {
    ctx.io.stdout('`stress\' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n');
    return 0;
  }
  ctx.io.stdout(`stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd\n`);
  ctx.host.setCpuDemand?.(cpu * 1000 + vm * 1000);
  yield { kind: 'sleep', until: ctx.now() + 100 };
  ctx.host.setMemory?.(vm * vmBytes + 256 * 1024);
  if (timeoutMs !== undefined) {
    yield { kind: 'sleep', until: ctx.now() + Math.max(0, timeoutMs - 100) };
    ctx.io.stdout(`stress: info: [1] successful run completed in ${Math.round(timeoutMs / 1000)}s\n`);
    return 0;
  }
  return yield* forever();
};

/** vish/stress: `-mem-total 150Mi -mem-alloc-size 10Mi -mem-alloc-sleep 1s -cpus 2` (Go flags). */
export const vishStress: CommandImpl = function* (ctx): Program {
  const args = ctx.argv.slice(1);
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < args.length; i++) {
      const a = args[i].replace(/^--?/, '-');
      if (a === `-${name}`) return args[i + 1];
      if (a.startsWith(`-${name}=`)) return a.slice(name.length + 2);
    }
    return undefined;
  };
  const total = parseSize(flag('mem-total') ?? '0') ?? 0;
  const chunk = parseSize(flag('mem-alloc-size') ?? '4Ki') ?? 4096;
  const pause = parseDurationMs(flag('mem-alloc-sleep') ?? '1ms');
  const cpus = Number(flag('cpus') ?? 0);
  ctx.io.stderr(`${klogPrefix(ctx.now(), 'I', 'main.go:26')}Allocating "${flag('mem-total') ?? '0'}" memory, in "${flag('mem-alloc-size') ?? '4Ki'}" chunks, with a ${flag('mem-alloc-sleep') ?? '1ms'} sleep between allocations\n`);
  if (cpus > 0) ctx.io.stderr(`${klogPrefix(ctx.now(), 'I', 'main.go:39')}Spawning a thread to consume CPU\n`);
  ctx.host.setCpuDemand?.(cpus * 1000);
  let used = 2 * MiB;
  ctx.host.setMemory?.(used);
  while (used < total + 2 * MiB) {
    yield { kind: 'sleep', until: ctx.now() + Math.max(pause, 1) };
    used += chunk;
    ctx.host.setMemory?.(Math.min(used, total + 2 * MiB));
  }
  ctx.io.stderr(`${klogPrefix(ctx.now(), 'I', 'main.go:45')}Allocated "${flag('mem-total')}" memory\n`);
  return yield* forever();
};

function parseDurationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!match) return 1;
  return Number(match[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[match[2] as 'ms']!;
}

/** ikubernetes/stress-ng: `stress-ng -m 1 -c 1 --vm-bytes 256M --timeout 60s --metrics-brief` */
export const stressNg: CommandImpl = function* (ctx): Program {
  // Arguments may come glued as one word ("-m 1"), as in many manifests.
  const args = ctx.argv.slice(1).flatMap((a) => a.trim().split(/\s+/));
  let cpu = 0;
  let vm = 0;
  let vmBytes = 256 * MiB;
  let timeoutMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const next = () => args[++i] ?? '0';
    if (arg === '-c' || arg === '--cpu') cpu = Number(next()) || 2;
    else if (arg === '-m' || arg === '--vm') vm = Number(next());
    else if (arg === '--vm-bytes') vmBytes = parseSize(next()) ?? vmBytes;
    else if (arg === '-t' || arg === '--timeout') timeoutMs = (parseFloat(next()) || 0) * 1000;
  }
  const hogs = [cpu ? `${cpu} cpu` : '', vm ? `${vm} vm` : ''].filter(Boolean).join(', ');
  ctx.io.stdout(`stress-ng: info:  [1] dispatching hogs: ${hogs}\n`);
  ctx.host.setMemory?.(4 * MiB);
  yield { kind: 'sleep', until: ctx.now() + 200 };
  // Each stressor is a process of its own: a cpu worker spins; a vm worker forks a child that
  // holds --vm-bytes and keeps touching it. The parent only waits for them.
  for (let i = 0; i < cpu; i++) ctx.host.spawnWorker?.({ comm: 'stress-ng-cpu', memory: 2 * MiB, cpuDemand: 1000 });
  for (let i = 0; i < vm; i++) {
    const parent = ctx.host.spawnWorker?.({ comm: 'stress-ng-vm', memory: 2 * MiB, cpuDemand: 0 });
    ctx.host.spawnWorker?.({ comm: 'stress-ng-vm', memory: vmBytes, cpuDemand: 1000, parent });
  }
  if (timeoutMs !== undefined) {
    yield { kind: 'sleep', until: ctx.now() + timeoutMs };
    ctx.io.stdout(`stress-ng: info:  [1] successful run completed in ${(timeoutMs / 1000).toFixed(2)}s\n`);
    return 0;
  }
  return yield* forever();
};

/** saadali/simmemleak: allocates a little more memory every tenth of a second, without end. */
export const simmemleak: CommandImpl = function* (ctx): Program {
  let used = 1 * MiB;
  ctx.host.setCpuDemand?.(50);
  for (;;) {
    ctx.host.setMemory?.(used);
    yield { kind: 'sleep', until: ctx.now() + 100 };
    used += MiB;
  }
};
