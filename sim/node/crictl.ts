// crictl on a node: the container runtime's view, where the pause sandbox is visible.

import type { CommandImpl, CommandContext } from '../process';
import type { Cluster } from '../cluster';
import type { NodeRuntime } from '../kubelet/node-runtime';
import { imageDigest, parseImageReference } from '../runtime/images/catalog';
import { findImage } from '../runtime/images/catalog';
import { rfc3339 } from '../time';

/** go-units HumanDuration, as docker and crictl print ages. */
export function unitsHumanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

/** go-units HumanSize: decimal units with 4 significant digits trimmed like docker (`72.2MB`). */
export function unitsHumanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return `${Number(value.toPrecision(3))}${units[i]}`;
}

/** crictl's tabwriter: columns at least 20 wide, 3 spaces of padding, the last one unpadded. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(20, ...rows.map((r) => r[col].length + 3)));
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]))).join('').trimEnd() + '\n').join('');
}

function shortId(id: string): string {
  return id.slice(0, 13);
}

export function crictlCommand(cluster: Cluster, node: NodeRuntime): CommandImpl {
  return (ctx: CommandContext) => {
    const args = ctx.argv.slice(1);
    const sub = args.find((a) => !a.startsWith('-'));
    const flags = new Set(args.filter((a) => a.startsWith('-')));
    const flagValue = (name: string) => {
      const i = args.indexOf(name);
      if (i >= 0) return args[i + 1];
      const eq = args.find((a) => a.startsWith(`${name}=`));
      return eq?.slice(name.length + 1);
    };
    const now = cluster.clock.now();
    const ago = (t: number) => `${unitsHumanDuration(now - t)} ago`;
    const quiet = flags.has('-q') || flags.has('--quiet');
    const workers = node.podWorkers().filter((w) => w.sandbox);
    switch (sub) {
      case 'pods': {
        const name = flagValue('--name');
        const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
        for (const w of workers.sort((a, b) => b.sandbox!.createdAt - a.sandbox!.createdAt)) {
          if (name && !w.name.includes(name)) continue;
          rows.push([shortId(w.sandbox!.id), ago(w.sandbox!.createdAt), w.isTerminating ? 'NotReady' : 'Ready', w.name, w.namespace, '0', '(default)']);
        }
        if (quiet) ctx.io.stdout(rows.slice(1).map((r) => workers.find((w) => w.name === r[3])!.sandbox!.id + '\n').join(''));
        else ctx.io.stdout(table(rows));
        return 0;
      }
      case 'ps': {
        const all = flags.has('-a') || flags.has('--all');
        const podFilter = flagValue('--pod') ?? flagValue('-p');
        const nameFilter = flagValue('--name');
        const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD']];
        const ids: string[] = [];
        for (const w of workers) {
          if (podFilter && !w.sandbox!.id.startsWith(podFilter)) continue;
          for (const c of w.containerInstances()) {
            if (!c.containerID) continue;
            const running = c.state === 'running';
            if (!running && !all) continue;
            if (nameFilter && !c.name.includes(nameFilter)) continue;
            const id = c.containerID.replace('containerd://', '');
            ids.push(id);
            const imageId = c.image ? imageDigest(c.image).slice(7, 20) : '';
            rows.push([shortId(id), imageId, ago(c.createdAt ?? w.sandbox!.createdAt), running ? 'Running' : 'Exited', c.name, String(c.restartCount), shortId(w.sandbox!.id), w.name]);
          }
        }
        ctx.io.stdout(quiet ? ids.map((i) => i + '\n').join('') : table(rows));
        return 0;
      }
      case 'images': {
        const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
        for (const name of node.images.list()) {
          const ref = parseImageReference(name);
          if ('error' in ref) continue;
          const spec = findImage(ref);
          rows.push([ref.repository, ref.tag ?? '<none>', imageDigest(ref.fullName).slice(7, 20), 'error' in spec ? '0B' : unitsHumanSize(spec.sizeBytes)]);
        }
        ctx.io.stdout(table(rows));
        return 0;
      }
      case 'inspectp': {
        const id = args[args.indexOf('inspectp') + 1];
        const w = workers.find((x) => id && x.sandbox!.id.startsWith(id));
        if (!w) {
          ctx.io.stderr(`E0115 09:00:00.000000    4321 remote_runtime.go:432] "PodSandboxStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found"\nFATA[0000] getting the pod sandbox status for "${id ?? ''}": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found\n`);
          return 1;
        }
        const s = w.sandbox!;
        const info = {
          status: {
            id: s.id,
            metadata: { attempt: 0, name: w.name, namespace: w.namespace, uid: w.uid },
            state: w.isTerminating ? 'SANDBOX_NOTREADY' : 'SANDBOX_READY',
            createdAt: new Date(s.createdAt).toISOString().replace('Z', '000000Z'),
            network: { additionalIps: [], ip: s.netns.ip },
            linux: { namespaces: { options: { ipc: 'POD', network: w.podObject.spec.hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER' } } },
            labels: { 'io.kubernetes.pod.name': w.name, 'io.kubernetes.pod.namespace': w.namespace, 'io.kubernetes.pod.uid': w.uid },
          },
          info: { pid: s.pid, image: 'registry.k8s.io/pause:3.10', runtimeSpec: { linux: { namespaces: [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }, { type: 'network', path: `/var/run/netns/cni-${s.id.slice(0, 8)}` }] } } },
        };
        ctx.io.stdout(JSON.stringify(info, null, 2) + '\n');
        return 0;
      }
      case 'inspect': {
        const id = args[args.indexOf('inspect') + 1];
        for (const w of workers) {
          for (const c of w.containerInstances()) {
            const cid = c.containerID?.replace('containerd://', '');
            if (!cid || !id || !cid.startsWith(id)) continue;
            const pausePid = w.sandbox!.pid;
            const info = {
              status: {
                id: cid,
                metadata: { attempt: c.restartCount, name: c.name },
                state: c.state === 'running' ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED',
                createdAt: rfc3339(c.createdAt ?? now),
                image: { image: c.image },
                imageRef: c.image ? `${c.image.split(':')[0]}@${imageDigest(c.image)}` : '',
                labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': w.name, 'io.kubernetes.pod.namespace': w.namespace, 'io.kubernetes.pod.uid': w.uid },
              },
              info: {
                sandboxID: w.sandbox!.id,
                pid: c.instance?.running ? c.instance.mainPid : 0,
                runtimeSpec: {
                  linux: {
                    namespaces: [
                      { type: 'pid' },
                      { type: 'ipc', path: `/proc/${pausePid}/ns/ipc` },
                      { type: 'uts', path: `/proc/${pausePid}/ns/uts` },
                      { type: 'mount' },
                      { type: 'network', path: `/proc/${pausePid}/ns/net` },
                      { type: 'cgroup' },
                    ],
                  },
                },
              },
            };
            ctx.io.stdout(JSON.stringify(info, null, 2) + '\n');
            return 0;
          }
        }
        ctx.io.stderr(`FATA[0000] no such container "${id ?? ''}"\n`);
        return 1;
      }
      case 'logs': {
        const id = args.filter((a) => !a.startsWith('-'))[1];
        for (const w of workers) {
          for (const c of w.containerInstances()) {
            const cid = c.containerID?.replace('containerd://', '');
            if (cid && id && cid.startsWith(id)) {
              for (const line of w.currentLogs(c.name) ?? []) (line.stream === 'stderr' ? ctx.io.stderr : ctx.io.stdout)(line.text + '\n');
              return 0;
            }
          }
        }
        ctx.io.stderr(`FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id ?? ''}": not found\n`);
        return 1;
      }
      case 'version':
        ctx.io.stdout('Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  1.7.24\nRuntimeApiVersion:  v1\n');
        return 0;
      case undefined:
        ctx.io.stdout('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nCOMMANDS:\n   images      List images\n   inspect     Display the status of one or more containers\n   inspectp    Display the status of one or more pods\n   logs        Fetch the logs of a container\n   pods        List pods\n   ps          List containers\n   version     Display runtime version information\n');
        return 0;
      default:
        ctx.io.stderr(`No help topic for '${sub}'\n`);
        return 1;
    }
  };
}
