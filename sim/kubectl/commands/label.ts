// `kubectl label` and `kubectl annotate`: `key=value` to set, `key-` to remove.

import { allowMissingTemplateKeysFlag, dryRunFlag, dryRunMode, dryRunSuffix, kustomizeFlag, objectRef, outputFlag, printResult, recursiveFlag, refusing, selectorFlag, showManagedFieldsFlag, templateFlag, typeOf } from './common';
import type { KubeObject } from '../../api/types';
import { flag, type CommandDef, type Invocation } from '../command';
import { plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { readManifests } from '../manifests';

function makeCommand(field: 'labels' | 'annotations'): (inv: Invocation) => number {
  const verb = field === 'labels' ? 'labeled' : 'annotated';
  const noun = field === 'labels' ? 'label' : 'annotation';
  return (inv) => {
    const filenames = inv.flags.list('filename');
    // With -f every argument is a change.
    const { resources, changes } = filenames.length > 0 ? { resources: [], changes: inv.args } : splitResourcesAndPairs(inv.args, noun);
    if (resources.length === 0 && filenames.length === 0) throw plainError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
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
    for (const { object } of filenames.length > 0 ? readManifests(inv, filenames) : []) {
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
  long: `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`,
  examples: `# Update pod 'foo' with the label 'unhealthy' and the value 'true'
kubectl label pods foo unhealthy=true

# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
kubectl label --overwrite pods foo status=unhealthy

# Update all pods in the namespace
kubectl label pods --all status=unhealthy

# Update a pod identified by the type and name in "pod.json"
kubectl label -f pod.json status=unhealthy

# Update pod 'foo' only if the resource is unchanged from version 1
kubectl label pods foo status=unhealthy --resource-version=1

# Update pod 'foo' by removing a label named 'bar' if it exists
# Does not require the --overwrite flag
kubectl label pods foo bar-`,
  use: 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [
    flag('all', 'bool', 'Select all resources, in the namespace of the specified resource types'),
    flag('all-namespaces', 'bool', 'If true, check the specified action in all namespaces.', { shorthand: 'A' }),
    // go-template output honours it; the lab's jsonpath printer always skips missing keys.
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-label' }),
    flag('field-selector', 'string', 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.'),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files identifying the resource to update the labels', { shorthand: 'f' }),
    kustomizeFlag,
    flag('list', 'bool', 'If true, display the labels for a given resource.'),
    flag('local', 'bool', 'If true, label will NOT contact api-server but run locally.'),
    outputFlag,
    flag('overwrite', 'bool', 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.'),
    recursiveFlag,
    flag('resource-version', 'string', 'If non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.'),
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
    showManagedFieldsFlag,
    templateFlag,
  ],
  run: refusing(['kustomize', 'local', 'recursive', 'resource-version'], makeCommand('labels')),
};

export const annotateCommand: CommandDef = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  long: `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# Update pod 'foo' with the annotation 'description' and the value 'my frontend'
# If the same annotation is set multiple times, only the last value will be applied
kubectl annotate pods foo description='my frontend'

# Update a pod identified by type and name in "pod.json"
kubectl annotate -f pod.json description='my frontend'

# Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
kubectl annotate --overwrite pods foo description='my frontend running nginx'

# Update all pods in the namespace
kubectl annotate pods --all description='my frontend running nginx'

# Update pod 'foo' only if the resource is unchanged from version 1
kubectl annotate pods foo description='my frontend running nginx' --resource-version=1

# Update pod 'foo' by removing an annotation named 'description' if it exists
# Does not require the --overwrite flag
kubectl annotate pods foo description-`,
  use: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [
    flag('all', 'bool', 'Select all resources, in the namespace of the specified resource types.'),
    flag('all-namespaces', 'bool', 'If true, check the specified action in all namespaces.', { shorthand: 'A' }),
    // go-template output honours it; the lab's jsonpath printer always skips missing keys.
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-annotate' }),
    flag('field-selector', 'string', 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.'),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files identifying the resource to update the annotation', { shorthand: 'f' }),
    kustomizeFlag,
    flag('list', 'bool', 'If true, display the annotations for a given resource.'),
    flag('local', 'bool', 'If true, annotation will NOT contact api-server but run locally.'),
    outputFlag,
    flag('overwrite', 'bool', 'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.'),
    recursiveFlag,
    flag('resource-version', 'string', 'If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.'),
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
    showManagedFieldsFlag,
    templateFlag,
  ],
  run: refusing(['kustomize', 'local', 'recursive', 'resource-version'], makeCommand('annotations')),
};
