// `kubectl attach POD [-c CONTAINER] [-i] [-t]`: joins a running container's main process. It
// shows what the process prints from now on, until it ends or Ctrl-C; with -i to a container that
// keeps its stdin open, what the learner types goes to the process's stdin.

import type { KubeObject } from '../../api/types';
import type { Program } from '../../process';
import type { Implementations, Invocation } from '../command';
import { plainError } from '../errors';
import { resolveType } from '../resource-args';
import { pickContainer, resolvePod } from './logs';
import { openStream, requestTimeoutMs } from './streaming';

interface ContainerSpec {
  name: string;
  stdin?: boolean;
  stdinOnce?: boolean;
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

/** What `kubectl attach` does once it has a running pod and a container (also for `run -i` and `debug -i`). */
/** A container's log as kubectl prints it when it shows the log instead of attaching. */
export function printContainerLog(inv: Invocation, namespace: string, pod: string, container: string): void {
  for (const line of inv.deps.api.logs(namespace, pod, { container })) inv.out(`${line.text}\n`);
}

/**
 * What `kubectl run` and `kubectl debug` do once the container runs: attach to it, and when that
 * fails (the container ended in between), warn and show its log instead.
 */
export function* joinContainerOrShowLogs(inv: Invocation, pod: KubeObject, containerName: string, options: { stdin: boolean; tty: boolean; quiet: boolean }): Program {
  const namespace = pod.metadata.namespace ?? inv.namespace;
  try {
    return yield* joinContainer(inv, pod, containerName, options);
  } catch (error) {
    if (!(error instanceof Error) || error.name === 'Interrupt') throw error;
    inv.err(`warning: couldn't attach to pod/${pod.metadata.name}, falling back to streaming logs: ${error.message.replace(/^error: /, '')}\n`);
    printContainerLog(inv, namespace, pod.metadata.name!, containerName);
    return 0;
  }
}

export function* joinContainer(inv: Invocation, pod: KubeObject, containerName: string, options: { stdin: boolean; tty: boolean; quiet: boolean; commandName?: string }): Program {
  const namespace = pod.metadata.namespace ?? inv.namespace;
  const name = pod.metadata.name!;
  const quiet = options.quiet;
  const found = findContainer(pod, containerName);
  if (!found) throw plainError(`cannot attach to the container: container ${containerName} not found in pod ${name}`);
  const { container, ephemeral } = found;
  let tty = options.tty;
  if (tty && !container.tty) {
    tty = false;
    if (!quiet) inv.err(`error: Unable to use a TTY - container ${containerName} did not allocate one\n`);
  } else if (!tty && container.tty) {
    tty = true;
  }
  if (!quiet) inv.err("If you don't see a command prompt, try pressing enter.\n");
  // A terminal has one stream: what the process writes to stderr comes out with its stdout.
  const attachment = openStream(() =>
    inv.deps.api.attach(namespace, name, {
      container: containerName,
      stdin: options.stdin,
      stdout: (text) => inv.out(text),
      stderr: (text) => (tty ? inv.out(text) : inv.err(text)),
    }),
  );
  const stdin = attachment.stdin;
  // The learner's terminal types into the process; elsewhere kubectl sends its own stdin and closes it.
  const typing = stdin !== undefined && !!inv.deps.terminalInput?.({
    write: (text) => stdin.write(text),
    end: () => stdin.close(),
    interrupt: () => {
      if (!tty) return false;
      attachment.interrupt();
      return true;
    },
  });
  if (stdin && !typing) {
    stdin.write(inv.ctx.io.stdin);
    if (container.stdinOnce) stdin.close();
  }
  const timeout = requestTimeoutMs(inv);
  const deadline = timeout > 0 && !typing ? inv.ctx.now() + timeout : undefined;
  try {
    while (!attachment.ended) {
      if (deadline !== undefined && inv.ctx.now() >= deadline) return 0;
      yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
    }
  } finally {
    attachment.detach();
  }
  const message = reattachMessage(options.commandName ?? 'kubectl attach', name, containerName, ephemeral);
  // kubectl 1.32 says so only for a pod that restarts its containers, ephemeral ones included.
  if (!quiet && options.stdin && tty && pod.spec?.restartPolicy === 'Always') inv.out(`${message}\n`);
  return 0;
}

function reattachMessage(command: string, pod: string, container: string, ephemeral: boolean): string {
  return ephemeral
    ? `Session ended, the ephemeral container will not be restarted but may be reattached using '${command} ${pod} -c ${container} -i -t' if it is still running`
    : `Session ended, resume using '${command} ${pod} -c ${container} -i -t' command when the pod is running`;
}

function findContainer(pod: KubeObject, name: string): { container: ContainerSpec; ephemeral: boolean } | undefined {
  const spec = pod.spec ?? {};
  const regular = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].find((c: ContainerSpec) => c.name === name);
  if (regular) return { container: regular, ephemeral: false };
  const ephemeral = (spec.ephemeralContainers ?? []).find((c: ContainerSpec) => c.name === name);
  return ephemeral ? { container: ephemeral, ephemeral: true } : undefined;
}

export const attachCommands: Implementations = {
  attach: { run: attach },
};
