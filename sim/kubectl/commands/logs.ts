// `kubectl logs` and `kubectl exec`, and how both pick a pod (`deploy/x`, `job/x`) and a container.

import type { KubeObject } from '../../api/types';
import type { LogLine } from '../../api/server';
import type { Program } from '../../process';
import { rfc3339Micro } from '../../time';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, plainError } from '../errors';
import { resolveType } from '../resource-args';
import { requestTimeoutMs } from './streaming';

/** A pod named directly, or the first pod of a workload (`deploy/web`, `job/hello`). */
export function resolvePod(inv: Invocation, arg: string): KubeObject {
  const slash = arg.indexOf('/');
  if (slash < 0) return inv.deps.api.get('Pod', inv.namespace, arg);
  const type = resolveType(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (type.kind === 'Pod') return inv.deps.api.get('Pod', inv.namespace, name);
  const owner = inv.deps.api.get(type.kind, inv.namespace, name);
  const selector = owner.spec?.selector?.matchLabels ?? owner.spec?.selector ?? owner.spec?.template?.metadata?.labels ?? {};
  const labelSelector = Object.entries(selector as Record<string, string>)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = inv.deps.api.list('Pod', inv.namespace, { labelSelector: labelSelector || undefined }).filter((p) => !p.metadata.deletionTimestamp);
  if (pods.length === 0) throw plainError(`timed out waiting for the condition`);
  return pods[0];
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

function* logs(inv: Invocation): Program {
  if (inv.args.length === 0 || inv.args.length > 2) {
    throw new KubectlError(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n" +
        `See '${inv.commandPath} -h' for help and examples`,
    );
  }
  const pod = resolvePod(inv, inv.args[0]);
  const podName = pod.metadata.name!;
  const containers: string[] = inv.flags.bool('all-containers')
    ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c: { name: string }) => c.name)
    : [inv.args[1] ?? pickContainer(inv, pod, false)];
  const tail = inv.flags.int('tail');
  const prefixed = inv.flags.bool('prefix');
  const seen = new Map<string, number>();
  for (const container of containers) {
    const lines = inv.deps.api.logs(pod.metadata.namespace ?? inv.namespace, podName, {
      container,
      previous: inv.flags.bool('previous'),
      tailLines: tail >= 0 ? tail : undefined,
      sinceSeconds: inv.flags.has('since') ? Math.floor(inv.flags.duration('since') / 1000) : undefined,
    });
    const prefix = prefixed ? `[pod/${podName}/${container}] ` : '';
    for (const line of lines) inv.out(formatLine(inv, line, prefix));
    seen.set(container, lines.length === 0 ? -Infinity : lines[lines.length - 1].time);
  }
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

# Return snapshot of previous terminated ruby container logs from pod web-1
kubectl logs -p -c ruby web-1

# Begin streaming the logs of the ruby container in pod web-1
kubectl logs -f -c ruby web-1

# Display only the most recent 20 lines of output in pod nginx
kubectl logs --tail=20 nginx

# Return snapshot logs from first container of a job named hello
kubectl logs job/hello`,
  use: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    flag('container', 'string', 'Print the logs of this container', { shorthand: 'c' }),
    flag('follow', 'bool', 'Specify if the logs should be streamed.', { shorthand: 'f' }),
    flag('previous', 'bool', 'If true, print the logs for the previous instance of the container in a pod if it exists.', { shorthand: 'p' }),
    flag('tail', 'int', 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.', { defaultValue: '-1' }),
    flag('timestamps', 'bool', 'Include timestamps on each line in the log output'),
    flag('all-containers', 'bool', 'Get all containers\' logs in the pod(s).'),
    flag('prefix', 'bool', 'Prefix each log line with the log source (pod name and container name)'),
    flag('since', 'duration', 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs.'),
  ],
  run: logs,
};
