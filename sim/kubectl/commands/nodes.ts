// `kubectl cordon|uncordon|drain NODE`.

import { dryRunFlag, dryRunMode, dryRunSuffix, refusing } from './common';
import type { Program } from '../../process';
import { flag, type CommandDef, type Invocation } from '../command';
import { usageError } from '../errors';
import { requestTimeoutMs } from './streaming';

/** cordon/uncordon: NODE, or every node -l selects. */
function setUnschedulableAll(inv: Invocation, unschedulable: boolean): number {
  if (!inv.flags.has('selector')) {
    inv.out(`${setUnschedulable(inv, unschedulable)}\n`);
    return 0;
  }
  const nodes = inv.deps.api.list('Node', undefined, { labelSelector: inv.flags.string('selector') });
  for (const node of nodes) inv.out(`${setUnschedulable(inv, unschedulable, node.metadata.name)}\n`);
  return 0;
}

function setUnschedulable(inv: Invocation, unschedulable: boolean, named?: string): string {
  if (named === undefined && inv.args.length === 0) throw usageError(inv.commandPath, 'USAGE: ' + (unschedulable ? 'cordon' : 'uncordon') + ' NODE [flags]');
  const name = named ?? inv.args[0];
  const node = inv.deps.api.get('Node', undefined, name);
  const already = !!node.spec?.unschedulable === unschedulable;
  // drain has no --dry-run flag of its own in the lab (it refuses one), so it always changes the node.
  const mode = inv.flags.has('dry-run') ? dryRunMode(inv) : 'none';
  if (!already && mode !== 'client') {
    node.spec = { ...(node.spec ?? {}), unschedulable: unschedulable || undefined };
    if (!unschedulable) delete node.spec.unschedulable;
    inv.deps.api.update(node, { dryRun: mode === 'server' });
  }
  const word = unschedulable ? 'cordoned' : 'uncordoned';
  return `node/${name} ${already ? `already ${word}` : word}${dryRunSuffix(mode)}`;
}

function* drain(inv: Invocation): Program {
  inv.out(`${setUnschedulable(inv, true)}\n`);
  const name = inv.args[0];
  const pods = inv.deps.api.list('Pod', undefined, { fieldSelector: `spec.nodeName=${name}` });
  const daemonPods = pods.filter((p) => (p.metadata.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet'));
  const unmanaged = pods.filter((p) => !(p.metadata.ownerReferences ?? []).some((o) => o.controller));
  const errors: string[] = [];
  if (daemonPods.length && !inv.flags.bool('ignore-daemonsets')) {
    errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemonPods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
  }
  if (unmanaged.length && !inv.flags.bool('force')) {
    errors.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
  }
  if (errors.length) {
    inv.err(`error: unable to drain node "${name}" due to error: ${errors.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${errors.map((e) => `error: ${e}`).join('\n')}\n`);
    return 1;
  }
  if (daemonPods.length) {
    inv.err(`Warning: ignoring DaemonSet-managed Pods: ${daemonPods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}\n`);
  }
  const evict = pods.filter((p) => !daemonPods.includes(p));
  for (const p of evict) inv.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
  for (const p of evict) inv.deps.api.delete('Pod', p.metadata.namespace, p.metadata.name!);
  const timeout = inv.flags.duration('timeout') || requestTimeoutMs(inv);
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  const waiting = [...evict];
  while (waiting.length) {
    for (let i = 0; i < waiting.length; i++) {
      const p = waiting[i];
      try {
        inv.deps.api.get('Pod', p.metadata.namespace, p.metadata.name!);
      } catch {
        inv.out(`pod/${p.metadata.name} evicted\n`);
        waiting.splice(i--, 1);
      }
    }
    if (!waiting.length) break;
    if (deadline !== undefined && inv.ctx.now() >= deadline) {
      inv.err(`error: timed out waiting for the condition\n`);
      return 1;
    }
    yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
  }
  inv.out(`node/${name} drained\n`);
  return 0;
}

export const cordonCommand: CommandDef = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  long: 'Mark node as unschedulable.',
  examples: `# Mark node "foo" as unschedulable
kubectl cordon foo`,
  use: 'cordon NODE [options]',
  flags: [
    dryRunFlag,
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
  ],
  run: (inv) => setUnschedulableAll(inv, true),
};

export const uncordonCommand: CommandDef = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  long: 'Mark node as schedulable.',
  examples: `# Mark node "foo" as schedulable
kubectl uncordon foo`,
  use: 'uncordon NODE [options]',
  flags: [
    dryRunFlag,
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
  ],
  run: (inv) => setUnschedulableAll(inv, false),
};

export const drainCommand: CommandDef = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  long: `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.

 'drain' waits for graceful termination. You should not operate on the machine until the command completes.

 When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.

https://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg`,
  examples: `# Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
kubectl drain foo --force

# As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
kubectl drain foo --grace-period=900`,
  use: 'drain NODE [options]',
  flags: [
    // No effect here: the lab's server never pages lists; output is the same either way.
    flag('chunk-size', 'int', 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', { defaultValue: '500' }),
    flag('delete-emptydir-data', 'bool', 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).'),
    flag('disable-eviction', 'bool', 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.'),
    dryRunFlag,
    flag('force', 'bool', 'Continue even if there are pods that do not declare a controller.'),
    flag('grace-period', 'int', 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.', { defaultValue: '-1' }),
    flag('ignore-daemonsets', 'bool', 'Ignore DaemonSet-managed pods.'),
    flag('pod-selector', 'string', 'Label selector to filter pods on the node'),
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    flag('skip-wait-for-delete-timeout', 'int', 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.'),
    flag('timeout', 'duration', 'The length of time to wait before giving up, zero means infinite'),
  ],
  run: refusing(['disable-eviction', 'dry-run', 'pod-selector', 'selector', 'skip-wait-for-delete-timeout'], drain),
};
