// `kubectl label` and `kubectl annotate`: `key=value` to set, `key-` to remove.

import { dryRunMode, dryRunSuffix, objectRef, printResult, refusing, typeOf } from './common';
import type { KubeObject } from '../../api/types';
import type { Invocation, Implementations } from '../command';
import { plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { hasFileArgs, readFileArgs } from '../manifests';

function makeCommand(field: 'labels' | 'annotations'): (inv: Invocation) => number {
  const verb = field === 'labels' ? 'labeled' : 'annotated';
  const noun = field === 'labels' ? 'label' : 'annotation';
  return (inv) => {
    const fromFiles = hasFileArgs(inv);
    // With -f or -k every argument is a change.
    const { resources, changes } = fromFiles ? { resources: [], changes: inv.args } : splitResourcesAndPairs(inv.args, noun);
    if (resources.length === 0 && !fromFiles) throw plainError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    const list = inv.flags.bool('list');
    if (changes.length === 0 && !list) throw plainError(`at least one ${noun} update is required`);
    // Null-prototype maps: `constructor` or `__proto__` is an ordinary label key.
    const set: Record<string, string> = Object.create(null);
    const removeKeys: string[] = [];
    for (const change of changes) {
      if (change.endsWith('-') && !change.includes('=')) removeKeys.push(change.slice(0, -1));
      else {
        const eq = change.indexOf('=');
        set[change.slice(0, eq)] = change.slice(eq + 1);
      }
    }
    const mode = dryRunMode(inv);
    const selector = inv.flags.string('selector');
    const fieldSelector = inv.flags.string('field-selector');
    const allNamespaces = inv.flags.bool('all-namespaces');
    const objects: KubeObject[] = [];
    for (const { object } of fromFiles ? readFileArgs(inv) : []) {
      const type = typeOf(object);
      objects.push(inv.deps.api.get(type.kind, type.namespaced ? object.metadata.namespace ?? inv.namespace : undefined, object.metadata.name!));
    }
    for (const request of parseResourceArgs(resources)) {
      const namespace = request.type.namespaced ? inv.namespace : undefined;
      if (request.names.length) objects.push(...request.names.map((n) => inv.deps.api.get(request.type.kind, namespace, n)));
      else if (selector || fieldSelector || inv.flags.bool('all')) {
        const scope = allNamespaces ? undefined : namespace;
        objects.push(...inv.deps.api.list(request.type.kind, scope, { labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined }));
      } else throw plainError('resource(s) were provided, but no name was specified');
    }
    if (list) {
      // One named object prints its pairs alone; several get a heading each, and indented pairs.
      const one = objects.length === 1 && resources.length > 0 && parseResourceArgs(resources).every((r) => r.names.length === 1);
      for (const obj of objects) {
        const indent = one ? '' : ' ';
        if (!one) inv.out(`Listing ${field} for ${obj.kind}.${typeOf(obj).version}/${obj.metadata.name}:\n`);
        for (const [key, value] of Object.entries(obj.metadata[field] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) inv.out(`${indent}${key}=${value}\n`);
      }
      return 0;
    }
    for (const obj of objects) {
      const current: Record<string, string> = Object.assign(Object.create(null), obj.metadata[field] ?? {});
      if (!inv.flags.bool('overwrite')) {
        const clashes = Object.entries(set).filter(([key, value]) => key in current && current[key] !== value && key !== 'kubernetes.io/change-cause');
        if (clashes.length && field === 'labels') {
          const [key] = clashes[0];
          throw plainError(`'${key}' already has a value (${current[key]}), and --overwrite is false`);
        }
        if (clashes.length) {
          const found = clashes.map(([key]) => `'${key}' already has a value (${current[key]})`).join('; ');
          throw plainError(`--overwrite is false but found the following declared annotation(s): ${found}`);
        }
      }
      Object.assign(current, set);
      for (const key of removeKeys) delete current[key];
      const before = JSON.stringify(obj.metadata[field] ?? {});
      const unchanged = JSON.stringify(current) === before;
      // kubectl's wording: fewer label bytes than before without --overwrite reads "unlabeled".
      let message = unchanged && field === 'labels' ? `not ${verb}` : verb;
      if (!unchanged && field === 'labels' && !inv.flags.bool('overwrite') && JSON.stringify(current).length < before.length) message = 'unlabeled';
      obj.metadata[field] = current;
      let result = obj;
      if (mode !== 'client' && !unchanged) {
        const patch = { metadata: { [field]: patchOf(set, removeKeys) } };
        result = inv.deps.api.patch(obj.kind, obj.metadata.namespace, obj.metadata.name!, patch, 'merge', { dryRun: mode === 'server' });
      }
      if (inv.flags.has('output')) printResult(inv, result, message, mode);
      else inv.out(`${objectRef(obj)} ${message}${dryRunSuffix(mode)}\n`);
    }
    return 0;
  };
}

// kubectl's GetResourcesAndPairs: from the first `k=v` or `k-` argument on, everything is a change.
function splitResourcesAndPairs(args: string[], noun: string): { resources: string[]; changes: string[] } {
  const resources: string[] = [];
  const changes: string[] = [];
  for (const arg of args) {
    const isPair = (arg.includes('=') && !arg.startsWith('=')) || (arg.endsWith('-') && arg !== '-');
    if (isPair) changes.push(arg);
    else if (changes.length) throw plainError(`all resources must be specified before ${noun} changes: ${arg}`);
    else resources.push(arg);
  }
  return { resources, changes };
}

function patchOf(set: Record<string, string>, removeKeys: string[]): Record<string, string | null> {
  const patch: Record<string, string | null> = { ...set };
  for (const key of removeKeys) patch[key] = null;
  return patch;
}

export const labelCommands: Implementations = {
  label: { run: refusing(['local', 'recursive', 'resource-version'], makeCommand('labels')) },
  annotate: { run: refusing(['local', 'recursive', 'resource-version'], makeCommand('annotations')) },
};
