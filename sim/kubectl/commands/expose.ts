// `kubectl expose (TYPE NAME | TYPE/NAME) --port=...`: a Service selecting the object's pods.

import type { KubeObject } from '../../api/types';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { checkOutputFormat, dryRunFlag, dryRunMode, filenameFlag, outputFlag, printResult } from './common';

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
  if (inv.args.length === 0 && inv.flags.list('filename').length === 0) throw new KubectlError(noResourcesSpecified);
  checkOutputFormat(inv);
  const requests = parseResourceArgs(inv.args);
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
  const service = { kind: 'Service', apiVersion: 'v1', metadata, spec, status: { loadBalancer: {} } } as KubeObject;

  const mode = dryRunMode(inv);
  let result = service;
  if (mode !== 'client') {
    const toSend = JSON.parse(JSON.stringify(service)) as KubeObject;
    toSend.metadata.namespace = inv.namespace;
    result = inv.deps.api.create(toSend, { dryRun: mode === 'server', fieldManager: 'kubectl-expose' });
  }
  printResult(inv, result, 'exposed', mode);
  return 0;
}

export const exposeCommand: CommandDef = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: 'Expose a resource as a new Kubernetes service.\n\n Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port.',
  examples: `# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
kubectl expose deployment nginx --port=80 --target-port=8000

# Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
kubectl expose pod valid-pod --port=444 --name=frontend`,
  use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: [
    flag('port', 'string', 'The port that the service should serve on. Copied from the resource being exposed, if unspecified'),
    flag('target-port', 'string', 'Name or number for the port on the container that the service should direct traffic to. Optional.'),
    flag('protocol', 'string', 'The network protocol for the service to be created. Default is \'TCP\'.'),
    flag('name', 'string', 'The name for the newly created object.'),
    flag('type', 'string', 'Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is \'ClusterIP\'.'),
    flag('selector', 'string', 'A label selector to use for this service. Only equality-based selector requirements are supported.'),
    flag('labels', 'string', 'Labels to apply to the service created by this call.', { shorthand: 'l' }),
    flag('cluster-ip', 'string', 'ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to \'None\' to create a headless service.'),
    filenameFlag,
    dryRunFlag,
    outputFlag,
  ],
  run: expose,
};
