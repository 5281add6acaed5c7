// wget, curl, nc, nslookup, ping: through the host's view of the pod network and cluster DNS.

import { FsError } from '../../fs/filesystem';
import { errorText } from '../../fs/error-text';
import { Interrupt, stdoutIsTerminal, type CommandContext, type CommandImpl, type HttpRequest, type HttpResult, type Program } from '../../process';
import type { CommandLookup } from './process-commands';
import { absolute, parseOptions, printError, type Dialect } from './common';

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

/** Where a redirect points (301, 302, 303, 307, 308 with a Location), relative to the URL asked for. */
function redirectTarget(result: HttpResult, from: ParsedUrl): ParsedUrl | undefined {
  if (![301, 302, 303, 307, 308].includes(result.status ?? 0)) return undefined;
  const location = Object.entries(result.headers ?? {}).find(([name]) => name.toLowerCase() === 'location')?.[1];
  if (!location) return undefined;
  if (/^https?:\/\//.test(location)) return parseUrl(location);
  const base = from.url.replace(/^(https?:\/\/[^/]+).*$/, '$1');
  return parseUrl(location.startsWith('/') ? base + location : `${from.url.replace(/[^/]*$/, '')}${location}`);
}

function* waitLatency(ctx: CommandContext, result: HttpResult, timeoutMs: number): Generator<{ kind: 'sleep'; until: number }, boolean, unknown> {
  const latency = result.latencyMs ?? 0;
  if (latency <= 0) return true;
  const waited = Math.min(latency, timeoutMs);
  const until = ctx.now() + waited;
  while (ctx.now() < until) yield { kind: 'sleep', until };
  return latency <= timeoutMs;
}

const wgetUsage =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n';

export function wget(): CommandImpl {
  return (ctx) => runWget(ctx);
}

function* runWget(ctx: CommandContext): Program {
  const args = ctx.argv.slice(1);
  // Long options without a short form get private letters: \x01 --header, \x02 --post-data, \x03 --spider.
  const options = parseOptions(args, 'cqS\x03\x04', 'OoPUTY\x01\x02', {
    quiet: 'q', spider: '\x03', 'output-document': 'O', timeout: 'T', header: '\x01', 'user-agent': 'U',
    continue: 'c', 'server-response': 'S', 'no-check-certificate': '\x04', 'post-data': '\x02',
  });
  if (options.invalid) {
    if (options.invalid.startsWith('--')) ctx.io.stderr(`wget: unrecognized option '${options.invalid}'\n`);
    else ctx.io.stderr(`wget: invalid option -- '${options.invalid}'\n`);
    ctx.io.stderr(wgetUsage);
    return 1;
  }
  const quiet = options.flags.has('q');
  const spider = options.flags.has('\x03');
  const header = /^([^:]+):\s*(.*)$/.exec(options.values.get('\x01') ?? '');
  const output = options.values.get('O');
  const timeoutSeconds = options.values.has('T') ? Number(options.values.get('T')) : 900;
  const urlText = options.operands[0];
  let url = urlText === undefined ? undefined : parseUrl(urlText);
  if (!url) {
    ctx.io.stderr(wgetUsage);
    return 1;
  }
  let result: HttpResult | undefined;
  // Like busybox, it follows a redirect to its Location, connecting anew, up to 20 times.
  for (let hops = 0; ; hops++) {
    const address = addressOf(ctx, url.host);
    if (address === undefined) {
      ctx.io.stderr(`wget: bad address '${url.host}'\n`);
      return 1;
    }
    if (!quiet) ctx.io.stderr(`Connecting to ${url.host}${url.port === 80 ? '' : ':' + url.port} (${address}:${url.port})\n`);
    // busybox names itself "Wget" unless -U says otherwise; --header adds one more.
    const headers: Record<string, string> = { 'User-Agent': options.values.get('U') ?? 'Wget', Connection: 'close' };
    if (header) headers[header[1]!] = header[2]!;
    result = ctx.host.httpGet?.(url.url, headers) ?? { error: 'Connection refused' };
    const inTime = yield* waitLatency(ctx, result, timeoutSeconds * 1000);
    if (!inTime) {
      ctx.io.stderr('wget: download timed out\n');
      return 1;
    }
    if (result.status === undefined) {
      const error = result.error ?? 'Connection refused';
      if (error.startsWith('bad address')) ctx.io.stderr(`wget: ${error}\n`);
      else if (error === emptyReply) ctx.io.stderr('wget: error getting response\n');
      else ctx.io.stderr(`wget: can't connect to remote host (${address}): ${error}\n`);
      return 1;
    }
    const next = redirectTarget(result, url);
    if (!next) break;
    if (hops === 20) {
      ctx.io.stderr('wget: too many redirections\n');
      return 1;
    }
    url = next;
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

/** A response's status line and headers as curl -i prints them. */
function headerText(result: HttpResult): string {
  let text = `HTTP/1.1 ${result.status} ${reasonPhrases[result.status!] ?? ''}\r\n`;
  const headers = { ...(result.headers ?? {}) };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['Content-Length'] = String((result.body ?? '').length);
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  return text + '\r\n';
}

/** curl's five-character amounts: bytes up to 99999, then kilobytes (`600k`), then megabytes (`12.3M`). */
function max5(bytes: number): string {
  const kilo = 1024;
  const mega = kilo * kilo;
  if (bytes < 100000) return String(bytes).padStart(5);
  if (bytes < 10000 * kilo) return `${String(Math.floor(bytes / kilo)).padStart(4)}k`;
  if (bytes < 100 * mega) return `${String(Math.floor(bytes / mega)).padStart(2)}.${Math.floor((bytes % mega) / (mega / 10))}M`;
  return `${String(Math.floor(bytes / mega)).padStart(4)}M`;
}

/** A duration as the meter shows it: `--:--:--` under a second, else ` 0:00:01`. */
function meterTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds === 0) return '--:--:--';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${String(Math.floor(seconds / 3600)).padStart(2)}:${p(Math.floor(seconds / 60) % 60)}:${p(seconds % 60)}`;
}

const meterHeader =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** The meter's last line: `received` of `total` bytes in `elapsedMs` (at least a millisecond, as on a fast link). */
function meterLine(received: number, total: number, elapsedMs: number): string {
  const percent = (part: number) => String(total > 0 ? Math.floor((part * 100) / total) : 0).padStart(3);
  const speed = max5(Math.floor((received * 1000) / Math.max(elapsedMs, 1)));
  const spent = meterTime(elapsedMs);
  return `${percent(received)} ${max5(total)}  ${percent(received)} ${max5(received)}    0     0  ${speed}      0 ${spent} ${spent} --:--:-- ${speed}\n`;
}

/** What a client gets when the server accepts its connection and closes it without answering. */
export const emptyReply = 'Empty reply from server';

/** The curl of Debian 12 (bookworm), which the Debian-based images install. */
export const debianCurlVersion = '7.88.1';

/** curl of one release: it names itself `curl/<version>` in its requests, as servers' logs show. */
export function curl(version = debianCurlVersion): CommandImpl {
  return (ctx) => runCurl(ctx, version);
}

function* runCurl(ctx: CommandContext, version: string): Program {
  const args = ctx.argv.slice(1);
  let silent = false;
  let showErrors = false;
  let include = false;
  let headOnly = false;
  let fail = false;
  let follow = false;
  let remoteName = false;
  let output: string | undefined;
  let maxTime = Infinity;
  let urlText: string | undefined;
  const headers: Record<string, string> = { 'User-Agent': `curl/${version}`, Accept: '*/*' };
  const addHeader = (line: string | undefined) => {
    const match = /^([^:]+):\s*(.*)$/.exec(line ?? '');
    if (match) headers[match[1]!.trim()] = match[2]!;
  };
  const unknown = (option: string) => {
    ctx.io.stderr(`curl: option ${option}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  };
  /** An option's value: what follows its letter in the same word, else the next word. */
  const takeValue = (option: string, value: string | undefined): void => {
    if (option === 'o') output = value;
    else if (option === 'm') maxTime = Number(value);
    else if (option === 'H') addHeader(value);
    else if (option === 'A') headers['User-Agent'] = value ?? '';
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--output') output = args[++i];
    else if (arg === '--max-time' || arg === '--connect-timeout') maxTime = Number(args[++i]);
    else if (arg === '--silent') silent = true;
    else if (arg === '--show-error') showErrors = true;
    else if (arg === '--include') include = true;
    else if (arg === '--head') headOnly = true;
    else if (arg === '--fail') fail = true;
    else if (arg === '--location') follow = true;
    else if (arg === '--remote-name') remoteName = true;
    else if (arg === '--insecure' || arg === '--verbose') continue;
    else if (arg === '--header') addHeader(args[++i]);
    else if (arg === '--user-agent') headers['User-Agent'] = args[++i] ?? '';
    else if (arg === '--request') i++;
    else if (arg.startsWith('-') && !arg.startsWith('--') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        if ('omHXA'.includes(letter)) {
          takeValue(letter, j + 1 < arg.length ? arg.slice(j + 1) : args[++i]);
          break;
        }
        if (letter === 's') silent = true;
        else if (letter === 'S') showErrors = true;
        else if (letter === 'i') include = true;
        else if (letter === 'I') headOnly = true;
        else if (letter === 'f') fail = true;
        else if (letter === 'L') follow = true;
        else if (letter === 'O') remoteName = true;
        else if (letter === 'k' || letter === 'v') continue;
        else return unknown(arg);
      }
    } else if (arg.startsWith('--')) return unknown(arg);
    else urlText = arg;
  }
  const reportErrors = !silent || showErrors;
  // The progress meter goes to stderr unless silenced, or unless what it would mix with is on the terminal.
  const toFile = output !== undefined && output !== '-';
  const meter = !silent && (toFile || remoteName || !stdoutIsTerminal(ctx.io));
  const asked = urlText === undefined ? undefined : parseUrl(urlText);
  if (!asked) {
    ctx.io.stderr("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  let url: ParsedUrl = asked;
  if (remoteName && output === undefined) {
    output = url.path.split('?')[0]!.split('/').pop() ?? '';
    if (!output) {
      if (reportErrors) ctx.io.stderr('curl: Remote file name has no length!\n');
      return 23;
    }
  }
  if (meter) ctx.io.stderr(meterHeader);
  const began = ctx.now();
  /** An error ends the meter at nothing received, then curl says what went wrong. */
  const failWith = (code: number, message: string): number => {
    if (meter) ctx.io.stderr(meterLine(0, 0, ctx.now() - began));
    if (reportErrors) ctx.io.stderr(message);
    return code;
  };
  let result: HttpResult;
  let start = began;
  // With -L it follows redirects (at most 50, curl's default), showing each response's headers with -i/-I.
  let hopHeaders = '';
  for (let hops = 0; ; hops++) {
    const address = addressOf(ctx, url.host);
    if (address === undefined) return failWith(6, `curl: (6) Could not resolve host: ${url.host}\n`);
    result = ctx.host.httpGet?.(url.url, headers) ?? { error: 'Connection refused' };
    start = ctx.now();
    const inTime = yield* waitLatency(ctx, result, maxTime * 1000);
    if (!inTime) return failWith(28, `curl: (28) Operation timed out after ${ctx.now() - start} milliseconds with 0 bytes received\n`);
    if (result.status === undefined) {
      const error = result.error ?? 'Connection refused';
      if (error.startsWith('bad address')) return failWith(6, `curl: (6) Could not resolve host: ${url.host}\n`);
      // The server took the connection and closed it without a word (a relay whose far end failed).
      if (error === emptyReply) return failWith(52, 'curl: (52) Empty reply from server\n');
      return failWith(7, `curl: (7) Failed to connect to ${url.host} port ${url.port} after ${ctx.now() - start} ms: Couldn't connect to server\n`);
    }
    const next: ParsedUrl | undefined = follow ? redirectTarget(result, url) : undefined;
    if (!next) break;
    if (hops === 50) return failWith(47, 'curl: (47) Maximum (50) redirects followed\n');
    // Each transfer has its line: the redirect's own small body, then the next.
    const redirectSize = (result.body ?? '').length;
    if (meter) ctx.io.stderr(meterLine(redirectSize, redirectSize, Math.max(ctx.now() - start, 1)));
    if (include || headOnly) hopHeaders += headerText(result);
    url = next;
  }
  if (fail && result.status! >= 400) return failWith(22, `curl: (22) The requested URL returned error: ${result.status}\n`);
  let text = hopHeaders;
  if (include || headOnly) text += headerText(result);
  if (!headOnly) text += result.body ?? '';
  const size = (result.body ?? '').length;
  if (toFile || (remoteName && output !== undefined)) {
    try {
      ctx.fs.writeFile(absolute(ctx, output!), text);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      return failWith(23, 'curl: (23) Failure writing output to destination\n');
    }
    if (meter) ctx.io.stderr(meterLine(size, size, Math.max(ctx.now() - start, 1)));
    return 0;
  }
  if (meter) ctx.io.stderr(meterLine(size, size, Math.max(ctx.now() - start, 1)));
  ctx.io.stdout(text);
  return 0;
}

const busyboxNcUsage =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n' +
  'Usage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n\n' +
  '\t-e PROG\tRun PROG after connect (must be last)\n\t-l\tListen mode, for inbound connects\n' +
  '\t-lk\tWith -e, multiple connections\n\t-n\tDon\'t do DNS resolution\n\t-v\tVerbose\n' +
  '\t-z\tZero-I/O mode (scanning)\n\t-p PORT\tLocal port\n\t-w SEC\tConnect timeout\n';

interface NcOptions {
  listen: boolean;
  keepListening: boolean;
  verbose: boolean;
  scan: boolean;
  localPort?: string;
  /** `-e PROG ARGS...`: everything after -e. */
  execute?: string[];
  operands: string[];
}

function parseNcOptions(args: string[]): NcOptions | { invalid: string } {
  const options: NcOptions = { listen: false, keepListening: false, verbose: false, scan: false, operands: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      options.operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if ('pwWis'.includes(letter)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) return { invalid: letter };
        if (letter === 'p') options.localPort = value;
        break;
      }
      if (letter === 'e') {
        const rest = j + 1 < arg.length ? [arg.slice(j + 1), ...args.slice(i + 1)] : args.slice(i + 1);
        if (rest.length === 0) return { invalid: letter };
        options.execute = rest;
        return options;
      }
      if (letter === 'l') options.listen = true;
      else if (letter === 'k') options.keepListening = true;
      else if (letter === 'v') options.verbose = true;
      else if (letter === 'z') options.scan = true;
      else if (!'nu46'.includes(letter)) return { invalid: letter };
    }
  }
  return options;
}

/** The raw bytes of an HTTP request, as a listening nc prints them. */
function requestText(request: HttpRequest): string {
  let text = `${request.method} ${request.path} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(request.headers)) text += `${name}: ${value}\r\n`;
  return text + '\r\n';
}

/** Reads what a server wrote back as an HTTP response; undefined when it is not one. */
function parseHttpResponse(text: string): HttpResult | undefined {
  const match = /^HTTP\/\d(?:\.\d)? (\d{3})[^\n]*\n/.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match[0].length);
  const blank = /\r?\n\r?\n|^\r?\n/.exec(rest);
  const headerText = blank ? rest.slice(0, blank.index) : rest;
  const headers: Record<string, string> = {};
  for (const line of headerText.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: blank ? rest.slice(blank.index + blank[0].length) : '' };
}

/** The raw bytes of an HTTP response, as a connecting nc prints them. */
function responseText(result: HttpResult): string {
  let text = `HTTP/1.1 ${result.status} ${reasonPhrases[result.status!] ?? ''}\r\n`;
  const headers = { ...(result.headers ?? {}) };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['Content-Length'] = String((result.body ?? '').length);
  for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
  return text + '\r\n' + (result.body ?? '');
}

/** Runs `-e PROG` for one connection: the request is its stdin, its stdout the reply. Waits pass at once. */
function runForConnection(ctx: CommandContext, lookup: CommandLookup | undefined, argv: string[], input: string): string {
  const impl = ctx.host.command?.(argv[0]!) ?? lookup?.(argv[0]!);
  if (!impl) {
    ctx.io.stderr(`nc: can't execute '${argv[0]}': No such file or directory\n`);
    return '';
  }
  let reply = '';
  const result = impl({ ...ctx, argv, io: { stdin: input, stdout: (t) => (reply += t), stderr: ctx.io.stderr } });
  if (typeof result !== 'number') {
    let step = result.next();
    for (let steps = 0; !step.done && steps < 10_000; steps++) step = result.next('time');
    if (!step.done) result.return(1);
  }
  return reply;
}

function* listenForConnections(ctx: CommandContext, options: NcOptions, port: number, lookup: CommandLookup | undefined): Program {
  if (!ctx.host.listen) {
    ctx.io.stderr(`nc: bind: Address not available\n`);
    return 1;
  }
  let connections = 0;
  ctx.host.listen(port, {
    protocol: 'http',
    handle: (request) => {
      if (connections > 0 && !options.keepListening) return { error: 'Connection refused' };
      connections++;
      const received = requestText(request);
      if (options.verbose) ctx.io.stderr(`connect to [${request.headers['Host'] ?? '0.0.0.0'}:${port}] from ${request.remoteAddress}\n`);
      const reply = options.execute ? runForConnection(ctx, lookup, options.execute, received) : connections === 1 ? ctx.io.stdin : '';
      if (!options.execute) ctx.io.stdout(received);
      return parseHttpResponse(reply) ?? { error: 'Connection reset by peer' };
    },
  });
  if (options.verbose) ctx.io.stderr(`listening on [::]:${port} ...\n`);
  try {
    while (options.keepListening || connections === 0) yield { kind: 'change' };
  } finally {
    ctx.host.unlisten?.(port);
  }
  return 0;
}

export function nc(dialect: Dialect, lookup?: CommandLookup): CommandImpl {
  return (ctx) => {
    const parsed = parseNcOptions(ctx.argv.slice(1));
    if ('invalid' in parsed) {
      if (dialect === 'busybox') ctx.io.stderr(busyboxNcUsage);
      else ctx.io.stderr(`nc: invalid option -- '${parsed.invalid}'\n`);
      return 1;
    }
    const options = parsed;
    if (options.listen) {
      // busybox takes the port from -p; OpenBSD netcat (the nodes) also as an operand.
      const portText = options.localPort ?? (dialect === 'gnu' ? options.operands[options.operands.length - 1] : undefined);
      const port = Number(portText);
      if (portText === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
        if (dialect === 'busybox') ctx.io.stderr(busyboxNcUsage);
        else ctx.io.stderr(portText === undefined ? 'nc: missing port number\n' : `nc: port number invalid: ${portText}\n`);
        return 1;
      }
      return listenForConnections(ctx, options, port, lookup);
    }
    const [host, portText] = options.operands;
    if (host === undefined || portText === undefined) {
      if (dialect === 'busybox') ctx.io.stderr(busyboxNcUsage);
      else printError(ctx, 'missing port number');
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
      if (verboseOrBusybox(options, dialect)) {
        ctx.io.stderr(dialect === 'gnu' ? `nc: connect to ${host} (${address}) port ${port} (tcp) failed: ${error}\n` : `nc: can't connect to remote host (${address}): ${error}\n`);
      }
      return 1;
    }
    if (options.verbose) ctx.io.stderr(dialect === 'gnu' ? `Connection to ${host} (${address}) ${port} port [tcp/*] succeeded!\n` : `${host} (${address}:${port}) open\n`);
    if (options.scan) return 0;
    // An HTTP request on stdin gets the server's raw HTTP response back (how an ambassador proxies).
    const request = /^([A-Z]+) (\S+) HTTP\/\d(?:\.\d)?\r?\n/.exec(ctx.io.stdin);
    if (request && ctx.host.httpGet) {
      const headers: Record<string, string> = {};
      for (const line of ctx.io.stdin.slice(request[0].length).split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0 && line.slice(0, colon).toLowerCase() !== 'host') headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
      const result = ctx.host.httpGet(`http://${host}:${port}${request[2]}`, headers);
      if (result.status !== undefined) ctx.io.stdout(responseText(result));
    } else if (ctx.io.stdin && ctx.host.tcpSend) {
      // Anything else goes to the server as it is (a redis PING gets +PONG back).
      ctx.io.stdout(ctx.host.tcpSend(host, port, ctx.io.stdin).reply ?? '');
    }
    return 0;
  };
}

function verboseOrBusybox(options: NcOptions, dialect: Dialect): boolean {
  return options.verbose || dialect === 'busybox';
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
    if (answer.external) out += 'Non-authoritative answer:\n';
    out += `Name:\t${answer.name}\n`;
    for (const address of answer.addresses) out += `Address: ${address}\n`;
    ctx.io.stdout(out + '\n');
    return 0;
  };
}

/**
 * ping, in busybox or iputils words: one echo a second until -c packets or -w seconds, then the
 * statistics (also on Ctrl-C). Pods, nodes and the public hosts answer; a Service's cluster IP
 * never does, which is how a learner finds out that it is not a machine.
 */
export function ping(dialect: Dialect): CommandImpl {
  return (ctx) => runPing(ctx, dialect);
}

function* runPing(ctx: CommandContext, dialect: Dialect): Program {
  const options = parseOptions(ctx.argv.slice(1), 'q46', 'cwWis');
  const host = options.operands[0];
  if (options.invalid || host === undefined) {
    if (dialect === 'gnu') ctx.io.stderr(`ping: usage error: Destination address required\n`);
    else ctx.io.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
    return 1;
  }
  const address = addressOf(ctx, host);
  if (address === undefined) {
    ctx.io.stderr(dialect === 'gnu' ? `ping: ${host}: Name or service not known\n` : `ping: bad address '${host}'\n`);
    return dialect === 'gnu' ? 2 : 1;
  }
  const count = options.values.has('c') ? Number(options.values.get('c')) : Infinity;
  const deadline = options.values.has('w') ? ctx.now() + Number(options.values.get('w')) * 1000 : Infinity;
  const quiet = options.flags.has('q');
  const start = ctx.now();
  ctx.io.stdout(dialect === 'gnu' ? `PING ${host} (${address}) 56(84) bytes of data.\n` : `PING ${host} (${address}): 56 data bytes\n`);
  const times: number[] = [];
  let sent = 0;
  const statistics = () => {
    const lost = sent === 0 ? 0 : Math.round(((sent - times.length) / sent) * 100);
    let out = `\n--- ${host} ping statistics ---\n`;
    const min = Math.min(...times).toFixed(3);
    const max = Math.max(...times).toFixed(3);
    const avg = (times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)).toFixed(3);
    if (dialect === 'gnu') {
      out += `${sent} packets transmitted, ${times.length} received, ${lost}% packet loss, time ${Math.max(0, ctx.now() - start - (times.length === sent ? 1000 : 0))}ms\n`;
      if (times.length) out += `rtt min/avg/max/mdev = ${min}/${avg}/${max}/0.000 ms\n`;
    } else {
      out += `${sent} packets transmitted, ${times.length} packets received, ${lost}% packet loss\n`;
      if (times.length) out += `round-trip min/avg/max = ${min}/${avg}/${max} ms\n`;
    }
    ctx.io.stdout(out);
    return times.length > 0 ? 0 : 1;
  };
  try {
    while (sent < count && ctx.now() < deadline) {
      const time = ctx.host.pingTime?.(address);
      const seq = sent;
      sent++;
      if (time !== undefined) {
        times.push(time);
        const ttl = time > 1 ? 52 : 64;
        if (!quiet) {
          ctx.io.stdout(
            dialect === 'gnu'
              ? `64 bytes from ${address}: icmp_seq=${seq + 1} ttl=${ttl} time=${time < 10 ? time.toFixed(3) : time.toFixed(1)} ms\n`
              : `64 bytes from ${address}: seq=${seq} ttl=${ttl} time=${time.toFixed(3)} ms\n`,
          );
        }
      }
      if (sent < count) {
        const until = Math.min(ctx.now() + 1000, deadline);
        while (ctx.now() < until) yield { kind: 'sleep', until };
      } else if (time === undefined) {
        // The last echo gets its full wait (-W, 10 s by default) before ping gives it up.
        const until = Math.min(ctx.now() + Number(options.values.get('W') ?? 10) * 1000, deadline);
        while (ctx.now() < until) yield { kind: 'sleep', until };
      }
    }
  } catch (error) {
    if (!(error instanceof Interrupt)) throw error;
    return statistics();
  }
  return statistics();
}
