// `kubectl describe TYPE [NAME_PREFIX]`, `TYPE/NAME`, `-l`.

import { refusing } from './common';
import type { KubeObject } from '../../api/types';
import { notFound } from '../../api/errors';
import type { Invocation, Implementations } from '../command';
import { KubectlError } from '../errors';
import { describeObject } from '../output';
import { parseResourceArgs } from '../resource-args';
import { hasFileArgs, readFileArgs, refuseResourceArgsWithFiles } from '../manifests';

function describe(inv: Invocation): number {
  // -f names the objects its manifests describe, as TYPE/NAME arguments.
  refuseResourceArgsWithFiles(inv);
  // describe prints a failed kustomize build without kubectl's `error: `.
  const args = hasFileArgs(inv) ? readFileArgs(inv, '').map(({ object }) => `${object.kind}/${object.metadata.name}`) : inv.args;
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

export const describeCommands: Implementations = {
  describe: { run: refusing(['recursive'], describe) },
};
