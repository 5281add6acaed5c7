// The image catalog: which images exist (their tags are in tags.ts), how big they are, what they run
// by default, what is in their filesystem, and which programs they contain.

import type { CommandImpl } from '../../process';
import { memoizeByText } from '../../memo';
import { agnhost, serveHostname, goproxy, httpd, httpdVersion, livenessImage, nginx, nginxIndexHtml, nginxVersion } from './web-servers';
import { simmemleak, stress, stressNg, vishStress } from './stress';
import { component, coredns, pause } from './system';
import { curlEntrypoint, filebeat, fluentd, helloWorld, perl } from './tools';
import { hasTag, imageTags, versionOfTag } from './tags';
import { go, goVersion, node, nodeVersion, python, pythonVersion } from './languages';
import { aptGet } from './apt';
import { memcached, mongod, postgres, rabbitmq, redis, redisCli, redisFollowerRunSh, redisVersion } from './databases';
import { bootcamp, bootcampServerJs, echoserver, guestbookFrontend, helloApp, helloFrontend, helloGoGke, hpaExample, httpEcho, nodeHello, whoami } from './sample-apps';
import { curlCommand } from '../../shell/commands';
import { curl } from '../../shell/commands/net-commands';
import { socat } from './socat';
import { mysqlClient, mysqld, mysqlDefaultVersion } from './mysql';
import { wordpress, wordpressPhpVersion, wordpressVersion } from './wordpress';
import { debianServiceUser, oracleLinuxServiceUser } from './users';

export type ShellKind = 'busybox' | 'gnu' | 'none';

export interface ImageSpec {
  /** Fully qualified repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  sizeBytes: number;
  entrypoint: string[];
  cmd: string[];
  /** Which shell and tools the image has. */
  shell: ShellKind;
  /** The image's USER when it is not root: a name of its /etc/passwd or a uid, either with `:group`. */
  user?: string;
  /** A busybox image that also has GNU bash installed (the bash image, on Alpine). */
  bash?: boolean;
  /** Tools of its shell kind the image does not ship (debian has no curl, wget or ps). */
  missing?: string[];
  /**
   * The image's entrypoint is a script (docker-entrypoint.sh) that runs its arguments as a command
   * (`exec "$@"`), putting this program first when they start with an option or name no command:
   * `kubectl run web --image=nginx -- sleep 3600` runs sleep, `-- --port 7000` runs redis-server.
   */
  entrypointRuns?: string;
  /**
   * The user (of its /etc/passwd) the entrypoint script re-execs its server as with gosu when the
   * container starts as root: redis-server runs as redis while `kubectl exec` shells stay root.
   */
  serverUser?: string;
  /** Programs of the image beyond its shell tools, by name. */
  binaries: Record<string, CommandImpl>;
  /**
   * The exit code of its main program on SIGTERM. Undefined: the program has no handler and, as
   * PID 1, ignores SIGTERM until the kubelet's SIGKILL. Servers shut down with 0; Go programs exit 2.
   */
  sigtermExitCode?: number;
  files: Record<string, string>;
  env: Record<string, string>;
  /**
   * The environment variable in which the image records its release (NGINX_VERSION), as the real
   * images' Dockerfiles set it; a tag that names a release (`1.14.2`, `1.27`) sets it to that one,
   * and the image's programs report the release they find there.
   */
  versionEnv?: string;
  /** What differs under some tags (hello-app:1.0 says Version: 1.0.0): fields that replace the image's own. */
  byTag?: Record<string, Partial<Omit<ImageSpec, 'repository' | 'byTag'>>>;
  workingDir?: string;
}

const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function image(spec: Partial<ImageSpec> & Pick<ImageSpec, 'repository' | 'sizeBytes'>): ImageSpec {
  return { entrypoint: [], cmd: [], shell: 'none', binaries: {}, files: {}, env: { PATH: defaultPath }, ...spec };
}

/** curlimages/curl: each tag is a curl release, which it names in its requests (`curl/8.14.1`). */
function curlImage(): ImageSpec {
  const repository = 'docker.io/curlimages/curl';
  const binariesOf = (version: string) => {
    const program = curl(version);
    return { curl: program, 'entrypoint.sh': curlEntrypoint(program) };
  };
  const byTag: Record<string, Partial<ImageSpec>> = {};
  const releases: string[] = [];
  for (const tag of imageTags[repository] ?? []) {
    const version = versionOfTag(repository, tag);
    if (!version) continue;
    // The tag 8.00.1 is curl 8.0.1.
    const release = version.split('.').map(Number).join('.');
    releases.push(release);
    byTag[tag] = { binaries: binariesOf(release) };
  }
  return image({
    repository,
    sizeBytes: 12412375,
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    shell: 'busybox',
    // Untagged or `latest`: the newest release.
    binaries: binariesOf(releases[0] ?? '8.14.1'),
    user: 'curl_user',
    // `addgroup -S curl_group && adduser -S curl_user -G curl_group`: the first free system ids.
    files: {
      '/etc/passwd': alpinePasswd + 'curl_user:x:100:101:Linux User,,,:/home/curl_user:/sbin/nologin\n',
      '/etc/group': alpineGroup + 'curl_group:x:101:curl_user\n',
    },
    byTag,
  });
}

/** Debian's and Ubuntu's package manager, in every image built on them. */
const apt = { 'apt-get': aptGet, apt: aptGet };

/** The tools a slim Debian image leaves out. */
const debianMissing = ['curl', 'wget', 'ps', 'top', 'nc', 'nslookup', 'ping'];

const osRelease = (pretty: string, id: string) => `PRETTY_NAME="${pretty}"\nNAME="${pretty.split(' ')[0]}"\nID=${id}\n`;

/** Alpine's base users and groups (alpine-baselayout), as /etc/passwd and /etc/group list them. */
const alpinePasswd =
  'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\n' +
  'sync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\n' +
  'news:x:9:13:news:/usr/lib/news:/sbin/nologin\nuucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\ncron:x:16:16:cron:/var/spool/cron:/sbin/nologin\n' +
  'ftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\ngames:x:35:35:games:/usr/games:/sbin/nologin\n' +
  'ntp:x:123:123:NTP:/var/empty:/sbin/nologin\nguest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n';
const alpineGroup =
  'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin\nadm:x:4:root,daemon\ntty:x:5:\ndisk:x:6:root\nlp:x:7:lp\nkmem:x:9:\n' +
  'wheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\nnews:x:13:news\nuucp:x:14:uucp\ncron:x:16:cron\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\n' +
  'sshd:x:22:\ninput:x:23:\ntape:x:26:root\nvideo:x:27:root\nnetdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nusers:x:100:games\nntp:x:123:\nabuild:x:300:\n' +
  'utmp:x:406:\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n';

/**
 * WordPress on php's Apache image. A tag names the WordPress release, which came with its PHP and
 * Debian (and so Apache): 4.8 ran PHP 7.1 on jessie and still set WORDPRESS_VERSION, 6.2 PHP 8.0
 * on bullseye, the current ones PHP 8.2 on bookworm.
 */
function wordpressImage(): ImageSpec {
  const repository = 'docker.io/library/wordpress';
  const build = (version: string): Partial<ImageSpec> => {
    const [apache, php, debian] = version.startsWith('4.') ? ['2.4.10', '7.1.11', '8 (jessie)'] : version.startsWith('6.2.') ? ['2.4.56', '8.0.28', '11 (bullseye)'] : ['2.4.62', wordpressPhpVersion, '12 (bookworm)'];
    const program = wordpress(apache, version);
    return {
      binaries: { 'apache2-foreground': program, 'docker-entrypoint.sh': program, ...apt },
      env: { PATH: defaultPath, PHP_VERSION: php, APACHE_CONFDIR: '/etc/apache2', ...(version.startsWith('4.') ? { WORDPRESS_VERSION: version } : {}) },
      files: { '/etc/os-release': osRelease(`Debian GNU/Linux ${debian}`, 'debian') },
    };
  };
  const byTag: Record<string, Partial<ImageSpec>> = {};
  for (const tag of imageTags[repository] ?? []) {
    const version = versionOfTag(repository, tag);
    if (version && version !== wordpressVersion) byTag[tag] = build(version);
  }
  return image({
    repository,
    sizeBytes: 239000000,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['apache2-foreground'],
    shell: 'gnu',
    ...build(wordpressVersion),
    entrypointRuns: 'apache2-foreground',
    // php's images install curl; the rest of a slim Debian's tools are not there.
    missing: debianMissing.filter((tool) => tool !== 'curl'),
    sigtermExitCode: 0,
    workingDir: '/var/www/html',
    byTag,
  });
}

export const catalog: ImageSpec[] = [
  image({ repository: 'registry.k8s.io/pause', sizeBytes: 320368, entrypoint: ['/pause'], binaries: { pause } }),
  image({ repository: 'docker.io/library/busybox', sizeBytes: 2167176, cmd: ['sh'], shell: 'busybox' }),
  image({ repository: 'registry.k8s.io/busybox', sizeBytes: 1144547, cmd: ['sh'], shell: 'busybox' }),
  image({
    repository: 'docker.io/library/alpine',
    sizeBytes: 3653068,
    cmd: ['/bin/sh'],
    shell: 'busybox',
    files: { '/etc/os-release': osRelease('Alpine Linux v3.21', 'alpine'), '/etc/alpine-release': '3.21.2\n' },
  }),
  // socat on Alpine: its entrypoint is socat, so a Pod's args are the two addresses.
  image({
    repository: 'docker.io/alpine/socat',
    sizeBytes: 4290000,
    entrypoint: ['socat'],
    shell: 'busybox',
    binaries: { socat },
    sigtermExitCode: 143,
    files: { '/etc/os-release': osRelease('Alpine Linux v3.21', 'alpine'), '/etc/alpine-release': '3.21.2\n' },
  }),
  image({
    repository: 'docker.io/library/ubuntu',
    sizeBytes: 29754422,
    cmd: ['/bin/bash'],
    shell: 'gnu',
    binaries: apt,
    missing: debianMissing,
    files: { '/etc/os-release': osRelease('Ubuntu 24.04.1 LTS', 'ubuntu') },
  }),
  image({
    repository: 'docker.io/library/debian',
    sizeBytes: 48491011,
    cmd: ['bash'],
    shell: 'gnu',
    binaries: apt,
    missing: debianMissing,
    files: { '/etc/os-release': osRelease('Debian GNU/Linux 12 (bookworm)', 'debian'), '/etc/debian_version': '12.8\n' },
  }),
  image({
    repository: 'docker.io/library/bash',
    sizeBytes: 6292164,
    cmd: ['bash'],
    shell: 'busybox',
    bash: true,
    files: { '/etc/os-release': osRelease('Alpine Linux v3.21', 'alpine'), '/etc/alpine-release': '3.21.2\n' },
  }),
  image({
    repository: 'docker.io/library/python',
    sizeBytes: 372357044,
    cmd: ['python3'],
    shell: 'gnu',
    binaries: { python3: python, python: python, [`python${pythonVersion.split('.').slice(0, 2).join('.')}`]: python },
    files: { '/etc/os-release': osRelease('Debian GNU/Linux 12 (bookworm)', 'debian') },
    env: { PATH: defaultPath, LANG: 'C.UTF-8', PYTHON_VERSION: pythonVersion },
    versionEnv: 'PYTHON_VERSION',
  }),
  image({
    repository: 'docker.io/library/node',
    sizeBytes: 392433580,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    shell: 'gnu',
    binaries: { node, 'docker-entrypoint.sh': node },
    entrypointRuns: 'node',
    files: { '/etc/os-release': osRelease('Debian GNU/Linux 12 (bookworm)', 'debian') },
    env: { PATH: defaultPath, NODE_VERSION: nodeVersion.slice(1), YARN_VERSION: '1.22.22' },
    versionEnv: 'NODE_VERSION',
  }),
  image({
    repository: 'docker.io/library/golang',
    sizeBytes: 294683136,
    cmd: ['bash'],
    shell: 'gnu',
    binaries: { go },
    workingDir: '/go',
    files: { '/etc/os-release': osRelease('Debian GNU/Linux 12 (bookworm)', 'debian') },
    env: { PATH: `/go/bin:/usr/local/go/bin:${defaultPath}`, GOLANG_VERSION: goVersion.slice(2), GOPATH: '/go', GOTOOLCHAIN: 'local' },
    versionEnv: 'GOLANG_VERSION',
  }),
  curlImage(),
  image({
    repository: 'docker.io/library/nginx',
    sizeBytes: 72195292,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    shell: 'gnu',
    binaries: { nginx, 'docker-entrypoint.sh': nginx, ...apt },
    // The image installs curl (and gettext-base) beside nginx, but no procps or network tools.
    missing: debianMissing.filter((tool) => tool !== 'curl'),
    entrypointRuns: 'nginx',
    sigtermExitCode: 0,
    files: {
      '/usr/share/nginx/html/index.html': nginxIndexHtml,
      '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
      '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n',
      '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n',
      '/etc/os-release': osRelease('Debian GNU/Linux 12 (bookworm)', 'debian'),
    },
    env: { PATH: defaultPath, NGINX_VERSION: nginxVersion, NJS_VERSION: '0.8.7', PKG_RELEASE: '1~bookworm' },
    versionEnv: 'NGINX_VERSION',
  }),
  image({
    repository: 'docker.io/library/httpd',
    sizeBytes: 58145680,
    cmd: ['httpd-foreground'],
    shell: 'gnu',
    binaries: { 'httpd-foreground': httpd, httpd, ...apt },
    missing: debianMissing,
    env: { PATH: `/usr/local/apache2/bin:${defaultPath}`, HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: httpdVersion },
    versionEnv: 'HTTPD_VERSION',
    sigtermExitCode: 0,
    files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
    workingDir: '/usr/local/apache2',
  }),
  image({
    repository: 'docker.io/library/redis',
    sizeBytes: 45093744,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    shell: 'gnu',
    binaries: { 'redis-server': redis, 'redis-cli': redisCli, 'docker-entrypoint.sh': redis, ...apt },
    entrypointRuns: 'redis-server',
    missing: debianMissing,
    env: { PATH: defaultPath, REDIS_VERSION: redisVersion },
    versionEnv: 'REDIS_VERSION',
    sigtermExitCode: 0,
    workingDir: '/data',
    serverUser: 'redis',
    files: debianServiceUser('redis', 999, '/home/redis'),
  }),
  image({
    repository: 'docker.io/library/postgres',
    sizeBytes: 158354124,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    shell: 'gnu',
    binaries: { postgres, 'docker-entrypoint.sh': postgres, ...apt },
    entrypointRuns: 'postgres',
    missing: debianMissing,
    sigtermExitCode: 0,
    serverUser: 'postgres',
    files: debianServiceUser('postgres', 999, '/var/lib/postgresql', '/bin/bash'),
  }),
  image({
    repository: 'docker.io/library/mysql',
    sizeBytes: 172011292,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    shell: 'gnu',
    binaries: { mysqld, mysql: mysqlClient, 'docker-entrypoint.sh': mysqld },
    entrypointRuns: 'mysqld',
    sigtermExitCode: 0,
    env: { PATH: defaultPath, MYSQL_VERSION: mysqlDefaultVersion },
    versionEnv: 'MYSQL_VERSION',
    serverUser: 'mysql',
    files: oracleLinuxServiceUser('mysql', 999, '/var/lib/mysql'),
  }),
  wordpressImage(),
  image({
    repository: 'docker.io/library/mongo',
    sizeBytes: 294880862,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mongod'],
    shell: 'gnu',
    binaries: { mongod, 'docker-entrypoint.sh': mongod, ...apt },
    entrypointRuns: 'mongod',
    sigtermExitCode: 0,
    missing: debianMissing,
    serverUser: 'mongodb',
    files: debianServiceUser('mongodb', 999, '/data/db'),
  }),
  image({ repository: 'docker.io/library/memcached', sizeBytes: 31400000, entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], shell: 'gnu', binaries: { memcached, 'docker-entrypoint.sh': memcached, ...apt }, entrypointRuns: 'memcached', sigtermExitCode: 0, missing: debianMissing, user: 'memcache', files: debianServiceUser('memcache', 11211, '/home/memcache') }),
  image({ repository: 'docker.io/library/rabbitmq', sizeBytes: 95600000, entrypoint: ['docker-entrypoint.sh'], cmd: ['rabbitmq-server'], shell: 'gnu', binaries: { 'rabbitmq-server': rabbitmq, 'docker-entrypoint.sh': rabbitmq, ...apt }, entrypointRuns: 'rabbitmq-server', sigtermExitCode: 0, missing: debianMissing, serverUser: 'rabbitmq', files: debianServiceUser('rabbitmq', 999, '/var/lib/rabbitmq') }),
  image({ repository: 'docker.io/hashicorp/http-echo', sizeBytes: 3400000, entrypoint: ['/http-echo'], binaries: { 'http-echo': httpEcho }, sigtermExitCode: 2 }),
  image({ repository: 'docker.io/traefik/whoami', sizeBytes: 2900000, entrypoint: ['/whoami'], binaries: { whoami }, sigtermExitCode: 2 }),
  image({ repository: 'gcr.io/google-samples/hello-app', sizeBytes: 4700000, cmd: ['./hello-app'], shell: 'busybox', binaries: { 'hello-app': helloApp('2.0.0') }, sigtermExitCode: 2, workingDir: '/', byTag: { '1.0': { binaries: { 'hello-app': helloApp('1.0.0') } } } }),
  image({ repository: 'gcr.io/google-samples/hello-go-gke', sizeBytes: 4100000, cmd: ['/hello'], shell: 'busybox', binaries: { hello: helloGoGke }, sigtermExitCode: 2 }),
  image({
    repository: 'gcr.io/google-samples/hello-frontend',
    sizeBytes: 45000000,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    shell: 'gnu',
    binaries: { nginx: helloFrontend, 'docker-entrypoint.sh': helloFrontend },
    missing: debianMissing,
    entrypointRuns: 'nginx',
    sigtermExitCode: 0,
  }),
  image({ repository: 'us-docker.pkg.dev/google-samples/containers/gke/hello-app', sizeBytes: 4700000, cmd: ['./hello-app'], shell: 'busybox', binaries: { 'hello-app': helloApp('2.0.0') }, sigtermExitCode: 2, workingDir: '/', byTag: { '1.0': { binaries: { 'hello-app': helloApp('1.0.0') } } } }),
  image({ repository: 'gcr.io/google-samples/node-hello', sizeBytes: 262000000, cmd: ['/bin/sh', '-c', 'node server.js'], shell: 'gnu', binaries: { node: nodeHello } }),
  image({ repository: 'gcr.io/google-samples/kubernetes-bootcamp', sizeBytes: 79800000, cmd: ['/bin/sh', '-c', 'node server.js'], shell: 'gnu', binaries: { node: bootcamp(1) }, files: { '/server.js': bootcampServerJs(1) }, sigtermExitCode: 0 }),
  image({
    repository: 'docker.io/jocatalin/kubernetes-bootcamp',
    sizeBytes: 79800000,
    cmd: ['/bin/sh', '-c', 'node server.js'],
    shell: 'gnu',
    binaries: { node: bootcamp(2) },
    files: { '/server.js': bootcampServerJs(2) },
    sigtermExitCode: 0,
    byTag: { v1: { binaries: { node: bootcamp(1) }, files: { '/server.js': bootcampServerJs(1) } } },
  }),
  // The StatefulSet tutorial's web server: nginx 1.9 on a slim Debian with curl, serving /usr/share/nginx/html.
  image({ repository: 'registry.k8s.io/nginx-slim', sizeBytes: 20000000, cmd: ['nginx', '-g', 'daemon off;'], shell: 'gnu', binaries: { nginx }, sigtermExitCode: 0, files: { '/usr/share/nginx/html/index.html': nginxIndexHtml } }),
  image({ repository: 'registry.k8s.io/echoserver', sizeBytes: 46000000, cmd: ['nginx', '-g', 'daemon off;'], shell: 'gnu', binaries: { nginx: echoserver }, sigtermExitCode: 0 }),
  image({ repository: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend', sizeBytes: 140000000, cmd: ['apache2-foreground'], shell: 'gnu', binaries: { 'apache2-foreground': guestbookFrontend }, sigtermExitCode: 0, workingDir: '/var/www/html' }),
  image({ repository: 'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower', sizeBytes: 37000000, cmd: ['/run.sh'], shell: 'gnu', binaries: { 'run.sh': redisFollowerRunSh, 'redis-server': redis, 'redis-cli': redisCli }, sigtermExitCode: 0 }),
  image({ repository: 'registry.k8s.io/redis', sizeBytes: 36000000, entrypoint: ['redis-server'], shell: 'gnu', binaries: { 'redis-server': redis, 'redis-cli': redisCli }, sigtermExitCode: 0 }),
  image({ repository: 'registry.k8s.io/hpa-example', sizeBytes: 175000000, cmd: ['apache2-foreground'], shell: 'gnu', binaries: { 'apache2-foreground': hpaExample }, sigtermExitCode: 0, workingDir: '/var/www/html' }),
  image({ repository: 'quay.io/fluentd_elasticsearch/fluentd', sizeBytes: 160000000, entrypoint: ['/entrypoint.sh'], shell: 'gnu', binaries: { 'entrypoint.sh': fluentd, fluentd }, sigtermExitCode: 0 }),
  image({ repository: 'docker.io/polinux/stress', sizeBytes: 4040000, cmd: ['stress'], shell: 'busybox', binaries: { stress } }),
  image({ repository: 'docker.io/vish/stress', sizeBytes: 1310000, entrypoint: ['/stress'], cmd: ['-logtostderr'], binaries: { stress: vishStress } }),
  image({ repository: 'docker.io/ikubernetes/stress-ng', sizeBytes: 3100000, entrypoint: ['/usr/bin/stress-ng'], shell: 'busybox', binaries: { 'stress-ng': stressNg } }),
  image({ repository: 'docker.io/saadali/simmemleak', sizeBytes: 2560000, cmd: ['/simmemleak'], binaries: { simmemleak } }),
  image({ repository: 'registry.k8s.io/serve_hostname', sizeBytes: 2580000, entrypoint: ['/serve_hostname'], binaries: { serve_hostname: serveHostname }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/liveness', sizeBytes: 2400000, cmd: ['/server'], binaries: { server: livenessImage }, sigtermExitCode: 2 }),
  image({
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    sizeBytes: 51286176,
    entrypoint: ['/agnhost'],
    cmd: ['pause'],
    shell: 'busybox',
    bash: true,
    binaries: { agnhost, 'agnhost-2': agnhost, curl: curlCommand },
    sigtermExitCode: 2,
    // The user and group the e2e tests of supplementalGroupsPolicy rely on.
    files: {
      '/etc/passwd': alpinePasswd + 'user-defined-in-image:x:1000:1000::/home/user-defined-in-image:/bin/sh\n',
      '/etc/group': alpineGroup + 'user-defined-in-image:x:1000:\ngroup-defined-in-image:x:50000:user-defined-in-image\n',
    },
  }),
  image({ repository: 'registry.k8s.io/goproxy', sizeBytes: 2500000, cmd: ['/goproxy'], binaries: { goproxy }, sigtermExitCode: 2 }),
  image({ repository: 'docker.io/library/perl', sizeBytes: 333000000, cmd: ['perl', '-de0'], shell: 'gnu', binaries: { perl } }),
  image({ repository: 'docker.io/fluent/fluentd', sizeBytes: 44000000, cmd: ['fluentd'], shell: 'busybox', binaries: { fluentd } }),
  image({ repository: 'docker.io/elastic/filebeat', sizeBytes: 120000000, entrypoint: ['/usr/bin/tini', '-s', '--', '/usr/local/bin/docker-entrypoint'], cmd: ['-environment', 'container'], shell: 'gnu', binaries: { tini: filebeat, filebeat, 'docker-entrypoint': filebeat } }),
  image({ repository: 'docker.io/ikubernetes/filebeat', sizeBytes: 12000000, cmd: ['/bin/sh', '-c', '/usr/local/bin/filebeat -e -c /etc/filebeat/filebeat.yml'], shell: 'busybox', binaries: { filebeat } }),
  image({ repository: 'docker.io/library/hello-world', sizeBytes: 9240, cmd: ['/hello'], binaries: { hello: helloWorld } }),
  image({ repository: 'registry.k8s.io/etcd', sizeBytes: 56909194, cmd: ['etcd'], binaries: { etcd: component('etcd', 40, [{ port: 2379 }, { port: 2381, http: true }], ['starting etcd', 'serving client traffic securely']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/kube-apiserver', sizeBytes: 28670731, cmd: ['kube-apiserver'], binaries: { 'kube-apiserver': component('kube-apiserver', 220, [{ port: 6443, http: true, tls: true }], ['Version: v1.32.4', 'Serving securely on [::]:6443']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/kube-controller-manager', sizeBytes: 26259392, cmd: ['kube-controller-manager'], binaries: { 'kube-controller-manager': component('kube-controller-manager', 50, [{ port: 10257, http: true, tls: true }], ['Version: v1.32.4', 'Starting controllers']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/kube-scheduler', sizeBytes: 20657902, cmd: ['kube-scheduler'], binaries: { 'kube-scheduler': component('kube-scheduler', 20, [{ port: 10259, http: true, tls: true }], ['Version: v1.32.4', 'Serving securely on 127.0.0.1:10259']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/kube-proxy', sizeBytes: 30907858, cmd: ['/usr/local/bin/kube-proxy'], binaries: { 'kube-proxy': component('kube-proxy', 16, [{ port: 10256, http: true }], ['Using iptables Proxier', 'Starting service config controller']) }, sigtermExitCode: 2 }),
  image({ repository: 'registry.k8s.io/coredns/coredns', sizeBytes: 18562039, entrypoint: ['/coredns'], binaries: { coredns }, sigtermExitCode: 2 }),
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
  // Docker Hub's other spellings: index.docker.io is docker.io, and an official image has library/.
  repository = repository.replace(/^index\.docker\.io\//, 'docker.io/');
  if (/^docker\.io\/[^/]+$/.test(repository)) repository = repository.replace('docker.io/', 'docker.io/library/');
  repository = repository.replace(/^k8s\.gcr\.io\//, 'registry.k8s.io/').replace(/^gcr\.io\/google[-_]containers\//, 'registry.k8s.io/');
  if (!tag && !digest) tag = 'latest';
  const fullName = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { original: ref, repository, tag, digest, fullName };
}

/** Image records as a tag makes them (its release, what differs under it), by full reference. */
const taggedImages = new Map<string, ImageSpec>();

/** The image in the catalog, or the registry's error text for a pull. */
export function findImage(ref: ImageReference): ImageSpec | { error: string } {
  const spec = catalog.find((candidate) => candidate.repository === ref.repository);
  const name = ref.fullName;
  if (!spec) {
    return {
      error: `failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (ref.tag && !hasTag(spec.repository, ref.tag)) {
    return { error: `failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found` };
  }
  // One record per reference, made once: the cluster keeps a command resolver per record.
  const known = taggedImages.get(name);
  if (known) return known;
  const tagged = ref.tag && spec.byTag?.[ref.tag] ? { ...spec, ...spec.byTag[ref.tag] } : spec;
  const version = tagged.versionEnv && ref.tag ? versionOfTag(tagged.repository, ref.tag) : undefined;
  const result = version ? { ...tagged, env: { ...tagged.env, [tagged.versionEnv!]: version } } : tagged;
  taggedImages.set(name, result);
  return result;
}

/** A stable fake digest per image, for imageID. */
/** Image digests are asked for at every container start: each name's is computed once. */
export const imageDigest: (fullName: string) => string = memoizeByText(imageDigestOf);

function imageDigestOf(fullName: string): string {
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
