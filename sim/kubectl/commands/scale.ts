// `kubectl scale --replicas=N TYPE NAME`.

import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { objectRef } from './common';

const scalable = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'];

function scale(inv: Invocation): number {
  const replicas = inv.flags.int('replicas');
  if (replicas < 0) throw plainError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (inv.args.length === 0) throw new KubectlError(noResourcesSpecified);
  const current = inv.flags.int('current-replicas');
  for (const request of parseResourceArgs(inv.args)) {
    // Kinds without a scale subresource: the API answers 404.
    if (!scalable.includes(request.type.kind)) throw new KubectlError('Error from server (NotFound): the server could not find the requested resource');
    if (request.names.length === 0) throw plainError('resource(s) were provided, but no name was specified');
    for (const name of request.names) {
      const obj = inv.deps.api.get(request.type.kind, inv.namespace, name);
      if (current >= 0 && (obj.spec?.replicas ?? 1) !== current) {
        throw plainError(`Expected replicas to be ${current}, was ${obj.spec?.replicas ?? 1}`);
      }
      obj.spec = { ...(obj.spec ?? {}), replicas };
      inv.deps.api.update(obj);
      inv.out(`${objectRef(obj)} scaled\n`);
    }
  }
  return 0;
}

export const scaleCommand: CommandDef = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: 'Set a new size for a deployment, replica set, replication controller, or stateful set.',
  examples: `# Scale a replica set named 'foo' to 3
kubectl scale --replicas=3 rs/foo

# If the deployment named mysql's current size is 2, scale mysql to 3
kubectl scale --current-replicas=2 --replicas=3 deployment/mysql`,
  use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    flag('replicas', 'int', 'The new desired number of replicas. Required.', { required: true }),
    flag('current-replicas', 'int', 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.', { defaultValue: '-1' }),
  ],
  run: scale,
};
