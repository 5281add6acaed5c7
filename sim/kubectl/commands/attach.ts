// `kubectl attach POD [-c CONTAINER] [-i] [-t]`: joins a running container. Without -i it shows
// what the container prints from now on, until it ends or Ctrl-C. With -i to a container that
// keeps its stdin open, the terminal joins the container's program: the lab starts the container's
// command again in it, which a shell container cannot tell from its own.

import type { KubeObject } from '../../api/types';
import type { Program } from '../../process';
import type { Implementations, Invocation } from '../command';
import { plainError } from '../errors';
import { resolveType } from '../resource-args';
import { pickContainer, resolvePod } from './logs';
import { requestTimeoutMs } from './streaming';

interface ContainerSpec {
  name: string;
  command?: string[];
  args?: string[];
  stdin?: boolean;
  tty?: boolean;
}

function lookup(inv: Invocation, namespace: string, name: string): KubeObject | undefined {
  try {
    return inv.deps.api.get('Pod', namespace, name);
  } catch {
    return undefined;
  }
}

function podFor(inv: Invocation): KubeObject {
  if (inv.args.length === 0) throw plainError('at least 1 argument is required for attach');
  if (inv.args.length > 2) throw plainError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${inv.args.length}: [${inv.args.join(' ')}]`);
  if (inv.args.length === 2) return resolvePod(inv, `${resolveType(inv.args[0]).plural}/${inv.args[1]}`);
  return resolvePod(inv, inv.args[0]);
}

function* attach(inv: Invocation): Program {
  if (inv.flags.duration('pod-running-timeout') <= 0) throw plainError('--pod-running-timeout must be higher than zero');
  let pod = podFor(inv);
  const namespace = pod.metadata.namespace ?? inv.namespace;
  const name = pod.metadata.name!;
  // kubectl waits for the pod to run before it attaches.
  const deadline = inv.ctx.now() + inv.flags.duration('pod-running-timeout');
  while (pod.status?.phase === 'Pending' || !pod.status?.phase) {
    if (inv.ctx.now() >= deadline) throw plainError('timed out waiting for the condition');
    yield { kind: 'change', until: deadline };
    pod = lookup(inv, namespace, name) ?? pod;
  }
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw plainError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  return yield* joinContainer(inv, pod, pickContainer(inv, pod, false), { stdin: inv.flags.bool('stdin'), tty: inv.flags.bool('tty'), quiet: inv.flags.bool('quiet') });
}

/** What `kubectl attach` does once it has a running pod and a container (also for `kubectl debug -i`). */
export function* joinContainer(inv: Invocation, pod: KubeObject, containerName: string, options: { stdin: boolean; tty: boolean; quiet: boolean }): Program {
  const namespace = pod.metadata.namespace ?? inv.namespace;
  const name = pod.metadata.name!;
  const quiet = options.quiet;
  const containers: ContainerSpec[] = pod.spec?.containers ?? [];
  const container = containers.find((c) => c.name === containerName);
  if (!container) throw plainError(`cannot attach to the container: container ${containerName} not found in pod ${name}`);
  let tty = options.tty;
  if (tty && !container.tty) {
    tty = false;
    if (!quiet) inv.err(`error: Unable to use a TTY - container ${containerName} did not allocate one\n`);
  } else if (!tty && container.tty) {
    tty = true;
  }
  if (!quiet) inv.err("If you don't see a command prompt, try pressing enter.\n");

  if (options.stdin && container.stdin) {
    const argv = [...(container.command ?? []), ...(container.args ?? [])];
    const command = argv.length > 0 ? argv : ['sh'];
    if (tty && inv.deps.interactiveShell?.({ namespace, pod: name, container: containerName, argv: command })) return 0;
    const code: number = yield* inv.deps.api.exec(namespace, name, command, {
      container: containerName,
      stdin: inv.ctx.io.stdin,
      stdout: (text) => inv.out(text),
      stderr: (text) => inv.err(text),
    });
    if (!quiet && tty) inv.out(`Session ended, resume using 'kubectl attach ${name} -c ${containerName} -i -t' command when the pod is running\n`);
    return code;
  }
  return yield* followOutput(inv, namespace, name, containerName);
}

/** Prints the container's new output as it comes, until the container ends (or the request times out). */
function* followOutput(inv: Invocation, namespace: string, pod: string, container: string): Program {
  const seen = () => {
    try {
      return inv.deps.api.logs(namespace, pod, { container });
    } catch {
      return [];
    }
  };
  let printed = seen().length;
  const timeout = requestTimeoutMs(inv);
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  const startedAt = startedTime(lookup(inv, namespace, pod), container);
  for (;;) {
    const lines = seen();
    for (const line of lines.slice(printed)) inv.out(`${line.text}\n`);
    printed = lines.length;
    const current = lookup(inv, namespace, pod);
    // The stream ends when the attached container stops (or restarts, which is a new process).
    if (!current || startedTime(current, container) !== startedAt || current.status?.phase === 'Succeeded' || current.status?.phase === 'Failed') return 0;
    if (deadline !== undefined && inv.ctx.now() >= deadline) return 0;
    yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
  }
}

function startedTime(pod: KubeObject | undefined, container: string): string | undefined {
  const status = (pod?.status?.containerStatuses ?? []).find((s: { name: string }) => s.name === container);
  return status?.state?.running?.startedAt;
}

export const attachCommands: Implementations = {
  attach: { run: attach },
};
