// `kubectl describe TYPE [NAME_PREFIX]`, `TYPE/NAME`, `-l`.

import type { KubeObject } from '../../api/types';
import { notFound } from '../../api/errors';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError } from '../errors';
import { describeObject } from '../output';
import { parseResourceArgs } from '../resource-args';
import { selectorFlag } from './common';

function describe(inv: Invocation): number {
  if (inv.args.length === 0) {
    throw new KubectlError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const allNamespaces = inv.flags.bool('all-namespaces');
  const texts: string[] = [];
  for (const request of parseResourceArgs(inv.args)) {
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
  long: 'Show details of a specific resource or group of resources.\n\n Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector.',
  examples: `# Describe a node
kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

# Describe a pod
kubectl describe pods/nginx

# Describe pods by label name=myLabel
kubectl describe pods -l name=myLabel`,
  use: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    selectorFlag,
    flag('all-namespaces', 'bool', 'If present, list the requested object(s) across all namespaces.', { shorthand: 'A' }),
    flag('show-events', 'bool', 'If true, display events related to the described object.', { defaultValue: 'true' }),
  ],
  run: describe,
};
