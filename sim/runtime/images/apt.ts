// apt-get in the Debian and Ubuntu based images: `update` fetches the package lists (a fresh
// image has none, so `install` before `update` cannot find anything), `install` puts the tools of
// the packages the slim images leave out into /usr/bin, where the container then finds them.
import type { CommandContext, CommandImpl, Program } from '../../process';
import { sleepFor } from './program-helpers';

/** Packages a learner installs to debug a pod, with the tools they bring and bookworm's versions. */
const packages: Record<string, { version: string; tools: string[]; kB: number }> = {
  curl: { version: '7.88.1-10+deb12u8', tools: ['curl'], kB: 315 },
  wget: { version: '1.21.3-1+b2', tools: ['wget'], kB: 984 },
  procps: { version: '2:4.0.2-3', tools: ['ps', 'top'], kB: 709 },
  'iputils-ping': { version: '3:20221126-1+deb12u1', tools: ['ping'], kB: 47 },
  'netcat-openbsd': { version: '1.219-1', tools: ['nc'], kB: 41 },
  dnsutils: { version: '1:9.18.28-1~deb12u2', tools: ['nslookup'], kB: 703 },
  'bind9-dnsutils': { version: '1:9.18.28-1~deb12u2', tools: ['nslookup'], kB: 703 },
};

const listsMarker = '/var/lib/apt/lists/lock';

function distribution(ctx: CommandContext): { mirror: string; suite: string; ubuntu: boolean } {
  let release = '';
  try {
    release = ctx.fs.readFile('/etc/os-release');
  } catch {
    release = '';
  }
  const ubuntu = /^ID=ubuntu$/m.test(release);
  return ubuntu ? { mirror: 'http://archive.ubuntu.com/ubuntu', suite: 'noble', ubuntu } : { mirror: 'http://deb.debian.org/debian', suite: 'bookworm', ubuntu };
}

function installed(ctx: CommandContext, tool: string): boolean {
  return ctx.fs.stat(`/usr/bin/${tool}`) !== undefined;
}

function* update(ctx: CommandContext): Program {
  const { mirror, suite, ubuntu } = distribution(ctx);
  const lines = ubuntu
    ? [`Get:1 ${mirror} ${suite} InRelease [256 kB]`, `Get:2 ${mirror} ${suite}-updates InRelease [126 kB]`, `Get:3 http://security.ubuntu.com/ubuntu ${suite}-security InRelease [126 kB]`, `Get:4 ${mirror} ${suite}/main amd64 Packages [1808 kB]`, 'Fetched 2316 kB in 2s (1158 kB/s)']
    : [`Get:1 ${mirror} ${suite} InRelease [151 kB]`, `Get:2 ${mirror} ${suite}-updates InRelease [55.4 kB]`, `Get:3 http://deb.debian.org/debian-security ${suite}-security InRelease [48.0 kB]`, `Get:4 ${mirror} ${suite}/main amd64 Packages [8792 kB]`, `Get:5 ${mirror} ${suite}-updates/main amd64 Packages [13.5 kB]`, `Get:6 http://deb.debian.org/debian-security ${suite}-security/main amd64 Packages [243 kB]`, 'Fetched 9303 kB in 2s (4651 kB/s)'];
  yield* sleepFor(ctx, 2000);
  ctx.io.stdout(lines.join('\n') + '\nReading package lists... Done\n');
  ctx.fs.mkdir('/var/lib/apt/lists', { recursive: true });
  ctx.fs.writeFile(listsMarker, '');
  return 0;
}

function* install(ctx: CommandContext, names: string[], yes: boolean): Program {
  ctx.io.stdout('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n');
  const updated = ctx.fs.stat(listsMarker) !== undefined;
  const unknown = names.find((name) => !updated || !packages[name]);
  if (unknown !== undefined) {
    ctx.io.stderr(`E: Unable to locate package ${unknown}\n`);
    return 100;
  }
  const wanted = names.filter((name) => !packages[name].tools.every((tool) => installed(ctx, tool)));
  for (const name of names.filter((n) => !wanted.includes(n))) ctx.io.stdout(`${name} is already the newest version (${packages[name].version}).\n`);
  if (wanted.length === 0) {
    ctx.io.stdout('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  const kB = wanted.reduce((sum, name) => sum + packages[name].kB, 0);
  ctx.io.stdout(
    `The following NEW packages will be installed:\n  ${wanted.join(' ')}\n0 upgraded, ${wanted.length} newly installed, 0 to remove and 0 not upgraded.\n` +
      `Need to get ${kB} kB of archives.\nAfter this operation, ${kB * 3} kB of additional disk space will be used.\n`,
  );
  if (!yes) {
    // No terminal to answer from: apt takes the empty answer on a closed input as no.
    ctx.io.stdout('Do you want to continue? [Y/n] Abort.\n');
    return 1;
  }
  const { mirror, suite } = distribution(ctx);
  wanted.forEach((name, i) => ctx.io.stdout(`Get:${i + 1} ${mirror} ${suite}/main amd64 ${name} amd64 ${packages[name].version} [${packages[name].kB} kB]\n`));
  yield* sleepFor(ctx, 1000 + wanted.length * 500);
  ctx.io.stderr('debconf: delaying package configuration, since apt-utils is not installed\n');
  ctx.io.stdout(`Fetched ${kB} kB in 1s (${kB} kB/s)\n`);
  for (const name of wanted) {
    const { version } = packages[name];
    ctx.io.stdout(`Selecting previously unselected package ${name}.\nPreparing to unpack .../${name}_${version.replace(/^\d+:/, '')}_amd64.deb ...\nUnpacking ${name} (${version}) ...\n`);
  }
  for (const name of wanted) {
    ctx.io.stdout(`Setting up ${name} (${packages[name].version}) ...\n`);
    for (const tool of packages[name].tools) ctx.fs.writeFile(`/usr/bin/${tool}`, '');
  }
  return 0;
}

export const aptGet: CommandImpl = function* (ctx): Program {
  const args = ctx.argv.slice(1);
  const yes = args.some((arg) => arg === '-y' || arg === '--yes' || arg === '--assume-yes' || /^-[a-z]*y[a-z]*$/.test(arg));
  const words = args.filter((arg) => !arg.startsWith('-'));
  const [command, ...names] = words;
  if (command === 'update') return yield* update(ctx);
  if (command === 'install') {
    if (names.length === 0) {
      ctx.io.stdout('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      return 0;
    }
    return yield* install(ctx, names, yes);
  }
  if (command === undefined) {
    ctx.io.stdout('apt 2.6.1 (amd64)\nUsage: apt-get [options] command\n');
    return 1;
  }
  ctx.io.stderr(`E: Invalid operation ${command}\n`);
  return 100;
};
