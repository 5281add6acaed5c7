// `kubectl run -i|-it|--attach [--rm]`, as run.go does it after creating the pod: wait until the
// pod runs and is ready (or has already finished: then its log is shown), attach to its container,
// then with restartPolicy Never or OnFailure wait for the pod to finish and end with its
// container's exit code. With --rm the pod is deleted at the very end, whatever happened.

import type { KubeObject } from '../../api/types';
import type { Program, Wait, Wake } from '../../process';
import type { Invocation } from '../command';
import { KubectlError, plainError } from '../errors';
import { joinContainerOrShowLogs, printContainerLog } from './attach';

const podRunningTimeoutMs = 60_000;

function lookup(inv: Invocation, namespace: string, name: string): KubeObject | undefined {
  try {
    return inv.deps.api.get('Pod', namespace, name);
  } catch {
    return undefined;
  }
}

function completed(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function runningAndReady(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running' && (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

/** Waits, as kubectl's watch does, until `condition` holds; a deleted pod is an error. */
function* waitForPod(inv: Invocation, namespace: string, name: string, until: number | undefined, condition: (pod: KubeObject) => boolean): Generator<Wait, KubeObject, Wake | undefined> {
  for (;;) {
    const pod = lookup(inv, namespace, name);
    if (!pod) throw new KubectlError('Error from server (NotFound): pods "" not found');
    if (condition(pod)) return pod;
    if (until !== undefined && inv.ctx.now() >= until) throw plainError('timed out waiting for the condition');
    yield until !== undefined ? { kind: 'change', until } : { kind: 'change' };
  }
}

export function* attachToRunPod(inv: Invocation, created: KubeObject): Program {
  const namespace = created.metadata.namespace ?? inv.namespace;
  const name = created.metadata.name!;
  try {
    return yield* attachAndWait(inv, namespace, name, created.spec?.restartPolicy ?? 'Always');
  } finally {
    if (inv.flags.bool('rm')) removePod(inv, namespace, name);
  }
}

function* attachAndWait(inv: Invocation, namespace: string, name: string, restartPolicy: string): Program {
  const timeout = inv.flags.has('pod-running-timeout') ? inv.flags.duration('pod-running-timeout') : podRunningTimeoutMs;
  const pod = yield* waitForPod(inv, namespace, name, inv.ctx.now() + timeout, (p) => completed(p) || runningAndReady(p));
  if (completed(pod)) {
    printContainerLog(inv, namespace, name, pod.spec.containers[0].name);
  } else {
    const container = pod.spec.containers[0].name;
    yield* joinContainerOrShowLogs(inv, pod, container, { stdin: inv.flags.bool('stdin'), tty: inv.flags.bool('tty'), quiet: inv.flags.bool('quiet') });
  }
  if (inv.flags.bool('leave-stdin-open') || restartPolicy === 'Always') return 0;
  const done = restartPolicy === 'OnFailure' ? (p: KubeObject) => p.status?.phase === 'Succeeded' : completed;
  const finished = yield* waitForPod(inv, namespace, name, undefined, done);
  if (finished.status.phase === 'Succeeded') return 0;
  const terminated = finished.status.containerStatuses?.[0]?.state?.terminated;
  if (!terminated || !terminated.exitCode) throw plainError(`pod ${namespace}/${name} failed with unknown exit code`);
  // A CodeExitError: printed as it is (after --rm's deletion), without `error: `, and kubectl exits with the code.
  throw new KubectlError(`pod ${namespace}/${name} terminated (${terminated.reason})\n${terminated.message ?? ''}`, terminated.exitCode);
}

/** --rm: deleted as `kubectl delete` does (not waiting), with run's --grace-period. */
function removePod(inv: Invocation, namespace: string, name: string): void {
  try {
    const grace = inv.flags.has('grace-period') ? inv.flags.int('grace-period') : -1;
    inv.deps.api.delete('Pod', namespace, name, grace >= 0 ? { gracePeriodSeconds: grace } : {});
    if (!inv.flags.bool('quiet')) inv.out(`pod "${name}" deleted\n`);
  } catch {
    // Already gone: --rm ignores that.
  }
}
