// `kubectl version`, `cluster-info`, `api-resources`, `api-versions`.

import { clusterInfoDumpCommand } from './unavailable';
import { outputFlag, refusing } from './common';
import { apiVersionOf, type ResourceType } from '../../api/resources';
import { flag, type CommandDef, type Invocation } from '../command';
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
  const types = inv.deps.api
    .resourceTypes()
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

export const versionCommand: CommandDef = {
  name: 'version',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  examples: '# Print the client and server versions for the current context\nkubectl version',
  use: 'version [flags] [options]',
  flags: [flag('client', 'bool', 'If true, shows client version only (no server required).'), flag('output', 'string', "One of 'yaml' or 'json'.", { shorthand: 'o' })],
  run: version,
};

export const clusterInfoCommand: CommandDef = {
  name: 'cluster-info',
  short: 'Display cluster information',
  long: 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use \'kubectl cluster-info dump\'.',
  examples: `# Print the address of the control plane and cluster services
kubectl cluster-info`,
  use: 'cluster-info [flags] [options]',
  subcommands: [clusterInfoDumpCommand],
  run: clusterInfo,
};

export const apiResourcesCommand: CommandDef = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  examples: `# Print the supported API resources
kubectl api-resources

# Print the supported API resources with more information
kubectl api-resources -o wide

# Print the supported API resources sorted by a column
kubectl api-resources --sort-by=name

# Print the supported namespaced resources
kubectl api-resources --namespaced=true

# Print the supported non-namespaced resources
kubectl api-resources --namespaced=false

# Print the supported API resources with a specific APIGroup
kubectl api-resources --api-group=rbac.authorization.k8s.io`,
  use: 'api-resources [flags] [options]',
  flags: [
    flag('api-group', 'string', 'Limit to resources in the specified API group.'),
    // No effect here: the lab reads its resource list directly; there is no discovery cache.
    flag('cached', 'bool', 'Use the cached list of resources if available.'),
    flag('categories', 'stringSlice', 'Limit to resources that belong to the specified categories.'),
    flag('namespaced', 'bool', 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.', { defaultValue: 'true' }),
    flag('no-headers', 'bool', 'When using the default or custom-column output format, don\'t print headers (default print headers).'),
    flag('output', 'string', 'Output format. One of: (wide, name).', { shorthand: 'o' }),
    flag('sort-by', 'string', 'If non-empty, sort list of resources using specified field. The field can be either \'name\' or \'kind\'.'),
    flag('verbs', 'stringSlice', 'Limit to resources that support the specified verbs.'),
  ],
  run: refusing(['categories'], apiResources),
};

export const apiVersionsCommand: CommandDef = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: `# Print the supported API versions
kubectl api-versions`,
  use: 'api-versions [options]',
  run: apiVersions,
};
