// Images that do one job: perl (the pi Job), log shippers (fluentd, filebeat), hello-world and
// curlimages/curl's entrypoint.
import type { CommandImpl, Program } from '../../process';
import { busyboxCommands } from '../../shell/commands';
import { MiB, forever } from './program-helpers';

/** Digits of pi with a spigot over BigInt: `digits` decimals, as `bpi(N)` prints them (N significant digits). */
export function piDigits(significant: number): string {
  const decimals = significant - 1;
  const guard = 10n;
  const scale = 10n ** BigInt(decimals + 10);
  // Machin: pi = 16 atan(1/5) - 4 atan(1/239)
  const atanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    let n = 1n;
    let sign = 1n;
    while (term !== 0n) {
      sum += (sign * term) / n;
      term /= x2;
      n += 2n;
      sign = -sign;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  const text = (pi / guard ** 10n).toString();
  return `${text[0]}.${text.slice(1, 1 + decimals)}`;
}

export const perl: CommandImpl = function* (ctx): Program {
  const script = ctx.argv.join(' ');
  const bpi = /bpi\((\d+)\)/.exec(script);
  if (bpi) {
    const digits = Math.min(Number(bpi[1]), 20000);
    ctx.host.setCpuDemand?.(1000);
    ctx.host.setMemory?.(8 * MiB);
    yield { kind: 'sleep', until: ctx.now() + Math.max(1000, digits * 4) };
    ctx.io.stdout(piDigits(digits) + '\n');
    return 0;
  }
  const print = /print\s+"([^"]*)"/.exec(script) ?? /print\s+'([^']*)'/.exec(script);
  if (print) {
    ctx.io.stdout(print[1].replace(/\\n/g, '\n') + (ctx.argv.includes('-l') || /-\w*l/.test(ctx.argv[1] ?? '') ? '\n' : ''));
    return 0;
  }
  if (ctx.argv.length === 1) return 0;
  if (ctx.argv[1] === '-v' || ctx.argv[1] === '--version') {
    ctx.io.stdout('\nThis is perl 5, version 40, subversion 0 (v5.40.0) built for x86_64-linux-gnu-thread-multi\n');
    return 0;
  }
  return 0;
};

export const fluentd: CommandImpl = function* (ctx): Program {
  const t = new Date(ctx.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000');
  ctx.io.stdout(`${t} [info]: init supervisor logger path=nil rotate_age=nil rotate_size=nil\n${t} [info]: parsing config file is succeeded path="/fluentd/etc/fluent.conf"\n${t} [info]: starting fluentd-1.16.6 pid=7 ruby="3.2.6"\n${t} [info]: fluentd worker is now running worker=0\n`);
  ctx.host.setMemory?.(48 * MiB);
  ctx.host.listen?.(24224, { protocol: 'tcp' });
  return yield* forever();
};

export const filebeat: CommandImpl = function* (ctx): Program {
  const t = new Date(ctx.now()).toISOString();
  const redis = ctx.env.get('REDIS_HOST');
  ctx.io.stdout(`${t} INFO Home path: [/usr/local/bin] Config path: [/usr/local/bin] Data path: [/usr/local/bin/data] Logs path: [/usr/local/bin/logs]\n${t} INFO Setup Beat: filebeat; Version: 5.6.5\n`);
  if (redis) ctx.io.stdout(`${t} INFO Max Retries set to: 3\n${t} INFO redis output using host ${redis}, log level ${ctx.env.get('LOG_LEVEL') ?? 'info'}\n`);
  ctx.io.stdout(`${t} INFO filebeat start running.\n`);
  ctx.host.setMemory?.(12 * MiB);
  return yield* forever();
};

export const helloWorld: CommandImpl = (ctx) => {
  ctx.io.stdout(
    '\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\n' +
      'To generate this message, Docker took the following steps:\n 1. The Docker client contacted the Docker daemon.\n' +
      ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.\n    (amd64)\n' +
      ' 3. The Docker daemon created a new container from that image which runs the\n    executable that produces the output you are currently reading.\n' +
      ' 4. The Docker daemon streamed that output to the Docker client, which sent it\n    to your terminal.\n\n',
  );
  return 0;
};

/**
 * curlimages/curl's /entrypoint.sh: runs its arguments as a command when they name one, else
 * hands them to curl (`kubectl run c --image=curlimages/curl -- -s http://web` runs curl).
 */
export function curlEntrypoint(curl: CommandImpl): CommandImpl {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    const program = args[0] === undefined || args[0].startsWith('-') ? undefined : args[0] === 'curl' ? curl : busyboxCommands.get(args[0].split('/').pop()!);
    // exec "$@": the process is now the program it ran.
    const argv = program ? args : ['curl', ...args];
    ctx.host.setTitle?.(argv.join(' '));
    return (program ?? curl)({ ...ctx, argv });
  };
}
