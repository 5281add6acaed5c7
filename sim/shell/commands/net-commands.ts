// wget, curl, nc, nslookup: through the host's view of the pod network and cluster DNS.

import { FsError } from '../../fs/filesystem';
import { errorText } from '../../fs/error-text';
import type { CommandContext, CommandImpl, HttpResult, Program } from '../../process';
import { absolute, printError, type Dialect } from './common';

const reasonPhrases: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

interface ParsedUrl {
  host: string;
  port: number;
  path: string;
  url: string;
}

function parseUrl(text: string): ParsedUrl | undefined {
  const match = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(text);
  if (!match) return undefined;
  const scheme = match[1] ?? 'http';
  const port = match[3] ? Number(match[3]) : scheme === 'https' ? 443 : 80;
  const path = match[4] || '/';
  return { host: match[2]!, port, path, url: `${scheme}://${match[2]}${match[3] ? ':' + match[3] : ''}${path}` };
}

function addressOf(ctx: CommandContext, host: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  if (host === 'localhost') return '127.0.0.1';
  if (!ctx.host.resolve) return host;
  return ctx.host.resolve(host)?.addresses[0];
}

function* waitLatency(ctx: CommandContext, result: HttpResult, timeoutMs: number): Generator<{ kind: 'sleep'; until: number }, boolean, unknown> {
  const latency = result.latencyMs ?? 0;
  if (latency <= 0) return true;
  const waited = Math.min(latency, timeoutMs);
  const until = ctx.now() + waited;
  while (ctx.now() < until) yield { kind: 'sleep', until };
  return latency <= timeoutMs;
}

export function wget(): CommandImpl {
  return (ctx) => runWget(ctx);
}

function* runWget(ctx: CommandContext): Program {
  const args = ctx.argv.slice(1);
  let quiet = false;
  let spider = false;
  let output: string | undefined;
  let timeoutSeconds = 900;
  let urlText: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg === '--spider') spider = true;
    else if (arg === '-O') output = args[++i];
    else if (arg.startsWith('-O')) output = arg.slice(2);
    else if (arg === '-T' || arg === '--timeout') timeoutSeconds = Number(args[++i]);
    else if (arg.startsWith('-T')) timeoutSeconds = Number(arg.slice(2));
    else if (arg.startsWith('--timeout=')) timeoutSeconds = Number(arg.slice(10));
    else if (arg.startsWith('-') && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        if (letter === 'q') quiet = true;
        else if (letter !== 'S') {
          ctx.io.stderr(`wget: unrecognized option '${arg}'\n`);
          return 1;
        }
      }
    } else urlText = arg;
  }
  const url = urlText === undefined ? undefined : parseUrl(urlText);
  if (!url) {
    ctx.io.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const address = addressOf(ctx, url.host);
  if (address === undefined) {
    ctx.io.stderr(`wget: bad address '${url.host}'\n`);
    return 1;
  }
  if (!quiet) ctx.io.stderr(`Connecting to ${url.host}${url.port === 80 ? '' : ':' + url.port} (${address}:${url.port})\n`);
  const result = ctx.host.httpGet?.(url.url) ?? { error: 'Connection refused' };
  const inTime = yield* waitLatency(ctx, result, timeoutSeconds * 1000);
  if (!inTime) {
    ctx.io.stderr('wget: download timed out\n');
    return 1;
  }
  if (result.status === undefined) {
    const error = result.error ?? 'Connection refused';
    if (error.startsWith('bad address')) ctx.io.stderr(`wget: ${error}\n`);
    else ctx.io.stderr(`wget: can't connect to remote host (${address}): ${error}\n`);
    return 1;
  }
  if (result.status >= 400) {
    ctx.io.stderr(`wget: server returned error: HTTP/1.1 ${result.status} ${reasonPhrases[result.status] ?? ''}`.trimEnd() + '\n');
    return 1;
  }
  if (spider) {
    if (!quiet) ctx.io.stderr('remote file exists\n');
    return 0;
  }
  const body = result.body ?? '';
  const target = output ?? (url.path.split('/').pop() || 'index.html');
  if (target === '-') {
    if (!quiet) ctx.io.stderr('writing to stdout\n');
    ctx.io.stdout(body);
    if (!quiet) ctx.io.stderr(`-                    100% |********************************| ${String(body.length).padStart(5)}  0:00:00 ETA\nwritten to stdout\n`);
    return 0;
  }
  try {
    ctx.fs.writeFile(absolute(ctx, target), body);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    ctx.io.stderr(`wget: can't open '${target}': ${errorText(error)}\n`);
    return 1;
  }
  if (!quiet) ctx.io.stderr(`saving to '${target}'\n${target.padEnd(20)} 100% |********************************| ${String(body.length).padStart(5)}  0:00:00 ETA\n'${target}' saved\n`);
  return 0;
}

export function curl(): CommandImpl {
  return (ctx) => runCurl(ctx);
}

function* runCurl(ctx: CommandContext): Program {
  const args = ctx.argv.slice(1);
  let silent = false;
  let showErrors = false;
  let include = false;
  let headOnly = false;
  let fail = false;
  let output: string | undefined;
  let maxTime = Infinity;
  let urlText: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-o' || arg === '--output') output = args[++i];
    else if (arg === '-m' || arg === '--max-time' || arg === '--connect-timeout') maxTime = Number(args[++i]);
    else if (arg === '--silent') silent = true;
    else if (arg === '--include') include = true;
    else if (arg === '--head') headOnly = true;
    else if (arg === '--fail') fail = true;
    else if (arg === '-H' || arg === '--header' || arg === '-X') i++;
    else if (arg.startsWith('-') && !arg.startsWith('--') && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        if (letter === 's') silent = true;
        else if (letter === 'S') showErrors = true;
        else if (letter === 'i') include = true;
        else if (letter === 'I') headOnly = true;
        else if (letter === 'f') fail = true;
        else if (letter === 'L' || letter === 'k' || letter === 'v') continue;
        else {
          ctx.io.stderr(`curl: option ${arg}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
          return 2;
        }
      }
    } else if (arg.startsWith('--')) {
      ctx.io.stderr(`curl: option ${arg}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      return 2;
    } else urlText = arg;
  }
  const reportErrors = !silent || showErrors;
  const url = urlText === undefined ? undefined : parseUrl(urlText);
  if (!url) {
    ctx.io.stderr("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const address = addressOf(ctx, url.host);
  if (address === undefined) {
    if (reportErrors) ctx.io.stderr(`curl: (6) Could not resolve host: ${url.host}\n`);
    return 6;
  }
  const result = ctx.host.httpGet?.(url.url) ?? { error: 'Connection refused' };
  const start = ctx.now();
  const inTime = yield* waitLatency(ctx, result, maxTime * 1000);
  if (!inTime) {
    if (reportErrors) ctx.io.stderr(`curl: (28) Operation timed out after ${ctx.now() - start} milliseconds with 0 bytes received\n`);
    return 28;
  }
  if (result.status === undefined) {
    const error = result.error ?? 'Connection refused';
    if (error.startsWith('bad address')) {
      if (reportErrors) ctx.io.stderr(`curl: (6) Could not resolve host: ${url.host}\n`);
      return 6;
    }
    if (reportErrors) ctx.io.stderr(`curl: (7) Failed to connect to ${url.host} port ${url.port} after ${ctx.now() - start} ms: Couldn't connect to server\n`);
    return 7;
  }
  if (fail && result.status >= 400) {
    if (reportErrors) ctx.io.stderr(`curl: (22) The requested URL returned error: ${result.status}\n`);
    return 22;
  }
  let text = '';
  if (include || headOnly) {
    text += `HTTP/1.1 ${result.status} ${reasonPhrases[result.status] ?? ''}\r\n`;
    const headers = { ...(result.headers ?? {}) };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['Content-Length'] = String((result.body ?? '').length);
    for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
    text += '\r\n';
  }
  if (!headOnly) text += result.body ?? '';
  if (output !== undefined && output !== '-') {
    try {
      ctx.fs.writeFile(absolute(ctx, output), text);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      if (reportErrors) ctx.io.stderr(`curl: (23) Failure writing output to destination\n`);
      return 23;
    }
    return 0;
  }
  ctx.io.stdout(text);
  return 0;
}

export function nc(dialect: Dialect): CommandImpl {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    let verbose = false;
    let scan = false;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '-w' || arg === '-W') i++;
      else if (arg.startsWith('-')) {
        if (arg.includes('v')) verbose = true;
        if (arg.includes('z')) scan = true;
      } else operands.push(arg);
    }
    const [host, portText] = operands;
    if (host === undefined || portText === undefined) {
      printError(ctx, dialect === 'gnu' ? 'missing port number' : 'missing port number');
      return 1;
    }
    const port = Number(portText);
    const address = addressOf(ctx, host);
    if (address === undefined) {
      printError(ctx, dialect === 'gnu' ? `getaddrinfo for host "${host}" port ${port}: Name or service not known` : `bad address '${host}'`);
      return 1;
    }
    const error = ctx.host.tcpConnect ? ctx.host.tcpConnect(host, port) : 'Connection refused';
    if (error !== undefined) {
      if (verbose || dialect === 'busybox') {
        ctx.io.stderr(dialect === 'gnu' ? `nc: connect to ${host} (${address}) port ${port} (tcp) failed: ${error}\n` : `nc: can't connect to remote host (${address}): ${error}\n`);
      }
      return 1;
    }
    if (verbose) ctx.io.stderr(dialect === 'gnu' ? `Connection to ${host} (${address}) ${port} port [tcp/*] succeeded!\n` : `${host} (${address}:${port}) open\n`);
    if (!scan) ctx.io.stdout('');
    return 0;
  };
}

export function nslookup(): CommandImpl {
  return (ctx) => {
    const name = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
    if (name === undefined) {
      ctx.io.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
      return 1;
    }
    const server = ctx.host.dnsServer?.() ?? '10.96.0.10';
    let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    const answer = ctx.host.resolve?.(name);
    if (!answer || answer.addresses.length === 0) {
      out += `** server can't find ${name}: NXDOMAIN\n\n`;
      ctx.io.stdout(out);
      return 1;
    }
    out += `Name:\t${answer.name}\n`;
    for (const address of answer.addresses) out += `Address: ${address}\n`;
    ctx.io.stdout(out + '\n');
    return 0;
  };
}
