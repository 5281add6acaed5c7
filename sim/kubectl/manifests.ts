// Reading `-f` arguments: files, directories, `-` (stdin) and URLs, each holding one or more YAML
// or JSON documents. Of the internet, only kubernetes.io's examples are there, from the lab's copy.

import { decodeManifests } from '../api/decode';
import { resourceTypeForKind } from '../api/resources';
import { kindRecord } from '../api/kinds';
import type { KubeObject } from '../api/types';
import type { Invocation } from './command';
import { KubectlError } from './errors';
import { workspacePath } from './commands/common';
import { kubernetesExample } from '../kubernetes-io/examples';

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
