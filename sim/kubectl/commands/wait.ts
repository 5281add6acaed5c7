// `kubectl wait --for=condition=Ready|--for=delete|--for=jsonpath='{...}'=value`, in virtual time.

import { refusing, typeOf } from './common';
import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { Program } from '../../process';
import { compileJsonPath, JsonPathError } from '../printers/jsonpath';
import type { Invocation, Implementations } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { readManifests } from '../manifests';

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
  const filenames = inv.flags.list('filename');
  if (inv.args.length === 0 && filenames.length === 0) throw new KubectlError(noResourcesSpecified);
  const targets: { type: ResourceType; namespace: string | undefined; name: string }[] = [];
  for (const { object } of filenames.length > 0 ? readManifests(inv, filenames) : []) {
    const type = typeOf(object);
    targets.push({ type, namespace: type.namespaced ? object.metadata.namespace ?? inv.namespace : undefined, name: object.metadata.name! });
  }
  const selector = inv.flags.string('selector');
  const fieldSelector = inv.flags.string('field-selector');
  for (const request of parseResourceArgs(inv.args)) {
    const namespace = request.type.namespaced ? inv.namespace : undefined;
    if (request.names.length) {
      for (const name of request.names) targets.push({ type: request.type, namespace, name });
    } else if (selector || fieldSelector || inv.flags.bool('all')) {
      const scope = inv.flags.bool('all-namespaces') ? undefined : namespace;
      const objects = inv.deps.api.list(request.type.kind, scope, { labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined });
      targets.push(...objects.map((o) => ({ type: request.type, namespace: o.metadata.namespace, name: o.metadata.name! })));
    } else {
      throw plainError('resource(s) were provided, but no name was specified');
    }
  }
  if (targets.length === 0) throw plainError('no matching resources found');
  const lookup = (t: { type: ResourceType; namespace: string | undefined; name: string }): KubeObject | undefined => {
    try {
      return inv.deps.api.get(t.type.kind, t.namespace, t.name);
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
  // --for=delete: what is already gone is not reported (kubectl finds nothing to wait for).
  const pending = forText === 'delete' ? targets.filter((t) => lookup(t)) : [...targets];
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

export const waitCommands: Implementations = {
  wait: { run: refusing(['local', 'output', 'recursive'], wait) },
};
