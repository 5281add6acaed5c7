// Pieces shared by many commands: dry-run, workspace files, success lines.

import type { KubeObject } from '../../api/types';
import { isApiError } from '../../api/errors';
import { qualifiedSingular, resourceTypeForKind, type ResourceType } from '../../api/resources';
import type { Invocation } from '../command';
import { KubectlError, plainError } from '../errors';
import { printObjects, type PrintOptions } from '../output';
import { klogPrefix } from '../klog';

export type DryRun = 'none' | 'client' | 'server';

export function dryRunMode(inv: Invocation): DryRun {
  const value = inv.flags.string('dry-run');
  if (value === 'none' || value === 'client' || value === 'server') return value;
  if (value === 'unchanged' || value === 'true') {
    inv.err(`${klogPrefix(inv.ctx.now(), 'W')} helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n`);
    return 'client';
  }
  if (value === 'false') return 'none';
  throw plainError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(mode: DryRun): string {
  return mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
}

export function typeOf(obj: KubeObject): ResourceType {
  const type = resourceTypeForKind(obj.kind);
  if (!type) throw plainError(`resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "" from "": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  return type;
}

/** `pod/nginx`, `deployment.apps/web`. */
export function objectRef(obj: KubeObject): string {
  return `${qualifiedSingular(typeOf(obj))}/${obj.metadata.name}`;
}

/** What the template formats read from the command line: --template, --allow-missing-template-keys and the template file. */
export function templateOptions(inv: Invocation): Pick<PrintOptions, 'template' | 'allowMissingTemplateKeys' | 'readTemplateFile'> {
  return {
    template: inv.flags.has('template') ? inv.flags.string('template') : undefined,
    allowMissingTemplateKeys: inv.flags.has('allow-missing-template-keys') ? inv.flags.bool('allow-missing-template-keys') : true,
    readTemplateFile: (path) => {
      const stat = inv.ctx.fs.stat(workspacePath(inv, path));
      if (!stat) return { error: `open ${path}: no such file or directory` };
      if (stat.type === 'dir') return { error: `read ${path}: is a directory` };
      return { text: inv.ctx.fs.readFile(workspacePath(inv, path)) };
    },
  };
}

/** Prints `pod/nginx created (dry run)`, or the object in the -o format. */
export function printResult(inv: Invocation, obj: KubeObject, verb: string, mode: DryRun): void {
  const output = inv.flags.has('output') ? inv.flags.string('output') : '';
  const templates = templateOptions(inv);
  if (output === '' && !templates.template) {
    inv.out(`${objectRef(obj)} ${verb}${dryRunSuffix(mode)}\n`);
    return;
  }
  if (output === 'json' && mode === 'client') {
    // Client-side objects are typed Go structs: fields print in struct order, not sorted.
    inv.out(JSON.stringify(obj, null, 4).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') + '\n');
    return;
  }
  inv.out(printObjects([{ type: typeOf(obj), objects: [obj] }], { output, now: inv.ctx.now(), ...templates, builtByKubectl: mode === 'client' }));
}

/**
 * Sends a generated object (or only prints it with --dry-run=client) and reports it. Most
 * `kubectl create <kind>` commands print the server's error after their own words
 * (`failedTo`: `error: failed to create deployment: deployments.apps "x" already exists`).
 */
export function createGenerated(inv: Invocation, obj: KubeObject, defaultFieldManager = 'kubectl-create', failedTo?: string): number {
  const mode = dryRunMode(inv);
  let result = obj;
  if (mode !== 'client') {
    const toSend = structuredCloneJson(obj);
    if (!toSend.metadata.namespace && typeOf(obj).namespaced) toSend.metadata.namespace = inv.namespace;
    if (inv.flags.has('save-config') && inv.flags.bool('save-config')) saveConfig(toSend);
    try {
      result = inv.deps.api.create(toSend, { dryRun: mode === 'server', fieldManager: inv.flags.has('field-manager') ? inv.flags.string('field-manager') : defaultFieldManager });
    } catch (error) {
      if (failedTo && isApiError(error)) throw plainError(`${failedTo}${error.message}`);
      throw error;
    }
  }
  printResult(inv, result, 'created', mode);
  return 0;
}

/** --save-config: records the object as sent in the last-applied annotation, for a later `kubectl apply`. */
export function saveConfig(obj: KubeObject): void {
  const { status: _status, ...config } = obj;
  const text = JSON.stringify(config) + '\n';
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'kubectl.kubernetes.io/last-applied-configuration': text };
}

export function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** An absolute path for a workspace file named on the command line. */
export function workspacePath(inv: Invocation, path: string): string {
  const joined = path.startsWith('/') ? path : `${inv.ctx.cwd.replace(/\/$/, '')}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export function baseName(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() ?? path;
}

/** Reads a workspace file, failing as kubectl does for a missing one. */
export function readWorkspaceFile(inv: Invocation, path: string, errorPrefix = ''): string {
  const abs = workspacePath(inv, path);
  const stat = inv.ctx.fs.stat(abs);
  if (!stat) throw new KubectlError(`error: ${errorPrefix}${path}: no such file or directory`);
  if (stat.type === 'dir') throw new KubectlError(`error: ${errorPrefix}${path}: is a directory`);
  return inv.ctx.fs.readFile(abs);
}

/** Exactly one NAME, as the `create <generator>` commands require. */
export function requireOneName(inv: Invocation): string {
  const names = inv.dashAt >= 0 ? inv.args.slice(0, inv.dashAt) : inv.args;
  if (names.length !== 1) throw new KubectlError(`error: exactly one NAME is required, got ${names.length}\nSee '${inv.commandPath} -h' for help and examples`);
  return names[0];
}

/** Words after `--`. */
export function argsAfterDash(inv: Invocation): string[] {
  return inv.dashAt >= 0 ? inv.args.slice(inv.dashAt) : [];
}

/** The namespace to write into generated objects: only when -n was given. */
export function enforcedNamespace(inv: Invocation): string | undefined {
  return inv.namespaceGiven ? inv.namespace : undefined;
}

/** Checks -o before anything is done, so a bad format fails early as in kubectl. */
export function checkOutputFormat(inv: Invocation, allowed: string[] = ['', 'yaml', 'json', 'name']): void {
  const output = inv.flags.string('output');
  const base = output.split('=')[0];
  if (!allowed.includes(base) && !['jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'custom-columns', 'go-template', 'go-template-file', 'template', 'templatefile'].includes(base)) {
    throw plainError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
    );
  }
}

/**
 * Wraps a command's run function so that flags real kubectl has but the lab cannot honour fail
 * with a clear message instead of being silently ignored.
 */
export function refusing<T>(names: string[], run: (inv: Invocation) => T): (inv: Invocation) => T {
  return (inv) => {
    const given = names.find((name) => inv.flags.has(name));
    if (given) throw plainError(`--${given} is not supported in this lab`);
    return run(inv);
  };
}
