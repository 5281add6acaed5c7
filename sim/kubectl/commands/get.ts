// `kubectl get`: tables and -o formats for types, names and selectors, and -w/--watch.

import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { Program } from '../../process';
import type { Invocation, Implementations } from '../command';
import { KubectlError, plainError } from '../errors';
import { isApiError } from '../../api/errors';
import { parseOutputFormat, printHeader, printObjects, printWatchRow, type PrintOptions } from '../output';
import { parseResourceArgs, type ResourceRequest } from '../resource-args';
import { refusing, templateOptions } from './common';
import { hasFileArgs, readFileArgs, refuseResourceArgsWithFiles } from '../manifests';
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
  let requests: ResourceRequest[];
  refuseResourceArgsWithFiles(inv);
  if (hasFileArgs(inv)) {
    requests = [];
    // get prints a failed kustomize build without kubectl's `error: `.
    for (const { object } of readFileArgs(inv, '')) {
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
  // Fail on a bad -o before touching the cluster (a template only runs on what is found).
  const checked = printOptions(inv, allNamespaces, false);
  parseOutputFormat(checked.output, checked);
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

export const getCommands: Implementations = {
  get: { run: refusing(['output-watch-events', 'raw', 'recursive', 'server-print', 'subresource'], get) },
};
