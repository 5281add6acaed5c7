// The learner's workstation: outside the cluster, like a laptop with kubectl. It reaches the nodes
// (NodePort Services), ports opened by `kubectl port-forward` and the lab's few public hosts, not
// pod or Service IPs.

import type { CommandImpl, HostServices, HttpResult } from './process';
import type { FileSystem } from './fs/filesystem';
import type { ClusterNetwork } from './runtime/network';
import { parseUrl } from './runtime/network';
import { publicAddress } from './runtime/outside-world';
import { clusterNodes } from './cluster-bootstrap';
import type { ShellHost } from './shell/terminal';
import { helpText } from './shell/help-text';

export interface WorkstationDeps {
  fs: FileSystem;
  commands: Record<string, CommandImpl>;
  network: () => ClusterNetwork;
}

function nodeAddress(host: string): string | undefined {
  return clusterNodes.find((n) => n.name === host || n.ip === host)?.ip;
}

export function workstationHost(deps: WorkstationDeps): ShellHost {
  const reach = (host: string, port: number): { ip: string; port: number; netns?: any } | { error: string } => {
    if (host === 'localhost' || host === '127.0.0.1') {
      const forward = deps.network().portForwards.get(port);
      if (!forward) return { error: 'Connection refused' };
      forward.onConnection?.();
      return { ip: forward.namespace.ip, port: forward.port, netns: forward.namespace };
    }
    const ip = nodeAddress(host) ?? publicAddress(host);
    if (ip) return { ip, port };
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { error: 'Connection timed out' };
    return { error: `Could not resolve host: ${host}` };
  };
  const workstationName = 'podlab';
  const host: HostServices = {
    hostname: () => workstationName,
    httpGet(url, headers): HttpResult {
      const parsed = parseUrl(url);
      if (!parsed) return { error: `bad address '${url}'` };
      const target = reach(parsed.host, parsed.port);
      if ('error' in target) return { error: target.error };
      const network = deps.network();
      if (target.netns) {
        const entry = target.netns.listeners.get(target.port);
        if (!entry) return { error: 'Connection refused' };
        if (!entry.listener.handle) return { error: 'Empty reply from server' };
        return entry.listener.handle({ method: 'GET', path: parsed.path, headers: headers ?? {}, remoteAddress: '127.0.0.1' });
      }
      return network.httpGetAt(target.ip, target.port, parsed.path, undefined, { Host: parsed.host, ...(headers ?? {}) });
    },
    tcpConnect(hostName, port) {
      const target = reach(hostName, port);
      if ('error' in target) return target.error;
      if (target.netns) return target.netns.listeners.has(target.port) ? undefined : 'Connection refused';
      return deps.network().tcpConnect(target.ip, target.port, undefined);
    },
    resolve(name) {
      // Debian's /etc/hosts gives the machine's own name 127.0.1.1 (`hostname -i`).
      if (name === workstationName) return { name, addresses: ['127.0.1.1'] };
      const ip = nodeAddress(name) ?? publicAddress(name);
      return ip ? { name, addresses: [ip] } : undefined;
    },
    dnsServer: () => '127.0.0.53',
    command: (name) => deps.commands[name],
  };
  return {
    name: 'workstation',
    user: 'learner',
    fs: deps.fs,
    home: '/',
    host,
    commands: {
      ...deps.commands,
      help: (ctx) => {
        ctx.io.stdout(helpText);
        return 0;
      },
    },
  };
}
