// `kubectl expose (TYPE NAME | TYPE/NAME) --port=...`: a Service selecting the object's pods.

import { allowMissingTemplateKeysFlag, checkOutputFormat, dryRunFlag, dryRunMode, kustomizeFlag, outputFlag, printResult, recursiveFlag, refusing, saveConfig, saveConfigFlag, showManagedFieldsFlag, templateFlag } from './common';
import type { KubeObject } from '../../api/types';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { readManifests } from '../manifests';

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
  const filenames = inv.flags.list('filename');
  if (inv.args.length === 0 && filenames.length === 0) throw new KubectlError(noResourcesSpecified);
  checkOutputFormat(inv);
  // -f names the object to expose by its manifest.
  const args = filenames.length > 0 ? readManifests(inv, filenames).map(({ object }) => `${object.kind}/${object.metadata.name}`) : inv.args;
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

export const exposeCommand: CommandDef = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
  examples: `# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
kubectl expose rc nginx --port=80 --target-port=8000

# Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000
kubectl expose -f nginx-controller.yaml --port=80 --target-port=8000

# Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
kubectl expose pod valid-pod --port=444 --name=frontend

# Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https

# Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
kubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream

# Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
kubectl expose rs nginx --port=80 --target-port=8000

# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
kubectl expose deployment nginx --port=80 --target-port=8000`,
  use: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: [
    // go-template output honours it; the lab's jsonpath printer always skips missing keys.
    allowMissingTemplateKeysFlag,
    flag('cluster-ip', 'string', 'ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to \'None\' to create a headless service.'),
    dryRunFlag,
    flag('external-ip', 'string', 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.'),
    // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-expose' }),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files identifying the resource to expose a service', { shorthand: 'f' }),
    kustomizeFlag,
    flag('labels', 'string', 'Labels to apply to the service created by this call.', { shorthand: 'l' }),
    flag('load-balancer-ip', 'string', 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).'),
    flag('name', 'string', 'The name for the newly created object.'),
    outputFlag,
    flag('override-type', 'string', 'The method used to override the generated object: json, merge, or strategic.', { defaultValue: 'merge' }),
    flag('overrides', 'string', 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.'),
    flag('port', 'string', 'The port that the service should serve on. Copied from the resource being exposed, if unspecified'),
    flag('protocol', 'string', 'The network protocol for the service to be created. Default is \'TCP\'.'),
    recursiveFlag,
    saveConfigFlag,
    flag('selector', 'string', 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)'),
    flag('session-affinity', 'string', 'If non-empty, set the session affinity for the service to this; legal values: \'None\', \'ClientIP\''),
    // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
    showManagedFieldsFlag,
    flag('target-port', 'string', 'Name or number for the port on the container that the service should direct traffic to. Optional.'),
    templateFlag,
    flag('type', 'string', 'Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is \'ClusterIP\'.'),
  ],
  run: refusing(['kustomize', 'override-type', 'overrides', 'recursive'], expose),
};
