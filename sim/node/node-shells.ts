// A root shell on a node (`ssh node01`): what a real node shows about pods — crictl's sandboxes and
// containers, the processes (the pause container among them), the namespaces under
// /proc/<pid>/ns, and the kubelet as a systemd service that can be stopped and started.

import type { CommandImpl, CommandContext, HostServices, ProcessInfo } from '../process';
import type { PodRuntimeView } from '../session-types';
import type { Cluster } from '../cluster';
import type { NodeRuntime } from '../kubelet/node-runtime';
import type { PodWorker } from '../kubelet/pod-worker';
import type { ShellHost } from '../shell/terminal';
import { MountFs } from '../fs/mountfs';
import type { FileSystem } from '../fs/filesystem';
import { gnuCommands } from '../shell/commands';
import { clusterNodes } from '../cluster-bootstrap';
import { dnsServiceIP } from '../runtime/network';
import { crictlCommand } from './crictl';
import { hostNamespaces, namespaceInodes, namespaceLinks, type NamespaceSet } from './namespaces';
import { systemctlCommand, journalctlCommand } from './systemctl';
import { KubeletServices, kubeletCommandLine, kubeletPid, nodeUptimeMs } from './kubelet-service';
import { NodeProcFs, procEntryNames } from './node-proc';

const lsGnu = (gnuCommands as any) instanceof Map ? (gnuCommands as any).get('ls') : (gnuCommands as any).ls;

export interface NodeProcess extends ProcessInfo {
  namespaces: NamespaceSet;
}

export class NodeShells {
  private readonly hosts = new Map<string, ShellHost>();
  private readonly kubeletServices = new KubeletServices();

  constructor(
    private readonly cluster: Cluster,
    private readonly kubectl: CommandImpl,
  ) {
    // hostPID containers see the same table as the node's own shell.
    for (const node of cluster.nodes.values()) node.processTable = () => this.processes(node);
  }

  host(name: string): ShellHost | undefined {
    const node = this.cluster.nodes.get(name);
    if (!node) return undefined;
    let host = this.hosts.get(name);
    if (!host) {
      host = this.buildHost(name, node);
      this.hosts.set(name, host);
    }
    return host;
  }

  /** Every process on the node, as `ps aux` would list them. */
  processes(node: NodeRuntime): NodeProcess[] {
    const boot = this.cluster.clock.now() - nodeUptimeMs;
    const host = hostNamespaces();
    const list: NodeProcess[] = [
      { pid: 1, user: 'root', rss: 11904 * 1024, cpu: 0, state: 'Ss', command: '/sbin/init', startedAt: boot, namespaces: host },
      { pid: 512, user: 'root', rss: 50 * 1024 * 1024, cpu: 9, state: 'Ssl', command: '/usr/bin/containerd', startedAt: boot, namespaces: host },
      { pid: 530, user: 'root', rss: 7 * 1024 * 1024, cpu: 0, state: 'Ss', command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', startedAt: boot, namespaces: host },
    ];
    if (node.kubeletRunning()) {
      list.push({
        pid: kubeletPid,
        user: 'root',
        rss: 93 * 1024 * 1024,
        cpu: 17,
        state: 'Ssl',
        command: kubeletCommandLine,
        startedAt: this.kubeletServices.startedAt.get(node.nodeName) ?? boot,
        namespaces: host,
      });
    }
    for (const worker of node.podWorkers()) {
      const sandbox = worker.sandbox;
      if (!sandbox) continue;
      const ns = namespaceInodes(this.cluster, worker, undefined);
      list.push({ pid: sandbox.shimPid, user: 'root', rss: 10 * 1024 * 1024, cpu: 0, state: 'Sl', command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandbox.id} -address /run/containerd/containerd.sock`, startedAt: sandbox.createdAt, namespaces: host });
      list.push({ pid: sandbox.pid, user: '65535', rss: 640 * 1024, cpu: 0, state: 'Ss', command: '/pause', startedAt: sandbox.createdAt, namespaces: ns });
      for (const record of worker.records) {
        const instance = record.instance;
        if (!instance?.running) continue;
        const containerNs = namespaceInodes(this.cluster, worker, instance.id);
        for (const p of instance.processInfos('node')) list.push({ ...p, namespaces: containerNs });
      }
    }
    return list.sort((a, b) => a.pid - b.pid);
  }

  /** The root filesystem a process on the node sees: its container's files, or the node's own. */
  private rootOf(node: NodeRuntime, pid: number, nodeFs: FileSystem): FileSystem | undefined {
    for (const worker of node.podWorkers()) {
      for (const record of worker.records) {
        const instance = record.instance;
        if (instance?.running && instance.processInfos('node').some((p) => p.pid === pid)) return instance.fs;
      }
    }
    const process = this.processes(node).find((p) => p.pid === pid);
    // The pause container's own image files are not modelled.
    return process && process.command !== '/pause' ? nodeFs : undefined;
  }

  private buildHost(name: string, node: NodeRuntime): ShellHost {
    const fs = new MountFs(node.hostDisk());
    fs.mount('/proc', new NodeProcFs({ pids: () => this.processes(node).map((p) => p.pid), rootOf: (pid) => this.rootOf(node, pid, fs), now: () => this.cluster.clock.now() }));
    const nodeDef = clusterNodes.find((n) => n.name === name)!;
    const services: HostServices = {
      hostname: () => name,
      processes: () => this.processes(node),
      kill: () => 'Operation not permitted',
      httpGet: (url, headers) => this.cluster.network.httpGet(url, node.nodeNetns, headers),
      tcpConnect: (hostName, port) => this.cluster.network.tcpConnect(hostName, port, node.nodeNetns),
      pingTime: (address) => this.cluster.network.pingTime(address),
      resolve: (hostName) => this.cluster.network.resolve(hostName, node.nodeNetns) ?? (clusterNodes.find((n) => n.name === hostName) ? { name: hostName, addresses: [clusterNodes.find((n) => n.name === hostName)!.ip] } : undefined),
      dnsServer: () => dnsServiceIP,
    };
    const commands: Record<string, CommandImpl> = {
      crictl: crictlCommand(this.cluster, node),
      systemctl: systemctlCommand(this.kubeletServices, node),
      journalctl: journalctlCommand(node),
      ls: (ctx) => this.ls(ctx, node),
      readlink: (ctx) => this.readlink(ctx, node),
      lsns: (ctx) => this.lsns(ctx, node),
      // The node's shell is root already: sudo just runs the command (the docs' node steps use it).
      sudo: (ctx) => {
        const argv = ctx.argv.slice(1);
        if (argv.length === 0) {
          ctx.io.stderr('usage: sudo -h | -K | -k | -V\n');
          return 1;
        }
        const impl = commands[argv[0]!] ?? (gnuCommands as Map<string, CommandImpl>).get(argv[0]!.split('/').pop()!);
        if (!impl) {
          ctx.io.stderr(`sudo: ${argv[0]}: command not found\n`);
          return 1;
        }
        return impl({ ...ctx, argv });
      },
      ip: (ctx) => {
        ctx.io.stdout(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    inet 127.0.0.1/8 scope host lo\n2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n    inet ${nodeDef.ip}/24 brd 172.30.1.255 scope global eth0\n3: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000\n    inet 10.244.${nodeDef.podSubnet}.1/24 brd 10.244.${nodeDef.podSubnet}.255 scope global cni0\n`);
        return 0;
      },
      kubectl:
        name === 'controlplane'
          ? this.kubectl
          : (ctx) => {
              ctx.io.stderr('E0115 09:00:00.000000    2231 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
              return 1;
            },
    };
    return { name, user: 'root', fs, home: '/root', host: { ...services, command: (n) => commands[n] }, commands };
  }

  private procEntry(path: string, node: NodeRuntime): { pid: number; rest: string[] } | undefined {
    const match = /^\/proc\/(\d+)((?:\/[^/]+)*)\/?$/.exec(path);
    if (!match) return undefined;
    const pid = Number(match[1]);
    if (!this.processes(node).some((p) => p.pid === pid)) return { pid: -1, rest: [] };
    return { pid, rest: match[2].split('/').filter(Boolean) };
  }

  private ls(ctx: CommandContext, node: NodeRuntime): number | ReturnType<CommandImpl> {
    const args = ctx.argv.slice(1);
    const paths = args.filter((a) => !a.startsWith('-'));
    const long = args.some((a) => a.startsWith('-') && a.includes('l'));
    const procPaths = paths.filter((p) => p.startsWith('/proc'));
    // A process's root is an ordinary directory tree, listed as any other.
    if (procPaths.length === 0 || procPaths.some((p) => this.procEntry(p.replace(/\/+$/, ''), node)?.rest[0] === 'root')) return lsGnu(ctx);
    let status = 0;
    for (const path of procPaths) {
      const entry = this.procEntry(path.replace(/\/+$/, ''), node);
      if (path.replace(/\/+$/, '') === '/proc') {
        ctx.io.stdout(this.processes(node).map((p) => p.pid).join('  ') + '\n');
        continue;
      }
      if (!entry || entry.pid < 0) {
        ctx.io.stderr(`ls: cannot access '${path}': No such file or directory\n`);
        status = 2;
        continue;
      }
      const process = this.processes(node).find((p) => p.pid === entry.pid)!;
      const links = namespaceLinks(process.namespaces);
      const date = lsDate(process.startedAt);
      if (entry.rest.length === 0) {
        ctx.io.stdout(procEntryNames.join('  ') + '\n');
      } else if (entry.rest[0] === 'ns' && entry.rest.length === 1) {
        if (long) ctx.io.stdout('total 0\n' + links.map(([n, t]) => `lrwxrwxrwx 1 root root 0 ${date} ${n} -> '${t}'\n`).join(''));
        else ctx.io.stdout(links.map(([n]) => n).join('  ') + '\n');
      } else if (entry.rest[0] === 'ns' && entry.rest.length === 2) {
        const link = links.find(([n]) => n === entry.rest[1]);
        if (!link) {
          ctx.io.stderr(`ls: cannot access '${path}': No such file or directory\n`);
          status = 2;
        } else if (long) ctx.io.stdout(`lrwxrwxrwx 1 root root 0 ${date} ${path} -> '${link[1]}'\n`);
        else ctx.io.stdout(`${path}\n`);
      } else {
        ctx.io.stdout(`${path}\n`);
      }
    }
    return status;
  }

  private readlink(ctx: CommandContext, node: NodeRuntime): number {
    const path = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
    if (!path) {
      ctx.io.stderr('readlink: missing operand\nTry \'readlink --help\' for more information.\n');
      return 1;
    }
    const entry = this.procEntry(path, node);
    if (entry && entry.pid > 0 && entry.rest.length === 1 && entry.rest[0] === 'root') {
      // Each process's root is `/` as the process itself sees it.
      ctx.io.stdout('/\n');
      return 0;
    }
    if (!entry || entry.pid < 0 || entry.rest[0] !== 'ns' || entry.rest.length !== 2) return 1;
    const process = this.processes(node).find((p) => p.pid === entry.pid)!;
    const link = namespaceLinks(process.namespaces).find(([n]) => n === entry.rest[1]);
    if (!link) return 1;
    ctx.io.stdout(`${link[1]}\n`);
    return 0;
  }

  private lsns(ctx: CommandContext, node: NodeRuntime): number {
    const typeIndex = ctx.argv.indexOf('-t');
    const only = typeIndex >= 0 ? ctx.argv[typeIndex + 1] : undefined;
    const groups = new Map<string, { type: string; inode: number; procs: NodeProcess[] }>();
    for (const p of this.processes(node)) {
      for (const [type, inode] of Object.entries(p.namespaces) as [string, number][]) {
        if (only && type !== only) continue;
        const key = `${type}:${inode}`;
        const group = groups.get(key) ?? { type, inode, procs: [] };
        group.procs.push(p);
        groups.set(key, group);
      }
    }
    const rows = [...groups.values()].sort((a, b) => a.inode - b.inode || a.type.localeCompare(b.type));
    let out = '        NS TYPE   NPROCS   PID USER     COMMAND\n';
    for (const g of rows) {
      const first = g.procs[0];
      out += `${String(g.inode).padStart(10)} ${g.type.padEnd(6)} ${String(g.procs.length).padStart(6)} ${String(first.pid).padStart(5)} ${first.user.padEnd(8)} ${first.command.slice(0, 60)}\n`;
    }
    ctx.io.stdout(out);
    return 0;
  }

  podRuntime(namespace: string, name: string): PodRuntimeView | undefined {
    const pod = this.cluster.api.peek('Pod', namespace, name);
    if (!pod) return undefined;
    const worker: PodWorker | undefined = this.cluster.workerFor(pod);
    const view: PodRuntimeView = { namespace, name, uid: pod.metadata.uid!, node: pod.spec?.nodeName, containers: [], volumes: [] };
    if (!worker) return view;
    const sandbox = worker.sandbox;
    if (sandbox) {
      view.sandbox = {
        id: sandbox.id,
        pid: sandbox.pid,
        ip: sandbox.netns.ip,
        namespaces: { net: sandbox.netns.inode, ipc: sandbox.ipcInode, uts: sandbox.utsInode },
        image: 'registry.k8s.io/pause:3.10',
        createdAt: sandbox.createdAt,
      };
    }
    for (const record of worker.records) {
      view.containers.push({
        name: record.spec.name,
        init: record.init,
        id: record.containerID?.replace('containerd://', ''),
        pid: record.instance?.running ? record.instance.mainPid : undefined,
        state: record.state.running ? 'running' : record.state.terminated ? 'terminated' : 'waiting',
        memoryBytes: record.instance?.memoryBytes() ?? 0,
        cpuMillicores: record.instance?.cpuMillicores() ?? 0,
        probes: record.probeHistory.toArray(),
      });
    }
    for (const volume of worker.volumes.values()) {
      const mountedBy = worker.records.filter((r) => (r.spec.volumeMounts ?? []).some((m) => m.name === volume.name)).map((r) => r.spec.name);
      view.volumes.push({ name: volume.name, type: volume.type, mountedBy });
    }
    return view;
  }
}

function lsDate(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
