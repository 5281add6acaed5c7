// A container's files: its image's root filesystem, copied for the container, with the files the
// kubelet adds (/etc/hosts, /etc/hostname, /etc/resolv.conf, the termination log), its volumes
// mounted and /proc.

import type { Container, Pod } from '../api/types';
import { MemFs } from '../fs/memfs';
import { MountFs } from '../fs/mountfs';
import { PermissionFs, type Accessor } from '../fs/permission-fs';
import { hostFileOwner } from './node-disk';
import type { ProcFs } from '../runtime/proc-fs';
import type { ImageSpec } from '../runtime/images/catalog';
import { shellNames as imageShells, shellToolNames } from '../runtime/image-commands';
import type { PodVolume } from './volumes';
import { podHostname } from './container-config';

export interface ContainerFsOptions {
  pod: Pod;
  spec: Container;
  image: ImageSpec;
  proc: ProcFs;
  /** The sandbox's IP, written to /etc/hosts. */
  podIP: string;
  volumes: Map<string, PodVolume>;
  now: () => number;
  firstInode: number;
  /** The node's memory: the size of a memory-backed volume's tmpfs that sets no limit. */
  memoryBytes: number;
  /** The user the container runs as, when the pod sets one. */
  identity?: Accessor;
}

/** What the container sees of a volume: a user other than root gets the kernel's permission checks on the node's files. */
function volumeAsSeen(volume: PodVolume, identity: Accessor | undefined): PodVolume['fs'] {
  const hostPath = volume.hostPath;
  if (hostPath === undefined || !identity || identity.uid === 0) return volume.fs;
  const base = hostPath.replace(/\/+$/, '');
  return new PermissionFs(volume.fs, identity, (path) => hostFileOwner(path === '/' ? base || '/' : `${base}${path}`));
}

/**
 * The container's filesystem, its writable layer with how much of it the image brought, and its
 * mount table as /proc/mounts shows it (worked out when first read: few containers are asked).
 */
export function containerFs(options: ContainerFsOptions): { fs: MountFs; writableLayer: { fs: MemFs; imageBytes: number }; mounts: () => string } {
  const { spec } = options;
  const root = containerTemplate(options).copyWith({ now: options.now, firstInode: options.firstInode });
  const writableLayer = { fs: root, imageBytes: root.usedBytes() };
  const fs = new MountFs(root);
  for (const mount of spec.volumeMounts ?? []) {
    const volume = options.volumes.get(mount.name);
    if (volume) fs.mount(mount.mountPath, volumeAsSeen(volume, options.identity), { readOnly: mount.readOnly });
  }
  fs.mount('/proc', options.proc, { readOnly: true });
  // Only what the table needs is kept for it, not the Pod: a Pod of many containers changes often.
  const { volumes, firstInode, memoryBytes } = options;
  let mounts: string | undefined;
  return { fs, writableLayer, mounts: () => (mounts ??= mountTable({ spec, volumes, firstInode, memoryBytes })) };
}

/** The node's disk, where the kubelet keeps a pod's files and disk-backed volumes. */
function onNodeDisk(path: string, readOnly = false): string {
  return `/dev/sda1 ${path} ext4 ${readOnly ? 'ro' : 'rw'},relatime 0 0`;
}

const snapshots = '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots';

/**
 * /proc/mounts in the container: the image's layers under an overlay at /, the runtime's own
 * mounts (proc, /dev, /sys), the files and volumes the kubelet and containerd mount in, ordered as
 * containerd orders them (by the depth of the path, keeping their order otherwise: hostname,
 * resolv.conf and /dev/shm first, then the volumes, /etc/hosts and the termination log), and last
 * the parts of /proc and /sys runc masks.
 */
function mountTable(options: Pick<ContainerFsOptions, 'spec' | 'volumes' | 'firstInode' | 'memoryBytes'>): string {
  const { spec } = options;
  const snapshot = 20 + (options.firstInode % 977);
  const security = (spec.securityContext ?? {}) as { readOnlyRootFilesystem?: boolean; privileged?: boolean };
  // A privileged container gets /sys and its cgroups writable and nothing masked.
  const privileged = security.privileged === true;
  const lines = [
    `overlay / overlay ${security.readOnlyRootFilesystem ? 'ro' : 'rw'},relatime,lowerdir=${snapshots}/${snapshot - 1}/fs,upperdir=${snapshots}/${snapshot}/fs,workdir=${snapshots}/${snapshot}/work 0 0`,
    'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
    'tmpfs /dev tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0',
    'devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666 0 0',
    'mqueue /dev/mqueue mqueue rw,nosuid,nodev,noexec,relatime 0 0',
    `sysfs /sys sysfs ${privileged ? 'rw' : 'ro'},nosuid,nodev,noexec,relatime 0 0`,
    `cgroup /sys/fs/cgroup cgroup2 ${privileged ? 'rw' : 'ro'},nosuid,nodev,noexec,relatime 0 0`,
  ];
  const mounts: { path: string; line: string }[] = [
    { path: '/etc/hostname', line: onNodeDisk('/etc/hostname') },
    { path: '/etc/resolv.conf', line: onNodeDisk('/etc/resolv.conf') },
    { path: '/dev/shm', line: 'shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,inode64 0 0' },
  ];
  for (const mount of spec.volumeMounts ?? []) {
    const volume = options.volumes.get(mount.name);
    if (!volume) continue;
    const sizeKiB = Math.floor((volume.sizeLimitBytes ?? options.memoryBytes) / 1024);
    const line = volume.memoryBacked
      ? `tmpfs ${mount.mountPath} tmpfs ${mount.readOnly ? 'ro' : 'rw'},relatime,size=${sizeKiB}k,inode64 0 0`
      : onNodeDisk(mount.mountPath, mount.readOnly);
    mounts.push({ path: mount.mountPath, line });
  }
  mounts.push({ path: '/etc/hosts', line: onNodeDisk('/etc/hosts') });
  const terminationLog = spec.terminationMessagePath ?? '/dev/termination-log';
  mounts.push({ path: terminationLog, line: onNodeDisk(terminationLog) });
  const depth = (path: string) => path.split('/').filter(Boolean).length;
  // Array.prototype.sort is stable, as containerd's sort.Stable is.
  for (const mount of mounts.sort((a, b) => depth(a.path) - depth(b.path))) lines.push(mount.line);
  if (!privileged) {
    for (const path of ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']) lines.push(`proc ${path} proc ro,nosuid,nodev,noexec,relatime 0 0`);
    for (const path of ['/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/timer_list', '/proc/scsi', '/sys/firmware']) {
      const hidesAFile = path === '/proc/kcore' || path === '/proc/keys' || path === '/proc/timer_list';
      lines.push(hidesAFile ? `tmpfs ${path} tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0` : `tmpfs ${path} tmpfs ro,relatime,inode64 0 0`);
    }
  }
  return lines.map((line) => line + '\n').join('');
}

/** The files the kubelet adds to a container's image, as text. */
function kubeletFiles(options: ContainerFsOptions): string[] {
  const { pod } = options;
  const hostname = podHostname(pod);
  const namespace = pod.metadata.namespace ?? 'default';
  // A pod with a subdomain (a StatefulSet's, a headless Service's) also has its fully qualified name.
  const names = pod.spec.subdomain ? `${hostname}.${pod.spec.subdomain}.${namespace}.svc.cluster.local\t${hostname}` : hostname;
  const aliases = (pod.spec.hostAliases ?? []).map((alias) => `${alias.ip}\t${(alias.hostnames ?? []).join('\t')}\n`).join('');
  return [
    `${hostname}\n`,
    `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${options.podIP}\t${names}\n` +
      (aliases ? `\n# Entries added by HostAliases.\n${aliases}` : ''),
    resolvConf(pod),
  ];
}

interface PodDnsConfig {
  nameservers?: string[];
  searches?: string[];
  options?: { name: string; value?: string }[];
}

/**
 * /etc/resolv.conf as the kubelet chooses it (dnsPolicy, then dnsConfig merged in) and containerd
 * writes it: search, nameserver and options lines in that order.
 */
function resolvConf(pod: ContainerFsOptions['pod']): string {
  const namespace = pod.metadata.namespace ?? 'default';
  const config = ((pod.spec as { dnsConfig?: PodDnsConfig }).dnsConfig ?? {}) as PodDnsConfig;
  const cluster = pod.spec.dnsPolicy !== 'None';
  const nameservers = cluster ? ['10.96.0.10'] : [];
  const searches = cluster ? [`${namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'] : [];
  const options = new Map<string, string | undefined>(cluster ? [['ndots', '5']] : []);
  for (const server of config.nameservers ?? []) if (!nameservers.includes(server)) nameservers.push(server);
  for (const domain of config.searches ?? []) if (!searches.includes(domain)) searches.push(domain);
  for (const option of config.options ?? []) options.set(option.name, option.value);
  const lines: string[] = [];
  if (searches.length) lines.push(`search ${searches.join(' ')}`);
  for (const server of nameservers) lines.push(`nameserver ${server}`);
  if (options.size) lines.push(`options ${[...options].map(([name, value]) => (value === undefined ? name : `${name}:${value}`)).join(' ')}`);
  return lines.map((line) => line + '\n').join('');
}

/**
 * A container's root filesystem before it runs: its image's with the kubelet's files and the
 * mount points of its volumes added. Made once per container definition and sandbox; each start
 * of the container gets a copy of it, which numbers and dates its files exactly as writing them
 * afresh would.
 */
const templates = new WeakMap<Container, { image: ImageSpec; volumes: Map<string, PodVolume>; files: string[]; podSpec: Pod['spec']; podIP: string; root: MemFs }>();

function containerTemplate(options: ContainerFsOptions): MemFs {
  const { spec, image, pod, podIP } = options;
  const cached = templates.get(spec);
  const sameSandbox = cached !== undefined && cached.image === image && cached.volumes === options.volumes;
  // The kubelet's files are made from the pod's spec and IP: a restart in the same sandbox of a
  // pod whose spec is the same object has the same files, without writing them out to compare.
  if (sameSandbox && cached.podSpec === pod.spec && cached.podIP === podIP) return cached.root;
  const files = kubeletFiles(options);
  if (sameSandbox && cached.files.every((text, i) => text === files[i])) {
    cached.podSpec = pod.spec;
    cached.podIP = podIP;
    return cached.root;
  }
  const root = imageRoot(image).copyWith({ now: options.now, firstInode: 0 });
  const write = (path: string, content: string) => writeWithParents(root, path, content);
  // A program the pod's command names by an absolute path of its own.
  for (const path of commandPaths(image, [spec.command?.[0] ?? '', spec.args?.[0] ?? ''])) {
    if (root.stat(path)) continue;
    write(path, '');
    root.chmod(path, 0o755);
  }
  const [hostname, hosts, resolv] = files;
  write('/etc/hostname', hostname);
  write('/etc/hosts', hosts);
  write('/etc/resolv.conf', resolv);
  write(spec.terminationMessagePath ?? '/dev/termination-log', '');
  if (spec.workingDir && !root.stat(spec.workingDir)) root.mkdir(spec.workingDir, { recursive: true });
  if (image.workingDir && !root.stat(image.workingDir)) root.mkdir(image.workingDir, { recursive: true });
  for (const mount of spec.volumeMounts ?? []) {
    if (!options.volumes.has(mount.name) || root.stat(mount.mountPath)) continue;
    try {
      root.mkdir(mount.mountPath, { recursive: true });
    } catch {
      // a mount point over a file: the mount still hides it
    }
  }
  templates.set(spec, { image, volumes: options.volumes, files, podSpec: pod.spec, podIP, root });
  return root;
}

const binDirs = ['/bin', '/usr/bin', '/usr/local/bin'];

/** Each image's root filesystem as it is unpacked, built the first time a container uses the image. */
const imageRoots = new WeakMap<ImageSpec, MemFs>();

/**
 * An image's files and directories, and its programs as empty stand-ins the shell resolves to the
 * simulated ones: its shell tools in the bin directories, its own programs there and wherever its
 * command names them.
 */
function imageRoot(image: ImageSpec): MemFs {
  let root = imageRoots.get(image);
  if (root) return root;
  root = new MemFs({ firstInode: 0 });
  for (const dir of ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/var', '/var/log']) if (!root.stat(dir)) root.mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(image.files)) writeWithParents(root, path, content);
  const names = Object.keys(image.binaries);
  if (image.shell !== 'none') names.push(...imageShells(image), ...shellToolNames(image.shell).filter((name) => !image.missing?.includes(name)));
  const paths = names.flatMap((name) => binDirs.map((dir) => `${dir}/${name}`));
  paths.push(...commandPaths(image, [...image.entrypoint, ...image.cmd]));
  for (const path of paths) {
    if (root.stat(path)) continue;
    writeWithParents(root, path, '');
    root.chmod(path, 0o755);
  }
  imageRoots.set(image, root);
  return root;
}

/** The absolute paths among a command's words that name a program the image can run. */
function commandPaths(image: ImageSpec, words: string[]): string[] {
  return words.filter((word) => word.startsWith('/') && (image.binaries[word.slice(word.lastIndexOf('/') + 1)] || image.shell !== 'none'));
}

function writeWithParents(fs: MemFs, path: string, content: string): void {
  const parts = path.split('/').filter(Boolean);
  let dir = '';
  for (const part of parts.slice(0, -1)) {
    dir += `/${part}`;
    if (!fs.stat(dir)) fs.mkdir(dir);
  }
  fs.writeFile(path, content);
}
