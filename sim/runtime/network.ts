// The cluster network: one network namespace per pod sandbox (and per node for hostNetwork pods),
// listeners on ports, cluster DNS and Service routing to ready endpoints, as kube-proxy does it.

import type { HttpRequest, HttpResult, Listener } from '../process';
import type { KubeObject, Service } from '../api/types';
import type { SimApiServer } from '../api/api-server';
import { isPublicAddress, publicAddress, publicListeners } from './outside-world';

export const clusterDomain = 'cluster.local';
export const dnsServiceIP = '10.96.0.10';

export interface NetworkNamespace {
  /** Unique inode-like id, shown under /proc/<pid>/ns/net. */
  inode: number;
  ip: string;
  /** Ports listened on: the server, the container it runs in, and its process's PID on the node. */
  listeners: Map<number, { listener: Listener; owner: string; pid?: number }>;
  /** The pod namespace, for DNS search paths (undefined for a node). */
  podNamespace?: string;
}

/** Where one connection lands: a network namespace and port, or why it cannot be reached. */
interface Route {
  target?: NetworkNamespace;
  port: number;
  error?: string;
}

/** The one place a connection to an address lands. */
function only(route: Route): { routes: Route[]; balanced: boolean } {
  return { routes: [route], balanced: false };
}

export interface Endpoint {
  ip: string;
  port: number;
}

export class ClusterNetwork {
  private readonly byIp = new Map<string, NetworkNamespace>();
  private roundRobin = 0;
  /** Port forwards opened by `kubectl port-forward`: local port → target, and who to tell of each connection. */
  readonly portForwards = new Map<number, { namespace: NetworkNamespace; port: number; onConnection?: () => void }>();

  constructor(private readonly api: SimApiServer) {
    for (const { address, listeners } of publicListeners()) {
      this.byIp.set(address, { inode: 0, ip: address, listeners: new Map([...listeners].map(([port, listener]) => [port, { listener, owner: 'internet' }])) });
    }
  }

  register(ns: NetworkNamespace): void {
    this.byIp.set(ns.ip, ns);
  }

  unregister(ns: NetworkNamespace): void {
    if (this.byIp.get(ns.ip) === ns) this.byIp.delete(ns.ip);
    for (const [port, target] of this.portForwards) if (target.namespace === ns) this.portForwards.delete(port);
  }

  namespaceAt(ip: string): NetworkNamespace | undefined {
    return this.byIp.get(ip);
  }

  /**
   * Cluster DNS (CoreDNS): services, headless services and pod A records, with the pod's search
   * path; names outside the cluster are forwarded upstream (`external`), where only a few exist.
   */
  resolve(name: string, from?: NetworkNamespace): { name: string; addresses: string[]; external?: boolean } | undefined {
    const trimmed = name.replace(/\.$/, '');
    if (/^\d+\.\d+\.\d+\.\d+$/.test(trimmed)) return { name: trimmed, addresses: [trimmed] };
    if (trimmed === 'localhost') return { name: 'localhost', addresses: ['127.0.0.1'] };
    const candidates = [trimmed];
    if (!trimmed.endsWith(clusterDomain)) {
      const ns = from?.podNamespace ?? 'default';
      candidates.push(`${trimmed}.${ns}.svc.${clusterDomain}`, `${trimmed}.svc.${clusterDomain}`, `${trimmed}.${clusterDomain}`);
    }
    for (const candidate of candidates) {
      const found = this.lookupFqdn(candidate);
      if (found) return found;
    }
    const upstream = publicAddress(trimmed);
    return upstream ? { name: trimmed, addresses: [upstream], external: true } : undefined;
  }

  private lookupFqdn(fqdn: string): { name: string; addresses: string[] } | undefined {
    const suffix = `.svc.${clusterDomain}`;
    if (fqdn.endsWith(suffix)) {
      const parts = fqdn.slice(0, -suffix.length).split('.');
      if (parts.length === 2) {
        const [svcName, ns] = parts;
        const svc = this.api.peek('Service', ns, svcName) as Service | undefined;
        if (!svc) return undefined;
        if (svc.spec.clusterIP === 'None') {
          const addresses = this.endpointsOf(svc).map((e) => e.ip);
          return addresses.length > 0 ? { name: fqdn, addresses: [...new Set(addresses)] } : undefined;
        }
        if (svc.spec.type === 'ExternalName') return undefined;
        return svc.spec.clusterIP ? { name: fqdn, addresses: [svc.spec.clusterIP] } : undefined;
      }
      if (parts.length === 3) {
        // <hostname>.<service>.<namespace>: a pod of a headless Service with that hostname and the Service as subdomain.
        const [hostname, svcName, ns] = parts;
        const endpoints = this.api.peek('Endpoints', ns, svcName);
        for (const subset of (endpoints?.subsets ?? []) as any[]) {
          const address = (subset.addresses ?? []).find((a: { hostname?: string }) => a.hostname === hostname);
          if (address) return { name: fqdn, addresses: [address.ip] };
        }
      }
    }
    const podSuffix = `.pod.${clusterDomain}`;
    if (fqdn.endsWith(podSuffix)) {
      const [dashed] = fqdn.slice(0, -podSuffix.length).split('.');
      const ip = dashed.replace(/-/g, '.');
      if (this.byIp.has(ip)) return { name: fqdn, addresses: [ip] };
    }
    return undefined;
  }

  /** Ready endpoints of a Service, resolved from its Endpoints object (kept by the endpoints controller). */
  endpointsOf(svc: Service, port?: number): Endpoint[] {
    const endpoints = this.api.peek('Endpoints', svc.metadata.namespace, svc.metadata.name!);
    const result: Endpoint[] = [];
    const servicePort = port === undefined ? svc.spec.ports?.[0] : svc.spec.ports?.find((p) => p.port === port);
    for (const subset of (endpoints?.subsets ?? []) as any[]) {
      const subsetPort = (subset.ports ?? []).find((p: any) => !servicePort?.name || p.name === servicePort.name) ?? subset.ports?.[0];
      for (const address of subset.addresses ?? []) result.push({ ip: address.ip, port: subsetPort?.port ?? servicePort?.port ?? 80 });
    }
    return result;
  }

  /** Where a connection to ip:port really lands: a Service IP or NodePort goes to one ready endpoint, in turn. */
  route(ip: string, port: number, from?: NetworkNamespace): Route {
    const { routes, balanced } = this.destinations(ip, port, from);
    return balanced ? routes[this.roundRobin++ % routes.length] : routes[0];
  }

  /** Every place a connection to ip:port may land: each ready endpoint of a Service (`balanced`), else the one address. */
  private destinations(ip: string, port: number, from?: NetworkNamespace): { routes: Route[]; balanced: boolean } {
    if (ip === '127.0.0.1' || ip === 'localhost') return only({ target: from, port });
    const direct = this.byIp.get(ip);
    if (direct && !direct.podNamespace && !direct.listeners.has(port) && port >= 30000 && port <= 32767) {
      // A node address: NodePort services answer on every node.
      const svc = this.serviceByNodePort(port);
      if (svc) return this.endpointRoutes(svc, svc.spec.ports!.find((p) => p.nodePort === port)!.port);
    }
    if (direct) return only({ target: direct, port });
    const svc = this.serviceByClusterIP(ip);
    if (svc) {
      if (!svc.spec.ports?.some((p) => p.port === port)) return only({ port, error: 'Connection refused' });
      return this.endpointRoutes(svc, port);
    }
    return only({ port, error: 'No route to host' });
  }

  private endpointRoutes(svc: Service, servicePort: number): { routes: Route[]; balanced: boolean } {
    const endpoints = this.endpointsOf(svc, servicePort);
    if (endpoints.length === 0) return { routes: [{ port: servicePort, error: 'Connection refused' }], balanced: false };
    const routes = endpoints.map((endpoint): Route => {
      const target = this.byIp.get(endpoint.ip);
      return target ? { target, port: endpoint.port } : { port: endpoint.port, error: 'No route to host' };
    });
    return { routes, balanced: true };
  }

  private serviceByClusterIP(ip: string): Service | undefined {
    return this.api.list('Service', undefined, { readOnly: true }).find((s) => s.spec?.clusterIP === ip) as Service | undefined;
  }

  private serviceByNodePort(port: number): Service | undefined {
    return this.api
      .list('Service', undefined, { readOnly: true })
      .find((s: KubeObject) => (s.spec?.ports ?? []).some((p: any) => p.nodePort === port)) as Service | undefined;
  }

  /** An HTTP GET from inside the cluster (wget, curl, probes use httpGetAt). */
  httpGet(url: string, from: NetworkNamespace | undefined, headers: Record<string, string> = {}): HttpResult & { resolvedIp?: string } {
    const parsed = parseUrl(url);
    if (!parsed) return { error: `bad address '${url}'` };
    const resolved = this.resolve(parsed.host, from);
    if (!resolved) return { error: `bad address '${parsed.host}'` };
    const ip = resolved.addresses[0];
    // Clients name the port in Host unless it is the scheme's own.
    const host = parsed.port === (parsed.scheme === 'https' ? 443 : 80) ? parsed.host : `${parsed.host}:${parsed.port}`;
    const result = this.httpGetAt(ip, parsed.port, parsed.path, from, { Host: host, ...headers });
    return { ...result, resolvedIp: ip };
  }

  /**
   * A GET to an address. With `scheme`, the client speaks it as Go's HTTP client does (the
   * kubelet's probes): HTTPS to a plain server fails, plain HTTP to an HTTPS server gets 400.
   */
  httpGetAt(ip: string, port: number, path: string, from: NetworkNamespace | undefined, headers: Record<string, string>, scheme?: 'http' | 'https'): HttpResult {
    // A connection to the loopback address comes from it, as the server's log shows.
    const remoteAddress = ip === '127.0.0.1' || ip === 'localhost' ? '127.0.0.1' : clientAddress(from);
    return this.send(ip, port, { method: 'GET', path, headers, remoteAddress }, from, scheme);
  }

  /** Sends `request` to an address; a probe makes its request once and sends it every few seconds. */
  send(ip: string, port: number, request: HttpRequest, from: NetworkNamespace | undefined, scheme?: 'http' | 'https'): HttpResult {
    return this.request(this.route(ip, port, from), request, scheme);
  }

  /**
   * What a GET of `url` from `from` gets back, asked of every place it may land, without a trace:
   * servers log nothing and the Services' turn-taking does not move (the lab's grader uses it).
   */
  inspectHttpGet(url: string, from: NetworkNamespace): HttpResult[] {
    const parsed = parseUrl(url);
    if (!parsed) return [{ error: `bad address '${url}'` }];
    const resolved = this.resolve(parsed.host, from);
    if (!resolved) return [{ error: `bad address '${parsed.host}'` }];
    const request: HttpRequest = { method: 'GET', path: parsed.path, headers: { Host: parsed.host }, remoteAddress: from.ip, inspection: true };
    return this.destinations(resolved.addresses[0], parsed.port, from).routes.map((route) => this.request(route, request));
  }

  private request(route: Route, request: HttpRequest, scheme?: 'http' | 'https'): HttpResult {
    if (route.error || !route.target) return { error: route.error ?? 'Connection refused' };
    const entry = route.target.listeners.get(route.port);
    if (!entry) return { error: 'Connection refused' };
    if (entry.listener.protocol !== 'http' || !entry.listener.handle) return { error: 'Connection reset by peer' };
    if (scheme === 'https' && !entry.listener.tls) return { error: plainResponseToHttpsClient };
    if (scheme === 'http' && entry.listener.tls) return { status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' };
    return entry.listener.handle(request);
  }

  /**
   * The round trip of an ICMP echo to an address, in ms, or undefined when nothing answers: pods,
   * nodes and public hosts reply; a Service's cluster IP is only a kube-proxy rule, so it does not.
   */
  pingTime(ip: string): number | undefined {
    if (ip.startsWith('127.')) return 0.045;
    if (!this.byIp.has(ip)) return undefined;
    return isPublicAddress(ip) ? 11.872 : 0.087;
  }

  /** Sends data to host:port and returns the server's reply (empty when it has no line protocol). */
  tcpSend(host: string, port: number, data: string, from: NetworkNamespace | undefined): { reply?: string; error?: string } {
    const resolved = this.resolve(host, from);
    if (!resolved) return { error: `bad address '${host}'` };
    const route = this.route(resolved.addresses[0], port, from);
    if (route.error || !route.target) return { error: route.error ?? 'Connection refused' };
    const entry = route.target.listeners.get(route.port);
    if (!entry) return { error: 'Connection refused' };
    return { reply: entry.listener.reply?.(data) ?? '' };
  }

  tcpConnect(host: string, port: number, from: NetworkNamespace | undefined): string | undefined {
    const resolved = this.resolve(host, from);
    if (!resolved) return `bad address '${host}'`;
    const route = this.route(resolved.addresses[0], port, from);
    if (route.error || !route.target) return route.error ?? 'Connection refused';
    return route.target.listeners.has(route.port) ? undefined : 'Connection refused';
  }
}

/** The address a request from `from` comes from: a namespace's own, or the node bridge's from outside any. */
export function clientAddress(from: NetworkNamespace | undefined): string {
  return from?.ip ?? '10.244.0.1';
}

/** Go's net/http error when an HTTPS request is answered in plain HTTP. */
export const plainResponseToHttpsClient = 'http: server gave HTTP response to HTTPS client';

export function parseUrl(url: string): { scheme: string; host: string; port: number; path: string } | undefined {
  const match = /^(?:(https?):\/\/)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([/?][^#]*)?$/.exec(url.trim());
  if (!match) return undefined;
  const scheme = match[1] ?? 'http';
  return { scheme, host: match[2], port: match[3] ? Number(match[3]) : scheme === 'https' ? 443 : 80, path: match[4] || '/' };
}
