// Running one probe attempt, with the result texts of pkg/probe (exec, http, tcp, grpc).

import type { Container, Probe } from '../api/types';
import type { ContainerInstance } from '../runtime/container';
import { clientAddress, plainResponseToHttpsClient, type ClusterNetwork, type NetworkNamespace } from '../runtime/network';
import type { HttpRequest } from '../process';
import { publicAddress } from '../runtime/outside-world';
import { parse } from '../shell/lang';
import type { Command } from '../shell/lang/ast';

export interface ProbeOutcome {
  result: 'success' | 'failure' | 'error';
  /** The text after `Liveness probe failed: ` (empty on success). */
  message: string;
}

/** Every successful attempt has the same outcome; probes run often, so it is made once. */
const succeeded: ProbeOutcome = Object.freeze({ result: 'success', message: '' });

export interface ProbeEnvironment {
  container: ContainerInstance;
  containerSpec: Container;
  network: ClusterNetwork;
  podNetns: NetworkNamespace;
  podIP: string;
  /** Where the kubelet's requests come from (the node's bridge address). */
  sourceNetns: NetworkNamespace | undefined;
  /** An httpGet probe's request, made on its first attempt: the same for every later one. */
  httpGet?: HttpGetRequest | { failure: ProbeOutcome };
}

interface HttpGetRequest {
  /** As the probe names it, for the messages. */
  host: string;
  /** Where the request goes. */
  address: string;
  port: number;
  path: string;
  url: string;
  scheme: 'http' | 'https';
  /** What is sent, the same at every attempt (servers only read it). */
  request: HttpRequest;
}

function prepareHttpGet(httpGet: NonNullable<Probe['httpGet']>, env: ProbeEnvironment): HttpGetRequest | { failure: ProbeOutcome } {
  const port = resolvePort(httpGet.port, env.containerSpec);
  const host = httpGet.host || env.podIP;
  const scheme = (httpGet.scheme ?? 'HTTP').toLowerCase();
  let path = httpGet.path ?? '/';
  if (!path.startsWith('/')) path = `/${path}`;
  if (port === undefined) return { failure: { result: 'failure', message: `Get "${scheme}://${host}:${httpGet.port}${path}": dial tcp: address ${httpGet.port}: invalid port` } };
  const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.32', Accept: '*/*', Host: `${host}:${port}` };
  for (const h of httpGet.httpHeaders ?? []) headers[h.name] = h.value;
  const url = `${scheme}://${host}:${port}${path}`;
  // A host name must be one of the outside world's; the kubelet resolves it on the node.
  const address = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : publicAddress(host);
  if (address === undefined) return { failure: { result: 'failure', message: `Get "${url}": dial tcp: lookup ${host}: no such host` } };
  const request: HttpRequest = { method: 'GET', path, headers, remoteAddress: clientAddress(env.sourceNetns) };
  return { host, address, port, path, url, scheme: scheme === 'https' ? 'https' : 'http', request };
}

function resolvePort(port: number | string, spec: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return spec.ports?.find((p) => p.name === port)?.containerPort;
}

export function runProbe(probe: Probe, env: ProbeEnvironment): ProbeOutcome {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) {
    const argv = probe.exec.command ?? [];
    const { exitCode, output, timedOut } = env.container.probeExec(argv, timeoutMs);
    if (timedOut) return { result: 'failure', message: `command "${argv.join(' ')}" timed out` };
    if (exitCode === 127 && output === '') {
      return {
        result: 'error',
        message: `rpc error: code = Unknown desc = failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
      };
    }
    return exitCode === 0 ? succeeded : { result: 'failure', message: output.replace(/\s+$/, '') };
  }
  if (probe.httpGet) {
    const request = (env.httpGet ??= prepareHttpGet(probe.httpGet, env));
    if ('failure' in request) return request.failure;
    const { host, address, port, url, scheme } = request;
    const response = env.network.send(address, port, request.request, env.sourceNetns, scheme);
    if (response.error === plainResponseToHttpsClient) return { result: 'failure', message: `Get "${url}": ${plainResponseToHttpsClient}` };
    if (response.error) {
      if (response.error === 'Connection refused') return { result: 'failure', message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
      return { result: 'failure', message: `Get "${url}": dial tcp ${host}:${port}: connect: ${response.error.toLowerCase()}` };
    }
    if ((response.latencyMs ?? 0) > timeoutMs) {
      return { result: 'failure', message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
    }
    const status = response.status ?? 0;
    if (status >= 200 && status < 400) return succeeded;
    return { result: 'failure', message: `HTTP probe failed with statuscode: ${status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, env.containerSpec);
    const host = probe.tcpSocket.host || env.podIP;
    const netns = env.network.namespaceAt(host) ?? env.podNetns;
    if (port !== undefined && netns.listeners.has(port)) return succeeded;
    return { result: 'failure', message: `dial tcp ${host}:${port ?? probe.tcpSocket.port}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    if (env.podNetns.listeners.has(port)) return succeeded;
    return { result: 'failure', message: `timeout: failed to connect service "${env.podIP}:${port}" within ${probe.timeoutSeconds ?? 1}s: context deadline exceeded` };
  }
  return { result: 'error', message: 'missing probe handler' };
}

/** `exec [cat /tmp/healthy]`, `http-get http://:8080/healthz`: how describe names a probe (for messages). */
export function probeKindLabel(kind: 'liveness' | 'readiness' | 'startup'): string {
  return kind === 'liveness' ? 'Liveness' : kind === 'readiness' ? 'Readiness' : 'Startup';
}

const shells = new Set(['sh', 'ash', 'bash', 'dash']);

/**
 * Whether an exec probe's result depends only on its command and the container's files, so the
 * last result holds while the files do: a file-reading command (`cat /tmp/healthy`), or a shell
 * running a script made only of such commands with plain words (`sh -c "test -d /etc && cat /x"`).
 */
export function probeReadsOnlyFiles(argv: string[], container: ContainerInstance): boolean {
  // (An image without the shell fails the same way every time, so that result holds too.)
  if (container.readsOnlyFiles(argv)) return true;
  const shell = argv[0]?.slice(argv[0].lastIndexOf('/') + 1) ?? '';
  if (argv.length !== 3 || argv[1] !== '-c' || !shells.has(shell)) return false;
  let script: Command;
  try {
    script = parse(argv[2]);
  } catch {
    return false;
  }
  return scriptReadsOnlyFiles(script, container);
}

/** No expansions, redirections, assignments, functions, loops or background jobs; every command reads files only. */
function scriptReadsOnlyFiles(command: Command, container: ContainerInstance): boolean {
  switch (command.kind) {
    case 'simple': {
      const argv = command.literalArgv;
      if (!argv || argv.length === 0 || argv[0].includes('/')) return false;
      return (argv[0] === 'exit' && argv.length <= 2) || container.readsOnlyFiles(argv);
    }
    case 'pipeline':
      return command.commands.every((c) => scriptReadsOnlyFiles(c, container));
    case 'andor':
      return scriptReadsOnlyFiles(command.first, container) && command.rest.every((r) => scriptReadsOnlyFiles(r.command, container));
    case 'list':
      return command.items.every((item) => !item.background && scriptReadsOnlyFiles(item.command, container));
    case 'if':
      return command.redirects.length === 0 && command.clauses.every((c) => scriptReadsOnlyFiles(c.condition, container) && scriptReadsOnlyFiles(c.body, container)) && (!command.elseBody || scriptReadsOnlyFiles(command.elseBody, container));
    case 'group':
      return command.redirects.length === 0 && scriptReadsOnlyFiles(command.body, container);
    default:
      return false;
  }
}
