// `kubectl edit TYPE NAME`. A terminal in the lab has no vi, so the object is written as YAML to
// a workspace file (`.kube-edit/pod-x.yaml`), the app opens its editor on it, and the learner
// saves and runs the printed `kubectl replace` line, which sends the change with its
// resourceVersion just as edit would.

import { allowMissingTemplateKeysFlag, kustomizeFlag, outputFlag, recursiveFlag, refusing, saveConfigFlag, showManagedFieldsFlag, templateFlag, workspacePath } from './common';
import { flag, type CommandDef, type Invocation } from '../command';
import { plainError, usageError } from '../errors';
import { toYaml } from '../output';
import { parseResourceArgs } from '../resource-args';
import { readManifests } from '../manifests';

export const editDirectory = '.kube-edit';

function edit(inv: Invocation): number {
  const filenames = inv.flags.list('filename');
  // -f names the object to edit by a saved manifest of it.
  const args = filenames.length > 0 ? readManifests(inv, filenames).map(({ object }) => `${object.kind}/${object.metadata.name}`) : inv.args;
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

export const editCommand: CommandDef = {
  name: 'edit',
  short: 'Edit a resource on the server',
  long: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
  examples: `# Edit the service named 'registry'
kubectl edit svc/registry

# Use an alternative editor
KUBE_EDITOR="nano" kubectl edit svc/registry

# Edit the job 'myjob' in JSON using the v1 API format
kubectl edit job.v1.batch/myjob -o json

# Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
kubectl edit deployment/mydeployment -o yaml --save-config

# Edit the 'status' subresource for the 'mydeployment' deployment
kubectl edit deployment mydeployment --subresource='status'`,
  use: 'edit (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [
    // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
    allowMissingTemplateKeysFlag,
    // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-edit' }),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files to use to edit the resource', { shorthand: 'f' }),
    kustomizeFlag,
    outputFlag,
    flag('output-patch', 'bool', 'Output the patch if the resource is edited.'),
    recursiveFlag,
    saveConfigFlag,
    // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
    showManagedFieldsFlag,
    flag('subresource', 'string', 'If specified, edit will operate on the subresource of the requested object. This flag is beta and may change in the future.'),
    // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
    templateFlag,
    // No effect here: the lab's server checks objects the same way whatever this says.
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
    // No effect here: the lab's editor handles line endings itself.
    flag('windows-line-endings', 'bool', 'Defaults to the line ending native to your platform.'),
  ],
  run: refusing(['kustomize', 'output-patch', 'recursive', 'save-config', 'subresource'], edit),
};
