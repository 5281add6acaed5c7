// `kubectl config`: a kubeadm-like kubeconfig, with the session's contexts (one in a lesson,
// several in an exam); use-context switches the cluster, set-context changes a namespace.

import { refusing } from './common';
import type { Invocation, Implementations } from '../command';
import { KubectlError, plainError } from '../errors';
import { helpText } from '../help';
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
    addContext: () => false,
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
  const existing = kubeconfig.contexts().find((context) => context.name === name);
  if (!existing) {
    // A new context works in the lab when it names a cluster and a user the kubeconfig has; one
    // that does not would point kubectl at no server at all.
    const namespace = inv.flags.string('namespace');
    const added = kubeconfig.addContext({ name, cluster: inv.flags.string('cluster'), user: inv.flags.string('user'), ...(namespace ? { namespace } : {}) });
    if (!added) throw plainError(`a new context in this lab needs --cluster and --user from kubectl config view (${knownClustersAndUsers(kubeconfig)})`);
    inv.out(`Context "${name}" created.\n`);
    return 0;
  }
  for (const field of ['cluster', 'user'] as const) {
    if (inv.flags.has(field) && inv.flags.string(field) !== existing[field]) throw plainError(`this lab keeps the ${field} of context "${name}": ${existing[field]}`);
  }
  if (inv.flags.has('namespace')) kubeconfig.setNamespace(name, inv.flags.string('namespace'));
  inv.out(`Context "${name}" modified.\n`);
  return 0;
}

function knownClustersAndUsers(kubeconfig: Kubeconfig): string {
  const contexts = kubeconfig.contexts();
  return `clusters: ${unique(contexts.map((context) => context.cluster)).join(', ')}; users: ${unique(contexts.map((context) => context.user)).join(', ')}`;
}

function useContext(inv: Invocation): number {
  if (inv.args.length !== 1) {
    inv.out(helpText('kubectl config use-context') ?? '');
    throw plainError(`Unexpected args: [${inv.args.join(' ')}]`);
  }
  const name = inv.args[0];
  if (!kubeconfigOf(inv).useContext(name)) throw plainError(`no context exists with the name: "${name}"`);
  inv.out(`Switched to context "${name}".\n`);
  return 0;
}

export const configCommands: Implementations = {
  'config current-context': { run: (inv) => (inv.out(`${kubeconfigOf(inv).currentContext()}\n`), 0) },
  'config get-contexts': { run: getContexts },
  'config set-context': { run: setContext },
  'config use-context': { run: useContext },
  'config view': { run: refusing(['flatten', 'output'], view) },
};
