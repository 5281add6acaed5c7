// `kubectl cordon|uncordon|drain NODE`.

import type { Program } from '../../process';
import { flag, type CommandDef, type Invocation } from '../command';
import { usageError } from '../errors';
import { requestTimeoutMs } from './streaming';

function setUnschedulable(inv: Invocation, unschedulable: boolean): string {
  if (inv.args.length === 0) throw usageError(inv.commandPath, 'USAGE: ' + (unschedulable ? 'cordon' : 'uncordon') + ' NODE [flags]');
  const name = inv.args[0];
  const node = inv.deps.api.get('Node', undefined, name);
  const already = !!node.spec?.unschedulable === unschedulable;
  if (!already) {
    node.spec = { ...(node.spec ?? {}), unschedulable: unschedulable || undefined };
    if (!unschedulable) delete node.spec.unschedulable;
    inv.deps.api.update(node);
  }
  const word = unschedulable ? 'cordoned' : 'uncordoned';
  return `node/${name} ${already ? `already ${word}` : word}`;
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
  examples: '# Mark node "foo" as unschedulable\nkubectl cordon foo',
  use: 'cordon NODE [options]',
  run: (inv) => (inv.out(`${setUnschedulable(inv, true)}\n`), 0),
};

export const uncordonCommand: CommandDef = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  examples: '# Mark node "foo" as schedulable\nkubectl uncordon foo',
  use: 'uncordon NODE [options]',
  run: (inv) => (inv.out(`${setUnschedulable(inv, false)}\n`), 0),
};

export const drainCommand: CommandDef = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  long: 'Drain node in preparation for maintenance.\n\n The given node will be marked unschedulable to prevent new pods from arriving. Then drain deletes all pods except mirror pods and DaemonSet-managed pods.',
  examples: '# Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it\nkubectl drain foo --force',
  use: 'drain NODE [options]',
  flags: [
    flag('ignore-daemonsets', 'bool', 'Ignore DaemonSet-managed pods.'),
    flag('force', 'bool', 'Continue even if there are pods that do not declare a controller.'),
    flag('delete-emptydir-data', 'bool', 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).'),
    flag('timeout', 'duration', 'The length of time to wait before giving up, zero means infinite'),
    flag('grace-period', 'int', 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.', { defaultValue: '-1' }),
  ],
  run: drain,
};
