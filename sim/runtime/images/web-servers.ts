// Images that serve HTTP: nginx, httpd, the Kubernetes test images (agnhost, liveness) and goproxy.
import { Interrupt, writeTimedLine, type CommandContext, type CommandImpl, type HttpRequest, type HttpResult, type Program, type TimedLine } from '../../process';
import { FsError } from '../../fs/filesystem';
import { signalNumber, type Signal } from '../../signals';
import { MiB, accessLogTime, forever, klogPrefix, slashTime } from './program-helpers';

export const nginxIndexHtml = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const notFoundPage = (server: string) => `<html>
<head><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>${server}</center>
</body>
</html>
`;

function serveFiles(ctx: CommandContext, root: string, server: string, log: (req: HttpRequest, status: number, bytes: number) => void) {
  // The last answer, reused while the files stay the same (a probe asks for the same page every
  // few seconds); readers never change a result.
  let last: { filesStamp: number; requestPath: string; result: HttpResult } | undefined;
  return (request: HttpRequest): HttpResult => {
    const filesStamp = ctx.fs.changeStamp?.();
    if (last && filesStamp !== undefined && last.filesStamp === filesStamp && last.requestPath === request.path) {
      if (!request.inspection) log(request, last.result.status!, last.result.body!.length);
      return last.result;
    }
    let status = 200;
    let body: string;
    let path = request.path.split('?')[0];
    if (path.endsWith('/')) path += 'index.html';
    try {
      const stat = ctx.fs.stat(root + path);
      if (stat?.type === 'dir') {
        body = ctx.fs.readFile(root + path + '/index.html');
      } else {
        body = ctx.fs.readFile(root + path);
      }
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      status = 404;
      body = notFoundPage(server);
    }
    const result: HttpResult = { status, body, headers: { Server: server, 'Content-Type': 'text/html' }, latencyMs: 1 };
    last = filesStamp === undefined ? undefined : { filesStamp, requestPath: request.path, result };
    if (!request.inspection) log(request, status, body.length);
    return result;
  };
}

const accessLogTimeWidth = '15/Jan/2026:09:00:00 +0000'.length;

/** The fields of a request an access log line shows. */
export interface LoggedRequest {
  client: string;
  path: string;
  status: number;
  bytes: number;
  agent: string;
}

/** An access log entry: `client - - [time] ` and the rest, the same at every time. */
class AccessLogLine implements TimedLine {
  readonly stream = 'stdout';
  readonly length: number;
  private readonly before: string;

  constructor(
    readonly request: LoggedRequest,
    private readonly after: string,
  ) {
    this.before = `${request.client} - - [`;
    this.length = this.before.length + accessLogTimeWidth + after.length;
  }

  text(time: number): string {
    return this.before + accessLogTime(time) + this.after;
  }

  logs(client: string, path: string, status: number, bytes: number, agent: string): boolean {
    const r = this.request;
    return r.client === client && r.path === path && r.status === status && r.bytes === bytes && r.agent === agent;
  }
}

/**
 * Writes each request to the access log, `after` giving the text after its time. A repeat of the
 * last request (a probe every few seconds) is the same line at another time, so the log keeps it once.
 */
export function accessLogger(ctx: CommandContext, after: (request: LoggedRequest) => string): (request: HttpRequest, status: number, bytes: number) => void {
  let last: AccessLogLine | undefined;
  return (request, status, bytes) => {
    const client = request.remoteAddress;
    const agent = userAgent(request);
    if (!last?.logs(client, request.path, status, bytes, agent)) {
      const logged = { client, path: request.path, status, bytes, agent };
      last = new AccessLogLine(logged, after(logged));
    }
    writeTimedLine(ctx.io, last, ctx.now());
  };
}

function userAgent(request: HttpRequest): string {
  return request.headers['User-Agent'] ?? request.headers['user-agent'] ?? '-';
}

export const nginxVersion = '1.27.3';
export const httpdVersion = '2.4.62';

/** Where the master writes its PID (`pid` in the image's nginx.conf), for `nginx -s`. */
const nginxPidFile = '/run/nginx.pid';
const nginxSignals: Record<string, Signal> = { reload: 'SIGHUP', quit: 'SIGQUIT', stop: 'SIGTERM', reopen: 'SIGUSR1' };

/** `nginx -s reload|quit|stop|reopen`: signals the master whose PID the pid file holds. */
function nginxSignal(ctx: CommandContext, name: string): number {
  const t = slashTime(ctx.now());
  const signal = nginxSignals[name];
  if (!signal) {
    ctx.io.stderr(`nginx: invalid option: "-s ${name}"\n`);
    return 1;
  }
  const self = ctx.host.pid?.() ?? 1;
  ctx.io.stderr(`${t} [notice] ${self}#${self}: signal process started\n`);
  let pid: number;
  try {
    pid = Number(ctx.fs.readFile(nginxPidFile).trim());
  } catch {
    ctx.io.stderr(`${t} [error] ${self}#${self}: open() "${nginxPidFile}" failed (2: No such file or directory)\n`);
    return 1;
  }
  const error = ctx.host.kill?.(pid, signal);
  if (error) {
    ctx.io.stderr(`${t} [alert] ${self}#${self}: kill(${pid}, ${signalNumber(signal)}) failed (3: ${error})\n`);
    return 1;
  }
  return 0;
}

/** The master's loop: HUP reloads (new workers, the old ones shut down), QUIT, TERM and INT end it, USR1 reopens the logs. */
function* nginxMaster(ctx: CommandContext, firstWorkers: number[]): Program {
  ctx.host.handleSignals?.(['SIGHUP', 'SIGQUIT', 'SIGTERM', 'SIGINT', 'SIGUSR1', 'SIGWINCH']);
  let workers = firstWorkers;
  const log = (pid: number, text: string) => ctx.io.stderr(`${slashTime(ctx.now())} [notice] ${pid}#${pid}: ${text}\n`);
  const stopWorkers = (how: 'gracefully shutting down' | 'exiting') => {
    for (const worker of workers) {
      if (how === 'gracefully shutting down') log(worker, how);
      log(worker, 'exiting');
      log(worker, 'exit');
      ctx.host.endWorker?.(worker);
    }
    if (workers.length > 0) log(1, `signal 17 (SIGCHLD) received from ${workers[0]}`);
    for (const worker of workers) log(1, `worker process ${worker} exited with code 0`);
  };
  for (;;) {
    try {
      yield { kind: 'sleep', until: Infinity };
    } catch (error) {
      if (!(error instanceof Interrupt)) throw error;
      const from = error.from !== undefined ? ` received from ${error.from}` : ' received';
      const head = `signal ${signalNumber(error.signal)} (${error.signal})${from}`;
      if (error.signal === 'SIGHUP') {
        log(1, `${head}, reconfiguring`);
        log(1, 'reconfiguring');
        log(1, 'using the "epoll" event method');
        log(1, 'start worker processes');
        const fresh = [0, 1].map(() => ctx.host.spawnWorker?.({ comm: 'nginx', title: 'nginx: worker process', user: '101', memory: MiB, cpuDemand: 0 }) ?? 0);
        for (const worker of fresh) log(1, `start worker process ${worker}`);
        stopWorkers('gracefully shutting down');
        workers = fresh;
        log(1, 'signal 29 (SIGIO) received');
      } else if (error.signal === 'SIGUSR1') {
        log(1, `${head}, reopening`);
        log(1, 'reopening logs');
      } else if (error.signal === 'SIGQUIT' || error.signal === 'SIGTERM' || error.signal === 'SIGINT') {
        log(1, `${head}, ${error.signal === 'SIGQUIT' ? 'shutting down' : 'exiting'}`);
        stopWorkers(error.signal === 'SIGQUIT' ? 'gracefully shutting down' : 'exiting');
        log(1, 'exit');
        return 0;
      }
    }
  }
}

export const nginx: CommandImpl = function* (ctx): Program {
  const signalOption = ctx.argv.indexOf('-s');
  if (signalOption > 0) return nginxSignal(ctx, ctx.argv[signalOption + 1] ?? '');
  const now = ctx.now();
  const version = ctx.env.get('NGINX_VERSION') ?? nginxVersion;
  const isEntrypoint = ctx.argv[0].endsWith('docker-entrypoint.sh');
  if (isEntrypoint || ctx.argv.length === 1 || ctx.argv.includes('daemon off;')) {
    ctx.io.stdout(
      [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        '',
      ].join('\n'),
    );
  }
  const t = slashTime(now);
  ctx.io.stderr(
    [
      `${t} [notice] 1#1: using the "epoll" event method`,
      `${t} [notice] 1#1: nginx/${version}`,
      `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
      `${t} [notice] 1#1: OS: Linux 6.1.0-28-amd64`,
      `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${t} [notice] 1#1: start worker processes`,
      `${t} [notice] 1#1: start worker process 29`,
      `${t} [notice] 1#1: start worker process 30`,
      '',
    ].join('\n'),
  );
  // The master renames itself and forks its workers (worker_processes auto: one per CPU), run as nginx (uid 101).
  ctx.host.setTitle?.('nginx: master process nginx -g daemon off;');
  const workers = [0, 1].map(() => ctx.host.spawnWorker?.({ comm: 'nginx', title: 'nginx: worker process', user: '101', memory: MiB, cpuDemand: 0 }) ?? 0);
  try {
    if (!ctx.fs.stat('/run')) ctx.fs.mkdir('/run', { recursive: true });
    ctx.fs.writeFile(nginxPidFile, `${ctx.host.pid?.() ?? 1}\n`);
  } catch {
    // A read-only root filesystem: nginx would fail to start; the lab's keeps serving.
  }
  ctx.host.setMemory?.(MiB + 512 * 1024);
  ctx.host.listen?.(80, {
    protocol: 'http',
    handle: serveFiles(
      ctx,
      '/usr/share/nginx/html',
      `nginx/${version}`,
      accessLogger(ctx, (r) => `] "GET ${r.path} HTTP/1.1" ${r.status} ${r.bytes} "-" "${r.agent}" "-"`),
    ),
  });
  return yield* nginxMaster(ctx, workers);
};

export const httpd: CommandImpl = function* (ctx): Program {
  const d = new Date(ctx.now());
  const server = `Apache/${ctx.env.get('HTTPD_VERSION') ?? httpdVersion} (Unix)`;
  const stamp = d.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5.000000 $4');
  ctx.io.stderr(
    `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.0.1. Set the 'ServerName' directive globally to suppress this message\n` +
      `[${stamp}] [mpm_event:notice] [pid 1:tid 1] AH00489: ${server} configured -- resuming normal operations\n` +
      `[${stamp}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`,
  );
  ctx.host.setMemory?.(5 * MiB);
  ctx.host.listen?.(80, {
    protocol: 'http',
    handle: serveFiles(ctx, '/usr/local/apache2/htdocs', server, accessLogger(ctx, (r) => `] "GET ${r.path} HTTP/1.1" ${r.status} ${r.bytes}`)),
  });
  return yield* forever();
};

/** The liveness test server: /healthz answers 200 for the first 10 seconds, then 500. */
function livenessServer(ctx: CommandContext, port: number): void {
  const started = ctx.now();
  ctx.host.listen?.(port, {
    protocol: 'http',
    handle: (request) => {
      const path = request.path.split('?')[0];
      if (path === '/healthz') {
        const elapsed = (ctx.now() - started) / 1000;
        if (elapsed > 10) return { status: 500, body: `error: ${elapsed.toFixed(6)}s` };
        return { status: 200, body: 'ok' };
      }
      if (path === '/started') return { status: 200, body: 'ok' };
      if (path === '/redirect') return { status: 302, headers: { Location: '/' }, body: '' };
      return { status: 404, body: '404 page not found\n' };
    },
  });
}

export const livenessImage: CommandImpl = function* (ctx): Program {
  ctx.host.setMemory?.(2 * MiB);
  livenessServer(ctx, 8080);
  return yield* forever();
};

function flagValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** `2026-01-15 09:00:00.000000000 +0000 UTC`: Go's time.Time as fmt prints it. */
function goTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.(\d+)Z$/, (_, frac: string) => `.${frac.padEnd(9, '0')} +0000 UTC`);
}

function query(text: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|&)${name}=([^&]*)`).exec(text);
  return match ? decodeURIComponent(match[1].replace(/\+/g, ' ')) : undefined;
}

/** agnhost netexec: the e2e tests' HTTP server (README of test/images/agnhost lists its endpoints). */
function netexec(ctx: CommandContext, rest: string[]): void {
  const port = Number(flagValue(rest, '--http-port') ?? 8080);
  const udpPort = Number(flagValue(rest, '--udp-port') ?? 8081);
  ctx.io.stderr(`${klogPrefix(ctx.now(), 'I', 'log.go:245')}Started HTTP server on port ${port}\n`);
  if (udpPort !== -1) ctx.io.stderr(`${klogPrefix(ctx.now(), 'I', 'log.go:245')}Started UDP server on port ${udpPort}\n`);
  ctx.host.listen?.(port, {
    protocol: 'http',
    handle: (request) => {
      const [path, params = ''] = request.path.split('?');
      const code = Number(query(params, 'code') ?? 200);
      switch (path) {
        case '/':
          return { status: 200, body: `NOW: ${goTime(ctx.now())}` };
        case '/hostname':
        case '/hostName':
          return { status: 200, body: ctx.host.hostname() };
        case '/echo':
          return { status: code, body: query(params, 'msg') ?? '' };
        case '/clientip':
          return { status: 200, body: `${request.remoteAddress}:40000` };
        case '/serverport':
          return { status: 200, body: String(port) };
        case '/healthz':
          return { status: 200, body: '' };
        case '/header': {
          const key = query(params, 'key') ?? '';
          const found = Object.entries(request.headers).find(([name]) => name.toLowerCase() === key.toLowerCase());
          return { status: 200, body: found?.[1] ?? '' };
        }
        case '/redirect':
          return { status: Number(query(params, 'code') ?? 303), headers: { Location: query(params, 'location') ?? '/' }, body: '' };
        default:
          return { status: 404, body: '404 page not found\n' };
      }
    },
  });
}

/** serve_hostname: the image agnhost's serve-hostname tool grew out of; it answers with the Pod's hostname on 9376. */
export const serveHostname: CommandImpl = (ctx) => agnhost({ ...ctx, argv: ['agnhost', 'serve-hostname', ...ctx.argv.slice(1)] });

/** agnhost: the Kubernetes e2e "Swiss army knife" image; the first argument picks the tool. */
export const agnhost: CommandImpl = function* (ctx): Program {
  const [tool, ...rest] = ctx.argv.slice(1);
  ctx.host.setMemory?.(3 * MiB);
  switch (tool) {
    case 'liveness':
      livenessServer(ctx, 8080);
      return yield* forever();
    case 'netexec':
      netexec(ctx, rest);
      return yield* forever();
    case 'serve-hostname': {
      const port = Number(flagValue(rest, '--port') ?? 9376);
      ctx.io.stderr(`${klogPrefix(ctx.now(), 'I', 'serve_hostname.go:105')}Serving on port ${port}.\n`);
      ctx.host.listen?.(port, { protocol: 'http', handle: () => ({ status: 200, body: ctx.host.hostname() }) });
      return yield* forever();
    }
    case 'fake-gitserver':
      ctx.host.listen?.(8000, { protocol: 'http', handle: () => ({ status: 200, body: 'I am a fake git server' }) });
      return yield* forever();
    case 'porter': {
      // Serves the value of each SERVE_PORT_<n> variable on port n.
      for (const [name, value] of ctx.env) {
        const port = /^SERVE_PORT_(\d+)$/.exec(name)?.[1];
        if (port) ctx.host.listen?.(Number(port), { protocol: 'http', handle: () => ({ status: 200, body: value }) });
      }
      return yield* forever();
    }
    case 'grpc-health-checking': {
      const port = Number(flagValue(rest, '--port') ?? 5000);
      const httpPort = Number(flagValue(rest, '--http-port') ?? 8080);
      ctx.io.stdout(`Serving on port ${port}\n`);
      ctx.host.listen?.(port, { protocol: 'tcp' });
      ctx.host.listen?.(httpPort, { protocol: 'http', handle: () => ({ status: 200, body: '' }) });
      return yield* forever();
    }
    case 'dns-suffix':
    case 'dns-server-list': {
      let resolv = '';
      try {
        resolv = ctx.fs.readFile('/etc/resolv.conf');
      } catch {
        resolv = '';
      }
      const key = tool === 'dns-suffix' ? 'search' : 'nameserver';
      const values = resolv
        .split('\n')
        .filter((line) => line.startsWith(`${key} `))
        .flatMap((line) => line.split(/\s+/).slice(1));
      ctx.io.stdout(values.join(','));
      return 0;
    }
    case 'etc-hosts':
      try {
        ctx.io.stdout(ctx.fs.readFile('/etc/hosts'));
      } catch {
        return 1;
      }
      return 0;
    case 'entrypoint-tester':
      ctx.io.stdout(`${ctx.argv.join(' ')}\n`);
      return 0;
    case 'connect': {
      const target = rest.find((arg) => !arg.startsWith('--')) ?? '';
      const colon = target.lastIndexOf(':');
      if (colon < 0) {
        ctx.io.stderr(`UNKNOWN: couldn't split host and port: address ${target}: missing port in address\n`);
        return 1;
      }
      const host = target.slice(0, colon);
      const error = ctx.host.tcpConnect?.(host, Number(target.slice(colon + 1)));
      if (error === undefined) return 0;
      if (error.startsWith('bad address')) ctx.io.stderr(`DNS: lookup ${host}: no such host\n`);
      else if (error === 'Connection refused') ctx.io.stderr(`REFUSED: dial tcp ${target}: connect: connection refused\n`);
      else ctx.io.stderr(`OTHER: dial tcp ${target}: connect: ${error.toLowerCase()}\n`);
      return 1;
    }
    case 'pause':
      ctx.io.stdout('Paused\n');
      return yield* forever();
    case undefined:
      ctx.io.stdout('Usage:\n  agnhost [flags]\n  agnhost [command]\n');
      return 0;
    default:
      ctx.io.stderr(`Error: unknown command "${tool}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
      return 1;
  }
};

export const goproxy: CommandImpl = function* (ctx): Program {
  ctx.host.setMemory?.(2 * MiB);
  ctx.host.listen?.(8080, { protocol: 'http', handle: () => ({ status: 200, body: 'ok' }) });
  return yield* forever();
};
