// `kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]`: a strategic merge patch,
// a JSON merge patch or a JSON patch, sent to the server, or applied by kubectl itself with
// --local and --dry-run=client.
//
// The order of checks and the messages follow kubectl 1.32's patch command: the dry-run value,
// then --patch/--patch-file, --local, --type; then the patch text is read (YAML becomes JSON) and
// the resources are resolved. Like kubectl 1.32, the success line carries no "(dry run)" suffix:
// the command sets the printer's operation after the dry-run suffix was added, which drops it.

import { parseDocument } from 'yaml';
import { isApiError, type ApiError } from '../../api/errors';
import { decodeManifests } from '../../api/decode';
import { deepClone, deepEqual } from '../../api/object-utils';
import { applyPatch, decodePatchBody, PatchFailure, patchResource, type PatchType } from '../../api/patch';
import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { Invocation, Implementations } from '../command';
import { formatApiError, KubectlError, noResourcesSpecified, plainError } from '../errors';
import { hasFileArgs, readFileArgs, refuseResourceArgsWithFiles } from '../manifests';
import { printObjects } from '../output';
import { parseResourceArgs } from '../resource-args';
import { type DryRun, dryRunMode, objectRef, readWorkspaceFile, templateOptions, typeOf, workspacePath } from './common';

const patchTypes: PatchType[] = ['json', 'merge', 'strategic'];

const outputFormats = ['', 'yaml', 'json', 'name', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'go-template', 'go-template-file', 'template', 'templatefile'];

/** Go's %q of a string (what kubectl shows in `unable to parse "..."`). */
function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** apimachinery's yaml.ToJSON: text starting with `{` is taken as JSON; anything else is read as YAML. */
function patchToJson(text: string, shown: string): string {
  if (/^\s*\{/.test(text)) return text;
  const document = parseDocument(text, {
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
    customTags: (tags: any[]) => tags.filter((tag) => tag.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  if (document.errors.length > 0) {
    // The manifest reader already words YAML errors as go-yaml does.
    const decoded = decodeManifests(text, 'patch');
    const marker = 'error converting YAML to JSON: ';
    const at = decoded.error?.indexOf(marker) ?? -1;
    const detail = at >= 0 ? decoded.error!.slice(at + marker.length) : `yaml: ${document.errors[0].message.split('\n')[0]}`;
    throw plainError(`unable to parse ${goQuote(shown)}: ${detail}`);
  }
  const value = document.toJS({ maxAliasCount: 100 });
  return JSON.stringify(value === undefined ? null : value, (_key, item) => (item instanceof Map ? Object.fromEntries(item) : item));
}

interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  /** What kubectl's builder holds for the resource: the file's object for -f, else the server's. */
  object?: KubeObject;
}

function targets(inv: Invocation, local: boolean, subresource: string): Target[] {
  const fromFiles = hasFileArgs(inv);
  const result: Target[] = [];
  refuseResourceArgsWithFiles(inv);
  if (fromFiles) {
    for (const item of readFileArgs(inv)) {
      const obj = deepClone(item.object);
      const type = typeOf(obj);
      const own = obj.metadata.namespace;
      if (type.namespaced && own && inv.namespaceGiven && own !== inv.namespace) {
        throw plainError(
          `the namespace from the provided object "${own}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
        );
      }
      result.push({ type, namespace: type.namespaced ? own || inv.namespace : undefined, name: obj.metadata.name ?? '', object: obj });
    }
  }
  if (inv.args.length > 0) {
    for (const request of parseResourceArgs(inv.args)) {
      if (request.names.length === 0) throw plainError('resource(s) were provided, but no name was specified');
      for (const name of request.names) result.push({ type: request.type, namespace: request.type.namespaced ? inv.namespace : undefined, name });
    }
  }
  if (!fromFiles && inv.args.length === 0) throw new KubectlError(noResourcesSpecified);
  void local;
  void subresource;
  return result;
}

function refOf(obj: KubeObject, target: Target): string {
  if (obj.kind === 'Scale') return `scale.autoscaling/${obj.metadata.name}`;
  return obj.kind ? objectRef(obj) : `${target.type.plural}/${target.name}`;
}

function print(inv: Invocation, obj: KubeObject, target: Target, didPatch: boolean): void {
  const output = inv.flags.has('output') ? inv.flags.string('output') : '';
  const operation = didPatch ? 'patched' : 'patched (no change)';
  if (!outputFormats.includes(output.split('=')[0])) {
    throw plainError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
    );
  }
  if (output === '') {
    inv.out(`${refOf(obj, target)} ${operation}\n`);
    return;
  }
  if (output === 'name') {
    inv.out(`${refOf(obj, target)}\n`);
    return;
  }
  inv.out(printObjects([{ type: target.type, objects: [obj] }], { output, now: inv.ctx.now(), showManagedFields: inv.flags.bool('show-managed-fields'), ...templateOptions(inv) }));
}

function patch(inv: Invocation): number {
  const mode: DryRun = dryRunMode(inv);
  const patchText = inv.flags.string('patch');
  const patchFile = inv.flags.string('patch-file');
  const local = inv.flags.bool('local');
  if (patchText.length > 0 && patchFile.length > 0) throw plainError('cannot specify --patch and --patch-file together');
  if (patchText.length === 0 && patchFile.length === 0) throw plainError('must specify --patch or --patch-file containing the contents of the patch');
  if (local && inv.args.length > 0) throw plainError('cannot specify --local and server resources');
  if (local && mode === 'server') throw plainError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const typed = inv.flags.string('type');
  const type = typed.toLowerCase() as PatchType;
  if (typed.length > 0 && !patchTypes.includes(type)) throw plainError(`--type must be one of [json merge strategic], not ${JSON.stringify(typed)}`);
  const subresource = inv.flags.string('subresource');

  let body: string;
  if (patchFile.length > 0) {
    const abs = workspacePath(inv, patchFile);
    const stat = inv.ctx.fs.stat(abs);
    if (!stat) throw plainError(`unable to read patch file: open ${patchFile}: no such file or directory`);
    if (stat.type === 'dir') throw plainError(`unable to read patch file: read ${patchFile}: is a directory`);
    body = readWorkspaceFile(inv, patchFile);
  } else body = patchText;
  // kubectl names -p's value in the message, even when the patch came from --patch-file.
  const json = patchToJson(body, patchText);

  const list = targets(inv, local, subresource);
  if (list.length === 0) throw plainError('no objects passed to patch');
  const failures: string[] = [];
  for (const target of list) {
    try {
      if (local || mode === 'client') patchLocally(inv, target, json, type, local);
      else patchOnServer(inv, target, json, type, mode, subresource);
    } catch (error) {
      if (isApiError(error)) failures.push(formatError(error));
      else if (error instanceof KubectlError) failures.push(error.message);
      else throw error;
    }
  }
  if (failures.length > 0) throw new KubectlError(failures.join('\n'));
  return 0;
}

function formatError(error: ApiError): string {
  // Not checked against a live API server: an error the server does not classify (a strategic merge failure) has no reason.
  if (error.reason === 'InternalError') return `Error from server: ${error.message}`;
  return formatApiError(error);
}

/** --local and --dry-run=client: kubectl applies the patch itself and prints the result. */
function patchLocally(inv: Invocation, target: Target, json: string, type: PatchType, local: boolean): void {
  const base = local || target.object ? target.object! : inv.deps.api.get(target.type.kind, target.namespace, target.name);
  let patched: KubeObject;
  try {
    patched = applyPatch(base, decodePatchBody(json, type), type, base.kind) as KubeObject;
  } catch (error) {
    if (error instanceof PatchFailure) throw plainError(error.message);
    throw error;
  }
  if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) throw plainError('invalid object: the patched document is not an object');
  if (!patched.kind) throw plainError(`Object 'Kind' is missing in '${JSON.stringify(patched)}'`);
  print(inv, patched, target, !deepEqual(base, patched));
}

function patchOnServer(inv: Invocation, target: Target, json: string, type: PatchType, mode: DryRun, subresource: string): void {
  let decoded: unknown;
  try {
    decoded = decodePatchBody(json, type);
  } catch (error) {
    if (error instanceof PatchFailure) throw error.server;
    throw error;
  }
  const result = patchResource(inv.deps.api, {
    kind: target.type.kind,
    namespace: target.namespace,
    name: target.name,
    patch: decoded,
    type,
    dryRun: mode === 'server',
    subresource,
  });
  for (const warning of result.warnings) inv.err(`Warning: ${warning}\n`);
  print(inv, result.object, target, !deepEqual(target.object ?? result.before, result.object));
}

export const patchCommands: Implementations = {
  patch: { run: patch },
};
