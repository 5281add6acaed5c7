// `kubectl create -f FILE` and its generator subcommands.

import { createUnavailable } from './unavailable';
import { flag } from '../command';
import { allowMissingTemplateKeysFlag, dryRunFlag, kustomizeFlag, outputFlag, recursiveFlag, refusing, saveConfigFlag, showManagedFieldsFlag, templateFlag } from './common';
import type { CommandDef } from '../command';
import { createFileFlags, createFromFiles } from './apply';
import { createSubcommands } from './create-generators';

export const createCommand: CommandDef = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  long: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.`,
  examples: `# Create a pod using the data in pod.json
kubectl create -f ./pod.json

# Create a pod based on the JSON passed into stdin
cat pod.json | kubectl create -f -

# Edit the data in registry.yaml in JSON then create the resource using the edited data
kubectl create -f registry.yaml --edit -o json`,
  use: 'create -f FILENAME [options]',
  flags: [
    // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
    allowMissingTemplateKeysFlag,
    dryRunFlag,
    flag('edit', 'bool', 'Edit the API resource before creating'),
    // No effect here: the lab's server keeps no managedFields, so the manager's name is never shown.
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-create' }),
    flag('filename', 'stringSlice', 'Filename, directory, or URL to files to use to create the resource', { shorthand: 'f' }),
    kustomizeFlag,
    outputFlag,
    flag('raw', 'string', 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.'),
    recursiveFlag,
    saveConfigFlag,
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
    showManagedFieldsFlag,
    // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
    templateFlag,
    // No effect here: the lab's server checks objects the same way whatever this says.
    flag('validate', 'string', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.', { defaultValue: 'strict', noOptDefault: 'strict' }),
    // No effect here: the lab's editor handles line endings itself.
    flag('windows-line-endings', 'bool', 'Only relevant if --edit=true. Defaults to the line ending native to your platform.'),
  ],
  subcommands: [...createSubcommands, ...createUnavailable],
  run: refusing(['edit', 'kustomize', 'raw'], createFromFiles),
};
