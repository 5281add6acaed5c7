// The small demo servers of the Kubernetes docs and tutorials: Google's hello-app and guestbook,
// the HPA example, hashicorp/http-echo and traefik/whoami. Each answers as its real image does.
import type { CommandImpl, HttpRequest, Program } from '../../process';
import { MiB, forever, slashTime } from './program-helpers';
import { redisInlineCommand } from './databases';

function flag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i].replace(/^--/, '-');
    if (arg === `-${name}`) return argv[i + 1];
    if (arg.startsWith(`-${name}=`)) return arg.slice(name.length + 2);
  }
  return undefined;
}

/** gcr.io/google-samples/node-hello: Node's http server on 8080, `Hello Kubernetes!` to every request, each URL logged. */
export const nodeHello: CommandImpl = function* (ctx): Program {
  ctx.host.setMemory?.(9 * MiB);
  ctx.host.listen?.(8080, {
    protocol: 'http',
    handle: (request) => {
      ctx.io.stdout(`Received request for URL: ${request.path}\n`);
      return { status: 200, body: 'Hello Kubernetes!' };
    },
  });
  return yield* forever();
};

/** gcr.io/google-samples/hello-app: `Hello, world!`, its version and the pod's hostname on $PORT (8080). */
export function helloApp(version: string): CommandImpl {
  return function* (ctx): Program {
    const port = Number(ctx.env.get('PORT') ?? 8080);
    ctx.io.stderr(`${slashTime(ctx.now())} Server listening on port ${port}\n`);
    ctx.host.setMemory?.(2 * MiB);
    ctx.host.listen?.(port, {
      protocol: 'http',
      handle: (request) => {
        ctx.io.stderr(`${slashTime(ctx.now())} Serving request: ${request.path}\n`);
        return { status: 200, body: `Hello, world!\nVersion: ${version}\nHostname: ${ctx.host.hostname()}\n`, headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
      },
    });
    return yield* forever();
  };
}

/** hashicorp/http-echo: answers every request with its `-text` on `-listen` (:5678). */
export const httpEcho: CommandImpl = function* (ctx): Program {
  const args = ctx.argv.slice(1);
  if (args.includes('-version') || args.includes('--version')) {
    ctx.io.stdout('http-echo v1.0.0\n');
    return 0;
  }
  const text = flag(args, 'text') ?? 'hello-world';
  const listen = flag(args, 'listen') ?? ':5678';
  const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
  ctx.io.stderr(`${slashTime(ctx.now())} [INFO] server is listening on ${listen}\n`);
  ctx.host.setMemory?.(2 * MiB);
  ctx.host.listen?.(port, {
    protocol: 'http',
    handle: (request) => {
      ctx.io.stderr(`${slashTime(ctx.now())} ${request.headers.Host ?? ''} ${request.remoteAddress}:40000 "${request.method} ${request.path} HTTP/1.1" 200 ${text.length + 1} "${request.headers['User-Agent'] ?? ''}" 12.3µs\n`);
      return { status: 200, body: `${text}\n`, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-App-Name': 'http-echo', 'X-App-Version': '1.0.0' } };
    },
  });
  return yield* forever();
};

/** traefik/whoami: prints who answered and what it received, on `--port` (80). */
export const whoami: CommandImpl = function* (ctx): Program {
  const port = Number(flag(ctx.argv.slice(1), 'port') ?? ctx.env.get('WHOAMI_PORT_NUMBER') ?? 80);
  ctx.io.stdout(`${slashTime(ctx.now())} Starting up on port ${port}\n`);
  ctx.host.setMemory?.(2 * MiB);
  const describe = (request: HttpRequest, ip: string) => {
    const lines = [`Hostname: ${ctx.host.hostname()}`, 'IP: 127.0.0.1', 'IP: ::1', `IP: ${ip}`, `RemoteAddr: ${request.remoteAddress}:40000`, `${request.method} ${request.path} HTTP/1.1`];
    for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
    return lines.join('\r\n') + '\r\n';
  };
  const ip = ctx.host.resolve?.(ctx.host.hostname())?.addresses[0] ?? '';
  ctx.host.listen?.(port, {
    protocol: 'http',
    handle: (request) => {
      const path = request.path.split('?')[0];
      if (path === '/health') return { status: 200, body: '' };
      if (path === '/api') return { status: 200, body: JSON.stringify({ hostname: ctx.host.hostname(), ip: ['127.0.0.1', '::1', ip], method: request.method, url: request.path }) + '\n' };
      return { status: 200, body: describe(request, ip), headers: { 'Content-Type': 'text/plain; charset=utf-8' } };
    },
  });
  return yield* forever();
};

const guestbookPage = `<html ng-app="redis">
  <head>
    <title>Guestbook</title>
  </head>
  <body ng-controller="RedisCtrl">
    <div style="width: 50%; margin-left: 20px">
      <h2>Guestbook</h2>
    <form>
    <fieldset>
    <input ng-model="msg" placeholder="Messages" class="form-control" type="text" name="input"><br>
    <button type="button" class="btn btn-primary" ng-click="controller.onRedis()">Submit</button>
    </fieldset>
    </form>
    </div>
  </body>
</html>
`;

/**
 * The guestbook frontend (PHP on Apache): its page on port 80, and guestbook.php, which the page's
 * script calls: `?cmd=set&key=K&value=V` writes to the redis leader, `?cmd=get&key=K` reads from
 * the followers (found by their Service names, or by the Services' variables with GET_HOSTS_FROM=env).
 */
export const guestbookFrontend: CommandImpl = function* (ctx): Program {
  ctx.io.stderr("AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using 10.244.0.1. Set the 'ServerName' directive globally to suppress this message\n");
  ctx.host.setMemory?.(12 * MiB);
  const server = 'Apache/2.4.38 (Debian)';
  const redisHost = (service: string) => (ctx.env.get('GET_HOSTS_FROM') === 'env' ? ctx.env.get(`${service.toUpperCase().replace(/-/g, '_')}_SERVICE_HOST`) ?? '' : service);
  const redisCommand = (service: string, words: string[]) => {
    return ctx.host.tcpSend?.(redisHost(service), 6379, redisInlineCommand(words)) ?? { error: 'Connection refused' };
  };
  const handle = (request: HttpRequest) => {
    const [path, params = ''] = request.path.split('?');
    const cmd = queryParam(params, 'cmd');
    if (path !== '/guestbook.php' || cmd === undefined) return { status: 200, body: guestbookPage, headers: { 'Content-Type': 'text/html; charset=UTF-8', Server: server } };
    const key = queryParam(params, 'key') ?? '';
    const json = { 'Content-Type': 'application/json', Server: server };
    if (cmd === 'set') {
      const result = redisCommand('redis-leader', ['SET', key, queryParam(params, 'value') ?? '']);
      if (result.error !== undefined) return { status: 500, body: '', headers: json };
      return { status: 200, body: '{"message": "Updated"}', headers: json };
    }
    const result = redisCommand('redis-follower', ['GET', key]);
    if (result.error !== undefined) return { status: 500, body: '', headers: json };
    const value = /^\$\d+\r\n([\s\S]*)\r\n$/.exec(result.reply ?? '')?.[1] ?? '';
    return { status: 200, body: `{"data": "${value}"}`, headers: json };
  };
  ctx.host.listen?.(80, { protocol: 'http', handle });
  return yield* forever();
};

/** A query parameter's value, decoded as PHP's $_GET does. */
function queryParam(text: string, name: string): string | undefined {
  for (const pair of text.split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

/** gcr.io/google-samples/hello-go-gke: the backend of the frontend-backend tutorial, JSON on port 80. */
export const helloGoGke: CommandImpl = function* (ctx): Program {
  ctx.host.setMemory?.(2 * MiB);
  ctx.host.listen?.(80, { protocol: 'http', handle: () => ({ status: 200, body: '{"message":"Hello"}', headers: { 'Content-Type': 'application/json' } }) });
  return yield* forever();
};

/**
 * gcr.io/google-samples/hello-frontend: nginx whose only server proxies everything to the upstream
 * `hello`, the backend Service's name. nginx resolves an upstream when it starts: without the
 * Service it exits, and the container restarts until the Service exists. `nginx -s quit` (the
 * tutorial's preStop hook) asks the running master to finish.
 */
export const helloFrontend: CommandImpl = function* (ctx): Program {
  if (ctx.argv[1] === '-s') {
    ctx.host.kill?.(1, 'SIGTERM');
    return 0;
  }
  if (!ctx.host.resolve?.('hello')) {
    const message = 'host not found in upstream "hello" in /etc/nginx/conf.d/frontend.conf:2';
    ctx.io.stderr(`${slashTime(ctx.now())} [emerg] 1#1: ${message}\nnginx: [emerg] ${message}\n`);
    return 1;
  }
  ctx.host.setTitle?.('nginx: master process nginx -g daemon off;');
  ctx.host.setMemory?.(2 * MiB);
  ctx.host.listen?.(80, {
    protocol: 'http',
    handle: (request) => {
      const reply = ctx.host.httpGet?.(`http://hello${request.path}`);
      if (!reply || reply.status === undefined) return { status: 502, body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n' };
      return { status: reply.status, body: reply.body ?? '', headers: reply.headers };
    },
  });
  return yield* forever();
};

/** CPU time index.php spends on one request: a million square roots. */
const hpaExampleCpuMsPerRequest = 20;
/** The span over which its CPU use is averaged, as the kubelet's usage samples are. */
const cpuAveragingWindowMs = 15_000;

/**
 * registry.k8s.io/hpa-example: a PHP page that burns CPU and answers `OK!`. Its CPU use is the CPU
 * time of the requests it served within the last averaging window, so load drives `kubectl top`
 * and the autoscaler, and it falls back to idle once requests stop.
 */
export const hpaExample: CommandImpl = function* (ctx): Program {
  ctx.io.stderr("AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using 10.244.0.1. Set the 'ServerName' directive globally to suppress this message\n");
  ctx.host.setMemory?.(10 * MiB);
  const served: number[] = [];
  const updateCpu = () => {
    const since = ctx.now() - cpuAveragingWindowMs;
    let expired = 0;
    while (expired < served.length && served[expired] <= since) expired++;
    served.splice(0, expired);
    ctx.host.setCpuDemand?.(1 + Math.round((served.length * hpaExampleCpuMsPerRequest * 1000) / cpuAveragingWindowMs));
  };
  updateCpu();
  ctx.host.listen?.(80, {
    protocol: 'http',
    handle: (request) => {
      if (!request.inspection) {
        served.push(ctx.now());
        updateCpu();
      }
      return { status: 200, body: 'OK!', headers: { Server: 'Apache/2.4.10 (Debian)' }, latencyMs: hpaExampleCpuMsPerRequest };
    },
  });
  for (;;) {
    // Busy: the average follows the window second by second; idle: nothing changes until a request comes.
    yield { kind: 'sleep', until: ctx.now() + (served.length > 0 ? 1000 : 5000) };
    updateCpu();
  }
};

/** The Kubernetes Basics tutorial's server.js, as the kubernetes-bootcamp images ship it. */
export function bootcampServerJs(version: number): string {
  return `var http = require('http');
var requests=0;
var podname= process.env.HOSTNAME;
var startTime;
var host;
var handleRequest = function(request, response) {
  response.setHeader('Content-Type', 'text/plain');
  response.writeHead(200);
  response.write("Hello Kubernetes bootcamp! | Running on: ");
  response.write(host);
  response.end(" | v=${version}\\n");
  console.log("Running On:" ,host, "| Total Requests:", ++requests,"| App Uptime:", (new Date() - startTime)/1000 , "seconds", "| Log Time:",new Date());
}
var www = http.createServer(handleRequest);
www.listen(8080,function () {
    startTime = new Date();;
    host = process.env.HOSTNAME;
    console.log ("Kubernetes Bootcamp App Started At:",startTime, "| Running On: " ,host, "\\n" );
});
`;
}

/** kubernetes-bootcamp: `node server.js`, answering on 8080 with the pod's name and its version. */
export function bootcamp(version: number): CommandImpl {
  return function* (ctx): Program {
    const host = ctx.env.get('HOSTNAME') ?? ctx.host.hostname();
    const started = ctx.now();
    let requests = 0;
    ctx.io.stdout(`Kubernetes Bootcamp App Started At: ${new Date(started).toISOString()} | Running On:  ${host} \n\n`);
    ctx.host.setMemory?.(12 * MiB);
    ctx.host.listen?.(8080, {
      protocol: 'http',
      handle: () => {
        requests++;
        ctx.io.stdout(`Running On: ${host} | Total Requests: ${requests} | App Uptime: ${(ctx.now() - started) / 1000} seconds | Log Time: ${new Date(ctx.now()).toISOString()}\n`);
        return { status: 200, body: `Hello Kubernetes bootcamp! | Running on: ${host} | v=${version}\n`, headers: { 'Content-Type': 'text/plain' } };
      },
    });
    return yield* forever();
  };
}

/** registry.k8s.io/echoserver: nginx with a Lua page that tells what request it received, on 8080. */
export const echoserver: CommandImpl = function* (ctx): Program {
  ctx.host.setMemory?.(4 * MiB);
  ctx.host.listen?.(8080, {
    protocol: 'http',
    handle: (request) => {
      const [path, query = ''] = request.path.split('?');
      const headers = Object.entries(request.headers)
        .map(([name, value]) => `${name.toLowerCase()}=${value}`)
        .sort()
        .join('\n');
      const body =
        `\n\nHostname: ${ctx.host.hostname()}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n` +
        `Request Information:\n\tclient_address=${request.remoteAddress}\n\tmethod=${request.method}\n\treal path=${path}\n\tquery=${query}\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://${(request.headers.Host ?? '').replace(/:\d+$/, '')}:8080${request.path}\n\n` +
        `Request Headers:\n\t${headers.replace(/\n/g, '\n\t')}\n\nRequest Body:\n\t-no body in request-\n\n`;
      return { status: 200, body, headers: { 'Content-Type': 'text/plain', Server: 'echoserver' } };
    },
  });
  return yield* forever();
};
