// `kubectl get`: tables and -o formats for types, names and selectors, and -w/--watch.

import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { Program } from '../../process';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, plainError } from '../errors';
import { isApiError } from '../../api/errors';
import { printHeader, printObjects, printWatchRow, type PrintOptions } from '../output';
import { parseResourceArgs, type ResourceRequest } from '../resource-args';
import { allowMissingTemplateKeysFlag, kustomizeFlag, recursiveFlag, refusing, showManagedFieldsFlag, templateFlag, templateOptions } from './common';
import { readManifests } from '../manifests';
import { requestTimeoutMs } from './streaming';

function printOptions(inv: Invocation, allNamespaces: boolean, multiple: boolean): PrintOptions {
  return {
    output: inv.flags.string('output'),
    noHeaders: inv.flags.bool('no-headers'),
    showLabels: inv.flags.bool('show-labels'),
    labelColumns: inv.flags.list('label-columns'),
    sortBy: inv.flags.string('sort-by') || undefined,
    allNamespaces,
    showKind: multiple || inv.flags.bool('show-kind'),
    showManagedFields: inv.flags.bool('show-managed-fields'),
    ...templateOptions(inv),
    now: inv.ctx.now(),
  };
}

function fetch(inv: Invocation, request: ResourceRequest, allNamespaces: boolean): KubeObject[] {
  const namespace = request.type.namespaced && !allNamespaces ? inv.namespace : undefined;
  if (request.names.length > 0) return request.names.map((name) => inv.deps.api.get(request.type.kind, namespace, name));
  // The printers only read, so the stored objects need no copying (1,000 pods would cost ~20 ms).
  return inv.deps.api.list(request.type.kind, namespace, {
    labelSelector: inv.flags.string('selector') || undefined,
    fieldSelector: inv.flags.string('field-selector') || undefined,
    readOnly: true,
  });
}

function get(inv: Invocation): Program | number {
  const filenames = inv.flags.list('filename');
  let requests: ResourceRequest[];
  if (filenames.length) {
    requests = [];
    for (const { object } of readManifests(inv, filenames)) {
      requests.push(...parseResourceArgs([`${object.kind}/${object.metadata.name}`]));
    }
  } else {
    if (inv.args.length === 0) {
      throw new KubectlError(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
          'error: Required resource not specified.\n' +
          'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
          `See '${inv.commandPath} -h' for help and examples`,
      );
    }
    requests = parseResourceArgs(inv.args);
  }
  const allNamespaces = inv.flags.bool('all-namespaces');
  const output = inv.flags.string('output');
  // Fail on a bad -o before touching the cluster.
  printObjects([], printOptions(inv, allNamespaces, false));
  const multiple = requests.length > 1 || requests.some((r) => r.names.length > 1 && output === 'name');
  const watch = inv.flags.bool('watch') || inv.flags.bool('watch-only');

  const blocks: { type: ResourceType; objects: KubeObject[] }[] = [];
  const errors: string[] = [];
  for (const request of requests) {
    if (request.names.length > 0) {
      const objects: KubeObject[] = [];
      for (const name of request.names) {
        try {
          objects.push(inv.deps.api.get(request.type.kind, request.type.namespaced && !allNamespaces ? inv.namespace : undefined, name));
        } catch (error) {
          if (inv.flags.bool('ignore-not-found') && isApiError(error) && error.code === 404) continue;
          errors.push(formatError(error));
        }
      }
      blocks.push({ type: request.type, objects });
    } else {
      blocks.push({ type: request.type, objects: fetch(inv, request, allNamespaces) });
    }
  }
  if (!inv.flags.bool('watch-only')) {
    const nonEmpty = blocks.filter((b) => b.objects.length > 0);
    if (nonEmpty.length > 0) {
      const asList = requests.some((r) => r.names.length === 0) || requests.length > 1 || requests[0].names.length > 1;
      inv.out(printObjects(nonEmpty, { ...printOptions(inv, allNamespaces, multiple || nonEmpty.length > 1), list: asList }));
    } else if (errors.length === 0 && requests.every((r) => r.names.length === 0) && !watch) {
      // Only tables say so; yaml, json and jsonpath print an empty List, and -o name prints nothing.
      if (printsWholeList(output) || (output === '' && inv.flags.string('template'))) inv.out(printObjects(blocks, { ...printOptions(inv, allNamespaces, false), list: true }));
      else inv.err(allNamespaces ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
    }
  }
  for (const text of errors) inv.err(`${text}\n`);
  if (!watch) return errors.length ? 1 : 0;
  if (requests.length !== 1) throw plainError('you may only specify a single resource type');
  return watchChanges(inv, requests[0], allNamespaces, blocks[0]?.objects.length === 0);
}

/** Output formats that kubectl prints through its generic printer, as one List of everything found. */
function printsWholeList(output: string): boolean {
  return output === 'yaml' || output === 'json' || output === 'name' || output.startsWith('jsonpath') || output.startsWith('go-template') || output.startsWith('template');
}

function formatError(error: unknown): string {
  if (error instanceof Error && 'reason' in error) return `Error from server (${(error as { reason: string }).reason}): ${error.message}`;
  throw error;
}

/** Prints a row for every change to the watched objects until Ctrl-C or the request timeout. */
function* watchChanges(inv: Invocation, request: ResourceRequest, allNamespaces: boolean, headerPending: boolean): Program {
  const namespace = request.type.namespaced && !allNamespaces ? inv.namespace : undefined;
  const changes: KubeObject[] = [];
  const names = new Set(request.names);
  const unsubscribe = inv.deps.api.watch(request.type.kind, namespace, (event) => {
    if (names.size > 0 && !names.has(event.object.metadata.name ?? '')) return;
    changes.push(event.object);
  });
  let needHeader = headerPending || inv.flags.bool('watch-only');
  const timeout = requestTimeoutMs(inv);
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  try {
    for (;;) {
      while (changes.length > 0) {
        const obj = changes.shift()!;
        const options = printOptions(inv, allNamespaces, false);
        if (needHeader && !options.noHeaders) inv.out(printHeader(request.type, options));
        needHeader = false;
        inv.out(printWatchRow(request.type, obj, options));
      }
      if (deadline !== undefined && inv.ctx.now() >= deadline) return 0;
      yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
    }
  } finally {
    unsubscribe();
  }
}

export const getCommand: CommandDef = {
  name: 'get',
  short: 'Display one or many resources',
  long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# List all pods in ps output format
kubectl get pods

# List all pods in ps output format with more information (such as node name)
kubectl get pods -o wide

# List a single replication controller with specified NAME in ps output format
kubectl get replicationcontroller web

# List deployments in JSON output format, in the "v1" version of the "apps" API group
kubectl get deployments.v1.apps -o json

# List a single pod in JSON output format
kubectl get -o json pod web-pod-13je7

# List a pod identified by type and name specified in "pod.yaml" in JSON output format
kubectl get -f pod.yaml -o json

# List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
kubectl get -k dir/

# Return only the phase value of the specified pod
kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

# List resource information in custom columns
kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

# List all replication controllers and services together in ps output format
kubectl get rc,services

# List one or more resources by their type and names
kubectl get rc/web service/frontend pods/web-pod-13je7

# List the 'status' subresource for a single pod
kubectl get pod web-pod-13je7 --subresource status

# List all deployments in namespace 'backend'
kubectl get deployments.apps --namespace backend

# List all pods existing in all namespaces
kubectl get pods --all-namespaces`,
  use: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    flag('all-namespaces', 'bool', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.', { shorthand: 'A' }),
    // go-template output honours it; the lab's jsonpath printer always skips missing keys.
    allowMissingTemplateKeysFlag,
    // No effect here: the lab's server never pages lists; output is the same either way.
    flag('chunk-size', 'int', 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', { defaultValue: '500' }),
    flag('field-selector', 'string', 'Selector (field query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.'),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files identifying the resource to get from a server.', { shorthand: 'f' }),
    flag('ignore-not-found', 'bool', 'If the requested object does not exist the command will return exit code 0.'),
    kustomizeFlag,
    flag('label-columns', 'stringSlice', 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...', { shorthand: 'L' }),
    flag('no-headers', 'bool', 'When using the default or custom-column output format, don\'t print headers (default print headers).'),
    flag('output', 'string', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].', { shorthand: 'o' }),
    flag('output-watch-events', 'bool', 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.'),
    flag('raw', 'string', 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.'),
    recursiveFlag,
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    flag('server-print', 'bool', 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.', { defaultValue: 'true' }),
    flag('show-kind', 'bool', 'If present, list the resource type for the requested object(s).'),
    flag('show-labels', 'bool', 'When printing, show all labels as the last column (default hide labels column)'),
    showManagedFieldsFlag,
    flag('sort-by', 'string', 'If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. \'{.metadata.name}\'). The field in the API resource specified by this JSONPath expression must be an integer or a string.'),
    flag('subresource', 'string', 'If specified, gets the subresource of the requested object. This flag is beta and may change in the future.'),
    templateFlag,
    flag('watch', 'bool', 'After listing/getting the requested object, watch for changes.', { shorthand: 'w' }),
    flag('watch-only', 'bool', 'Watch for changes to the requested object(s), without listing/getting first.'),
  ],
  run: refusing(['kustomize', 'output-watch-events', 'raw', 'recursive', 'server-print', 'subresource'], get),
};
