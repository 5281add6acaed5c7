// `kubectl edit TYPE NAME`. A terminal in the lab has no vi, so the object is written as YAML to
// a workspace file (`.kube-edit/pod-x.yaml`), the app opens its editor on it, and the learner
// saves and runs the printed `kubectl replace` line, which sends the change with its
// resourceVersion just as edit would.

import { refusing, workspacePath } from './common';
import type { Invocation, Implementations } from '../command';
import { plainError, usageError } from '../errors';
import { toYaml } from '../output';
import { parseResourceArgs } from '../resource-args';
import { hasFileArgs, readFileArgs, refuseResourceArgsWithFiles } from '../manifests';

export const editDirectory = '.kube-edit';

function edit(inv: Invocation): number {
  refuseResourceArgsWithFiles(inv);
  // -f or -k names the object to edit by a saved manifest of it.
  const args = hasFileArgs(inv) ? readFileArgs(inv).map(({ object }) => `${object.kind}/${object.metadata.name}`) : inv.args;
  if (args.length === 0) throw usageError(inv.commandPath, 'You must provide one or more resources by argument or filename.');
  const [request] = parseResourceArgs(args);
  if (request.names.length === 0) throw plainError('resource(s) were provided, but no name was specified');
  const name = request.names[0];
  const obj = inv.deps.api.get(request.type.kind, request.type.namespaced ? inv.namespace : undefined, name);
  delete obj.metadata.managedFields;
  const relative = `${editDirectory}/${request.type.singular}-${name}.yaml`;
  const absolute = workspacePath(inv, relative);
  inv.ctx.fs.mkdir(workspacePath(inv, editDirectory), { recursive: true });
  const header = [
    '# Please edit the object below. Lines beginning with a \'#\' will be ignored,',
    '# and an empty file will abort the edit. If an error occurs while saving this file will be',
    '# reopened with the relevant failures.',
    '#',
  ].join('\n');
  inv.ctx.fs.writeFile(absolute, `${header}\n${toYaml(obj as never)}`);
  inv.deps.openEditor?.(absolute);
  inv.out(`The ${request.type.singular} is in ${relative}. Edit and save it, then run:\n  kubectl replace -f ${relative}\n`);
  return 0;
}

export const editCommands: Implementations = {
  edit: { run: refusing(['output-patch', 'recursive', 'save-config', 'subresource'], edit) },
};
