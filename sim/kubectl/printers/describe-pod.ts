// `kubectl describe pod` (describe.go describePod), and the container and volume blocks that
// pod templates of controllers reuse.

import type { Container, ContainerState, ContainerStatus, EnvVar, KubeObject, Probe, Volume } from '../../api/types';
import { timestampSince } from './cells';
import { DescribeWriter } from './describe-writer';
import { controllerOf, describeTime, eventsFor, writeAnnotations, writeEvents, writeLabels, writeTolerations, type DescribeContext } from './describe-common';
import { podQosClass } from './qos';

function portsText(container: Container, host: boolean): string {
  return (container.ports ?? []).map((p) => `${host ? p.hostPort ?? 0 : p.containerPort}/${p.protocol ?? 'TCP'}`).join(',');
}

function writeBasicInfo(w: DescribeWriter, container: Container, status: ContainerStatus | undefined, space: string): void {
  w.write(1, `${space ? ' ' : ''}${container.name}:\n`);
  if (status) w.line(2, 'Container ID:', status.containerID ?? '');
  w.line(2, 'Image:', container.image ?? '');
  if (status) w.line(2, 'Image ID:', status.imageID ?? '');
  const ports = portsText(container, false);
  if (ports.includes(',')) w.line(2, 'Ports:', ports);
  else w.line(2, 'Port:', ports || '<none>');
  const hostPorts = portsText(container, true);
  if (hostPorts.includes(',')) w.line(2, 'Host Ports:', hostPorts);
  else w.line(2, 'Host Port:', hostPorts || '<none>');
}

function writeCommand(w: DescribeWriter, container: Container): void {
  for (const [title, words] of [['Command', container.command], ['Args', container.args]] as const) {
    if (!words || words.length === 0) continue;
    w.write(2, `${title}:\n`);
    for (const word of words) for (const part of word.split('\n')) w.write(3, `${part}\n`);
  }
}

function writeState(w: DescribeWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.line(2, `${title}:`, 'Running');
    w.line(3, 'Started:', describeTime(state.running.startedAt));
  } else if (state?.waiting) {
    w.line(2, `${title}:`, 'Waiting');
    if (state.waiting.reason) w.line(3, 'Reason:', state.waiting.reason);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.line(2, `${title}:`, 'Terminated');
    if (t.reason) w.line(3, 'Reason:', t.reason);
    if (t.message) w.line(3, 'Message:', t.message);
    w.line(3, 'Exit Code:', t.exitCode);
    if (t.signal && t.signal > 0) w.line(3, 'Signal:', t.signal);
    w.line(3, 'Started:', describeTime(t.startedAt));
    w.line(3, 'Finished:', describeTime(t.finishedAt));
  } else {
    w.line(2, `${title}:`, 'Waiting');
  }
}

function writeResources(w: DescribeWriter, container: Container): void {
  for (const [title, values] of [['Limits', container.resources?.limits], ['Requests', container.resources?.requests]] as const) {
    const names = Object.keys(values ?? {}).sort();
    if (names.length === 0) continue;
    w.write(2, `${title}:\n`);
    for (const name of names) w.line(3, `${name}:`, values![name]);
  }
}

/** `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3` */
export function describeProbe(probe: Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const h = probe.httpGet;
    const port = String(h.port ?? '');
    const host = port ? `${h.host?.includes(':') ? `[${h.host}]` : h.host ?? ''}:${port}` : h.host ?? '';
    let path = h.path ?? '';
    if (path && !path.startsWith('/')) path = '/' + path;
    return `http-get ${(h.scheme ?? 'HTTP').toLowerCase()}://${host}${path} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeProbes(w: DescribeWriter, container: Container): void {
  if (container.livenessProbe) w.line(2, 'Liveness:', describeProbe(container.livenessProbe));
  if (container.readinessProbe) w.line(2, 'Readiness:', describeProbe(container.readinessProbe));
  if (container.startupProbe) w.line(2, 'Startup:', describeProbe(container.startupProbe));
}

/** The value a downward-API field reference resolves to in this pod. */
function fieldValue(pod: KubeObject | undefined, fieldPath: string): string {
  if (!pod) return '';
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (m) return (pod.metadata[m[1]] as Record<string, string> | undefined)?.[m[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': return pod.status?.hostIP ?? '';
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.hostIPs': return (pod.status?.hostIPs ?? []).map((i: { ip: string }) => i.ip).join(',');
    case 'status.podIPs': return (pod.status?.podIPs ?? []).map((i: { ip: string }) => i.ip).join(',');
  }
  return '';
}

function resourceFieldValue(env: EnvVar, container: Container): string {
  const ref = env.valueFrom!.resourceFieldRef!;
  const [kind, name] = ref.resource.split('.');
  const values = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const value = values?.[name];
  if (value !== undefined) return value;
  return kind === 'limits' ? 'node allocatable' : '0';
}

function writeEnvironment(w: DescribeWriter, container: Container, pod: KubeObject | undefined): void {
  if ((container.envFrom ?? []).length > 0) {
    w.write(2, 'Environment Variables from:\n');
    for (const source of container.envFrom ?? []) {
      const ref = source.configMapRef ?? source.secretRef;
      const from = source.configMapRef ? 'ConfigMap' : source.secretRef ? 'Secret' : '';
      const optional = ref?.optional === true;
      if (source.prefix) w.line(3, ref?.name ?? '', `${from} with prefix '${source.prefix}'`, `Optional: ${optional}`);
      else w.line(3, ref?.name ?? '', from, `Optional: ${optional}`);
    }
  }
  const env = container.env ?? [];
  w.write(2, env.length === 0 ? 'Environment:\t<none>\n' : 'Environment:\n');
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((part, i) => (i === 0 ? w.line(3, `${e.name}:`, part) : w.line(3, '', part)));
    } else if (from.fieldRef) {
      w.line(3, `${e.name}:`, `${fieldValue(pod, from.fieldRef.fieldPath)} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})`);
    } else if (from.resourceFieldRef) {
      w.line(3, `${e.name}:`, `${resourceFieldValue(e, container)} (${from.resourceFieldRef.resource})`);
    } else if (from.secretKeyRef) {
      w.line(3, `${e.name}:`, `<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>`, `Optional: ${from.secretKeyRef.optional === true}`);
    } else if (from.configMapKeyRef) {
      w.line(3, `${e.name}:`, `<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>`, `Optional: ${from.configMapKeyRef.optional === true}`);
    }
  }
}

function writeMounts(w: DescribeWriter, container: Container): void {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(2, mounts.length === 0 ? 'Mounts:\t<none>\n' : 'Mounts:\n');
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

/** `Containers:` / `Init Containers:` with one block per container. Without statuses (templates) no state is shown. */
export function writeContainers(w: DescribeWriter, label: string, containers: Container[], statuses: ContainerStatus[] | undefined, pod: KubeObject | undefined, space = ''): void {
  if (containers.length === 0) w.write(0, `${space}${label}:\t<none>\n`);
  else w.write(0, `${space}${label}:\n`);
  for (const container of containers) {
    const status = statuses?.find((s) => s.name === container.name);
    writeBasicInfo(w, container, status, space);
    writeCommand(w, container);
    if (status) {
      writeState(w, 'State', status.state);
      if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState);
      w.line(2, 'Ready:', status.ready ? 'True' : 'False');
      w.line(2, 'Restart Count:', status.restartCount ?? 0);
    }
    writeResources(w, container);
    writeProbes(w, container);
    writeEnvironment(w, container, pod);
    writeMounts(w, container);
  }
}

interface ProjectedSource {
  secret?: { name: string; optional?: boolean };
  configMap?: { name: string; optional?: boolean };
  downwardAPI?: unknown;
  serviceAccountToken?: { expirationSeconds?: number };
}

/** printHostPathVolumeSource: a pod's hostPath volume and a PersistentVolume's source alike. */
export function writeHostPath(w: DescribeWriter, hostPath: { path: string; type?: string }): void {
  w.line(2, 'Type:', 'HostPath (bare host directory volume)');
  w.line(2, 'Path:', hostPath.path);
  w.line(2, 'HostPathType:', hostPath.type || '<none>');
}

function writeVolume(w: DescribeWriter, volume: Volume): void {
  if (volume.hostPath) {
    writeHostPath(w, volume.hostPath);
  } else if (volume.emptyDir) {
    w.line(2, 'Type:', "EmptyDir (a temporary directory that shares a pod's lifetime)");
    w.line(2, 'Medium:', volume.emptyDir.medium ?? '');
    const size = volume.emptyDir.sizeLimit;
    w.line(2, 'SizeLimit:', size && !/^0+(\.0*)?[a-zA-Z]*$/.test(size) ? size : '<unset>');
  } else if (volume.secret) {
    w.line(2, 'Type:', 'Secret (a volume populated by a Secret)');
    w.line(2, 'SecretName:', volume.secret.secretName);
    w.line(2, 'Optional:', String(volume.secret.optional === true));
  } else if (volume.configMap) {
    w.line(2, 'Type:', 'ConfigMap (a volume populated by a ConfigMap)');
    w.line(2, 'Name:', volume.configMap.name);
    w.line(2, 'Optional:', String(volume.configMap.optional === true));
  } else if (volume.persistentVolumeClaim) {
    w.line(2, 'Type:', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
    w.line(2, 'ClaimName:', volume.persistentVolumeClaim.claimName);
    w.line(2, 'ReadOnly:', String(volume.persistentVolumeClaim.readOnly === true));
  } else if (volume.projected) {
    w.line(2, 'Type:', 'Projected (a volume that contains injected data from multiple sources)');
    for (const source of ((volume.projected as { sources?: ProjectedSource[] }).sources ?? [])) {
      if (source.secret) {
        w.line(2, 'SecretName:', source.secret.name);
        w.line(2, 'SecretOptionalName:', goBoolPointer(source.secret.optional));
      } else if (source.downwardAPI) {
        w.line(2, 'DownwardAPI:', 'true');
      } else if (source.configMap) {
        w.line(2, 'ConfigMapName:', source.configMap.name);
        w.line(2, 'ConfigMapOptional:', goBoolPointer(source.configMap.optional));
      } else if (source.serviceAccountToken) {
        w.line(2, 'TokenExpirationSeconds:', source.serviceAccountToken.expirationSeconds ?? 3600);
      }
    }
  } else if (volume.downwardAPI) {
    w.line(2, 'Type:', 'DownwardAPI (a volume populated by information about the pod)');
    w.write(2, 'Items:\n');
    const items = (volume.downwardAPI as { items?: { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { resource: string } }[] }).items ?? [];
    for (const item of items) {
      if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else {
    w.write(1, '<unknown>\n');
  }
}

/**
 * kubectl 1.32 prints a projected source's `optional` as a Go *bool: `<nil>` when unset (the
 * service account volume every pod gets); set, it would be a memory address, shown here as its value.
 */
function goBoolPointer(value: boolean | undefined): string {
  return value === undefined ? '<nil>' : String(value);
}

export function writeVolumes(w: DescribeWriter, volumes: Volume[] | undefined, space = ''): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(1, `${space ? ' ' : ''}${volume.name}:\n`);
    writeVolume(w, volume);
  }
}

export function describePod(pod: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  w.line(0, 'Name:', pod.metadata.name ?? '');
  w.line(0, 'Namespace:', pod.metadata.namespace ?? '');
  if (typeof spec.priority === 'number') w.line(0, 'Priority:', spec.priority);
  if (spec.priorityClassName) w.line(0, 'Priority Class Name:', spec.priorityClassName);
  if (spec.runtimeClassName) w.line(0, 'Runtime Class Name:', spec.runtimeClassName);
  if (spec.serviceAccountName) w.line(0, 'Service Account:', spec.serviceAccountName);
  w.line(0, 'Node:', spec.nodeName ? `${spec.nodeName}/${status.hostIP ?? ''}` : '<none>');
  if (status.startTime) w.line(0, 'Start Time:', describeTime(status.startTime));
  writeLabels(w, 'Labels', pod.metadata.labels);
  writeAnnotations(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.line(0, 'Status:', `Terminating (lasts ${timestampSince(pod.metadata.deletionTimestamp, ctx.now)})`);
    w.line(0, 'Termination Grace Period:', `${pod.metadata.deletionGracePeriodSeconds ?? 0}s`);
  } else {
    w.line(0, 'Status:', status.phase ?? '');
  }
  if (status.reason) w.line(0, 'Reason:', status.reason);
  if (status.message) w.line(0, 'Message:', status.message);
  const seccomp = spec.securityContext?.seccompProfile as { type?: string; localhostProfile?: string } | undefined;
  if (seccomp) {
    w.line(0, 'SeccompProfile:', seccomp.type ?? '');
    if (seccomp.type === 'Localhost') w.line(0, 'LocalhostProfile:', seccomp.localhostProfile ?? '');
  }
  w.line(0, 'IP:', status.podIP ?? '');
  const podIPs: { ip: string }[] = status.podIPs ?? [];
  if (podIPs.length === 0) w.line(0, 'IPs:', '<none>');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of podIPs) w.line(1, 'IP:', ip.ip);
  }
  const controller = controllerOf(pod);
  if (controller) w.line(0, 'Controlled By:', controller);
  if (status.nominatedNodeName) w.line(0, 'NominatedNodeName:', status.nominatedNodeName);
  if ((spec.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? [], pod);
  writeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses ?? [], pod);
  if ((spec.ephemeralContainers ?? []).length > 0) writeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses ?? [], pod);
  const conditions: { type: string; status: string }[] = status.conditions ?? [];
  const gates: { conditionType: string }[] = spec.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) w.write(1, `${g.conditionType} \t${conditions.find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`);
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, spec.volumes);
  w.line(0, 'QoS Class:', status.qosClass || podQosClass(pod));
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, 'Tolerations', spec.tolerations);
  writeEvents(w, eventsFor(pod, ctx), ctx.now);
  return w.toString();
}
