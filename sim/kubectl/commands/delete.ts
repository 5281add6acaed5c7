// `kubectl delete`: by name, TYPE/NAME, -f, -l or --all; waits until the objects are gone.

import { dryRunFlag, dryRunMode, dryRunSuffix, filenameFlag, outputFlag, recursiveFlag, refusing, selectorFlag, typeOf } from './common';
import { isApiError } from '../../api/errors';
import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { Program } from '../../process';
import { flag, type CommandDef, type Invocation } from '../command';
import { formatApiError, formatApiErrorForFile, KubectlError, noResourcesSpecified, plainError } from '../errors';
import { readManifests } from '../manifests';
import { parseResourceArgs } from '../resource-args';

const forceWarning =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  /** The manifest it was read from (`-f`): errors name it. */
  fromFile?: string;
}

/** kubectl's effective delete timeout when --timeout is 0 (168 h). */
const defaultDeleteTimeoutMs = 168 * 60 * 60 * 1000;

function targets(inv: Invocation): Target[] {
  const filenames = inv.flags.list('filename');
  if (filenames.length) {
    return readManifests(inv, filenames).map(({ object, source }) => {
      const type = typeOf(object);
      return { type, namespace: type.namespaced ? object.metadata.namespace || inv.namespace : undefined, name: object.metadata.name ?? '', fromFile: source };
    });
  }
  if (inv.args.length === 0) throw new KubectlError(noResourcesSpecified);
  const requests = parseResourceArgs(inv.args);
  const selector = inv.flags.string('selector');
  const all = inv.flags.bool('all');
  const result: Target[] = [];
  for (const request of requests) {
    const namespace = request.type.namespaced ? (inv.flags.bool('all-namespaces') ? undefined : inv.namespace) : undefined;
    if (request.names.length > 0) {
      if (selector || all) throw plainError('name cannot be provided when a selector is specified');
      result.push(...request.names.map((name) => ({ type: request.type, namespace, name })));
      continue;
    }
    if (!selector && !all && !inv.flags.has('field-selector')) {
      throw plainError(`resource(s) were provided, but no name was specified`);
    }
    const objects = inv.deps.api.list(request.type.kind, namespace, {
      labelSelector: selector || undefined,
      fieldSelector: inv.flags.string('field-selector') || undefined,
    });
    result.push(...objects.map((o: KubeObject) => ({ type: request.type, namespace: o.metadata.namespace, name: o.metadata.name ?? '' })));
  }
  return result;
}

function qualifiedPlural(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

function* remove(inv: Invocation): Program {
  const mode = dryRunMode(inv);
  const force = inv.flags.bool('force');
  let grace = inv.flags.int('grace-period');
  if (inv.flags.bool('now')) grace = 1;
  // kubectl turns --grace-period=0 without --force into 1, so that nothing is lost by accident.
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace > 0) throw plainError('--force and --grace-period greater than 0 cannot be specified together');
  if (force && grace === 0) inv.err(forceWarning);
  const cascade = inv.flags.string('cascade');
  const policies: Record<string, 'Background' | 'Foreground' | 'Orphan'> = { background: 'Background', true: 'Background', foreground: 'Foreground', orphan: 'Orphan', false: 'Orphan' };
  const propagationPolicy = policies[cascade];
  if (!propagationPolicy) throw plainError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);

  const list = targets(inv);
  if (list.length === 0) {
    inv.err(`No resources found\n`);
    return 0;
  }
  let failed = false;
  const deleted: Target[] = [];
  for (const target of list) {
    try {
      // A client-side dry run of objects from files asks nothing of the server.
      if (!(mode === 'client' && target.fromFile !== undefined)) {
        inv.deps.api.delete(target.type.kind, target.namespace, target.name, {
          dryRun: mode !== 'none',
          gracePeriodSeconds: grace >= 0 ? grace : undefined,
          propagationPolicy,
        });
      }
      const output = inv.flags.string('output');
      if (output === 'name') inv.out(`${target.type.group ? `${target.type.singular}.${target.type.group}` : target.type.singular}/${target.name}\n`);
      else inv.out(`${target.type.singular}${target.type.group ? `.${target.type.group}` : ''} "${target.name}" ${grace === 0 ? 'force deleted' : 'deleted'}${dryRunSuffix(mode)}\n`);
      deleted.push(target);
    } catch (error) {
      if (!isApiError(error)) throw error;
      failed = true;
      inv.err(`${target.fromFile !== undefined ? formatApiErrorForFile(error, 'deleting', target.fromFile) : formatApiError(error)}\n`);
    }
  }
  if (mode === 'none' && inv.flags.bool('wait') && deleted.length > 0) {
    // --timeout=0 lets kubectl pick one from the objects: a week, so a pod that waits out its grace period is no error.
    const timeout = inv.flags.duration('timeout') || defaultDeleteTimeoutMs;
    const deadline = inv.ctx.now() + timeout;
    for (;;) {
      const remaining = deleted.filter((t) => exists(inv, t));
      if (remaining.length === 0) break;
      if (inv.ctx.now() >= deadline) {
        for (const t of remaining) inv.err(`error: timed out waiting for the condition on ${qualifiedPlural(t.type)}/${t.name}\n`);
        return 1;
      }
      yield { kind: 'change', until: deadline };
    }
  }
  return failed ? 1 : 0;
}

function exists(inv: Invocation, target: Target): boolean {
  try {
    inv.deps.api.get(target.type.kind, target.namespace, target.name);
    return true;
  } catch {
    return false;
  }
}

export const deleteCommand: CommandDef = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.

 Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.

 After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.`,
  examples: `# Delete a pod using the type and name specified in pod.json
kubectl delete -f ./pod.json

# Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
kubectl delete -k dir

# Delete resources from all files that end with '.json'
kubectl delete -f '*.json'

# Delete a pod based on the type and name in the JSON passed into stdin
cat pod.json | kubectl delete -f -

# Delete pods and services with same names "baz" and "foo"
kubectl delete pod,service baz foo

# Delete pods and services with label name=myLabel
kubectl delete pods,services -l name=myLabel

# Delete a pod with minimal delay
kubectl delete pod foo --now

# Force delete a pod on a dead node
kubectl delete pod foo --force

# Delete all pods
kubectl delete pods --all

# Delete all pods only if the user confirms the deletion
kubectl delete pods --all --interactive`,
  use: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: [
    flag('all', 'bool', 'Delete all resources, in the namespace of the specified resource types.'),
    flag('all-namespaces', 'bool', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.', { shorthand: 'A' }),
    flag('cascade', 'string', 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.', { defaultValue: 'background', noOptDefault: 'background' }),
    dryRunFlag,
    flag('field-selector', 'string', 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.'),
    flag('filename', 'stringSlice', 'containing the resource to delete.', { shorthand: 'f' }),
    flag('force', 'bool', 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.'),
    flag('grace-period', 'int', 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).', { defaultValue: '-1' }),
    flag('ignore-not-found', 'bool', 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.'),
    flag('interactive', 'bool', 'If true, delete resource only when user confirms.', { shorthand: 'i' }),
    flag('kustomize', 'string', 'Process a kustomization directory. This flag can\'t be used together with -f or -R.', { shorthand: 'k' }),
    flag('now', 'bool', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).'),
    flag('output', 'string', 'Output mode. Use "-o name" for shorter output (resource/name).', { shorthand: 'o' }),
    flag('raw', 'string', 'Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.'),
    recursiveFlag,
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    flag('timeout', 'duration', 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object'),
    flag('wait', 'bool', 'If true, wait for resources to be gone before returning. This waits for finalizers.', { defaultValue: 'true' }),
  ],
  run: refusing(['interactive', 'kustomize', 'raw', 'recursive'], remove),
};
