// ClusterIP and NodePort allocation for new Services (the API server's service REST storage and
// its bitmap allocators). kubeadm's service range 10.96.0.0/12; NodePorts 30000-32767. Like the
// real allocators, dynamic picks come from the upper part of each range, leaving the lower part
// for addresses that users ask for explicitly.
import type { Random } from '../engine-context';
import type { KubeObject } from '../api/types';
import { ApiError, type FieldError } from '../api/errors';
import { goStringSlice, invalid } from '../api/validation/field-error';

export const serviceCidr = '10.96.0.0/12';
const rangeStart = ipToNumber('10.96.0.0');
const rangeSize = 2 ** 20;
/** Kept for the `kubernetes` (10.96.0.1) and `kube-dns` (10.96.0.10) Services. */
const reservedIps = new Set(['10.96.0.1', '10.96.0.10']);
const ipStaticBand = 256;
export const nodePortMin = 30000;
export const nodePortMax = 32767;
const nodePortStaticBand = 86;

export function ipToNumber(ip: string): number {
  const parts = ip.split('.').map((p) => Number.parseInt(p, 10));
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function numberToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function isIPv4(text: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text) && text.split('.').every((p) => Number(p) <= 255);
}

/**
 * Fills in spec.clusterIP/clusterIPs and the nodePorts of a Service being created, avoiding
 * the addresses of `existingServices`. Throws ApiError(Invalid) with the API server's texts when
 * a requested address or port is taken or out of range.
 */
export function allocateServiceAddresses(service: KubeObject, existingServices: KubeObject[], random: Random): void {
  const others = existingServices.filter(
    (s) => !(s.metadata.namespace === service.metadata.namespace && s.metadata.name === service.metadata.name),
  );
  const spec = (service.spec = service.spec ?? {});
  const type = spec.type ?? 'ClusterIP';
  const errors: FieldError[] = [];

  if (type !== 'ExternalName') {
    const requested: string | undefined = spec.clusterIP || spec.clusterIPs?.[0] || undefined;
    if (requested === 'None') {
      spec.clusterIP = 'None';
      spec.clusterIPs = ['None'];
    } else {
      const used = new Set<string>(reservedIps);
      for (const s of others) for (const ip of [s.spec?.clusterIP, ...(s.spec?.clusterIPs ?? [])]) if (ip) used.add(ip);
      if (requested) {
        const problem = clusterIpProblem(requested, used);
        if (problem) errors.push(invalid('spec.clusterIPs', goStringSlice([requested]), `failed to allocate IP ${requested}: ${problem}`));
        else setClusterIp(spec, requested);
      } else {
        const ip = pickFree(random, ipStaticBand, rangeSize - 2, (offset) => !used.has(numberToIp(rangeStart + offset)));
        if (ip === undefined) throw new ApiError('InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
        setClusterIp(spec, numberToIp(rangeStart + ip));
      }
      spec.ipFamilies = spec.ipFamilies ?? ['IPv4'];
      spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? 'SingleStack';
    }
  }

  if (needsNodePorts(service)) allocateNodePorts(spec, others, random, errors);
  if (type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts = spec.allocateLoadBalancerNodePorts ?? true;
    service.status = { loadBalancer: {} };
  }
  throwIfInvalid(service, errors);
}

function needsNodePorts(service: KubeObject): boolean {
  const type = service.spec?.type ?? 'ClusterIP';
  return type === 'NodePort' || type === 'LoadBalancer';
}

function needsClusterIp(service: KubeObject): boolean {
  return (service.spec?.type ?? 'ClusterIP') !== 'ExternalName';
}

function throwIfInvalid(service: KubeObject, errors: FieldError[]): void {
  if (errors.length === 0) return;
  const text = errors.length === 1 ? errors[0].text : `[${errors.map((e) => e.text).join(', ')}]`;
  throw new ApiError('Invalid', `Service "${service.metadata.name}" is invalid: ${text}`, errors);
}

/** Checks the node ports asked for and gives every other port a free one. */
function allocateNodePorts(spec: KubeObject['spec'], others: KubeObject[], random: Random, errors: FieldError[]): void {
  const used = new Set<number>();
  for (const s of others) for (const port of s.spec?.ports ?? []) if (port.nodePort) used.add(port.nodePort);
  const ports: { nodePort?: number }[] = spec.ports ?? [];
  // Explicit ports first, so a generated one never takes a port asked for later in the list.
  ports.forEach((port, index) => {
    if (!port.nodePort) return;
    const field = `spec.ports[${index}].nodePort`;
    if (port.nodePort < nodePortMin || port.nodePort > nodePortMax) {
      errors.push(invalid(field, port.nodePort, `provided port is not in the valid range. The range of valid ports is ${nodePortMin}-${nodePortMax}`));
    } else if (used.has(port.nodePort)) {
      errors.push(invalid(field, port.nodePort, 'provided port is already allocated'));
    } else {
      used.add(port.nodePort);
    }
  });
  for (const port of ports) {
    if (port.nodePort) continue;
    const offset = pickFree(random, nodePortStaticBand, nodePortMax - nodePortMin + 1, (o) => !used.has(nodePortMin + o), 0);
    if (offset === undefined) throw new ApiError('InternalError', 'Internal error occurred: failed to allocate a nodePort: range is full');
    port.nodePort = nodePortMin + offset;
    used.add(port.nodePort);
  }
}

/**
 * Before an update of a Service is validated, as the API server's service storage does: values it
 * allocated and the request left out are kept (the cluster IP; a port's node port, matched by the
 * port's name), and node ports are dropped when the type no longer uses them and the request did
 * not change them.
 */
export function keepAllocatedServiceValues(next: KubeObject, old: KubeObject): void {
  const spec = next.spec ?? {};
  if (needsClusterIp(old) && needsClusterIp(next)) {
    if (!spec.clusterIP && old.spec?.clusterIP) spec.clusterIP = old.spec.clusterIP;
    if (!(spec.clusterIPs?.length > 0) && old.spec?.clusterIPs?.length > 0) spec.clusterIPs = [...old.spec.clusterIPs];
  }
  const nodePortsOf = (service: KubeObject) => new Set<number>((service.spec?.ports ?? []).map((p: { nodePort?: number }) => p.nodePort).filter((n: number | undefined) => !!n));
  if (needsNodePorts(old) && needsNodePorts(next)) {
    const oldPorts = nodePortsOf(old);
    const taken = new Set([...nodePortsOf(next)].filter((n) => oldPorts.has(n)));
    const byName = new Map<string, number>((old.spec?.ports ?? []).map((p: { name?: string; nodePort?: number }) => [p.name ?? '', p.nodePort ?? 0]));
    for (const port of spec.ports ?? []) {
      const kept = byName.get(port.name ?? '');
      if (!port.nodePort && kept && !taken.has(kept)) port.nodePort = kept;
    }
  }
  if (needsNodePorts(old) && !needsNodePorts(next)) {
    const unchanged = (spec.ports ?? []).every((port: { name?: string; nodePort?: number }, i: number) => (port.nodePort ?? 0) === (old.spec?.ports?.[i]?.nodePort ?? 0));
    if (unchanged) for (const port of spec.ports ?? []) delete port.nodePort;
  }
}

/** After an update of a Service is validated: node ports for the ports that now need one. */
export function allocateServiceUpdate(next: KubeObject, existingServices: KubeObject[], random: Random): void {
  if (!needsNodePorts(next)) return;
  const others = existingServices.filter((s) => !(s.metadata.namespace === next.metadata.namespace && s.metadata.name === next.metadata.name));
  const errors: FieldError[] = [];
  allocateNodePorts(next.spec, others, random, errors);
  throwIfInvalid(next, errors);
}

function setClusterIp(spec: KubeObject['spec'], ip: string): void {
  spec.clusterIP = ip;
  spec.clusterIPs = [ip];
}

function clusterIpProblem(ip: string, used: Set<string>): string | undefined {
  if (!isIPv4(ip)) return undefined;
  const offset = ipToNumber(ip) - rangeStart;
  if (offset <= 0 || offset >= rangeSize - 1) {
    return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${serviceCidr}`;
  }
  if (used.has(ip)) return 'provided IP is already allocated';
  return undefined;
}

/** A random free offset, preferring [bandStart, size) and falling back to [firstValid, bandStart). */
function pickFree(random: Random, bandStart: number, size: number, isFree: (offset: number) => boolean, firstValid = 1): number | undefined {
  for (const [from, to] of [[bandStart, size], [firstValid, bandStart]] as const) {
    const span = to - from;
    if (span <= 0) continue;
    const start = random.int(span);
    for (let i = 0; i < span; i++) {
      const offset = from + ((start + i) % span);
      if (isFree(offset)) return offset;
    }
  }
  return undefined;
}
