// Reading `-f` arguments: files, directories, `-` (stdin) and URLs, each holding one or more YAML
// or JSON documents. Of the internet, only kubernetes.io's examples are there, from the lab's copy.

import { decodeManifests } from '../api/decode';
import { resourceTypeForKind } from '../api/resources';
import { kindRecord } from '../api/kinds';
import type { KubeObject } from '../api/types';
import type { Invocation } from './command';
import { KubectlError } from './errors';
import { typeOf, workspacePath } from './commands/common';
import type { ResourceType } from '../api/resources';
import { kubernetesExample } from '../kubernetes-io/examples';
import { buildKustomization, KustomizeError, renderBuild } from './kustomize/build';
import { klogPrefix } from './klog';

export interface SourcedObject {
  object: KubeObject;
  /** As kubectl names it in messages: the path as typed, or `STDIN`. */
  source: string;
}

function decode(text: string, source: string): KubeObject[] {
  const result = decodeManifests(text, source);
  if (result.error) throw new KubectlError(`error: ${result.error}`);
  return result.objects;
}

/** Every object named by the -f flags, in order. */
export function readManifests(inv: Invocation, filenames: string[]): SourcedObject[] {
  const result: SourcedObject[] = [];
  for (const name of filenames) {
    if (/^https?:\/\//.test(name)) {
      const example = kubernetesExample(name);
      if (example !== undefined) {
        result.push(...decode(example, name).map((object) => ({ object, source: name })));
        continue;
      }
      throw new KubectlError(`error: unable to read URL "${name}", server reported 0 : the lab has no internet access; save the manifest in a file and use -f <file>`);
    }
    if (name === '-') {
      result.push(...decode(inv.ctx.io.stdin, 'STDIN').map((object) => ({ object, source: 'STDIN' })));
      continue;
    }
    const abs = workspacePath(inv, name);
    const stat = inv.ctx.fs.stat(abs);
    if (!stat) throw new KubectlError(`error: the path "${name}" does not exist`);
    if (stat.type === 'dir') {
      for (const entry of inv.ctx.fs.readdir(abs)) {
        if (!/\.(ya?ml|json)$/.test(entry)) continue;
        const child = `${abs}/${entry}`;
        if (inv.ctx.fs.stat(child)?.type !== 'file') continue;
        const source = `${name.replace(/\/$/, '')}/${entry}`;
        result.push(...decode(inv.ctx.fs.readFile(child), source).map((object) => ({ object, source })));
      }
      continue;
    }
    result.push(...decode(inv.ctx.fs.readFile(abs), name).map((object) => ({ object, source: name })));
  }
  return result;
}

/** The -k directory, or '' when none was given. */
function kustomizeDir(inv: Invocation): string {
  return inv.flags.has('kustomize') ? inv.flags.string('kustomize') : '';
}

/** Whether -f or -k names the objects to work on. */
export function hasFileArgs(inv: Invocation): boolean {
  return inv.flags.list('filename').length > 0 || kustomizeDir(inv) !== '';
}

/**
 * The YAML of a kustomization's build, with kustomize's warnings and logs written to stderr as it
 * writes them, also when it fails (KustomizeError, for the caller to frame).
 */
export function buildWithWarnings(inv: Invocation, dir: string, restricted = true): string {
  try {
    const result = buildKustomization(dir, { fs: inv.ctx.fs, cwd: inv.ctx.cwd, restricted });
    for (const warning of result.warnings) inv.err(`${warning}\n`);
    if (result.unusedVars.length > 0) inv.err(`${klogPrefix(inv.ctx.now(), 'I')} log.go:245] well-defined vars that were never replaced: ${result.unusedVars.join(',')}\n`);
    return renderBuild(result.objects);
  } catch (error) {
    if (error instanceof KustomizeError) for (const warning of error.warnings) inv.err(`${warning}\n`);
    throw error;
  }
}

/**
 * Builds a kustomization as kubectl's -k does: its failure is printed after `errorPrefix`
 * (`error: `, or nothing for get and describe), and the built objects are read as a manifest
 * named by the directory as typed.
 */
export function readKustomization(inv: Invocation, dir: string, errorPrefix = 'error: ', exitCode = 1): SourcedObject[] {
  let text: string;
  try {
    text = buildWithWarnings(inv, dir);
  } catch (error) {
    if (error instanceof KustomizeError) throw new KubectlError(`${errorPrefix}${error.message}`, exitCode);
    throw error;
  }
  return decode(text, dir).map((object) => ({ object, source: dir }));
}

/** The resource builder refuses resource arguments beside -f or -k, in words that depend on their form. */
export function refuseResourceArgsWithFiles(inv: Invocation, args = inv.args): void {
  if (!hasFileArgs(inv) || args.length === 0) return;
  if (args.some((arg) => arg.includes('/'))) throw new KubectlError('error: resource/name arguments cannot be provided when a path is specified');
  throw new KubectlError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
}

/**
 * The objects named by -f or -k (FilenameOptions): both at once are refused. `errorPrefix` and
 * `exitCode` frame a failed build as the command prints it.
 */
export function readFileArgs(inv: Invocation, errorPrefix = 'error: ', exitCode = 1): SourcedObject[] {
  const filenames = inv.flags.list('filename');
  const dir = kustomizeDir(inv);
  if (dir !== '' && filenames.length > 0) throw new KubectlError('error: only one of -f or -k can be specified', exitCode);
  if (dir !== '') return readKustomization(inv, dir, errorPrefix, exitCode);
  return readManifests(inv, filenames);
}

/** An object as kubectl's resource builder names it: by type, namespace and name. */
export interface ObjectName {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
}

/**
 * The objects -f or -k name, each in its own namespace or else the current one: what the
 * builder then gets from the server.
 */
export function namesOfFileArgs(inv: Invocation, errorPrefix = 'error: ', exitCode = 1): ObjectName[] {
  return readFileArgs(inv, errorPrefix, exitCode).map(({ object }) => {
    const type = typeOf(object);
    return { type, namespace: type.namespaced ? object.metadata.namespace ?? inv.namespace : undefined, name: object.metadata.name ?? '' };
  });
}

/**
 * kubectl's REST mapping of an object from a file: its kind must be served in the apiVersion it
 * names (`apps/v1` has no ReplicationController). Undefined when it maps; else kubectl's message.
 */
export function mappingProblem(item: SourcedObject): string | undefined {
  const { object } = item;
  const type = resourceTypeForKind(object.kind);
  const served = type ? (type.group ? `${type.group}/${type.version}` : type.version) : undefined;
  if (served === object.apiVersion || kindRecord(object.kind)?.otherVersions?.[object.apiVersion]) return undefined;
  return (
    `resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "${object.metadata?.namespace ?? ''}" from "${item.source}": ` +
    `no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`
  );
}
