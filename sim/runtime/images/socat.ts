// socat 1.8: a relay between two addresses. The forms the docs and learners use: a listening
// TCP socket (`TCP-LISTEN:5432,fork,reuseaddr`) relayed to a TCP connection (`TCP:host:port`,
// `TCP-CONNECT:host:port`), or stdio (`-`, `STDIO`) relayed to one. What passes through is what
// the network carries: HTTP requests and line protocols. Errors are logged to stderr as socat logs
// them (`2026/01/15 09:00:00 socat[7] E connect(5, AF=2 10.96.0.12:5432, 16): Connection refused`).

import type { CommandContext, CommandImpl, HttpRequest, HttpResult, Program } from '../../process';
import { slashTime } from './program-helpers';
import { emptyReply } from '../../shell/commands/net-commands';

type Address =
  | { kind: 'listen'; port: number; fork: boolean }
  | { kind: 'connect'; host: string; port: number }
  | { kind: 'stdio' };

const usageLine = 'socat by Gerhard Rieger and contributors - see www.dest-unreach.org\nUsage:\nsocat [options] <bi-address> <bi-address>\n';

/** Parses `TYPE:params,option,...`; a string is socat's error text. */
function parseAddress(text: string): Address | string {
  const [head, ...options] = text.split(',');
  const colon = head.indexOf(':');
  const type = (colon < 0 ? head : head.slice(0, colon)).toUpperCase();
  const params = colon < 0 ? [] : head.slice(colon + 1).split(':');
  if (type === '-' || type === 'STDIO' || type === 'STDIN' || type === 'STDOUT') return { kind: 'stdio' };
  const listen = ['TCP-LISTEN', 'TCP-L', 'TCP4-LISTEN', 'TCP4-L', 'TCP6-LISTEN', 'TCP6-L'].includes(type);
  const connect = ['TCP', 'TCP-CONNECT', 'TCP4', 'TCP4-CONNECT', 'TCP6', 'TCP6-CONNECT'].includes(type);
  if (!listen && !connect) return `unknown device/address "${head}"`;
  const expected = listen ? 1 : 2;
  if (params.length !== expected) return `${type}: wrong number of parameters (${params.length} instead of ${expected})`;
  const portText = params[expected - 1];
  const port = Number(portText);
  // musl's resolver (Alpine) names a service it does not know this way.
  if (!/^\d+$/.test(portText) || port > 65535) return `getaddrinfo("${listen ? 'NULL' : params[0]}", "${portText}", {0x${listen ? '21' : '20'},0,1,0}, {}): Unrecognized service`;
  for (const option of options) {
    const name = option.split('=')[0].toLowerCase();
    if (!['fork', 'reuseaddr', 'bind', 'keepalive', 'nodelay', 'backlog', 'max-children', 'su', 'range', 'connect-timeout', 'retry', 'forever', 'crlf'].includes(name)) {
      return `unknown option "${option}"`;
    }
  }
  if (listen) return { kind: 'listen', port, fork: options.some((option) => option.toLowerCase() === 'fork') };
  return { kind: 'connect', host: params[0], port };
}

/** Runs socat with its options and two addresses. */
export const socat: CommandImpl = (ctx) => {
  const args = ctx.argv.slice(1);
  const pid = ctx.host.pid?.() ?? 1;
  const log = (process: number, text: string) => ctx.io.stderr(`${slashTime(ctx.now())} socat[${process}] E ${text}\n`);
  const addresses: string[] = [];
  for (const arg of args) {
    if (arg === '-V' || arg === '-h') {
      ctx.io.stdout(arg === '-V' ? 'socat by Gerhard Rieger and contributors - see www.dest-unreach.org\nsocat version 1.8.0.3 on Feb 12 2025 05:55:23\n' : usageLine);
      return 0;
    }
    // Logging and timing options (-d, -dd, -v, -x, -T10, -t5, -u, -U, -4, -6) change nothing here.
    if (addresses.length === 0 && arg !== '-' && /^-[dvxltTuU46gb]/.test(arg)) continue;
    addresses.push(arg);
  }
  if (addresses.length !== 2) {
    log(pid, `exactly 2 addresses required (there are ${addresses.length}); use option "-h" for help`);
    return 1;
  }
  const parsed = addresses.map(parseAddress);
  const failed = parsed.find((address): address is string => typeof address === 'string');
  if (failed !== undefined) {
    log(pid, failed);
    return 1;
  }
  const [first, second] = parsed as Address[];
  if (first.kind === 'listen' && second.kind === 'connect') return relayListener(ctx, first, second, pid, log);
  if (second.kind === 'listen' && first.kind === 'connect') return relayListener(ctx, second, first, pid, log);
  const target = first.kind === 'connect' ? first : second.kind === 'connect' ? second : undefined;
  if (target && (first.kind === 'stdio' || second.kind === 'stdio')) return relayStdio(ctx, target, pid, log);
  // Two stdio ends, or two listeners: socat would pass data between them; here nothing comes.
  return 0;
};

/**
 * One connection's attempt to reach the target: undefined when it connects, else the error socat
 * logs, as `getaddrinfo(...)` for a name that does not resolve or `connect(...)` for a refusal.
 */
function connectError(ctx: CommandContext, target: { host: string; port: number }): string | undefined {
  const resolved = ctx.host.resolve ? ctx.host.resolve(target.host) : { addresses: [target.host] };
  if (!resolved) return `getaddrinfo("${target.host}", "${target.port}", {0x20,0,1,6}, {}): Name does not resolve`;
  const error = ctx.host.tcpConnect ? ctx.host.tcpConnect(target.host, target.port) : 'Connection refused';
  if (error === undefined) return undefined;
  return `connect(5, AF=2 ${resolved.addresses[0]}:${target.port}, 16): ${error}`;
}

function* relayListener(
  ctx: CommandContext,
  listen: { port: number; fork: boolean },
  target: { host: string; port: number },
  pid: number,
  log: (process: number, text: string) => void,
): Program {
  if (!ctx.host.listen) {
    log(pid, `bind(5, {AF=2 0.0.0.0:${listen.port}}, 16): Address not available`);
    return 1;
  }
  let connections = 0;
  let done = false;
  let status = 0;
  /** Each accepted connection is handled by a forked child (fork) or by socat itself, which then ends. */
  const accept = (): { child: number; error?: string } | undefined => {
    if (done) return undefined;
    connections++;
    const child = listen.fork ? pid + connections : pid;
    if (!listen.fork) done = true;
    const error = connectError(ctx, target);
    if (error !== undefined) log(child, error);
    // Without fork socat itself made the connection: its error is its exit status.
    if (error !== undefined && !listen.fork) status = 1;
    return { child, error };
  };
  ctx.host.listen(listen.port, {
    protocol: 'http',
    handle: (request: HttpRequest): HttpResult => {
      const accepted = accept();
      if (!accepted || accepted.error !== undefined) return { error: emptyReply };
      const { Host: _host, ...headers } = request.headers;
      const result = ctx.host.httpGet?.(`http://${target.host}:${target.port}${request.path}`, { ...headers, Host: request.headers.Host ?? target.host }) ?? { error: 'Connection refused' };
      return result.status === undefined ? { error: emptyReply } : result;
    },
    reply: (data: string): string => {
      const accepted = accept();
      if (!accepted || accepted.error !== undefined) return '';
      return ctx.host.tcpSend?.(target.host, target.port, data).reply ?? '';
    },
  });
  try {
    while (!done) yield { kind: 'change' };
  } finally {
    ctx.host.unlisten?.(listen.port);
  }
  return status;
}

/** `socat - TCP:host:port`: stdin goes to the server, what it answers to stdout. */
function relayStdio(ctx: CommandContext, target: { host: string; port: number }, pid: number, log: (process: number, text: string) => void): number {
  const error = connectError(ctx, target);
  if (error !== undefined) {
    log(pid, error);
    return 1;
  }
  const request = /^([A-Z]+) (\S+) HTTP\/\d(?:\.\d)?\r?\n/.exec(ctx.io.stdin);
  if (request && ctx.host.httpGet) {
    const result = ctx.host.httpGet(`http://${target.host}:${target.port}${request[2]}`);
    if (result.status !== undefined) ctx.io.stdout(`HTTP/1.1 ${result.status}\r\n\r\n${result.body ?? ''}`);
    return 0;
  }
  if (ctx.io.stdin) ctx.io.stdout(ctx.host.tcpSend?.(target.host, target.port, ctx.io.stdin).reply ?? '');
  return 0;
}
