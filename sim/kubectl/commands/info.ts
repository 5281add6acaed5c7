// `kubectl version`, `cluster-info`, `api-resources`, `api-versions`.

import { refusing } from './common';
import { apiVersionOf, groupVersions, type ResourceType } from '../../api/resources';
import type { Invocation, Implementations } from '../command';
import { plainError } from '../errors';
import { tabwrite, tableSettings } from '../printers/tabwriter';
import { toYaml } from '../output';

export const kubernetesVersion = 'v1.32.4';
const kustomizeVersion = 'v5.5.0';

function version(inv: Invocation): number {
  const output = inv.flags.string('output');
  const clientOnly = inv.flags.bool('client');
  const info = (gitVersion: string) => ({
    major: '1',
    minor: '32',
    gitVersion,
    gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:03:47Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  });
  const data: Record<string, unknown> = { clientVersion: info(kubernetesVersion), kustomizeVersion };
  if (!clientOnly) data.serverVersion = info(kubernetesVersion);
  if (output === 'json') {
    inv.out(JSON.stringify(data, null, 2) + '\n');
    return 0;
  }
  if (output === 'yaml') {
    inv.out(toYaml(data as never));
    return 0;
  }
  if (output !== '') throw plainError('--output must be \'yaml\' or \'json\'');
  inv.out(`Client Version: ${kubernetesVersion}\nKustomize Version: ${kustomizeVersion}\n`);
  if (!clientOnly) inv.out(`Server Version: ${kubernetesVersion}\n`);
  return 0;
}

function clusterInfo(inv: Invocation): number {
  const green = (s: string) => `\u001b[0;32m${s}\u001b[0m`;
  const yellow = (s: string) => `\u001b[0;33m${s}\u001b[0m`;
  inv.out(`${green('Kubernetes control plane')} is running at ${yellow('https://127.0.0.1:6443')}\n`);
  inv.out(`${green('CoreDNS')} is running at ${yellow('https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy')}\n`);
  inv.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

function apiResources(inv: Invocation): number {
  const namespacedFilter = inv.flags.has('namespaced') ? inv.flags.bool('namespaced') : undefined;
  const group = inv.flags.has('api-group') ? inv.flags.string('api-group') : undefined;
  const output = inv.flags.string('output');
  // In discovery's order: by group version, as the API server lists them.
  const types = groupVersions(inv.deps.api.resourceTypes())
    .flatMap((gv) => gv.types)
    .filter((t) => namespacedFilter === undefined || t.namespaced === namespacedFilter)
    .filter((t) => group === undefined || t.group === group)
    .filter((t) => inv.flags.list('verbs').every((verb) => t.verbs.includes(verb)));
  const sortBy = inv.flags.string('sort-by');
  if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind') throw plainError('--sort-by accepts only name or kind');
  if (sortBy !== '') {
    const key = (t: ResourceType) => (sortBy === 'name' ? t.plural : t.kind);
    types.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  if (output === 'name') {
    inv.out(types.map((t) => `${t.plural}${t.group ? `.${t.group}` : ''}\n`).join(''));
    return 0;
  }
  const wide = output === 'wide';
  const rows = inv.flags.bool('no-headers') ? [] : [`NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}`];
  for (const t of types) {
    const verbs = wide ? `\t[${t.verbs.join(' ')}]\t` : '';
    rows.push(`${t.plural}\t${t.shortNames.join(',')}\t${apiVersionOf(t)}\t${t.namespaced}\t${t.kind}${verbs}`);
  }
  if (rows.length > 0) inv.out(tabwrite(rows.join('\n') + '\n', tableSettings));
  return 0;
}

function apiVersions(inv: Invocation): number {
  const versions = [...new Set(inv.deps.api.resourceTypes().map(apiVersionOf))].sort();
  inv.out(versions.map((v) => `${v}\n`).join(''));
  return 0;
}

export const infoCommands: Implementations = {
  version: { run: version },
  'cluster-info': { run: clusterInfo },
  'api-resources': { run: refusing(['categories'], apiResources) },
  'api-versions': { run: apiVersions },
};
