// `kubectl describe service` and `kubectl describe endpoints`.

import type { KubeObject } from '../../api/types';
import { formatLabels } from './cells';
import { DescribeWriter } from './describe-writer';
import { eventsFor, writeAnnotations, writeEvents, writeLabels, type DescribeContext } from './describe-common';

interface Subset {
  addresses?: { ip: string }[];
  notReadyAddresses?: { ip: string }[];
  ports?: { name?: string; port: number; protocol?: string }[];
}

/** Ready `ip:port` entries for the service port named `portName`, at most three. */
function endpointsForPort(endpoints: KubeObject | undefined, portName: string): string {
  const subsets: Subset[] = endpoints?.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    for (const port of subset.ports ?? []) {
      if ((port.name ?? '') !== portName) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === 3) {
          more = true;
          break;
        }
        list.push(`${a.ip}:${port.port}`);
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - 3} more...` : text;
}

export function describeService(svc: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = svc.spec ?? {};
  w.line(0, 'Name:', svc.metadata.name ?? '');
  w.line(0, 'Namespace:', svc.metadata.namespace ?? '');
  writeLabels(w, 'Labels', svc.metadata.labels);
  writeAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.line(0, 'Selector:', formatLabels(spec.selector));
  w.line(0, 'Type:', spec.type ?? '');
  if (spec.ipFamilyPolicy) w.line(0, 'IP Family Policy:', spec.ipFamilyPolicy);
  w.line(0, 'IP Families:', (spec.ipFamilies ?? []).length > 0 ? spec.ipFamilies.join(',') : '<none>');
  w.line(0, 'IP:', spec.clusterIP ?? '');
  w.line(0, 'IPs:', (spec.clusterIPs ?? []).length > 0 ? spec.clusterIPs.join(',') : '<none>');
  if ((spec.externalIPs ?? []).length > 0) w.line(0, 'External IPs:', spec.externalIPs.join(','));
  if (spec.loadBalancerIP) w.line(0, 'IP:', spec.loadBalancerIP);
  if (spec.externalName) w.line(0, 'External Name:', spec.externalName);
  const ingress: { ip?: string; hostname?: string }[] = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) w.line(0, 'LoadBalancer Ingress:', ingress.map((i) => i.ip || i.hostname || '').join(', '));
  let endpoints: KubeObject | undefined;
  try {
    endpoints = ctx.api.get('Endpoints', svc.metadata.namespace, svc.metadata.name ?? '');
  } catch {
    endpoints = undefined;
  }
  for (const port of (spec.ports ?? []) as { name?: string; port: number; protocol?: string; targetPort?: number | string; nodePort?: number }[]) {
    const name = port.name || '<unset>';
    const protocol = port.protocol ?? 'TCP';
    w.line(0, 'Port:', name, `${port.port}/${protocol}`);
    w.line(0, 'TargetPort:', `${port.targetPort ?? port.port}/${protocol}`);
    if (port.nodePort) w.line(0, 'NodePort:', name, `${port.nodePort}/${protocol}`);
    w.line(0, 'Endpoints:', endpointsForPort(endpoints, port.name ?? ''));
  }
  w.line(0, 'Session Affinity:', spec.sessionAffinity ?? '');
  if (spec.externalTrafficPolicy) w.line(0, 'External Traffic Policy:', spec.externalTrafficPolicy);
  if (spec.internalTrafficPolicy) w.line(0, 'Internal Traffic Policy:', spec.internalTrafficPolicy);
  if (spec.healthCheckNodePort) w.line(0, 'HealthCheck NodePort:', spec.healthCheckNodePort);
  writeEvents(w, eventsFor(svc, ctx), ctx.now);
  return w.toString();
}

export function describeEndpoints(ep: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', ep.metadata.name ?? '');
  w.line(0, 'Namespace:', ep.metadata.namespace ?? '');
  writeLabels(w, 'Labels', ep.metadata.labels);
  writeAnnotations(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const subset of (ep.subsets ?? []) as Subset[]) {
    w.line(1, 'Addresses:', (subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>');
    w.line(1, 'NotReadyAddresses:', (subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>');
    if ((subset.ports ?? []).length > 0) {
      w.write(1, 'Ports:\n');
      w.line(2, 'Name', 'Port', 'Protocol');
      w.line(2, '----', '----', '--------');
      for (const port of subset.ports ?? []) w.line(2, port.name || '<unset>', port.port, port.protocol ?? 'TCP');
    }
    w.write(0, '\n');
  }
  writeEvents(w, eventsFor(ep, ctx), ctx.now);
  return w.toString();
}

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: { kind?: string; name?: string };
  hints?: { forZones?: { name: string }[] };
}

function flag(value: boolean | undefined): string {
  return value === undefined || value === null ? '<unset>' : String(value);
}

export function describeEndpointSlice(slice: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', slice.metadata.name ?? '');
  w.line(0, 'Namespace:', slice.metadata.namespace ?? '');
  writeLabels(w, 'Labels', slice.metadata.labels);
  writeAnnotations(w, 'Annotations', slice.metadata.annotations);
  w.line(0, 'AddressType:', slice.addressType ?? '');
  const ports: { name?: string; port?: number; protocol?: string }[] = slice.ports ?? [];
  if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.line(1, 'Name', 'Port', 'Protocol');
    w.line(1, '----', '----', '--------');
    for (const p of ports) w.line(1, p.name || '<unset>', p.port === undefined || p.port === null ? '<unset>' : p.port, p.protocol ?? 'TCP');
  }
  const endpoints: SliceEndpoint[] = slice.endpoints ?? [];
  if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of endpoints) {
      w.line(1, '- Addresses:', (e.addresses ?? []).join(', ') || '<none>');
      w.write(2, 'Conditions:\n');
      w.line(3, 'Ready:', flag(e.conditions?.ready));
      w.line(3, 'Serving:', flag(e.conditions?.serving));
      w.line(3, 'Terminating:', flag(e.conditions?.terminating));
      w.line(2, 'Hostname:', e.hostname ?? '<unset>');
      if (e.nodeName) w.line(2, 'NodeName:', e.nodeName);
      if (e.zone) w.line(2, 'Zone:', e.zone);
      if (e.targetRef) w.line(2, 'TargetRef:', `${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}`);
      const zones = e.hints?.forZones ?? [];
      if (zones.length === 0) w.line(2, 'Hints:', '<unset>');
      else w.line(2, 'Hints:', zones.map((z) => `for-zone=${z.name}`).join(', '));
    }
  }
  writeEvents(w, eventsFor(slice, ctx), ctx.now);
  return w.toString();
}
