// date, hostname, env, printenv, ps, kill, top, uname, id, whoami.

import { hostAddresses } from './ip-commands';
import type { CommandContext, CommandImpl, ProcessInfo, Program } from '../../process';
import { formatTime, invalidOption, pad, parseOptions, printError, type Dialect } from './common';
import { parseSignal, signalList, signalNumber } from '../../signals';

export function date(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    let format = dialect === 'gnu' ? '%a %b %e %H:%M:%S %Z %Y' : '%a %b %e %H:%M:%S %Z %Y';
    for (const arg of args) {
      if (arg.startsWith('+')) format = arg.slice(1);
      else if (arg === '-u' || arg === '--utc' || arg === '-R') {
        if (arg === '-R') format = '%a, %d %b %Y %H:%M:%S %z';
      } else if (arg === '-I' || arg === '--iso-8601') format = '%Y-%m-%d';
      else {
        printError(ctx, dialect === 'gnu' ? `invalid date '${arg}'` : `invalid date '${arg}'`);
        return 1;
      }
    }
    ctx.io.stdout(formatTime(ctx.now(), format) + '\n');
    return 0;
  };
}

/** hostname, and with -i (GNU also -I) the addresses it resolves to: busybox ends them with a space, as GNU's -I does. */
export function hostname(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const option = ctx.argv[1];
    if (option === '-i' || (option === '-I' && dialect === 'gnu')) {
      const address = hostAddresses(ctx);
      if (address === undefined) {
        printError(ctx, 'Name or service not known');
        return 1;
      }
      ctx.io.stdout(dialect === 'gnu' && option === '-i' ? `${address}\n` : `${address} \n`);
      return 0;
    }
    if (option === '-s') {
      ctx.io.stdout(ctx.host.hostname().split('.')[0] + '\n');
      return 0;
    }
    ctx.io.stdout(ctx.host.hostname() + '\n');
    return 0;
  };
}

export const env: CommandImpl = (ctx) => {
  if (ctx.argv.length > 1) {
    printError(ctx, `'${ctx.argv[1]}': No such file or directory`);
    return 127;
  }
  let out = '';
  for (const [name, value] of ctx.env) out += `${name}=${value}\n`;
  ctx.io.stdout(out);
  return 0;
};

export const printenv: CommandImpl = (ctx) => {
  if (ctx.argv.length === 1) return env(ctx);
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    const value = ctx.env.get(name);
    if (value === undefined) status = 1;
    else ctx.io.stdout(value + '\n');
  }
  return status;
};

/**
 * The processes as ps and top list them: each user by the name the reader's /etc/passwd gives its
 * uid, cut to the column as busybox does (8 characters) or procps does (7 and a `+`).
 */
function processes(ctx: CommandContext, dialect: Dialect): ProcessInfo[] {
  const list = ctx.host.processes?.() ?? [];
  if (!list.some((p) => /^\d+$/.test(p.user))) return list;
  const users = namesById(ctx, '/etc/passwd');
  const shown = (name: string) => (name.length <= 8 ? name : dialect === 'busybox' ? name.slice(0, 8) : `${name.slice(0, 7)}+`);
  return list.map((p) => {
    const name = /^\d+$/.test(p.user) ? users.get(Number(p.user)) : undefined;
    return name ? { ...p, user: shown(name) } : p;
  });
}

function cpuTime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}:${pad(Math.floor(ms / 1000) % 60)}`;
}

export function ps(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const list = processes(ctx, dialect);
    const wide = ctx.argv.slice(1).some((a) => /^-?[a-z]*[aux]/.test(a) || a === '-ef' || a === '-e');
    if (dialect === 'busybox') {
      let out = 'PID   USER     TIME  COMMAND\n';
      for (const p of list) out += `${String(p.pid).padStart(5)} ${p.user.padEnd(8)} ${cpuTime(ctx.now() - p.startedAt < 0 ? 0 : Math.round((p.cpu * (ctx.now() - p.startedAt)) / 1000)).padStart(5)} ${p.command}\n`;
      ctx.io.stdout(out);
      return 0;
    }
    if (ctx.argv.includes('-ef')) {
      let out = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
      for (const p of list) out += `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid ?? 0).padStart(7)}  0 ${formatTime(p.startedAt, '%H:%M')} ?        00:00:00 ${p.command}\n`;
      ctx.io.stdout(out);
      return 0;
    }
    if (wide) {
      let out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
      for (const p of list) {
        const rssKb = Math.round(p.rss / 1024);
        out += `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${(p.cpu / 10).toFixed(1).padStart(4)} ${'0.0'.padStart(4)} ${String(rssKb + 1024).padStart(6)} ${String(rssKb).padStart(5)} ?        ${p.state.padEnd(4)} ${formatTime(p.startedAt, '%H:%M')}   0:00 ${p.command}\n`;
      }
      ctx.io.stdout(out);
      return 0;
    }
    let out = '    PID TTY          TIME CMD\n';
    for (const p of list) out += `${String(p.pid).padStart(7)} pts/0    00:00:00 ${p.command.split(' ')[0]!.split('/').pop()}\n`;
    ctx.io.stdout(out);
    return 0;
  };
}

/** bash's `kill -l`: five to a line, then the real-time signals. */
function bashSignalList(): string {
  const realtime = Array.from({ length: 31 }, (_, i) => {
    const number = 34 + i;
    const name = number === 34 ? 'SIGRTMIN' : number === 64 ? 'SIGRTMAX' : number <= 49 ? `SIGRTMIN+${number - 34}` : `SIGRTMAX-${64 - number}`;
    return { number, name };
  });
  const entries = [...signalList.map((name, i) => ({ number: i + 1, name })), ...realtime];
  let out = '';
  entries.forEach((entry, i) => {
    out += `${String(entry.number).padStart(2)}) ${entry.name}${(i + 1) % 5 === 0 ? '\n' : '\t'}`;
  });
  return entries.length % 5 === 0 ? out : `${out}\n`;
}

/** busybox's `kill -l`: one a line, without SIG. */
function busyboxSignalList(): string {
  return signalList.map((name, i) => `${String(i + 1).padStart(2)}) ${name.slice(3)}\n`).join('') + '32) RTMIN\n64) RTMAX\n';
}

/** `kill -l 129` or `kill -l HUP`: a status past 128 or a number names its signal, a name gives its number. */
function listOne(ctx: CommandContext, dialect: Dialect, spec: string): number {
  if (/^\d+$/.test(spec)) {
    const signal = parseSignal(String(Number(spec) > 128 ? Number(spec) - 128 : Number(spec)));
    if (signal) {
      ctx.io.stdout(`${signal.slice(3)}\n`);
      return 0;
    }
  } else {
    const signal = parseSignal(spec);
    if (signal) {
      ctx.io.stdout(`${signalNumber(signal)}\n`);
      return 0;
    }
  }
  printError(ctx, dialect === 'gnu' ? `${spec}: invalid signal specification` : `bad signal name '${spec}'`);
  return 1;
}

export function kill(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    if (args[0] === '-l' || args[0] === '-L') {
      if (args.length > 1) return args.slice(1).reduce((status, spec) => listOne(ctx, dialect, spec) || status, 0);
      ctx.io.stdout(dialect === 'gnu' ? bashSignalList() : busyboxSignalList());
      return 0;
    }
    let spec = 'TERM';
    if (args[0] === '-s' || args[0] === '-n') {
      spec = args[1] ?? '';
      args.splice(0, 2);
    } else if (args[0] === '--') {
      args.shift();
    } else if (args[0]?.startsWith('-') && args[0].length > 1) {
      spec = args.shift()!.slice(1);
    }
    // `kill -0 PID` sends nothing: it only asks whether the process exists.
    const probe = spec === '0';
    const signal = probe ? undefined : parseSignal(spec);
    if (!probe && !signal) {
      printError(ctx, dialect === 'gnu' ? `${spec}: invalid signal specification` : `bad signal name '${spec}'`);
      return 1;
    }
    if (args.length === 0) {
      if (dialect === 'gnu') ctx.io.stderr('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
      else ctx.io.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n');
      return dialect === 'gnu' ? 2 : 1;
    }
    let status = 0;
    let self = false;
    for (const target of args) {
      if (!/^-?\d+$/.test(target)) {
        printError(ctx, dialect === 'gnu' ? `${target}: arguments must be process or job IDs` : `bad pid '${target}'`);
        status = 1;
        continue;
      }
      const error = ctx.host.kill ? ctx.host.kill(Number(target), signal ?? 'SIG0') : 'No such process';
      if (error !== undefined) {
        printError(ctx, dialect === 'gnu' ? `(${target}) - ${error}` : `can't kill pid ${target}: ${error}`);
        status = 1;
      }
      if (signal && Number(target) === ctx.host.pid?.()) self = true;
    }
    // A signal to itself arrives before kill returns: the program stops here for it to be delivered.
    return self ? signalledSelf(ctx, status) : status;
  };
}

function* signalledSelf(ctx: CommandContext, status: number): Program {
  yield { kind: 'sleep', until: ctx.now() };
  return status;
}

/** top: a screen every `-d` seconds (default 3 for GNU, 5 for busybox) until `-n` screens or an interrupt. */
export function top(dialect: Dialect): CommandImpl {
  const screen = topScreen(dialect);
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'bHc', 'nd');
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const count = options.values.has('n') ? Number(options.values.get('n')) : Infinity;
    const delaySeconds = options.values.has('d') ? Number(options.values.get('d')) : dialect === 'gnu' ? 3 : 5;
    if (count <= 1) return screen(ctx);
    return repeatScreens(ctx, screen, count, delaySeconds, options.flags.has('b'));
  };
}

function* repeatScreens(ctx: CommandContext, screen: (ctx: CommandContext) => number, count: number, delaySeconds: number, batch: boolean): Program {
  for (let shown = 0; shown < count; shown++) {
    if (shown > 0) {
      const until = ctx.now() + delaySeconds * 1000;
      while (ctx.now() < until) yield { kind: 'sleep', until };
    }
    if (!batch) ctx.io.stdout('\x1b[H\x1b[J');
    else if (shown > 0) ctx.io.stdout('\n');
    screen(ctx);
  }
  return 0;
}

function topScreen(dialect: Dialect): (ctx: CommandContext) => number {
  return (ctx) => {
    const list = processes(ctx, dialect);
    const used = list.reduce((sum, p) => sum + p.rss, 0);
    const totalKb = 8 * 1024 * 1024;
    const usedKb = Math.round(used / 1024) + 512 * 1024;
    const cpu = list.reduce((sum, p) => sum + p.cpu, 0);
    const cpuPercent = Math.min(100, Math.round(cpu / 20));
    if (dialect === 'busybox') {
      let out = `Mem: ${usedKb}K used, ${totalKb - usedKb}K free, 0K shrd, 0K buff, ${Math.round(totalKb / 4)}K cached\n`;
      out += `CPU:  ${cpuPercent}% usr   0% sys   0% nic ${100 - cpuPercent}% idle   0% io   0% irq   0% sirq\n`;
      out += `Load average: ${(cpu / 1000).toFixed(2)} ${(cpu / 1000).toFixed(2)} ${(cpu / 1000).toFixed(2)} 1/${list.length} ${list.length ? list[list.length - 1]!.pid : 0}\n`;
      out += '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n';
      for (const p of list) {
        const vszKb = Math.round(p.rss / 1024) + 1024;
        out += `${String(p.pid).padStart(5)} ${String(p.ppid ?? 0).padStart(5)} ${p.user.padEnd(8)} ${p.state.padEnd(4)} ${String(vszKb).padStart(5)} ${String(Math.round((vszKb / totalKb) * 100)).padStart(3)}%   0 ${String(Math.round(p.cpu / 20)).padStart(3)}% ${p.command}\n`;
      }
      ctx.io.stdout(out);
      return 0;
    }
    let out = `top - ${formatTime(ctx.now(), '%H:%M:%S')} up 1 day,  1 user,  load average: ${(cpu / 1000).toFixed(2)}, ${(cpu / 1000).toFixed(2)}, ${(cpu / 1000).toFixed(2)}\n`;
    out += `Tasks: ${String(list.length).padStart(3)} total,   1 running, ${String(Math.max(0, list.length - 1)).padStart(3)} sleeping,   0 stopped,   0 zombie\n`;
    out += `%Cpu(s): ${cpuPercent.toFixed(1).padStart(4)} us,  0.0 sy,  0.0 ni,${(100 - cpuPercent).toFixed(1).padStart(5)} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st\n`;
    out += `MiB Mem :   ${(totalKb / 1024).toFixed(1)} total,   ${((totalKb - usedKb) / 1024).toFixed(1)} free,   ${(usedKb / 1024).toFixed(1)} used,      0.0 buff/cache\n\n`;
    out += '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n';
    for (const p of list) {
      out += `${String(p.pid).padStart(7)} ${p.user.padEnd(8)}  20   0 ${String(Math.round(p.rss / 1024) + 1024).padStart(7)} ${String(Math.round(p.rss / 1024)).padStart(6)}      0 ${p.state[0] ?? 'S'} ${(p.cpu / 10).toFixed(1).padStart(5)}   0.0   0:00.00 ${p.command.split(' ')[0]!.split('/').pop()}\n`;
    }
    ctx.io.stdout(out);
    return 0;
  };
}

export function uname(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const options = parseOptions(ctx.argv.slice(1), 'asnrvmo');
    if (options.invalid) return invalidOption(ctx, dialect, options.invalid);
    const all = options.flags.has('a');
    const fields: string[] = [];
    if (all || options.flags.has('s') || options.flags.size === 0) fields.push('Linux');
    if (all || options.flags.has('n')) fields.push(ctx.host.hostname());
    if (all || options.flags.has('r')) fields.push('6.8.0-podlab');
    if (all || options.flags.has('v')) fields.push('#1 SMP PREEMPT_DYNAMIC Thu Jan  1 00:00:00 UTC 2026');
    if (all || options.flags.has('m')) fields.push('x86_64');
    if (all || options.flags.has('o')) fields.push('GNU/Linux');
    ctx.io.stdout(fields.join(' ') + '\n');
    return 0;
  };
}

function currentUser(ctx: CommandContext): string {
  return ctx.env.get('USER') ?? 'root';
}

/** whoami: the name of the user the process runs as, which a container's own /etc/passwd must give. */
export function whoami(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const uid = ctx.host.identity?.()?.uid;
    if (uid === undefined) {
      ctx.io.stdout(currentUser(ctx) + '\n');
      return 0;
    }
    const name = namesById(ctx, '/etc/passwd').get(uid) ?? (uid === 0 ? 'root' : undefined);
    if (name) {
      ctx.io.stdout(name + '\n');
      return 0;
    }
    ctx.io.stderr(dialect === 'busybox' ? `whoami: unknown uid ${uid}\n` : `whoami: cannot find name for user ID ${uid}\n`);
    return 1;
  };
}

/** The names an /etc/passwd or /etc/group file gives to ids (name:x:id:...), first entry winning. */
function namesById(ctx: CommandContext, path: string): Map<number, string> {
  const names = new Map<number, string>();
  let text = '';
  try {
    text = ctx.fs.readFile(path);
  } catch {
    return names;
  }
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id !== undefined && /^\d+$/.test(id) && !names.has(Number(id))) names.set(Number(id), name);
  }
  return names;
}

export const id: CommandImpl = (ctx) => {
  const identity = ctx.host.identity?.();
  if (identity) {
    // Ids the image's /etc/passwd and /etc/group do not name print as bare numbers.
    const users = namesById(ctx, '/etc/passwd');
    const groups = namesById(ctx, '/etc/group');
    const named = (n: number, names: Map<number, string>) => {
      const name = names.get(n) ?? (n === 0 ? 'root' : undefined);
      return name ? `${n}(${name})` : String(n);
    };
    const groupList = identity.groups.map((n) => named(n, groups)).join(',');
    ctx.io.stdout(`uid=${named(identity.uid, users)} gid=${named(identity.gid, groups)}${identity.groups.length ? ` groups=${groupList}` : ''}\n`);
    return 0;
  }
  const user = currentUser(ctx);
  const uid = user === 'root' ? 0 : 1000;
  ctx.io.stdout(uid === 0 ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : `uid=${uid}(${user}) gid=${uid}(${user}) groups=${uid}(${user})\n`);
  return 0;
};
