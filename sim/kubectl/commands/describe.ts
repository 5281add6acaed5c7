// `kubectl describe TYPE [NAME_PREFIX]`, `TYPE/NAME`, `-l`.

import { kustomizeFlag, recursiveFlag, refusing, selectorFlag } from './common';
import type { KubeObject } from '../../api/types';
import { notFound } from '../../api/errors';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError } from '../errors';
import { describeObject } from '../output';
import { parseResourceArgs } from '../resource-args';
import { readManifests } from '../manifests';

function describe(inv: Invocation): number {
  // -f names the objects its manifests describe, as TYPE/NAME arguments.
  const filenames = inv.flags.list('filename');
  const args = filenames.length > 0 ? readManifests(inv, filenames).map(({ object }) => `${object.kind}/${object.metadata.name}`) : inv.args;
  if (args.length === 0) {
    throw new KubectlError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const allNamespaces = inv.flags.bool('all-namespaces');
  const texts: string[] = [];
  for (const request of parseResourceArgs(args)) {
    const namespace = request.type.namespaced && !allNamespaces ? inv.namespace : undefined;
    let objects: KubeObject[];
    if (request.names.length > 0) {
      objects = [];
      for (const name of request.names) {
        // An exact name wins; otherwise every object whose name starts with it (kubectl's prefix match).
        try {
          objects.push(inv.deps.api.get(request.type.kind, namespace, name));
        } catch {
          const matches = inv.deps.api.list(request.type.kind, namespace).filter((o) => (o.metadata.name ?? '').startsWith(name));
          if (matches.length === 0) throw notFound(request.type.plural, name, request.type.group);
          objects.push(...matches);
        }
      }
    } else {
      objects = inv.deps.api.list(request.type.kind, namespace, { labelSelector: inv.flags.string('selector') || undefined });
      if (objects.length === 0) {
        inv.err(allNamespaces ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
        continue;
      }
    }
    for (const obj of objects) texts.push(describeObject(request.type, obj, { api: inv.deps.api, now: inv.ctx.now() }));
  }
  inv.out(texts.join('\n\n'));
  return 0;
}

export const describeCommand: CommandDef = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# Describe a node
kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

# Describe a pod
kubectl describe pods/nginx

# Describe a pod identified by type and name in "pod.json"
kubectl describe -f pod.json

# Describe all pods
kubectl describe pods

# Describe pods by label name=myLabel
kubectl describe pods -l name=myLabel

# Describe all pods managed by the 'frontend' replication controller
# (rc-created pods get the name of the rc as a prefix in the pod name)
kubectl describe pods frontend`,
  use: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    flag('all-namespaces', 'bool', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.', { shorthand: 'A' }),
    // No effect here: the lab's server never pages lists; output is the same either way.
    flag('chunk-size', 'int', 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', { defaultValue: '500' }),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files containing the resource to describe', { shorthand: 'f' }),
    kustomizeFlag,
    recursiveFlag,
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    flag('show-events', 'bool', 'If true, display events related to the described object.', { defaultValue: 'true' }),
  ],
  run: refusing(['kustomize', 'recursive'], describe),
};
