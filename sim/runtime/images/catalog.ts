// The image catalog: which images exist (and with which tags), how big they are, what they run
// by default, what is in their filesystem, and which programs they contain.

import type { CommandImpl } from '../../process';
import { agnhost, goproxy, httpd, livenessImage, nginx, nginxIndexHtml, nginxVersion } from './web-servers';
import { simmemleak, stress, stressNg, vishStress } from './stress';
import { mysql, postgres, redis } from './databases';
import { component, coredns, pause } from './system';
import { filebeat, fluentd, helloWorld, perl } from './tools';

export type ShellKind = 'busybox' | 'gnu' | 'none';

export interface ImageSpec {
  /** Fully qualified repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  /** Tags that exist. */
  tags: RegExp;
  sizeBytes: number;
  entrypoint: string[];
  cmd: string[];
  /** Which shell and tools the image has. */
  shell: ShellKind;
  /** Programs of the image beyond its shell tools, by name. */
  binaries: Record<string, CommandImpl>;
  /**
   * The exit code of its main program on SIGTERM. Undefined: the program has no handler and, as
   * PID 1, ignores SIGTERM until the kubelet's SIGKILL. Servers shut down with 0; Go programs exit 2.
   */
  sigtermExitCode?: number;
  files: Record<string, string>;
  env: Record<string, string>;
  workingDir?: string;
}

const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function image(spec: Partial<ImageSpec> & Pick<ImageSpec, 'repository' | 'tags' | 'sizeBytes'>): ImageSpec {
  return { entrypoint: [], cmd: [], shell: 'none', binaries: {}, files: {}, env: { PATH: defaultPath }, ...spec };
}

const osRelease = (pretty: string, id: string) => `PRETTY_NAME="${pretty}"\nNAME="${pretty.split(' ')[0]}"\nID=${id}\n`;

export const catalog: ImageSpec[] = [
  image({ repository: 'registry.k8s.io/pause', tags: /^(3\.(9|10)|latest)$/, sizeBytes: 320368, entrypoint: ['/pause'], binaries: { pause } }),
  image({
    repository: 'docker.io/library/busybox',
    tags: /^(latest|stable|musl|glibc|uclibc|1\.(2\d|3[0-7])(\.\d+)?(-(musl|glibc|uclibc))?)$/,
    sizeBytes: 2167176,
    cmd: ['sh'],
    shell: 'busybox',
    files: { '/etc/os-release': 'NAME=BusyBox\n' },
  }),
  image({
    repository: 'docker.io/library/alpine',
    tags: /^(latest|edge|3(\.\d+){0,2})$/,
    sizeBytes: 3653068,
    cmd: ['/bin/sh'],
    shell: 'busybox',
    files: { '/etc/os-release': osRelease('Alpine Linux v3.21', 'alpine'), '/etc/alpine-release': '3.21.2\n' },
  }),
  image({
    repository: 'docker.io/library/ubuntu',
    tags: /^(latest|rolling|noble|jammy|focal|2[0-4]\.(04|10))$/,
    sizeBytes: 29754422,
    cmd: ['/bin/bash'],
    shell: 'gnu',
    files: { '/etc/os-release': osRelease('Ubuntu 24.04.1 LTS', 'ubuntu') },
  }),
  image({
    repository: 'docker.io/library/debian',
    tags: /^(latest|stable|bookworm|bullseye|bookworm-slim|bullseye-slim|1[0-3](-slim)?)$/,
    sizeBytes: 48491011,
    cmd: ['bash'],
    shell: 'gnu',
    files: { '/etc/os-release': osRelease('Debian GNU/Linux 12 (bookworm)', 'debian') },
  }),
  image({
    repository: 'docker.io/curlimages/curl',
    tags: /^(latest|8\.\d+\.\d+)$/,
    sizeBytes: 12412375,
    entrypoint: ['curl'],
    cmd: ['--help'],
    shell: 'busybox',
  }),
  image({
    repository: 'docker.io/library/nginx',
    tags: /^(latest|stable|mainline|alpine|alpine-slim|stable-alpine|1(\.(1[4-9]|2[0-9]))?(\.\d+)?(-(alpine|alpine-slim|perl|bookworm))?)$/,
    sizeBytes: 72195292,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    shell: 'gnu',
    binaries: { nginx, 'docker-entrypoint.sh': nginx },
    sigtermExitCode: 0,
    files: {
      '/usr/share/nginx/html/index.html': nginxIndexHtml,
      '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
      '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n',
      '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n',
      '/etc/os-release': osRelease('Debian GNU/Linux 12 (bookworm)', 'debian'),
    },
    env: { PATH: defaultPath, NGINX_VERSION: nginxVersion, NJS_VERSION: '0.8.7', PKG_RELEASE: '1~bookworm' },
  }),
  image({
    repository: 'docker.io/library/httpd',
    tags: /^(latest|alpine|2(\.4(\.\d+)?)?(-alpine)?)$/,
    sizeBytes: 58145680,
    cmd: ['httpd-foreground'],
    shell: 'gnu',
    binaries: { 'httpd-foreground': httpd, httpd },
    sigtermExitCode: 0,
    files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
    workingDir: '/usr/local/apache2',
  }),
  image({
    repository: 'docker.io/library/redis',
    tags: /^(latest|alpine|7(\.\d+){0,2}(-alpine)?|6(\.\d+){0,2}(-alpine)?)$/,
    sizeBytes: 45093744,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    shell: 'gnu',
    binaries: { 'redis-server': redis, 'docker-entrypoint.sh': redis },
    sigtermExitCode: 0,
    workingDir: '/data',
  }),
  image({
    repository: 'docker.io/library/postgres',
    tags: /^(latest|alpine|1[2-7](\.\d+)?(-alpine)?)$/,
    sizeBytes: 158354124,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    shell: 'gnu',
    binaries: { postgres, 'docker-entrypoint.sh': postgres },
    sigtermExitCode: 0,
  }),
  image({
    repository: 'docker.io/library/mysql',
    tags: /^(latest|lts|8(\.\d+){0,2}|9(\.\d+){0,2})$/,
    sizeBytes: 172011292,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    shell: 'gnu',
    binaries: { mysqld: mysql, 'docker-entrypoint.sh': mysql },
    sigtermExitCode: 0,
  }),
  image({ repository: 'docker.io/polinux/stress', tags: /^(latest|1\.0\.4)$/, sizeBytes: 4040000, cmd: ['stress'], shell: 'busybox', binaries: { stress } }),
  image({ repository: 'docker.io/vish/stress', tags: /^latest$/, sizeBytes: 1310000, entrypoint: ['/stress'], cmd: ['-logtostderr'], binaries: { stress: vishStress } }),
  image({ repository: 'docker.io/ikubernetes/stress-ng', tags: /^(latest|v0\.1)$/, sizeBytes: 3100000, entrypoint: ['/usr/bin/stress-ng'], shell: 'busybox', binaries: { 'stress-ng': stressNg } }),
  image({ repository: 'docker.io/saadali/simmemleak', tags: /^latest$/, sizeBytes: 2560000, cmd: ['/simmemleak'], binaries: { simmemleak } }),
  image({ repository: 'registry.k8s.io/liveness', tags: /^(latest|0\.1)$/, sizeBytes: 2400000, cmd: ['/server'], binaries: { server: livenessImage }, sigtermExitCode: 2 }),
  image({
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    tags: /^2\.(\d+)$/,
    sizeBytes: 51286176,
    entrypoint: ['/agnhost'],
    shell: 'busybox',
    binaries: { agnhost },
    sigtermExitCode: 2,
  }),
  image({ repository: 'registry.k8s.io/goproxy', tags: /^0\.1$/, sizeBytes: 2500000, cmd: ['/goproxy'], binaries: { goproxy }, sigtermExitCode: 2 }),
  image({ repository: 'docker.io/library/perl', tags: /^(latest|slim|5(\.\d+){0,2}(-slim)?)$/, sizeBytes: 333000000, cmd: ['perl', '-de0'], shell: 'gnu', binaries: { perl } }),
  image({ repository: 'docker.io/fluent/fluentd', tags: /^(latest|v1\.\d+(\.\d+)?(-\d)?(-debian)?(-1\.0)?)$/, sizeBytes: 44000000, cmd: ['fluentd'], shell: 'busybox', binaries: { fluentd } }),
  image({ repository: 'docker.io/elastic/filebeat', tags: /^\d+\.\d+\.\d+$/, sizeBytes: 120000000, entrypoint: ['/usr/bin/tini', '-s', '--', '/usr/local/bin/docker-entrypoint'], cmd: ['-environment', 'container'], shell: 'gnu', binaries: { tini: filebeat, filebeat, 'docker-entrypoint': filebeat } }),
  image({ repository: 'docker.io/ikubernetes/filebeat', tags: /^5\.6\.[5-7]-alpine$/, sizeBytes: 12000000, cmd: ['/bin/sh', '-c', '/usr/local/bin/filebeat -e -c /etc/filebeat/filebeat.yml'], shell: 'busybox', binaries: { filebeat } }),
  image({ repository: 'docker.io/library/hello-world', tags: /^(latest|linux)$/, sizeBytes: 9240, cmd: ['/hello'], binaries: { hello: helloWorld } }),
  image({ repository: 'registry.k8s.io/etcd', tags: /^3\.5\.\d+-0$/, sizeBytes: 56909194, cmd: ['etcd'], binaries: { etcd: component('etcd', 40, [{ port: 2379 }, { port: 2381, http: true }], ['starting etcd', 'serving client traffic securely']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/kube-apiserver', tags: /^v1\.32\.\d+$/, sizeBytes: 28670731, cmd: ['kube-apiserver'], binaries: { 'kube-apiserver': component('kube-apiserver', 220, [{ port: 6443, http: true, tls: true }], ['Version: v1.32.4', 'Serving securely on [::]:6443']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/kube-controller-manager', tags: /^v1\.32\.\d+$/, sizeBytes: 26259392, cmd: ['kube-controller-manager'], binaries: { 'kube-controller-manager': component('kube-controller-manager', 50, [{ port: 10257, http: true, tls: true }], ['Version: v1.32.4', 'Starting controllers']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/kube-scheduler', tags: /^v1\.32\.\d+$/, sizeBytes: 20657902, cmd: ['kube-scheduler'], binaries: { 'kube-scheduler': component('kube-scheduler', 20, [{ port: 10259, http: true, tls: true }], ['Version: v1.32.4', 'Serving securely on 127.0.0.1:10259']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/kube-proxy', tags: /^v1\.32\.\d+$/, sizeBytes: 30907858, cmd: ['/usr/local/bin/kube-proxy'], binaries: { 'kube-proxy': component('kube-proxy', 16, [{ port: 10256, http: true }], ['Using iptables Proxier', 'Starting service config controller']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/coredns/coredns', tags: /^v1\.11\.\d+$/, sizeBytes: 18562039, entrypoint: ['/coredns'], binaries: { coredns }, sigtermExitCode: 2 }),
];

export interface ImageReference {
  /** As written in the pod spec. */
  original: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** `docker.io/library/nginx:latest` */
  fullName: string;
}

/**
 * Normalises an image reference the way containerd does: `nginx` → `docker.io/library/nginx:latest`.
 * Returns an error text (as kubelet reports InvalidImageName) for references that cannot parse.
 */
export function parseImageReference(ref: string): ImageReference | { error: string } {
  const invalid = (reason: string) => ({ error: `couldn't parse image name "${ref}": invalid reference format${reason}` });
  if (!ref || /\s/.test(ref)) return invalid('');
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) return invalid('');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return invalid('');
  }
  const parts = rest.split('/');
  let repository: string;
  if (parts.length === 1) repository = `docker.io/library/${parts[0]}`;
  else if (/[.:]/.test(parts[0]) || parts[0] === 'localhost') repository = rest;
  else repository = `docker.io/${rest}`;
  const path = repository.slice(repository.indexOf('/') + 1);
  if (path !== path.toLowerCase()) return invalid(`: repository name (${path}) must be lowercase`);
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) return invalid('');
  repository = repository.replace(/^k8s\.gcr\.io\//, 'registry.k8s.io/').replace(/^gcr\.io\/google[-_]containers\//, 'registry.k8s.io/');
  if (!tag && !digest) tag = 'latest';
  const fullName = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { original: ref, repository, tag, digest, fullName };
}

/** The image in the catalog, or the registry's error text for a pull. */
export function findImage(ref: ImageReference): ImageSpec | { error: string } {
  const spec = catalog.find((candidate) => candidate.repository === ref.repository);
  const name = ref.fullName;
  if (!spec) {
    return {
      error: `failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (ref.tag && !spec.tags.test(ref.tag)) {
    return { error: `failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found` };
  }
  return spec;
}

/** A stable fake digest per image, for imageID. */
export function imageDigest(fullName: string): string {
  let h1 = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < fullName.length; i++) {
      h1 ^= fullName.charCodeAt(i) + round;
      h1 = Math.imul(h1, 0x01000193) >>> 0;
    }
    out += h1.toString(16).padStart(8, '0');
  }
  return `sha256:${out}`;
}
