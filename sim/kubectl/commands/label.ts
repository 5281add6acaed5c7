// `kubectl label` and `kubectl annotate`: `key=value` to set, `key-` to remove.

import type { KubeObject } from '../../api/types';
import { flag, type CommandDef, type Invocation } from '../command';
import { plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { dryRunFlag, dryRunMode, dryRunSuffix, objectRef, outputFlag, selectorFlag, printResult } from './common';

function makeCommand(field: 'labels' | 'annotations'): (inv: Invocation) => number {
  const verb = field === 'labels' ? 'labeled' : 'annotated';
  const noun = field === 'labels' ? 'label' : 'annotation';
  return (inv) => {
    const { resources, changes } = splitResourcesAndPairs(inv.args, noun);
    if (resources.length === 0) throw plainError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (changes.length === 0) throw plainError(`at least one ${noun} update is required`);
    const set: Record<string, string> = {};
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
    const objects: KubeObject[] = [];
    for (const request of parseResourceArgs(resources)) {
      const namespace = request.type.namespaced ? inv.namespace : undefined;
      if (request.names.length) objects.push(...request.names.map((n) => inv.deps.api.get(request.type.kind, namespace, n)));
      else if (selector || inv.flags.bool('all')) objects.push(...inv.deps.api.list(request.type.kind, namespace, { labelSelector: selector || undefined }));
      else throw plainError('resource(s) were provided, but no name was specified');
    }
    for (const obj of objects) {
      const current: Record<string, string> = { ...(obj.metadata[field] ?? {}) };
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
        result = inv.deps.api.patch(obj.kind, obj.metadata.namespace, obj.metadata.name!, { metadata: { [field]: patchOf(set, removeKeys) } }, 'merge');
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

const sharedFlags = [
  flag('overwrite', 'bool', 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.'),
  selectorFlag,
  flag('all', 'bool', 'Select all resources, in the namespace of the specified resource types'),
  dryRunFlag,
  outputFlag,
];

export const labelCommand: CommandDef = {
  name: 'label',
  short: 'Update the labels on a resource',
  long: 'Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.',
  examples: `# Update pod 'foo' with the label 'unhealthy' and the value 'true'
kubectl label pods foo unhealthy=true

# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
kubectl label --overwrite pods foo status=unhealthy

# Update pod 'foo' by removing a label named 'bar' if it exists
kubectl label pods foo bar-`,
  use: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: sharedFlags,
  run: makeCommand('labels'),
};

export const annotateCommand: CommandDef = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  long: 'Update the annotations on one or more resources.',
  examples: `# Update pod 'foo' with the annotation 'description' and the value 'my frontend'
kubectl annotate pods foo description='my frontend'

# Update pod 'foo' by removing an annotation named 'description' if it exists
kubectl annotate pods foo description-`,
  use: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: sharedFlags,
  run: makeCommand('annotations'),
};
