// `kubectl expose (TYPE NAME | TYPE/NAME) --port=...`: a Service selecting the object's pods.

import { checkOutputFormat, dryRunMode, printResult, refusing, saveConfig } from './common';
import type { KubeObject } from '../../api/types';
import type { Invocation, Implementations } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { hasFileArgs, readFileArgs, refuseResourceArgsWithFiles } from '../manifests';

/** The label selector of what is exposed: a workload's matchLabels, a pod's labels, a service's selector. */
function selectorOf(obj: KubeObject): Record<string, string> {
  switch (obj.kind) {
    case 'Pod':
      return { ...(obj.metadata.labels ?? {}) };
    case 'Service':
    case 'ReplicationController':
      return { ...(obj.spec?.selector ?? {}) };
    default: {
      const selector = obj.spec?.selector;
      if (selector?.matchExpressions?.length) throw plainError(`couldn't convert expressions - "${JSON.stringify(selector.matchExpressions)}", to map: operator "${selector.matchExpressions[0].operator}" cannot be converted into the old label selector format`);
      return { ...(selector?.matchLabels ?? {}) };
    }
  }
}

interface PortInfo {
  port: number;
  protocol: string;
}

function portsOf(obj: KubeObject): PortInfo[] {
  if (obj.kind === 'Service') return (obj.spec?.ports ?? []).map((p: { port: number; protocol?: string }) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const podSpec = obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
  const ports: PortInfo[] = [];
  for (const c of podSpec?.containers ?? []) {
    for (const p of c.ports ?? []) ports.push({ port: p.containerPort, protocol: p.protocol ?? 'TCP' });
  }
  return ports;
}

function expose(inv: Invocation): number {
  const fromFiles = hasFileArgs(inv);
  if (inv.args.length === 0 && !fromFiles) throw new KubectlError(noResourcesSpecified);
  checkOutputFormat(inv);
  refuseResourceArgsWithFiles(inv);
  // -f or -k names the object to expose by its manifest.
  const args = fromFiles ? readFileArgs(inv).map(({ object }) => `${object.kind}/${object.metadata.name}`) : inv.args;
  const requests = parseResourceArgs(args);
  const request = requests[0];
  if (!['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(request.type.kind)) {
    throw plainError(`cannot expose a ${request.type.kind}`);
  }
  if (request.names.length === 0) throw plainError('resource(s) were provided, but no name was specified');
  const source = inv.deps.api.get(request.type.kind, inv.namespace, request.names[0]);
  const selector = inv.flags.string('selector')
    ? Object.fromEntries(inv.flags.string('selector').split(',').map((kv) => kv.split('=') as [string, string]))
    : selectorOf(source);
  if (Object.keys(selector).length === 0) throw plainError(`couldn't retrieve selectors via --selector flag or introspection: the ${request.type.kind} has no labels`);

  const portText = inv.flags.string('port');
  const protocol = inv.flags.string('protocol');
  let ports: PortInfo[] = portText
    ? portText.split(',').map((p) => {
        if (!/^\d+$/.test(p)) throw plainError(`strconv.Atoi: parsing "${p}": invalid syntax`);
        return { port: Number(p), protocol: protocol || 'TCP' };
      })
    : portsOf(source);
  if (ports.length === 0) throw plainError(`couldn't find port via --port flag or introspection\nSee '${inv.commandPath} -h' for help and examples`);
  if (protocol) ports = ports.map((p) => ({ ...p, protocol }));
  const target = inv.flags.string('target-port');
  const servicePorts = ports.map((p, i) => {
    const port: Record<string, unknown> = {};
    if (ports.length > 1) port.name = `port-${i + 1}`;
    port.protocol = p.protocol;
    port.port = p.port;
    port.targetPort = target ? (/^\d+$/.test(target) ? Number(target) : target) : p.port;
    return port;
  });
  const name = inv.flags.string('name') || source.metadata.name!;
  const labelsText = inv.flags.string('labels');
  const labels = labelsText ? Object.fromEntries(labelsText.split(',').map((kv) => kv.split('=') as [string, string])) : source.metadata.labels;
  const metadata: Record<string, unknown> = { name };
  if (inv.namespaceGiven) metadata.namespace = inv.namespace;
  metadata.creationTimestamp = null;
  if (labels && Object.keys(labels).length) metadata.labels = labels;
  const spec: Record<string, unknown> = { ports: servicePorts, selector };
  if (inv.flags.string('cluster-ip')) spec.clusterIP = inv.flags.string('cluster-ip');
  if (inv.flags.string('type')) spec.type = inv.flags.string('type');
  // In the order of ServiceSpec's fields, which -o json with --dry-run=client shows.
  if (inv.flags.string('external-ip')) spec.externalIPs = [inv.flags.string('external-ip')];
  const affinity = inv.flags.string('session-affinity');
  if (affinity !== '' && affinity !== 'ClientIP' && affinity !== 'None') throw plainError(`unknown session affinity: ${affinity}`);
  if (affinity) spec.sessionAffinity = affinity;
  if (spec.type === 'LoadBalancer' && inv.flags.string('load-balancer-ip')) spec.loadBalancerIP = inv.flags.string('load-balancer-ip');
  const service = { kind: 'Service', apiVersion: 'v1', metadata, spec, status: { loadBalancer: {} } } as KubeObject;

  const mode = dryRunMode(inv);
  let result = service;
  if (mode !== 'client') {
    const toSend = JSON.parse(JSON.stringify(service)) as KubeObject;
    toSend.metadata.namespace = inv.namespace;
    if (inv.flags.bool('save-config')) saveConfig(toSend);
    result = inv.deps.api.create(toSend, { dryRun: mode === 'server', fieldManager: inv.flags.string('field-manager') });
  }
  printResult(inv, result, 'exposed', mode);
  return 0;
}

export const exposeCommands: Implementations = {
  expose: { run: refusing(['override-type', 'overrides', 'recursive'], expose) },
};
