// `kubectl config`: a kubeadm-like kubeconfig with one context; set-context changes the namespace.

import { configUnavailable } from './unavailable';
import { allowMissingTemplateKeysFlag, refusing, showManagedFieldsFlag, templateFlag } from './common';
import { flag, type CommandDef, type Invocation } from '../command';
import { plainError } from '../errors';
import { tabwrite, tableSettings } from '../printers/tabwriter';

const contextName = 'kubernetes-admin@kubernetes';

function currentNamespace(inv: Invocation): string {
  return inv.deps.namespace?.() ?? 'default';
}

function view(inv: Invocation): number {
  const ns = currentNamespace(inv);
  inv.out(
    [
      'apiVersion: v1',
      'clusters:',
      '- cluster:',
      '    certificate-authority-data: DATA+OMITTED',
      '    server: https://127.0.0.1:6443',
      '  name: kubernetes',
      'contexts:',
      '- context:',
      '    cluster: kubernetes',
      ...(ns !== 'default' ? [`    namespace: ${ns}`] : []),
      '    user: kubernetes-admin',
      `  name: ${contextName}`,
      `current-context: ${contextName}`,
      'kind: Config',
      'preferences: {}',
      'users:',
      '- name: kubernetes-admin',
      '  user:',
      '    client-certificate-data: DATA+OMITTED',
      '    client-key-data: DATA+OMITTED',
      '',
    ].join('\n'),
  );
  return 0;
}

function getContexts(inv: Invocation): number {
  const ns = currentNamespace(inv);
  const output = inv.flags.string('output');
  if (output !== '' && output !== 'name') {
    throw plainError(`--output ${output} is not available in kubectl config get-contexts; resetting to default output format`);
  }
  if (output === 'name') {
    inv.out(`${contextName}\n`);
    return 0;
  }
  const header = inv.flags.bool('no-headers') ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
  inv.out(tabwrite(`${header}*\t${contextName}\tkubernetes\tkubernetes-admin\t${ns === 'default' ? '' : ns}\n`, tableSettings));
  return 0;
}

function setContext(inv: Invocation): number {
  const name = inv.flags.bool('current') ? contextName : inv.args[0];
  if (!name) throw plainError('you must specify a non-empty context name or --current');
  if (name !== contextName) throw plainError(`this lab has one context, "${contextName}"`);
  if (inv.flags.has('namespace')) inv.deps.setNamespace?.(inv.flags.string('namespace'));
  inv.out(`Context "${contextName}" modified.\n`);
  return 0;
}

function useContext(inv: Invocation): number {
  if (inv.args[0] !== contextName) throw plainError(`no context exists with the name: "${inv.args[0] ?? ''}"`);
  inv.out(`Switched to context "${contextName}".\n`);
  return 0;
}

export const configCommand: CommandDef = {
  name: 'config',
  short: 'Modify kubeconfig files',
  long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.`,
  use: 'config SUBCOMMAND [options]',
  subcommands: [
    {
      name: 'current-context',
      short: 'Display the current-context',
      long: 'Display the current-context.',
      examples: `# Display the current-context
kubectl config current-context`,
      use: 'current-context [flags] [options]',
      run: (inv) => (inv.out(`${contextName}\n`), 0),
    },
    {
      name: 'get-contexts',
      short: 'Describe one or many contexts',
      long: 'Display one or many contexts from the kubeconfig file.',
      examples: `# List all the contexts in your kubeconfig file
kubectl config get-contexts

# Describe one context in your kubeconfig file
kubectl config get-contexts my-context`,
      use: 'get-contexts [(-o|--output=)name)] [options]',
      flags: [
        flag('no-headers', 'bool', 'When using the default or custom-column output format, don\'t print headers (default print headers).'),
        flag('output', 'string', 'Output format. One of: (name).', { shorthand: 'o' }),
      ],
      run: getContexts,
    },
    {
      name: 'set-context',
      short: 'Set a context entry in kubeconfig',
      long: `Set a context entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.`,
      examples: `# Set the user field on the gce context entry without touching other values
kubectl config set-context gce --user=cluster-admin`,
      use: 'set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
      flags: [
        flag('cluster', 'string', 'cluster for the context entry in kubeconfig'),
        flag('current', 'bool', 'Modify the current context'),
        flag('namespace', 'string', 'namespace for the context entry in kubeconfig'),
        flag('user', 'string', 'user for the context entry in kubeconfig'),
      ],
      run: refusing(['cluster', 'user'], setContext),
    },
    {
      name: 'use-context',
      short: 'Set the current-context in a kubeconfig file',
      long: `Set the current-context in a kubeconfig file.

Aliases:
use-context, use`,
      examples: `# Use the context for the minikube cluster
kubectl config use-context minikube`,
      use: 'use-context CONTEXT_NAME [options]',
      run: useContext,
    },
    {
      name: 'view',
      short: 'Display merged kubeconfig settings or a specified kubeconfig file',
      long: `Display merged kubeconfig settings or a specified kubeconfig file.

 You can use --output jsonpath={...} to extract specific values using a jsonpath expression.`,
      examples: `# Show merged kubeconfig settings
kubectl config view

# Show merged kubeconfig settings, raw certificate data, and exposed secrets
kubectl config view --raw

# Get the password for the e2e user
kubectl config view -o jsonpath='{.users[?(@.name == "e2e")].user.password}'`,
      use: 'view [flags] [options]',
      flags: [
        // No effect here: the lab's jsonpath printer always skips missing keys, as kubectl does by default.
        allowMissingTemplateKeysFlag,
        flag('flatten', 'bool', 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)'),
        // No effect here: the lab has a single kubeconfig file, so there is nothing to merge.
        flag('merge', 'bool', 'Merge the full hierarchy of kubeconfig files', { defaultValue: 'true' }),
        flag('minify', 'bool', 'Remove all information not used by current-context from the output'),
        flag('output', 'string', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).', { defaultValue: 'yaml', shorthand: 'o' }),
        flag('raw', 'bool', 'Display raw byte data and sensitive data'),
        // No effect here: objects in the lab carry no managedFields, so there is nothing to keep.
        showManagedFieldsFlag,
        // No effect here: only go-template output reads it, and the lab has no go-template printer (-o go-template fails).
        templateFlag,
      ],
      run: refusing(['flatten', 'output'], view),
    },
    ...configUnavailable,
  ],
};
