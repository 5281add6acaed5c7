// The columns `kubectl get` shows for each kind (printers.go's column definitions and row functions).
// Headers are kept as the server defines them; the table printer upper-cases them.

import type { KubeObject } from '../../api/types';
import type { ServedKind } from '../../api/kinds';
import { age, containerNamesAndImages, formatLabels, formatLabelSelector, timestampSince } from './cells';
import { podRow } from './pod-row';
import { horizontalPodAutoscalerTable } from './horizontal-pod-autoscaler';
import { storageTables } from './storage-printers';
import { priorityClassTable } from './priority-class-printers';
import { podDisruptionBudgetTable } from './pod-disruption-budget';
import { parseRfc3339 } from '../../time';
import { humanDuration } from '../../time';

export interface TableDefinition {
  /** Column names; the ones marked wide only appear with `-o wide`. */
  columns: { name: string; wide?: boolean }[];
  row(obj: KubeObject, now: number, wide: boolean): string[];
}

function columns(normal: string[], wide: string[] = []): TableDefinition['columns'] {
  return [...normal.map((name) => ({ name })), ...wide.map((name) => ({ name, wide: true }))];
}

function n(value: unknown): string {
  return String(typeof value === 'number' ? value : 0);
}

function name(obj: KubeObject): string {
  return obj.metadata.name ?? '';
}

function conditionTrue(obj: KubeObject, type: string): boolean {
  return (obj.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === type && c.status === 'True');
}

function nodeStatus(node: KubeObject): string {
  const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  const states = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) states.push('SchedulingDisabled');
  return states.join(',');
}

export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) roles.add(value);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function nodeAddress(node: KubeObject, type: string): string {
  return (node.status?.addresses ?? []).find((a: { type: string }) => a.type === type)?.address ?? '<none>';
}

function servicePorts(svc: KubeObject): string {
  const ports: { port: number; protocol?: string; nodePort?: number }[] = svc.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function serviceExternalIP(svc: KubeObject, wide: boolean): string {
  const spec = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress: { ip?: string; hostname?: string }[] = svc.status?.loadBalancer?.ingress ?? [];
      let balancers = ingress.map((i) => i.ip || i.hostname || '').filter((x) => x).join(',');
      // Without -o wide kubectl clips the load balancer addresses to 16 characters.
      if (!wide && balancers.length > 16) balancers = balancers.slice(0, 13) + '...';
      if (externalIPs.length > 0) return [...(balancers ? balancers.split(',') : []), ...externalIPs].join(',');
      return balancers || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

/** At most three ready `ip:port` entries, then ` + N more...`. */
export function formatEndpoints(ep: KubeObject): string {
  const subsets: { addresses?: { ip: string }[]; ports?: { port: number }[] }[] = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    const targets = ports.length === 0 ? [undefined] : ports.map((p) => p.port);
    for (const port of targets) {
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === 3) {
          more = true;
          break;
        }
        list.push(port === undefined ? address.ip : `${address.ip}:${port}`);
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - 3} more...` : text;
}

function firstThree(items: string[], empty: string): string {
  if (items.length === 0) return empty;
  if (items.length <= 3) return items.join(',');
  return `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`;
}

function jobStatus(job: KubeObject): string {
  if (conditionTrue(job, 'Complete')) return 'Complete';
  if (conditionTrue(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (conditionTrue(job, 'Suspended')) return 'Suspended';
  if (conditionTrue(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(job: KubeObject): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  const parallelism = job.spec?.parallelism;
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  if (typeof parallelism === 'number' && parallelism > 1) return `${succeeded}/1 of ${parallelism}`;
  return `${succeeded}/1`;
}

function jobDuration(job: KubeObject, now: number): string {
  const start = parseRfc3339(job.status?.startTime);
  if (start === undefined) return '';
  const completion = parseRfc3339(job.status?.completionTime);
  return humanDuration((completion ?? now) - start);
}

function withWorkload(cells: string[], podSpec: unknown, selector: unknown, wide: boolean): string[] {
  if (!wide) return cells;
  const [names, images] = containerNamesAndImages(podSpec as { containers?: { name: string; image?: string }[] });
  return [...cells, names, images, formatLabelSelector(selector as never)];
}

const workloadWide = ['Containers', 'Images', 'Selector'];

function eventSource(event: KubeObject): string {
  const component = event.source?.component || event.reportingComponent || '';
  const host = event.source?.host || event.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

function eventTimes(event: KubeObject, now: number): [string, string, number] {
  let first = timestampSince(event.firstTimestamp, now);
  if (!event.firstTimestamp) first = timestampSince(event.eventTime, now);
  let last = event.lastTimestamp ? timestampSince(event.lastTimestamp, now) : first;
  let count: number = event.count || 1;
  if (event.series) {
    last = timestampSince(event.series.lastObservedTime, now);
    count = event.series.count;
  }
  return [last, first, count];
}

export function eventObject(event: KubeObject): string {
  const kind = String(event.involvedObject?.kind ?? '').toLowerCase();
  return event.involvedObject?.name ? `${kind}/${event.involvedObject.name}` : kind;
}

/** The server's default columns, for kinds without their own. */
const defaultTable: TableDefinition = {
  columns: columns(['Name', 'Age']),
  row: (obj, now) => [name(obj), age(obj, now)],
};

/** One table per served kind: a kind added to the registry needs its entry here. */
const tables: Record<ServedKind, TableDefinition> = {
  Pod: {
    columns: columns(['Name', 'Ready', 'Status', 'Restarts', 'Age'], ['IP', 'Node', 'Nominated Node', 'Readiness Gates']),
    row: podRow,
  },
  Node: {
    columns: columns(['Name', 'Status', 'Roles', 'Age', 'Version'], ['Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']),
    row: (node, now, wide) => {
      const info = node.status?.nodeInfo ?? {};
      const cells = [name(node), nodeStatus(node), nodeRoles(node), age(node, now), info.kubeletVersion ?? ''];
      if (!wide) return cells;
      return [...cells, nodeAddress(node, 'InternalIP'), nodeAddress(node, 'ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>'];
    },
  },
  Namespace: {
    columns: columns(['Name', 'Status', 'Age']),
    row: (ns, now) => [name(ns), ns.status?.phase ?? '', age(ns, now)],
  },
  Event: {
    columns: [
      { name: 'Last Seen' }, { name: 'Type' }, { name: 'Reason' }, { name: 'Object' },
      { name: 'Subobject', wide: true }, { name: 'Source', wide: true }, { name: 'Message' },
      { name: 'First Seen', wide: true }, { name: 'Count', wide: true }, { name: 'Name', wide: true },
    ],
    row: (event, now, wide) => {
      const [last, first, count] = eventTimes(event, now);
      const message = String(event.message ?? '').trim();
      if (!wide) return [last, event.type ?? '', event.reason ?? '', eventObject(event), message];
      return [last, event.type ?? '', event.reason ?? '', eventObject(event), event.involvedObject?.fieldPath ?? '', eventSource(event), message, first, String(count), name(event)];
    },
  },
  Service: {
    columns: columns(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'], ['Selector']),
    row: (svc, now, wide) => {
      const cells = [name(svc), svc.spec?.type ?? 'ClusterIP', svc.spec?.clusterIP || '<none>', serviceExternalIP(svc, wide), servicePorts(svc), age(svc, now)];
      return wide ? [...cells, formatLabels(svc.spec?.selector)] : cells;
    },
  },
  Endpoints: {
    columns: columns(['Name', 'Endpoints', 'Age']),
    row: (ep, now) => [name(ep), formatEndpoints(ep), age(ep, now)],
  },
  EndpointSlice: {
    columns: columns(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']),
    row: (slice, now) => {
      const ports: { port?: number; name?: string }[] = slice.ports ?? [];
      const endpoints: { addresses?: string[] }[] = slice.endpoints ?? [];
      const addresses = endpoints.flatMap((e) => e.addresses ?? []);
      const portText = firstThree(ports.map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? '*')), '<unset>');
      return [name(slice), slice.addressType ?? '', portText, endpoints.length === 0 ? '<unset>' : firstThree(addresses, '<unset>'), age(slice, now)];
    },
  },
  ConfigMap: {
    columns: columns(['Name', 'Data', 'Age']),
    row: (cm, now) => [name(cm), String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), age(cm, now)],
  },
  Secret: {
    columns: columns(['Name', 'Type', 'Data', 'Age']),
    row: (secret, now) => [name(secret), secret.type ?? 'Opaque', String(Object.keys(secret.data ?? {}).length), age(secret, now)],
  },
  ServiceAccount: {
    columns: columns(['Name', 'Secrets', 'Age']),
    row: (sa, now) => [name(sa), String((sa.secrets ?? []).length), age(sa, now)],
  },
  ReplicationController: {
    columns: columns(['Name', 'Desired', 'Current', 'Ready', 'Age'], workloadWide),
    row: (rc, now, wide) =>
      withWorkload([name(rc), n(rc.spec?.replicas), n(rc.status?.replicas), n(rc.status?.readyReplicas), age(rc, now)], rc.spec?.template?.spec, rc.spec?.selector ? { matchLabels: rc.spec.selector } : undefined, wide),
  },
  ReplicaSet: {
    columns: columns(['Name', 'Desired', 'Current', 'Ready', 'Age'], workloadWide),
    row: (rs, now, wide) => withWorkload([name(rs), n(rs.spec?.replicas), n(rs.status?.replicas), n(rs.status?.readyReplicas), age(rs, now)], rs.spec?.template?.spec, rs.spec?.selector, wide),
  },
  Deployment: {
    columns: columns(['Name', 'Ready', 'Up-to-date', 'Available', 'Age'], workloadWide),
    row: (d, now, wide) =>
      withWorkload([name(d), `${n(d.status?.readyReplicas)}/${n(d.spec?.replicas)}`, n(d.status?.updatedReplicas), n(d.status?.availableReplicas), age(d, now)], d.spec?.template?.spec, d.spec?.selector, wide),
  },
  DaemonSet: {
    columns: columns(['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age'], workloadWide),
    row: (ds, now, wide) => {
      const s = ds.status ?? {};
      const cells = [name(ds), n(s.desiredNumberScheduled), n(s.currentNumberScheduled), n(s.numberReady), n(s.updatedNumberScheduled), n(s.numberAvailable), formatLabels(ds.spec?.template?.spec?.nodeSelector), age(ds, now)];
      return withWorkload(cells, ds.spec?.template?.spec, ds.spec?.selector, wide);
    },
  },
  Job: {
    columns: columns(['Name', 'Status', 'Completions', 'Duration', 'Age'], workloadWide),
    row: (job, now, wide) => withWorkload([name(job), jobStatus(job), jobCompletions(job), jobDuration(job, now), age(job, now)], job.spec?.template?.spec, job.spec?.selector, wide),
  },
  CronJob: {
    columns: columns(['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age'], workloadWide),
    row: (cj, now, wide) => {
      const suspend = cj.spec?.suspend;
      const last = cj.status?.lastScheduleTime ? timestampSince(cj.status.lastScheduleTime, now) : '<none>';
      const cells = [name(cj), cj.spec?.schedule ?? '', cj.spec?.timeZone || '<none>', suspend === undefined ? '<unset>' : suspend ? 'True' : 'False', String((cj.status?.active ?? []).length), last, age(cj, now)];
      return withWorkload(cells, cj.spec?.jobTemplate?.spec?.template?.spec, cj.spec?.jobTemplate?.spec?.selector, wide);
    },
  },
  ControllerRevision: {
    columns: columns(['Name', 'Controller', 'Revision', 'Age']),
    row: (cr, now) => {
      const owner = (cr.metadata.ownerReferences ?? []).find((o) => o.controller);
      let controller = '<none>';
      if (owner) {
        const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
        controller = `${owner.kind.toLowerCase()}${group ? '.' + group : ''}/${owner.name}`;
      }
      return [name(cr), controller, String(cr.revision ?? 0), age(cr, now)];
    },
  },
  Lease: {
    columns: columns(['Name', 'Holder', 'Age']),
    row: (lease, now) => [name(lease), lease.spec?.holderIdentity ?? '', age(lease, now)],
  },
  LimitRange: {
    columns: columns(['Name', 'Created At']),
    row: (range, now) => [name(range), range.metadata.creationTimestamp ?? ''],
  },
  ResourceQuota: {
    columns: columns(['Name', 'Age', 'Request', 'Limit']),
    row: (quota, now) => {
      const hard: Record<string, string> = quota.status?.hard ?? {};
      const used: Record<string, string> = quota.status?.used ?? {};
      const request: string[] = [];
      const limit: string[] = [];
      for (const resource of Object.keys(hard).sort()) {
        (resource.startsWith('limits.') ? limit : request).push(`${resource}: ${used[resource] ?? '0'}/${hard[resource]}`);
      }
      return [name(quota), age(quota, now), request.join(', '), limit.join(', ')];
    },
  },
  HorizontalPodAutoscaler: horizontalPodAutoscalerTable,
  StatefulSet: storageTables.StatefulSet,
  PersistentVolume: storageTables.PersistentVolume,
  PersistentVolumeClaim: storageTables.PersistentVolumeClaim,
  StorageClass: storageTables.StorageClass,
  PriorityClass: priorityClassTable,
  PodDisruptionBudget: podDisruptionBudgetTable,
  Binding: defaultTable,
  NodeMetrics: defaultTable,
  PodMetrics: defaultTable,
};

export function tableFor(kind: string): TableDefinition {
  return tables[kind as ServedKind] ?? defaultTable;
}
