// `kubectl config`: a kubeadm-like kubeconfig with one context; set-context changes the namespace.

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
  inv.out(tabwrite(`CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\t${contextName}\tkubernetes\tkubernetes-admin\t${ns === 'default' ? '' : ns}\n`, tableSettings));
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

export const configCommand: CommandDef = {
  name: 'config',
  short: 'Modify kubeconfig files',
  long: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".',
  use: 'config SUBCOMMAND [options]',
  subcommands: [
    { name: 'current-context', short: 'Display the current-context', use: 'current-context [options]', run: (inv) => (inv.out(`${contextName}\n`), 0) },
    { name: 'get-contexts', short: 'Describe one or many contexts', use: 'get-contexts [(-o|--output=)name)] [options]', run: getContexts },
    {
      name: 'set-context',
      short: 'Set a context entry in kubeconfig',
      use: 'set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
      examples: '# Change the namespace of the current context\nkubectl config set-context --current --namespace=dev',
      flags: [flag('current', 'bool', 'Modify the current context')],
      run: setContext,
    },
    { name: 'use-context', short: 'Set the current-context in a kubeconfig file', use: 'use-context CONTEXT_NAME [options]', run: (inv) => {
      if (inv.args[0] !== contextName) throw plainError(`no context exists with the name: "${inv.args[0] ?? ''}"`);
      inv.out(`Switched to context "${contextName}".\n`);
      return 0;
    } },
    { name: 'view', short: 'Display merged kubeconfig settings or a specified kubeconfig file', use: 'view [flags] [options]', flags: [flag('minify', 'bool', 'Remove all information not used by current-context from the output'), flag('raw', 'bool', 'Display raw byte data and sensitive data')], run: view },
  ],
};
