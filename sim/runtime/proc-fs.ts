// /proc as a container sees it: one directory per process of its PID namespace (cmdline, comm,
// status with the ids and capabilities the runtime gave it, environ, cgroup, mounts, and root,
// the files as that process sees them), `self` for the newest process (the one reading), the
// container's mounts, and the node-wide files learners look at (meminfo, cpuinfo, version,
// uptime). Read-only and computed on every read.

import { FsError, type FileStat, type FileSystem } from '../fs/filesystem';
import type { ProcessInfo } from '../process';

/** What /proc/<pid>/ holds. */
const processEntries = ['cgroup', 'cmdline', 'comm', 'environ', 'mounts', 'ns', 'root', 'status'];
/** Reading another process's environ or root takes ptrace access: the same user, or CAP_SYS_PTRACE. */
const privateEntries = new Set(['environ', 'root']);
const sysPtraceBit = 1n << 19n;

/** The user a process runs as, from the name ps shows: root, or a number; undefined for another name. */
function uidOf(process: ProcessInfo): number | undefined {
  if (process.user === 'root') return 0;
  return /^\d+$/.test(process.user) ? Number(process.user) : undefined;
}

export interface ProcSource {
  /** Processes in the container's PID namespace. */
  processes(): ProcessInfo[];
  /** Effective capabilities of the container's processes (a bitmap, as CapEff shows it). */
  capabilities: bigint;
  uid: number;
  gid: number;
  groups: number[];
  /** Memory of the node, for meminfo. */
  memoryBytes: number;
  /** The container's own mount table, /proc/mounts. */
  mounts(): string;
  cpus: number;
  now(): number;
  /** When the node booted, for uptime. */
  bootedAt: number;
  /** The pause container's namespace links, for /proc/1/ns when the pod shares its PID namespace. */
  pauseNamespaceLinks?(): [string, string][];
}

/** The capabilities containerd gives a container by default. */
export const defaultCapabilities = ['CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'];

/** Bit numbers of linux/capability.h. */
const capabilityBits: Record<string, number> = {
  CHOWN: 0, DAC_OVERRIDE: 1, DAC_READ_SEARCH: 2, FOWNER: 3, FSETID: 4, KILL: 5, SETGID: 6, SETUID: 7, SETPCAP: 8,
  LINUX_IMMUTABLE: 9, NET_BIND_SERVICE: 10, NET_BROADCAST: 11, NET_ADMIN: 12, NET_RAW: 13, IPC_LOCK: 14, IPC_OWNER: 15,
  SYS_MODULE: 16, SYS_RAWIO: 17, SYS_CHROOT: 18, SYS_PTRACE: 19, SYS_PACCT: 20, SYS_ADMIN: 21, SYS_BOOT: 22, SYS_NICE: 23,
  SYS_RESOURCE: 24, SYS_TIME: 25, SYS_TTY_CONFIG: 26, MKNOD: 27, LEASE: 28, AUDIT_WRITE: 29, AUDIT_CONTROL: 30, SETFCAP: 31,
  MAC_OVERRIDE: 32, MAC_ADMIN: 33, SYSLOG: 34, WAKE_ALARM: 35, BLOCK_SUSPEND: 36, AUDIT_READ: 37, PERFMON: 38, BPF: 39,
  CHECKPOINT_RESTORE: 40,
};

/** The bitmap of a container's capabilities: the defaults, plus `add`, minus `drop` (`ALL` drops every one). */
export function capabilityBitmap(add: string[] = [], drop: string[] = [], privileged = false): bigint {
  // Most containers change nothing: their bitmap is worked out once.
  if (add.length === 0 && drop.length === 0) return (unchangedBitmaps[privileged ? 1 : 0] ??= capabilityBitmapOf(add, drop, privileged));
  return capabilityBitmapOf(add, drop, privileged);
}

/** The bitmaps of containers that add and drop nothing: unprivileged, privileged. */
const unchangedBitmaps: [bigint?, bigint?] = [];

function capabilityBitmapOf(add: string[], drop: string[], privileged: boolean): bigint {
  const all = Object.keys(capabilityBits);
  const names = new Set(privileged ? all : defaultCapabilities);
  for (const name of add) {
    const bare = name.toUpperCase().replace(/^CAP_/, '');
    if (bare === 'ALL') all.forEach((n) => names.add(n));
    else names.add(bare);
  }
  for (const name of drop) {
    const bare = name.toUpperCase().replace(/^CAP_/, '');
    if (bare === 'ALL') names.clear();
    else names.delete(bare);
  }
  let bitmap = 0n;
  for (const name of names) if (capabilityBits[name] !== undefined) bitmap |= 1n << BigInt(capabilityBits[name]);
  return bitmap;
}

const hex16 = (value: bigint) => value.toString(16).padStart(16, '0');

export class ProcFs implements FileSystem {
  /** Set once the container's processes exist. */
  source?: ProcSource;

  private selfPid(list: ProcessInfo[]): number {
    return Math.max(...list.map((p) => p.pid));
  }

  /**
   * The file's content, a directory's names, a path inside a process's root (routed to its
   * container's files), `denied` when the reader may not look, or undefined when the path does not exist.
   */
  private lookup(path: string): { file: string } | { dir: string[] } | { link: string } | { fs: FileSystem; inner: string } | 'denied' | undefined {
    const source = this.source;
    const parts = path.split('/').filter(Boolean);
    const list = source?.processes() ?? [];
    if (parts.length === 0) return { dir: [...list.map((p) => String(p.pid)), 'cpuinfo', 'loadavg', 'meminfo', 'mounts', 'self', 'uptime', 'version'] };
    if (!source) return undefined;
    const [first, second] = parts;
    if (parts.length === 1) {
      switch (first) {
        case 'version':
          return { file: 'Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)\n' };
        case 'uptime': {
          const seconds = Math.max(0, (source.now() - source.bootedAt) / 1000);
          return { file: `${seconds.toFixed(2)} ${(seconds * source.cpus * 0.9).toFixed(2)}\n` };
        }
        case 'loadavg':
          return { file: `0.08 0.12 0.10 1/${list.length + 180} ${this.selfPid(list)}\n` };
        case 'meminfo': {
          const kb = Math.floor(source.memoryBytes / 1024);
          return { file: `MemTotal:       ${String(kb).padStart(8)} kB\nMemFree:        ${String(Math.floor(kb * 0.6)).padStart(8)} kB\nMemAvailable:   ${String(Math.floor(kb * 0.8)).padStart(8)} kB\nBuffers:        ${String(Math.floor(kb * 0.02)).padStart(8)} kB\nCached:         ${String(Math.floor(kb * 0.15)).padStart(8)} kB\nSwapTotal:             0 kB\nSwapFree:              0 kB\n` };
        }
        case 'cpuinfo':
          return {
            file: Array.from({ length: source.cpus }, (_, i) => `processor\t: ${i}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\ncpu MHz\t\t: 2200.000\ncpu cores\t: ${source.cpus}\n`).join('\n') + '\n',
          };
        case 'mounts':
          return { file: source.mounts() };
      }
    }
    const pid = first === 'self' ? this.selfPid(list) : Number(first);
    const process = list.find((p) => p.pid === pid);
    if (!process) return undefined;
    if (parts.length === 1) return { dir: processEntries };
    if (!processEntries.includes(second)) return undefined;
    if (privateEntries.has(second) && !this.mayTrace(process)) return 'denied';
    if (second === 'root') {
      // /pause has no files a container can reach; every other process's root is its container's.
      if (!process.container) return 'denied';
      return { fs: process.container.root, inner: '/' + parts.slice(2).join('/') };
    }
    if (second === 'ns') {
      const links = process.container ? process.container.namespaceLinks?.() : source.pauseNamespaceLinks?.();
      if (!links) return undefined;
      if (parts.length === 2) return { dir: links.map(([name]) => name) };
      const link = parts.length === 3 ? links.find(([name]) => name === parts[2]) : undefined;
      return link ? { link: link[1] } : undefined;
    }
    if (parts.length > 2) return undefined;
    const argv = process.command.split(' ');
    const comm = (argv[0].split('/').pop() ?? '').slice(0, 15);
    switch (second) {
      case 'cmdline':
        return { file: argv.join('\0') + '\0' };
      case 'comm':
        return { file: `${comm}\n` };
      case 'environ':
        return { file: process.container?.environ() ?? '' };
      case 'cgroup':
        // cgroup v2 with a cgroup namespace of the container's own: its cgroup is the root.
        return { file: '0::/\n' };
      case 'mounts':
        return { file: process.container?.mounts() ?? source.mounts() };
      case 'status': {
        const caps = hex16(source.capabilities);
        const ids = (n: number) => `${n}\t${n}\t${n}\t${n}`;
        // Another user's process (a server's workers) has that user's own group.
        const uid = uidOf(process) ?? source.uid;
        const own = uid === source.uid;
        return {
          file:
            `Name:\t${comm}\nUmask:\t0022\nState:\t${process.state === 'R' ? 'R (running)' : process.state === 'T' ? 'T (stopped)' : 'S (sleeping)'}\nTgid:\t${pid}\nNgid:\t0\nPid:\t${pid}\nPPid:\t${process.ppid ?? 0}\nTracerPid:\t0\n` +
            `Uid:\t${ids(uid)}\nGid:\t${ids(own ? source.gid : uid)}\nFDSize:\t64\nGroups:\t${own ? source.groups.join(' ') + (source.groups.length ? ' ' : '') : ''}\n` +
            `VmRSS:\t${String(Math.ceil(process.rss / 1024)).padStart(8)} kB\nThreads:\t1\n` +
            `CapInh:\t0000000000000000\nCapPrm:\t${caps}\nCapEff:\t${caps}\nCapBnd:\t${caps}\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t2\nSeccomp_filters:\t1\n`,
        };
      }
    }
    return undefined;
  }

  /** The kernel's ptrace access check, as far as a container's processes meet it: the same user, or CAP_SYS_PTRACE. */
  private mayTrace(process: ProcessInfo): boolean {
    const source = this.source!;
    if ((source.capabilities & sysPtraceBit) !== 0n) return true;
    return uidOf(process) === source.uid;
  }

  stat(path: string): FileStat | undefined {
    const found = this.lookup(path);
    if (!found) return undefined;
    if (typeof found === 'object' && 'fs' in found) return found.fs.stat(found.inner);
    const now = this.source?.now() ?? 0;
    // A root the reader may not enter is still a directory; an environ it may not read, a file.
    if (typeof found === 'object' && 'link' in found) return { type: 'file', size: 0, mtime: now, ino: 3, mode: 0o777, link: found.link };
    const dir = found === 'denied' ? path.endsWith('/root') : 'dir' in found;
    return dir ? { type: 'dir', size: 0, mtime: now, ino: 1, mode: 0o555 } : { type: 'file', size: 0, mtime: now, ino: 2, mode: 0o444 };
  }

  readFile(path: string): string {
    const found = this.lookup(path);
    if (!found) throw new FsError('ENOENT', path);
    if (found === 'denied') throw new FsError('EACCES', path);
    if ('fs' in found) return found.fs.readFile(found.inner);
    if ('dir' in found) throw new FsError('EISDIR', path);
    // A namespace link opens, but reading it is refused.
    if ('link' in found) throw new FsError('EINVAL', path);
    return found.file;
  }

  readdir(path: string): string[] {
    const found = this.lookup(path);
    if (!found) throw new FsError('ENOENT', path);
    if (found === 'denied') throw new FsError('EACCES', path);
    if ('fs' in found) return found.fs.readdir(found.inner);
    if (!('dir' in found)) throw new FsError('ENOTDIR', path);
    return [...found.dir].sort((a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a.localeCompare(b)));
  }

  writeFile(path: string): void {
    throw new FsError(this.lookup(path) ? 'EACCES' : 'ENOENT', path);
  }

  mkdir(path: string): void {
    throw new FsError('EACCES', path);
  }

  remove(path: string): void {
    throw new FsError('EACCES', path);
  }

  rename(from: string): void {
    throw new FsError('EACCES', from);
  }

  /**
   * What it shows changes with every process, so no reader may rely on it staying the same; it
   * adds nothing to the container's stamp (which tells whether an exec probe may reuse its result).
   */
  changeStamp(): number | undefined {
    return 0;
  }
}
