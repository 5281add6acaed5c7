// `kubectl logs` and `kubectl exec`, and how both pick a pod (`deploy/x`, `job/x`) and a container.

import type { KubeObject } from '../../api/types';
import type { LogLine } from '../../api/server';
import type { Program } from '../../process';
import { rfc3339Micro } from '../../time';
import type { Invocation, Implementations } from '../command';
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

export const logsCommands: Implementations = {
  logs: { run: logs },
};
