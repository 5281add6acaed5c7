// `kubectl config`: a kubeadm-like kubeconfig, with the session's contexts (one in a lesson,
// several in an exam); use-context switches the cluster, set-context changes a namespace.

import { configUnavailable } from './unavailable';
import { allowMissingTemplateKeysFlag, refusing, showManagedFieldsFlag, templateFlag } from './common';
import { flag, renderHelp, type CommandDef, type Invocation } from '../command';
import { KubectlError, plainError } from '../errors';
import { tabwrite, tableSettings } from '../printers/tabwriter';
import { defaultContext, type KubeContext, type Kubeconfig } from '../../contexts';

/** The session's kubeconfig, or the single context of a kubectl without one (its namespace kept by kubectl). */
function kubeconfigOf(inv: Invocation): Kubeconfig {
  const given = inv.deps.kubeconfig?.();
  if (given) return given;
  const namespace = inv.deps.namespace?.() ?? 'default';
  return {
    contexts: () => [{ ...defaultContext, namespace: namespace === 'default' ? undefined : namespace }],
    currentContext: () => defaultContext.name,
    useContext: (name) => name === defaultContext.name,
    setNamespace: (_context, ns) => inv.deps.setNamespace?.(ns),
    api: (name) => (name === defaultContext.name ? inv.deps.api : undefined),
  };
}

/** kubectl keeps a kubeconfig's entries in maps: every list comes out sorted by name. */
function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function unique(names: string[]): string[] {
  return [...new Set(names)].sort();
}

function view(inv: Invocation): number {
  const kubeconfig = kubeconfigOf(inv);
  const all = kubeconfig.contexts();
  // --minify keeps the current context with its cluster and user.
  const contexts = inv.flags.bool('minify') ? all.filter((context) => context.name === kubeconfig.currentContext()) : all;
  // Each cluster's API server on a port of its own, in the order the contexts name them.
  const clusterOrder = [...new Set(all.map((context) => context.cluster))];
  const lines = ['apiVersion: v1', 'clusters:'];
  for (const cluster of unique(contexts.map((context) => context.cluster))) {
    lines.push('- cluster:', '    certificate-authority-data: DATA+OMITTED', `    server: https://127.0.0.1:${6443 + clusterOrder.indexOf(cluster)}`, `  name: ${cluster}`);
  }
  lines.push('contexts:');
  for (const context of byName(contexts)) {
    lines.push('- context:', `    cluster: ${context.cluster}`, ...(context.namespace && context.namespace !== 'default' ? [`    namespace: ${context.namespace}`] : []), `    user: ${context.user}`, `  name: ${context.name}`);
  }
  lines.push(`current-context: ${kubeconfig.currentContext()}`, 'kind: Config', 'preferences: {}', 'users:');
  for (const user of unique(contexts.map((context) => context.user))) {
    lines.push(`- name: ${user}`, '  user:', '    client-certificate-data: DATA+OMITTED', '    client-key-data: DATA+OMITTED');
  }
  inv.out(`${lines.join('\n')}\n`);
  return 0;
}

function contextRow(context: KubeContext, current: string): string {
  const namespace = context.namespace === 'default' ? '' : context.namespace ?? '';
  return `${context.name === current ? '*' : ''}\t${context.name}\t${context.cluster}\t${context.user}\t${namespace}\n`;
}

function getContexts(inv: Invocation): number {
  const kubeconfig = kubeconfigOf(inv);
  const output = inv.flags.string('output');
  if (output !== '' && output !== 'name') {
    throw plainError(`--output ${output} is not available in kubectl config get-contexts; resetting to default output format`);
  }
  const all = byName(kubeconfig.contexts());
  const chosen = inv.args.length === 0 ? all : all.filter((context) => inv.args.includes(context.name));
  const missing = inv.args.filter((name) => !all.some((context) => context.name === name));
  if (output === 'name') {
    if (chosen.length > 0) inv.out(chosen.map((context) => `${context.name}\n`).join(''));
  } else {
    const header = inv.flags.bool('no-headers') ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
    inv.out(tabwrite(header + chosen.map((context) => contextRow(context, kubeconfig.currentContext())).join(''), tableSettings));
  }
  // After the table of those found: one name not found is an error; several are listed one a line, as kubectl's aggregate prints them.
  if (missing.length === 1) throw plainError(`context ${missing[0]} not found`);
  if (missing.length > 1) throw new KubectlError(missing.map((name) => `context ${name} not found`).join('\n'));
  return 0;
}

function setContext(inv: Invocation): number {
  const kubeconfig = kubeconfigOf(inv);
  const name = inv.flags.bool('current') ? kubeconfig.currentContext() : inv.args[0];
  if (!name) throw plainError('you must specify a non-empty context name or --current');
  if (!kubeconfig.contexts().some((context) => context.name === name)) {
    throw plainError(`this lab's contexts are fixed: ${byName(kubeconfig.contexts()).map((context) => `"${context.name}"`).join(', ')}`);
  }
  if (inv.flags.has('namespace')) kubeconfig.setNamespace(name, inv.flags.string('namespace'));
  inv.out(`Context "${name}" modified.\n`);
  return 0;
}

function useContext(inv: Invocation): number {
  if (inv.args.length !== 1) {
    inv.out(renderHelp(useContextDef, 'kubectl config use-context'));
    throw plainError(`Unexpected args: [${inv.args.join(' ')}]`);
  }
  const name = inv.args[0];
  if (!kubeconfigOf(inv).useContext(name)) throw plainError(`no context exists with the name: "${name}"`);
  inv.out(`Switched to context "${name}".\n`);
  return 0;
}

const useContextDef: CommandDef = {
  name: 'use-context',
  short: 'Set the current-context in a kubeconfig file',
  long: `Set the current-context in a kubeconfig file.

Aliases:
use-context, use`,
  examples: `# Use the context for the minikube cluster
kubectl config use-context minikube`,
  use: 'use-context CONTEXT_NAME [options]',
  run: useContext,
};

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
      run: (inv) => (inv.out(`${kubeconfigOf(inv).currentContext()}\n`), 0),
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
    useContextDef,
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
