// `kubectl wait --for=condition=Ready|--for=delete|--for=jsonpath='{...}'=value`, in virtual time.

import { allowMissingTemplateKeysFlag, outputFlag, refusing, showManagedFieldsFlag, templateFlag, typeOf } from './common';
import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { Program } from '../../process';
import { compileJsonPath, JsonPathError } from '../printers/jsonpath';
import { flag, type CommandDef, type Invocation } from '../command';
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

export const waitCommand: CommandDef = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`,
  examples: `# Wait for the pod "busybox1" to contain the status condition of type "Ready"
kubectl wait --for=condition=Ready pod/busybox1

# The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
kubectl wait --for=condition=Ready=false pod/busybox1

# Wait for the pod "busybox1" to contain the status phase to be "Running"
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

# Wait for pod "busybox1" to be Ready
kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1

# Wait for the service "loadbalancer" to have ingress
kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer

# Wait for the secret "busybox1" to be created, with a timeout of 30s
kubectl create secret generic busybox1
kubectl wait --for=create secret/busybox1 --timeout=30s

# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
kubectl delete pod/busybox1
kubectl wait --for=delete pod/busybox1 --timeout=60s`,
  use: 'wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [options]',
  flags: [
    flag('all', 'bool', 'Select all resources in the namespace of the specified resource types'),
    flag('all-namespaces', 'bool', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.', { shorthand: 'A' }),
    // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
    allowMissingTemplateKeysFlag,
    flag('field-selector', 'string', 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.'),
    flag('filename', 'stringSlice', 'identifying the resource.', { shorthand: 'f' }),
    flag('for', 'string', 'The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath=\'{JSONPath expression}\'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.'),
    flag('local', 'bool', 'If true, annotation will NOT contact api-server but run locally.'),
    outputFlag,
    flag('recursive', 'bool', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.', { defaultValue: 'true', shorthand: 'R' }),
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2)', { shorthand: 'l' }),
    // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
    showManagedFieldsFlag,
    // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
    templateFlag,
    flag('timeout', 'duration', 'The length of time to wait before giving up. Zero means check once and don\'t wait, negative means wait for a week.', { defaultValue: '30s' }),
  ],
  run: refusing(['local', 'output', 'recursive'], wait),
};
