// `kubectl scale --replicas=N TYPE NAME`.

import { allowMissingTemplateKeysFlag, checkOutputFormat, dryRunFlag, dryRunMode, kustomizeFlag, outputFlag, printResult, recursiveFlag, refusing, showManagedFieldsFlag, templateFlag } from './common';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { readManifests } from '../manifests';
import type { KubeObject } from '../../api/types';
import { isApiError } from '../../api/errors';

const scalable = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'];

function scale(inv: Invocation): number {
  const replicas = inv.flags.int('replicas');
  if (replicas < 0) throw plainError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const filenames = inv.flags.list('filename');
  if (inv.args.length === 0 && filenames.length === 0) throw new KubectlError(noResourcesSpecified);
  const current = inv.flags.int('current-replicas');
  checkOutputFormat(inv);
  const mode = dryRunMode(inv);
  // -f names the objects by their manifests.
  const args = filenames.length > 0 ? readManifests(inv, filenames).map(({ object }) => `${object.kind}/${object.metadata.name}`) : inv.args;
  const selector = inv.flags.string('selector');
  // kubectl scales what it found; objects it could not get only matter when it found none.
  const found: KubeObject[] = [];
  let firstError: Error | undefined;
  for (const request of parseResourceArgs(args)) {
    // Kinds without a scale subresource: the API answers 404.
    if (!scalable.includes(request.type.kind)) throw new KubectlError('Error from server (NotFound): the server could not find the requested resource');
    if (request.names.length > 0) {
      for (const name of request.names) {
        try {
          found.push(inv.deps.api.get(request.type.kind, inv.namespace, name));
        } catch (error) {
          if (!isApiError(error)) throw error;
          firstError ??= error;
        }
      }
    } else if (selector || inv.flags.bool('all')) found.push(...inv.deps.api.list(request.type.kind, inv.namespace, { labelSelector: selector || undefined }));
    else throw plainError('resource(s) were provided, but no name was specified');
  }
  if (found.length === 0 && firstError) throw plainError(`no objects passed to scale ${firstError.message}`);
  for (const obj of found) {
    const version = inv.flags.string('resource-version');
    if (version !== '' && obj.metadata.resourceVersion !== version) {
      throw plainError(`Expected resource version to be ${version}, was ${obj.metadata.resourceVersion ?? ''}`);
    }
    if (current >= 0 && (obj.spec?.replicas ?? 1) !== current) {
      throw plainError(`Expected replicas to be ${current}, was ${obj.spec?.replicas ?? 1}`);
    }
    // With --dry-run=client kubectl prints the object as it found it.
    if (mode === 'client') {
      printResult(inv, obj, 'scaled', mode);
      continue;
    }
    obj.spec = { ...(obj.spec ?? {}), replicas };
    printResult(inv, inv.deps.api.update(obj, { dryRun: mode === 'server' }), 'scaled', mode);
  }
  return 0;
}

export const scaleCommand: CommandDef = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  examples: `# Scale a replica set named 'foo' to 3
kubectl scale --replicas=3 rs/foo

# Scale a resource identified by type and name specified in "foo.yaml" to 3
kubectl scale --replicas=3 -f foo.yaml

# If the deployment named mysql's current size is 2, scale mysql to 3
kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

# Scale multiple replication controllers
kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3

# Scale stateful set named 'web' to 3
kubectl scale --replicas=3 statefulset/web`,
  use: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    flag('all', 'bool', 'Select all resources in the namespace of the specified resource types'),
    // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
    allowMissingTemplateKeysFlag,
    flag('current-replicas', 'int', 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.', { defaultValue: '-1' }),
    dryRunFlag,
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files identifying the resource to set a new size', { shorthand: 'f' }),
    kustomizeFlag,
    outputFlag,
    recursiveFlag,
    flag('replicas', 'int', 'The new desired number of replicas. Required.', { required: true }),
    flag('resource-version', 'string', 'Precondition for resource version. Requires that the current resource version match this value in order to scale.'),
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
    showManagedFieldsFlag,
    // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
    templateFlag,
    flag('timeout', 'duration', 'The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).'),
  ],
  run: refusing(['kustomize', 'recursive', 'timeout'], scale),
};
