// `kubectl logs` and `kubectl exec`, and how both pick a pod (`deploy/x`, `job/x`) and a container.

import type { KubeObject } from '../../api/types';
import type { LogLine } from '../../api/server';
import type { Program } from '../../process';
import { rfc3339Micro } from '../../time';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, plainError, usageError } from '../errors';
import { resolveType } from '../resource-args';
import { requestTimeoutMs } from './streaming';

/** A pod named directly, or the first pod of a workload (`deploy/web`, `job/hello`). */
export function resolvePod(inv: Invocation, arg: string): KubeObject {
  return resolvePods(inv, arg)[0];
}

/** A pod named directly, or every pod of a workload. */
function resolvePods(inv: Invocation, arg: string): KubeObject[] {
  const slash = arg.indexOf('/');
  if (slash < 0) return [inv.deps.api.get('Pod', inv.namespace, arg)];
  const type = resolveType(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (type.kind === 'Pod') return [inv.deps.api.get('Pod', inv.namespace, name)];
  const owner = inv.deps.api.get(type.kind, inv.namespace, name);
  const selector = owner.spec?.selector?.matchLabels ?? owner.spec?.selector ?? owner.spec?.template?.metadata?.labels ?? {};
  const labelSelector = Object.entries(selector as Record<string, string>)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = inv.deps.api.list('Pod', inv.namespace, { labelSelector: labelSelector || undefined }).filter((p) => !p.metadata.deletionTimestamp);
  if (pods.length === 0) throw plainError(`timed out waiting for the condition`);
  return pods;
}

/** The container to use: -c, the default-container annotation, or the only/first one with a note. */
export function pickContainer(inv: Invocation, pod: KubeObject, requireSingle: boolean): string {
  const given = inv.flags.string('container');
  const names: string[] = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  if (given) return given;
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && names.includes(annotated)) return annotated;
  if (names.length > 1) {
    if (requireSingle) {
      throw plainError(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
    }
    inv.err(`Defaulted container "${names[0]}" out of: ${names.join(', ')}\n`);
  }
  return names[0];
}

function formatLine(inv: Invocation, line: LogLine, prefix: string): string {
  const stamp = inv.flags.bool('timestamps') ? `${rfc3339Micro(line.time).replace(/(\.\d{6})Z$/, '$1000Z')} ` : '';
  return `${prefix}${stamp}${line.text}\n`;
}

function containersFor(inv: Invocation, pod: KubeObject, named: string | undefined): string[] {
  if (inv.flags.bool('all-containers')) return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c: { name: string }) => c.name);
  const container = named ?? pickContainer(inv, pod, false);
  // kubectl looks the container up in the pod itself before it asks for logs.
  const known = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c: { name: string }) => c.name);
  if (!known.includes(container)) throw plainError(`container ${container} is not valid for pod ${pod.metadata.name}`);
  return [container];
}

/** The logs as they are now, of each container in turn. */
function printSnapshot(inv: Invocation, pod: KubeObject, containers: string[], tail: number): void {
  const podName = pod.metadata.name!;
  for (const container of containers) {
    const lines = inv.deps.api.logs(pod.metadata.namespace ?? inv.namespace, podName, {
      container,
      previous: inv.flags.bool('previous'),
      tailLines: tail >= 0 ? tail : undefined,
      sinceSeconds: sinceSeconds(inv),
    });
    const prefix = inv.flags.bool('prefix') ? `[pod/${podName}/${container}] ` : '';
    const text = lines.map((line) => formatLine(inv, line, prefix)).join('');
    // --limit-bytes cuts each container's log after that many bytes.
    const limit = inv.flags.int('limit-bytes');
    inv.out(limit > 0 ? firstBytes(text, limit) : text);
  }
}

/** The longest start of text that fits in `limit` UTF-8 bytes. */
function firstBytes(text: string, limit: number): string {
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (used + size > limit) break;
    used += size;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** --since or --since-time, as the seconds the server is asked for. */
function sinceSeconds(inv: Invocation): number | undefined {
  if (inv.flags.has('since') && inv.flags.has('since-time')) throw plainError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (inv.flags.has('since')) return Math.floor(inv.flags.duration('since') / 1000);
  if (!inv.flags.has('since-time')) return undefined;
  const text = inv.flags.string('since-time');
  const time = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(time)) throw plainError(`parsing time "${text}" as "2006-01-02T15:04:05Z07:00": cannot parse "${text}" as "2006"`);
  return Math.max(0, Math.ceil((inv.ctx.now() - time) / 1000));
}

/** `kubectl logs -l app=web`: every matching pod, the last 10 lines of each unless --tail says otherwise. */
function logsBySelector(inv: Invocation): number {
  if (inv.args.length > 0) throw usageError(inv.commandPath, 'only a selector (-l) or a POD name is allowed');
  if (inv.flags.bool('follow')) throw plainError('--follow with --selector is not supported in this lab');
  const pods = inv.deps.api.list('Pod', inv.namespace, { labelSelector: inv.flags.string('selector') });
  if (pods.length === 0) {
    inv.err(`No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  const tail = inv.flags.int('tail');
  for (const pod of pods) printSnapshot(inv, pod, containersFor(inv, pod, undefined), tail === -1 ? 10 : tail);
  return 0;
}

function* logs(inv: Invocation): Program {
  if (inv.flags.has('selector')) return logsBySelector(inv);
  if (inv.args.length === 0 || inv.args.length > 2) {
    throw new KubectlError(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n" +
        `See '${inv.commandPath} -h' for help and examples`,
    );
  }
  if (inv.flags.bool('all-pods')) {
    if (inv.flags.bool('follow')) throw plainError('--follow with --all-pods is not supported in this lab');
    for (const each of resolvePods(inv, inv.args[0])) printSnapshot(inv, each, containersFor(inv, each, inv.args[1]), inv.flags.int('tail'));
    return 0;
  }
  const pod = resolvePod(inv, inv.args[0]);
  const podName = pod.metadata.name!;
  const containers = containersFor(inv, pod, inv.args[1]);
  const prefixed = inv.flags.bool('prefix');
  printSnapshot(inv, pod, containers, inv.flags.int('tail'));
  if (!inv.flags.bool('follow')) return 0;
  const timeout = requestTimeoutMs(inv);
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  const printed = new Map<string, number>();
  for (const container of containers) {
    printed.set(container, inv.deps.api.logs(pod.metadata.namespace ?? inv.namespace, podName, { container }).length);
  }
  for (;;) {
    if (deadline !== undefined && inv.ctx.now() >= deadline) return 0;
    yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
    let alive = false;
    for (const container of containers) {
      let lines: LogLine[];
      try {
        lines = inv.deps.api.logs(pod.metadata.namespace ?? inv.namespace, podName, { container });
        alive = true;
      } catch {
        continue;
      }
      const from = printed.get(container) ?? 0;
      const prefix = prefixed ? `[pod/${podName}/${container}] ` : '';
      for (const line of lines.slice(from)) inv.out(formatLine(inv, line, prefix));
      printed.set(container, lines.length);
    }
    if (!alive) return 0;
  }
}

export const logsCommand: CommandDef = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  examples: `# Return snapshot logs from pod nginx with only one container
kubectl logs nginx

# Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
kubectl logs nginx --prefix

# Return snapshot logs from pod nginx, limiting output to 500 bytes
kubectl logs nginx --limit-bytes=500

# Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
kubectl logs nginx --pod-running-timeout=20s

# Return snapshot logs from pod nginx with multi containers
kubectl logs nginx --all-containers=true

# Return snapshot logs from all pods in the deployment nginx
kubectl logs deployment/nginx --all-pods=true

# Return snapshot logs from all containers in pods defined by label app=nginx
kubectl logs -l app=nginx --all-containers=true

# Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
kubectl logs -l app=nginx --max-log-requests=10

# Return snapshot of previous terminated ruby container logs from pod web-1
kubectl logs -p -c ruby web-1

# Begin streaming the logs from pod nginx, continuing even if errors occur
kubectl logs nginx -f --ignore-errors=true

# Begin streaming the logs of the ruby container in pod web-1
kubectl logs -f -c ruby web-1

# Begin streaming the logs from all containers in pods defined by label app=nginx
kubectl logs -f -l app=nginx --all-containers=true

# Display only the most recent 20 lines of output in pod nginx
kubectl logs --tail=20 nginx

# Show all logs from pod nginx written in the last hour
kubectl logs --since=1h nginx

# Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true

# Show logs from a kubelet with an expired serving certificate
kubectl logs --insecure-skip-tls-verify-backend nginx

# Return snapshot logs from first container of a job named hello
kubectl logs job/hello

# Return snapshot logs from container nginx-1 of a deployment named nginx
kubectl logs deployment/nginx -c nginx-1`,
  use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    flag('all-containers', 'bool', 'Get all containers\' logs in the pod(s).'),
    flag('all-pods', 'bool', 'Get logs from all pod(s). Sets prefix to true.'),
    flag('container', 'string', 'Print the logs of this container', { shorthand: 'c' }),
    flag('follow', 'bool', 'Specify if the logs should be streamed.', { shorthand: 'f' }),
    // No effect here: the lab's --follow already carries on past a container it can no longer read.
    flag('ignore-errors', 'bool', 'If watching / following pod logs, allow for any errors that occur to be non-fatal'),
    // No effect here: the lab's kubelet has no TLS to verify.
    flag('insecure-skip-tls-verify-backend', 'bool', 'Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.'),
    flag('limit-bytes', 'int', 'Maximum bytes of logs to return. Defaults to no limit.'),
    // No effect here: it only limits --follow with a selector, which the lab refuses.
    flag('max-log-requests', 'int', 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.', { defaultValue: '5' }),
    // No effect here: pods in the lab are looked up once; there is no wait for them to start.
    flag('pod-running-timeout', 'duration', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', { defaultValue: '20s' }),
    flag('prefix', 'bool', 'Prefix each log line with the log source (pod name and container name)'),
    flag('previous', 'bool', 'If true, print the logs for the previous instance of the container in a pod if it exists.', { shorthand: 'p' }),
    flag('selector', 'string', 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.', { shorthand: 'l' }),
    flag('since', 'duration', 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.'),
    flag('since-time', 'string', 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.'),
    flag('tail', 'int', 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.', { defaultValue: '-1' }),
    flag('timestamps', 'bool', 'Include timestamps on each line in the log output'),
  ],
  run: logs,
};
