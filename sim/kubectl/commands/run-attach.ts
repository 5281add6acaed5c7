// `kubectl run -it|-i|--attach [--rm]`: after creating the pod, wait for it to start and show its
// container. The API has no attach, so an interactive terminal (-it) gets an exec of the same
// command in the container, and a non-interactive attach streams the container's logs until it
// exits. With --rm the pod is deleted afterwards.

import type { KubeObject } from '../../api/types';
import type { Program } from '../../process';
import type { Invocation } from '../command';
import { plainError } from '../errors';

const podRunningTimeoutMs = 60_000;

function containerFinished(pod: KubeObject | undefined): { done: boolean; exitCode: number; reason?: string } {
  if (!pod) return { done: true, exitCode: 0 };
  const phase = pod.status?.phase;
  const terminated = pod.status?.containerStatuses?.[0]?.state?.terminated;
  if (phase === 'Succeeded' || phase === 'Failed' || (terminated && pod.spec?.restartPolicy !== 'Always')) {
    return { done: true, exitCode: terminated?.exitCode ?? (phase === 'Failed' ? 1 : 0), reason: terminated?.reason };
  }
  return { done: false, exitCode: 0 };
}

function lookup(inv: Invocation, namespace: string, name: string): KubeObject | undefined {
  try {
    return inv.deps.api.get('Pod', namespace, name);
  } catch {
    return undefined;
  }
}

export function* attachToRunPod(inv: Invocation, created: KubeObject, command: string[]): Program {
  const namespace = created.metadata.namespace ?? inv.namespace;
  const name = created.metadata.name!;
  const tty = inv.flags.bool('tty') && inv.flags.bool('stdin');
  // Wait for the pod to leave Pending.
  const deadline = inv.ctx.now() + (inv.flags.has('pod-running-timeout') ? inv.flags.duration('pod-running-timeout') : podRunningTimeoutMs);
  for (;;) {
    const pod = lookup(inv, namespace, name);
    const phase = pod?.status?.phase;
    if (!pod || (phase && phase !== 'Pending')) break;
    if (inv.ctx.now() >= deadline) throw plainError('timed out waiting for the condition');
    yield { kind: 'change', until: deadline };
  }

  let exitCode = 0;
  const pod = lookup(inv, namespace, name);
  if (tty && pod?.status?.phase === 'Running') {
    inv.err("If you don't see a command prompt, try pressing enter.\n");
    const argv = command.length > 0 ? command : ['sh'];
    const program = inv.deps.api.exec(namespace, name, argv, {
      stdin: inv.ctx.io.stdin || undefined,
      stdout: (text) => inv.out(text),
      stderr: (text) => inv.err(text),
    });
    exitCode = yield* program;
  } else {
    let printed = 0;
    const printNew = () => {
      try {
        const lines = inv.deps.api.logs(namespace, name, {});
        for (const line of lines.slice(printed)) inv.out(`${line.text}\n`);
        printed = lines.length;
      } catch {
        // Not started yet or already gone.
      }
    };
    for (;;) {
      printNew();
      const finished = containerFinished(lookup(inv, namespace, name));
      if (finished.done) {
        exitCode = finished.exitCode;
        break;
      }
      yield { kind: 'change' };
    }
  }

  if (inv.flags.bool('rm')) {
    try {
      // --rm deletes as `kubectl delete` would, with run's --grace-period (the pod has ended, so 0 by default).
      const grace = inv.flags.has('grace-period') ? inv.flags.int('grace-period') : -1;
      inv.deps.api.delete('Pod', namespace, name, { gracePeriodSeconds: grace >= 0 ? grace : 0 });
    } catch {
      // Already gone.
    }
    inv.out(`pod "${name}" deleted\n`);
  }
  if (exitCode !== 0) {
    inv.err(`pod ${namespace}/${name} terminated (Error)\n`);
    return 1;
  }
  return 0;
}
