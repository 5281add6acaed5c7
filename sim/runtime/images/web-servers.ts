// Images that serve HTTP: nginx, httpd, the Kubernetes test images (agnhost, liveness) and goproxy.
import type { CommandContext, CommandImpl, HttpRequest, HttpResult, Program } from '../../process';
import { FsError } from '../../fs/filesystem';
import { MiB, accessLogTime, forever, slashTime } from './program-helpers';

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
  // The last answer, reused while the files stay the same (a probe asks for the same page every few seconds).
  let last: { filesStamp: number; path: string; status: number; body: string } | undefined;
  return (request: HttpRequest): HttpResult => {
    let path = request.path.split('?')[0];
    if (path.endsWith('/')) path += 'index.html';
    let status = 200;
    let body: string;
    const filesStamp = ctx.fs.changeStamp?.();
    if (last && filesStamp !== undefined && last.filesStamp === filesStamp && last.path === path) {
      status = last.status;
      body = last.body;
    } else {
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
      last = filesStamp === undefined ? undefined : { filesStamp, path, status, body };
    }
    if (!request.inspection) log(request, status, body.length);
    return { status, body, headers: { Server: server, 'Content-Type': 'text/html' }, latencyMs: 1 };
  };
}

function userAgent(request: HttpRequest): string {
  return request.headers['User-Agent'] ?? request.headers['user-agent'] ?? '-';
}

export const nginxVersion = '1.27.3';

export const nginx: CommandImpl = function* (ctx): Program {
  const now = ctx.now();
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
      `${t} [notice] 1#1: nginx/${nginxVersion}`,
      `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
      `${t} [notice] 1#1: OS: Linux 6.1.0-28-amd64`,
      `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${t} [notice] 1#1: start worker processes`,
      `${t} [notice] 1#1: start worker process 29`,
      `${t} [notice] 1#1: start worker process 30`,
      '',
    ].join('\n'),
  );
  ctx.host.setMemory?.(3 * MiB + 512 * 1024);
  ctx.host.listen?.(80, {
    protocol: 'http',
    handle: serveFiles(ctx, '/usr/share/nginx/html', `nginx/${nginxVersion}`, (req, status, bytes) =>
      ctx.io.stdout(`${req.remoteAddress} - - [${accessLogTime(ctx.now())}] "GET ${req.path} HTTP/1.1" ${status} ${bytes} "-" "${userAgent(req)}" "-"\n`),
    ),
  });
  return yield* forever();
};

export const httpd: CommandImpl = function* (ctx): Program {
  const d = new Date(ctx.now());
  const stamp = d.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5.000000 $4');
  ctx.io.stderr(
    `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.0.1. Set the 'ServerName' directive globally to suppress this message\n` +
      `[${stamp}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations\n` +
      `[${stamp}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`,
  );
  ctx.host.setMemory?.(5 * MiB);
  ctx.host.listen?.(80, {
    protocol: 'http',
    handle: serveFiles(ctx, '/usr/local/apache2/htdocs', 'Apache/2.4.62 (Unix)', (req, status, bytes) =>
      ctx.io.stdout(`${req.remoteAddress} - - [${accessLogTime(ctx.now())}] "GET ${req.path} HTTP/1.1" ${status} ${bytes}\n`),
    ),
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

/** agnhost: the Kubernetes e2e "Swiss army knife" image; the first argument picks the tool. */
export const agnhost: CommandImpl = function* (ctx): Program {
  const [tool, ...rest] = ctx.argv.slice(1);
  ctx.host.setMemory?.(3 * MiB);
  switch (tool) {
    case 'liveness':
      livenessServer(ctx, 8080);
      return yield* forever();
    case 'netexec': {
      const port = Number(flagValue(rest, '--http-port') ?? 8080);
      ctx.io.stderr(`I${'0115'} 09:00:00.000000       1 log.go:245] Started HTTP server on port ${port}\n`);
      ctx.host.listen?.(port, {
        protocol: 'http',
        handle: (request) => {
          const [path, query = ''] = request.path.split('?');
          if (path === '/hostname') return { status: 200, body: ctx.host.hostname() };
          if (path === '/echo') return { status: 200, body: decodeURIComponent(/msg=([^&]*)/.exec(query)?.[1] ?? '') };
          if (path === '/clientip') return { status: 200, body: `${request.remoteAddress}:40000` };
          if (path === '/healthz' || path === '/') return { status: 200, body: 'ok' };
          return { status: 404, body: '404 page not found\n' };
        },
      });
      return yield* forever();
    }
    case 'serve-hostname': {
      const port = Number(flagValue(rest, '--port') ?? 9376);
      ctx.io.stderr(`I0115 09:00:00.000000       1 serve_hostname.go:105] Serving on port ${port}.\n`);
      ctx.host.listen?.(port, { protocol: 'http', handle: () => ({ status: 200, body: ctx.host.hostname() }) });
      return yield* forever();
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
