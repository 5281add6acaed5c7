// `kubectl delete`: by name, TYPE/NAME, -f, -l or --all; waits until the objects are gone.

import { dryRunMode, dryRunSuffix, refusing, typeOf } from './common';
import { isApiError } from '../../api/errors';
import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { Program } from '../../process';
import type { Invocation, Implementations } from '../command';
import { formatApiError, formatApiErrorForFile, KubectlError, noResourcesSpecified, plainError } from '../errors';
import { hasFileArgs, readFileArgs, refuseResourceArgsWithFiles } from '../manifests';
import { parseResourceArgs } from '../resource-args';

const forceWarning =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  /** The manifest it was read from (`-f`): errors name it. */
  fromFile?: string;
  /** The uid of the object deleted: one made again under the same name (a StatefulSet's pod) is another object. */
  uid?: string;
}

/** kubectl's effective delete timeout when --timeout is 0 (168 h). */
const defaultDeleteTimeoutMs = 168 * 60 * 60 * 1000;

function targets(inv: Invocation): Target[] {
  refuseResourceArgsWithFiles(inv);
  if (hasFileArgs(inv)) {
    return readFileArgs(inv).map(({ object, source }) => {
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
        const removed = inv.deps.api.delete(target.type.kind, target.namespace, target.name, {
          dryRun: mode !== 'none',
          gracePeriodSeconds: grace >= 0 ? grace : undefined,
          propagationPolicy,
        });
        target.uid = removed?.metadata?.uid;
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
    const current = inv.deps.api.get(target.type.kind, target.namespace, target.name);
    return !target.uid || current.metadata.uid === target.uid;
  } catch {
    return false;
  }
}

export const deleteCommands: Implementations = {
  delete: { run: refusing(['interactive', 'raw', 'recursive'], remove) },
};
