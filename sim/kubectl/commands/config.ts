// `kubectl config`: a kubeadm-like kubeconfig with one context; set-context changes the namespace.

import { refusing } from './common';
import type { Invocation, Implementations } from '../command';
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

export const configCommands: Implementations = {
  'config current-context': { run: (inv) => (inv.out(`${contextName}\n`), 0) },
  'config get-contexts': { run: getContexts },
  'config set-context': { run: refusing(['cluster', 'user'], setContext) },
  'config use-context': { run: useContext },
  'config view': { run: refusing(['flatten', 'output'], view) },
};
