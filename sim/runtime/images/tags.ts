// The tags each repository really has, as its registry lists them. A tag not listed here does not
// exist, so `nginx:1.277` fails to pull as it would from Docker Hub. The lists hold the current and
// recent releases of each image and their variants, not every tag a registry has ever had.
//
// Release lines are written as data: a line `1.27` with patches 0..5 and the variants of its
// time gives `1.27`, `1.27.0` … `1.27.5` and each of those with `-alpine`, `-perl` and so on.

interface ReleaseLine {
  /** `1.27`: the line's own tag. */
  line: string;
  /** Patch numbers released on this line: `1.27.0` … */
  patches?: readonly (number | string)[];
  /** Suffixes every tag of the line also has, besides the bare one: `-alpine`, `-slim`. */
  variants?: readonly string[];
}

/** Every tag of some release lines: the line, its patches, each with every variant. */
function releases(lines: readonly ReleaseLine[]): string[] {
  const tags: string[] = [];
  for (const { line, patches = [], variants = [] } of lines) {
    const versions = [line, ...patches.map((patch) => `${line}.${patch}`)];
    for (const version of versions) tags.push(version, ...variants.map((variant) => version + variant));
  }
  return tags;
}

/** `from`..`to` as numbers. */
function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Names that exist with the same variants: `alpine` with `['', '-perl']` gives `alpine`, `alpine-perl`. */
function named(names: readonly string[], variants: readonly string[] = []): string[] {
  return names.flatMap((name) => [name, ...variants.map((variant) => name + variant)]);
}

const nginxOld = ['-alpine', '-perl', '-alpine-perl'];
const nginxBullseye = [...nginxOld, '-alpine-slim', '-bullseye', '-bullseye-perl'];
const nginxBookworm = [...nginxOld, '-alpine-slim', '-bookworm', '-bookworm-perl'];

const busyboxLibc = ['-musl', '-glibc', '-uclibc'];
const debianSlim = ['-slim'];
const pythonVariants = ['-slim', '-alpine', '-bookworm', '-slim-bookworm'];
const nodeVariants = ['-alpine', '-slim', '-bookworm', '-bookworm-slim'];

export const imageTags: Record<string, readonly string[]> = {
  'docker.io/library/nginx': [
    ...named(['latest', 'mainline', 'stable', '1'], nginxBookworm),
    ...named(['alpine', 'perl', 'alpine-perl', 'alpine-slim', 'bookworm', 'bookworm-perl']),
    ...named(['mainline-alpine', 'mainline-perl', 'mainline-alpine-perl', 'mainline-alpine-slim', 'mainline-bookworm']),
    ...named(['stable-alpine', 'stable-perl', 'stable-alpine-perl', 'stable-alpine-slim', 'stable-bookworm']),
    ...releases([
      { line: '1.14', patches: range(0, 2), variants: nginxOld },
      { line: '1.15', patches: range(0, 12), variants: nginxOld },
      { line: '1.16', patches: range(0, 1), variants: nginxOld },
      { line: '1.17', patches: range(0, 10), variants: nginxOld },
      { line: '1.18', patches: [0], variants: nginxOld },
      { line: '1.19', patches: range(0, 10), variants: nginxOld },
      { line: '1.20', patches: range(0, 2), variants: nginxOld },
      { line: '1.21', patches: range(0, 6), variants: nginxOld },
      { line: '1.22', patches: range(0, 1), variants: nginxOld },
      { line: '1.23', patches: range(0, 4), variants: nginxOld },
      { line: '1.24', patches: [0], variants: nginxBullseye },
      { line: '1.25', patches: range(0, 5), variants: nginxBookworm },
      { line: '1.26', patches: range(0, 3), variants: nginxBookworm },
      { line: '1.27', patches: range(0, 5), variants: nginxBookworm },
      { line: '1.28', patches: [0], variants: nginxBookworm },
      { line: '1.29', patches: range(0, 1), variants: nginxBookworm },
    ]),
  ],
  'docker.io/library/httpd': [
    ...named(['latest', 'alpine', 'bookworm', '2', '2-alpine', '2-bookworm']),
    ...releases([{ line: '2.4', patches: range(57, 63), variants: ['-alpine', '-bookworm'] }]),
  ],
  'docker.io/library/busybox': [
    ...named(['latest', 'stable', 'unstable', '1'], busyboxLibc),
    ...named(['musl', 'glibc', 'uclibc']),
    '1.24', '1.25', '1.26', '1.26.2', '1.27', '1.27.2',
    ...releases([
      { line: '1.28', patches: range(0, 4), variants: busyboxLibc },
      { line: '1.29', patches: range(0, 3), variants: busyboxLibc },
      { line: '1.30', patches: range(0, 1), variants: busyboxLibc },
      { line: '1.31', patches: range(0, 1), variants: busyboxLibc },
      { line: '1.32', patches: range(0, 1), variants: busyboxLibc },
      { line: '1.33', patches: range(0, 1), variants: busyboxLibc },
      { line: '1.34', patches: range(0, 1), variants: busyboxLibc },
      { line: '1.35', patches: [0], variants: busyboxLibc },
      { line: '1.36', patches: range(0, 1), variants: busyboxLibc },
      { line: '1.37', patches: [0], variants: busyboxLibc },
    ]),
  ],
  'registry.k8s.io/busybox': ['latest', '1.24', '1.27.2'],
  'docker.io/library/alpine': [
    'latest', 'edge', '3',
    ...releases([
      { line: '3.10' }, { line: '3.11' }, { line: '3.12' }, { line: '3.13' }, { line: '3.14' },
      { line: '3.15', patches: range(0, 4) },
      { line: '3.16', patches: range(0, 3) },
      { line: '3.17', patches: range(0, 3) },
      { line: '3.18', patches: range(0, 6) },
      { line: '3.19', patches: range(0, 4) },
      { line: '3.20', patches: range(0, 3) },
      { line: '3.21', patches: range(0, 3) },
      { line: '3.22', patches: range(0, 1) },
    ]),
  ],
  'docker.io/library/ubuntu': [
    'latest', 'rolling', 'devel',
    '25.04', 'plucky', '24.10', 'oracular', '24.04', 'noble', '22.04', 'jammy', '20.04', 'focal', '18.04', 'bionic', '16.04', 'xenial', '14.04', 'trusty',
  ],
  'docker.io/library/debian': [
    ...named(['latest', 'stable', 'oldstable', 'testing', 'unstable', 'sid', 'trixie', 'bookworm', 'bullseye', 'buster', '13', '12', '11', '10'], debianSlim),
    'experimental', 'rc-buggy', 'bookworm-backports', 'bullseye-backports',
    ...named(['12.0', '12.1', '12.2', '12.4', '12.5', '12.6', '12.7', '12.8', '12.9', '12.10', '12.11'], debianSlim),
    ...named(['11.6', '11.7', '11.8', '11.9', '11.10', '11.11'], debianSlim),
  ],
  'docker.io/library/bash': [
    'latest', 'devel', '5', '4', '3',
    ...releases([
      { line: '5.3' },
      { line: '5.2', patches: [15, 21, 26, 32, 37] },
      { line: '5.1', patches: [16] },
      { line: '5.0', patches: [18] },
      { line: '4.4', patches: [23] },
      { line: '3.2', patches: [57] },
    ]),
  ],
  'docker.io/library/python': [
    'latest', 'slim', 'alpine', 'bookworm', 'slim-bookworm',
    ...named(['3'], pythonVariants),
    ...releases([
      { line: '3.14', patches: [0], variants: pythonVariants },
      { line: '3.13', patches: range(0, 5), variants: pythonVariants },
      { line: '3.12', patches: range(7, 11), variants: pythonVariants },
      { line: '3.11', patches: range(10, 13), variants: pythonVariants },
      { line: '3.10', patches: range(15, 18), variants: pythonVariants },
      { line: '3.9', patches: range(20, 23), variants: pythonVariants },
      { line: '3.8', patches: [20], variants: ['-slim', '-alpine'] },
      { line: '2.7', patches: [18], variants: ['-slim', '-alpine'] },
    ]),
    '2',
  ],
  'docker.io/library/node': [
    ...named(['latest', 'lts', 'current', '24', '22', '20', '18'], nodeVariants),
    ...named(['alpine', 'slim', 'bookworm', 'bookworm-slim']),
    '22.12.0', '22.12.0-alpine', '22.12.0-slim', '22.11.0', '22.11.0-alpine', '22.11.0-slim',
    '20.18.1', '20.18.1-alpine', '20.18.1-slim', '20.18.0', '20.18.0-alpine', '20.18.0-slim',
    '18.20.5', '18.20.5-alpine', '18.20.5-slim', '23', '23-alpine', '23-slim', '23.5.0', '23.5.0-alpine',
  ],
  'docker.io/library/golang': [
    ...named(['latest', '1', 'alpine', 'bookworm']),
    ...releases([
      { line: '1.24', patches: range(0, 3), variants: ['-alpine', '-bookworm'] },
      { line: '1.23', patches: range(0, 4), variants: ['-alpine', '-bookworm'] },
      { line: '1.22', patches: range(0, 10), variants: ['-alpine', '-bookworm'] },
      { line: '1.21', patches: range(0, 13), variants: ['-alpine', '-bookworm'] },
    ]),
  ],
  'docker.io/library/redis': [
    'latest', 'alpine', 'bookworm', '8-bookworm', '7-bookworm',
    ...named(['8', '7', '6', '5'], ['-alpine']),
    ...releases([
      { line: '8.0', patches: range(0, 2), variants: ['-alpine', '-bookworm'] },
      { line: '7.4', patches: range(0, 2), variants: ['-alpine', '-bookworm'] },
      { line: '7.2', patches: range(0, 7), variants: ['-alpine', '-bookworm'] },
      { line: '7.0', patches: range(0, 15), variants: ['-alpine'] },
      { line: '6.2', patches: range(0, 16), variants: ['-alpine'] },
      { line: '6.0', patches: [20], variants: ['-alpine'] },
      { line: '5.0', patches: range(0, 14), variants: ['-alpine'] },
    ]),
  ],
  'docker.io/library/postgres': [
    'latest', 'alpine', 'bookworm', 'bullseye',
    ...releases([
      { line: '18', patches: [0], variants: ['-alpine', '-bookworm'] },
      { line: '17', patches: range(0, 5), variants: ['-alpine', '-bookworm', '-bullseye'] },
      { line: '16', patches: range(4, 9), variants: ['-alpine', '-bookworm', '-bullseye'] },
      { line: '15', patches: range(8, 13), variants: ['-alpine', '-bookworm', '-bullseye'] },
      { line: '14', patches: range(13, 18), variants: ['-alpine', '-bookworm', '-bullseye'] },
      { line: '13', patches: range(16, 21), variants: ['-alpine', '-bookworm', '-bullseye'] },
      { line: '12', patches: range(20, 22), variants: ['-alpine', '-bookworm', '-bullseye'] },
    ]),
  ],
  'docker.io/library/mysql': [
    ...named(['latest', 'lts', 'innovation', '9', '8'], ['-oracle', '-oraclelinux9']),
    ...releases([
      { line: '9.3', patches: [0], variants: ['-oracle', '-oraclelinux9'] },
      { line: '9.2', patches: [0], variants: ['-oracle', '-oraclelinux9'] },
      { line: '9.1', patches: [0], variants: ['-oracle', '-oraclelinux9'] },
      { line: '8.4', patches: range(2, 5), variants: ['-oracle', '-oraclelinux9'] },
      { line: '8.0', patches: range(39, 42), variants: ['-oracle', '-debian', '-bookworm'] },
      { line: '5.7', patches: [44], variants: ['-oracle', '-debian'] },
      { line: '5.6', patches: [51] },
    ]),
  ],
  'docker.io/library/wordpress': [
    ...named(['latest', '6'], ['-apache']),
    'apache',
    ...releases([
      { line: '6.8', patches: [1], variants: ['-apache'] },
      { line: '6.7', patches: [1, 2], variants: ['-apache'] },
      { line: '6.6', patches: [1, 2], variants: ['-apache'] },
      { line: '6.5', patches: [2, 3, 4, 5], variants: ['-apache'] },
      { line: '6.4', patches: [1, 2, 3], variants: ['-apache'] },
      { line: '6.3', patches: [1, 2], variants: ['-apache'] },
      { line: '6.2', patches: [1, 2], variants: ['-apache'] },
      { line: '4.8', patches: [3], variants: ['-apache'] },
    ]),
  ],
  'docker.io/library/mongo': [
    'latest', '8', '7', '6', '5', '4', 'noble', 'jammy',
    ...releases([
      { line: '8.0', patches: [0, 1, 3, 4], variants: ['-noble'] },
      { line: '7.0', patches: range(12, 16), variants: ['-jammy'] },
      { line: '6.0', patches: range(16, 20), variants: ['-jammy'] },
      { line: '5.0', patches: range(28, 31), variants: ['-focal'] },
      { line: '4.4', patches: [29], variants: ['-focal'] },
      { line: '4.2', patches: [24], variants: ['-bionic'] },
    ]),
  ],
  'docker.io/library/memcached': [
    ...named(['latest', '1', 'alpine', 'bookworm', '1-alpine', '1-bookworm']),
    ...releases([{ line: '1.6', patches: range(29, 34), variants: ['-alpine', '-bookworm'] }]),
  ],
  'docker.io/library/rabbitmq': [
    ...named(['latest', '4', '3'], ['-management', '-alpine', '-management-alpine']),
    ...named(['management', 'alpine', 'management-alpine']),
    ...releases([
      { line: '4.1', patches: [0], variants: ['-management', '-alpine', '-management-alpine'] },
      { line: '4.0', patches: range(2, 5), variants: ['-management', '-alpine', '-management-alpine'] },
      { line: '3.13', patches: range(4, 7), variants: ['-management', '-alpine', '-management-alpine'] },
      { line: '3.12', patches: range(12, 14), variants: ['-management', '-alpine', '-management-alpine'] },
    ]),
  ],
  'docker.io/library/perl': [
    ...named(['latest', 'slim', '5'], ['-slim', '-threaded']),
    ...releases([
      { line: '5.40', patches: range(0, 1), variants: ['-slim', '-threaded', '-bookworm'] },
      { line: '5.38', patches: range(0, 3), variants: ['-slim', '-threaded', '-bookworm'] },
      { line: '5.36', patches: range(0, 3), variants: ['-slim', '-threaded'] },
      { line: '5.34', patches: range(0, 3), variants: ['-slim', '-threaded'] },
      { line: '5.32', patches: range(0, 1), variants: ['-slim', '-threaded'] },
      { line: '5.30', patches: range(0, 3), variants: ['-slim', '-threaded'] },
    ]),
  ],
  'docker.io/library/hello-world': ['latest', 'linux'],
  'docker.io/curlimages/curl': [
    'latest',
    '8.14.1', '8.14.0', '8.13.0', '8.12.1', '8.12.0', '8.11.1', '8.11.0', '8.10.1', '8.10.0', '8.9.1', '8.9.0', '8.8.0', '8.7.1',
    '8.6.0', '8.5.0', '8.4.0', '8.3.0', '8.2.1', '8.1.2', '8.00.1', '7.88.1', '7.87.0', '7.85.0', '7.83.1', '7.80.0', '7.78.0', '7.72.0',
  ],
  'docker.io/alpine/socat': ['latest', '1.8.0.3', '1.8.0.1', '1.8.0.0', '1.7.4.4-r0', '1.7.4.3-r0', '1.7.4.1-r1'],
  'docker.io/hashicorp/http-echo': ['latest', '1.0', '1.0.0', '0.2.3'],
  'docker.io/traefik/whoami': ['latest', 'v1.11', 'v1.11.0', 'v1.10', 'v1.10.0', 'v1.10.1', 'v1.10.2', 'v1.10.3', 'v1.9.0', 'v1.8.7'],
  'docker.io/polinux/stress': ['latest', '1.0.4'],
  'docker.io/vish/stress': ['latest'],
  'docker.io/ikubernetes/stress-ng': ['latest', 'v0.1'],
  'docker.io/ikubernetes/filebeat': ['5.6.5-alpine', '5.6.6-alpine', '5.6.7-alpine'],
  'docker.io/saadali/simmemleak': ['latest'],
  'docker.io/fluent/fluentd': ['latest', 'edge', 'v1.17-1', 'v1.17-debian-1', 'v1.16-1', 'v1.16-debian-1', 'v1.16.2-1.0', 'v1.16.2-debian-1.0'],
  'docker.io/elastic/filebeat': ['8.17.0', '8.16.1', '8.15.3', '7.17.26', '7.17.25'],
  'quay.io/fluentd_elasticsearch/fluentd': ['v5.0.1', 'v4.7.2', 'v3.4.0', 'v2.6.0', 'v2.5.2'],
  'registry.k8s.io/pause': ['latest', '2.0', '3.1', '3.2', '3.3', '3.4.1', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.10.1'],
  'registry.k8s.io/liveness': ['latest'],
  'registry.k8s.io/goproxy': ['0.1'],
  'registry.k8s.io/hpa-example': ['latest'],
  'registry.k8s.io/redis': ['e2e'],
  'registry.k8s.io/e2e-test-images/agnhost': ['2.21', '2.26', '2.28', '2.32', '2.33', '2.36', '2.39', '2.40', '2.43', '2.45', '2.47', '2.48', '2.50', '2.51', '2.52', '2.53'],
  'gcr.io/google-samples/hello-app': ['1.0', '2.0'],
  'gcr.io/google-samples/hello-go-gke': ['1.0'],
  'gcr.io/google-samples/hello-frontend': ['1.0'],
  'gcr.io/google-samples/node-hello': ['1.0'],
  'gcr.io/google-samples/kubernetes-bootcamp': ['v1'],
  'docker.io/jocatalin/kubernetes-bootcamp': ['v1', 'v2'],
  'registry.k8s.io/serve_hostname': ['latest', 'v1.4'],
  'registry.k8s.io/nginx-slim': ['0.7', '0.8', '0.24', '0.27'],
  'registry.k8s.io/echoserver': ['1.4', '1.10'],
  'us-docker.pkg.dev/google-samples/containers/gke/hello-app': ['1.0', '2.0'],
  'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend': ['v5'],
  'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower': ['v2'],
  'registry.k8s.io/etcd': ['3.5.0-0', '3.5.1-0', '3.5.3-0', '3.5.4-0', '3.5.6-0', '3.5.7-0', '3.5.9-0', '3.5.10-0', '3.5.12-0', '3.5.15-0', '3.5.16-0'],
  'registry.k8s.io/kube-apiserver': ['v1.32.0', 'v1.32.1', 'v1.32.2', 'v1.32.3', 'v1.32.4'],
  'registry.k8s.io/kube-controller-manager': ['v1.32.0', 'v1.32.1', 'v1.32.2', 'v1.32.3', 'v1.32.4'],
  'registry.k8s.io/kube-scheduler': ['v1.32.0', 'v1.32.1', 'v1.32.2', 'v1.32.3', 'v1.32.4'],
  'registry.k8s.io/kube-proxy': ['v1.32.0', 'v1.32.1', 'v1.32.2', 'v1.32.3', 'v1.32.4'],
  'registry.k8s.io/coredns/coredns': ['v1.10.1', 'v1.11.1', 'v1.11.3'],
};

/** Whether `repository` has `tag`. */
export function hasTag(repository: string, tag: string): boolean {
  return imageTags[repository]?.includes(tag) ?? false;
}

/**
 * The release a tag names: `1.27.3-alpine` is 1.27.3, `1.27` the newest 1.27.x listed, `1` the
 * newest 1.x.y. Undefined for names (`latest`, `stable`, `alpine`): the image's own default then.
 */
export function versionOfTag(repository: string, tag: string): string | undefined {
  const match = /^v?(\d+(?:\.\d+){0,2})(?:-|$)/.exec(tag);
  if (!match) return undefined;
  const wanted = match[1];
  if (wanted.split('.').length === 3) return wanted;
  const candidates = (imageTags[repository] ?? [])
    .filter((t) => /^\d+\.\d+\.\d+$/.test(t) && t.startsWith(`${wanted}.`))
    .map((t) => t.split('.').map(Number));
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return candidates[candidates.length - 1].join('.');
}
