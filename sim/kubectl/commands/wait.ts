// `kubectl wait --for=condition=Ready|--for=delete|--for=jsonpath='{...}'=value`, in virtual time.

import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { Program } from '../../process';
import { compileJsonPath, JsonPathError } from '../printers/jsonpath';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { selectorFlag } from './common';

type Check = (obj: KubeObject | undefined) => boolean;

function parseFor(text: string): Check {
  if (text === 'delete') return (obj) => obj === undefined;
  if (text.startsWith('condition=')) {
    const body = text.slice('condition='.length);
    const eq = body.indexOf('=');
    const type = (eq >= 0 ? body.slice(0, eq) : body).toLowerCase();
    const wanted = (eq >= 0 ? body.slice(eq + 1) : 'true').toLowerCase();
    return (obj) =>
      !!obj && (obj.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type.toLowerCase() === type && c.status.toLowerCase() === wanted);
  }
  if (text.startsWith('jsonpath=')) {
    const body = text.slice('jsonpath='.length);
    const close = body.lastIndexOf('}');
    const path = body.slice(0, close + 1);
    const rest = body.slice(close + 1);
    const wanted = rest.startsWith('=') ? rest.slice(1) : undefined;
    let compiled;
    try {
      compiled = compileJsonPath(path);
    } catch (error) {
      if (error instanceof JsonPathError) throw plainError(`unrecognized condition: "${text}"`);
      throw error;
    }
    return (obj) => {
      if (!obj) return false;
      const values = compiled.results(obj).flat();
      if (wanted === undefined) return values.length > 0 && values.some((v) => v !== null && v !== undefined);
      return values.some((v) => String(v) === wanted);
    };
  }
  throw plainError(`unrecognized condition: "${text}"`);
}

function* wait(inv: Invocation): Program {
  const forText = inv.flags.string('for');
  const check = parseFor(forText);
  if (inv.args.length === 0) throw new KubectlError(noResourcesSpecified);
  const targets: { type: ResourceType; name: string }[] = [];
  for (const request of parseResourceArgs(inv.args)) {
    const namespace = request.type.namespaced ? inv.namespace : undefined;
    if (request.names.length) {
      for (const name of request.names) targets.push({ type: request.type, name });
    } else if (inv.flags.string('selector') || inv.flags.bool('all')) {
      const objects = inv.deps.api.list(request.type.kind, namespace, { labelSelector: inv.flags.string('selector') || undefined });
      targets.push(...objects.map((o) => ({ type: request.type, name: o.metadata.name! })));
    } else {
      throw plainError('resource(s) were provided, but no name was specified');
    }
  }
  if (targets.length === 0) throw plainError('no matching resources found');
  const lookup = (t: { type: ResourceType; name: string }): KubeObject | undefined => {
    try {
      return inv.deps.api.get(t.type.kind, t.type.namespaced ? inv.namespace : undefined, t.name);
    } catch {
      return undefined;
    }
  };
  if (forText !== 'delete') {
    for (const t of targets) {
      if (!lookup(t)) throw new KubectlError(`Error from server (NotFound): ${t.type.group ? `${t.type.plural}.${t.type.group}` : t.type.plural} "${t.name}" not found`);
    }
  }
  const deadline = inv.ctx.now() + inv.flags.duration('timeout');
  const pending = [...targets];
  for (;;) {
    for (let i = 0; i < pending.length; i++) {
      const t = pending[i];
      if (check(lookup(t))) {
        inv.out(`${t.type.group ? `${t.type.singular}.${t.type.group}` : t.type.singular}/${t.name} condition met\n`);
        pending.splice(i--, 1);
      }
    }
    if (pending.length === 0) return 0;
    if (inv.ctx.now() >= deadline) {
      const t = pending[0];
      throw plainError(`timed out waiting for the condition on ${t.type.group ? `${t.type.plural}.${t.type.group}` : t.type.plural}/${t.name}`);
    }
    yield { kind: 'change', until: deadline };
  }
}

export const waitCommand: CommandDef = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: 'Experimental: Wait for a specific condition on one or many resources.\n\n The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.',
  examples: `# Wait for the pod "busybox1" to contain the status condition of type "Ready"
kubectl wait --for=condition=Ready pod/busybox1

# Wait for the pod "busybox1" to contain the status phase to be "Running"
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
kubectl delete pod/busybox1
kubectl wait --for=delete pod/busybox1 --timeout=60s`,
  use: 'wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [options]',
  flags: [
    flag('for', 'string', "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]."),
    flag('timeout', 'duration', 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.', { defaultValue: '30s' }),
    flag('all', 'bool', 'Select all resources in the namespace of the specified resource types'),
    selectorFlag,
  ],
  run: wait,
};
