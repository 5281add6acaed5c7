// `kubectl exec POD [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`.

import { terminalOutput, type Program } from '../../process';
import type { Invocation, Implementations } from '../command';
import { plainError, usageError } from '../errors';
import { pickContainer, resolvePod } from './logs';
import { readManifests } from '../manifests';
import { openStream } from './streaming';

function* exec(inv: Invocation): Program {
  const before = inv.dashAt >= 0 ? inv.args.slice(0, inv.dashAt) : inv.args;
  if (inv.dashAt < 0 && inv.args.length > 1) {
    throw usageError(inv.commandPath, 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  }
  const command = inv.dashAt >= 0 ? inv.args.slice(inv.dashAt) : [];
  // -f names the pod (or workload) by its manifest.
  const filenames = inv.flags.list('filename');
  if (filenames.length > 0 && before.length === 0) {
    const [first] = readManifests(inv, filenames);
    if (first) before.push(`${first.object.kind}/${first.object.metadata.name}`);
  }
  if (before.length === 0) throw usageError(inv.commandPath, 'expected \'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]\'.\nPOD or TYPE/NAME is a required argument for the exec command');
  if (command.length === 0) throw plainError('you must specify at least one command for the container');
  const pod = resolvePod(inv, before[0]);
  const container = pickContainer(inv, pod, false);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw plainError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const interactive = inv.flags.bool('stdin') && inv.flags.bool('tty');
  const namespace = pod.metadata.namespace ?? inv.namespace;
  // The terminal becomes a shell in the container only if the container has that shell: else the runtime's error, here.
  const shellOnly = /(^|\/)(ba|a|da)?sh$/.test(command[0]) && command.slice(1).every((arg) => arg.startsWith('-'));
  if (interactive && shellOnly && inv.deps.interactiveShell) yield* openStream(() => inv.deps.api.exec(namespace, pod.metadata.name!, [command[0], '-c', ':'], { container, stdout: () => {}, stderr: () => {} }));
  if (interactive && inv.deps.interactiveShell?.({ namespace: pod.metadata.namespace ?? inv.namespace, pod: pod.metadata.name!, container, argv: command })) {
    return 0;
  }
  const program = openStream(() =>
    inv.deps.api.exec(namespace, pod.metadata.name!, command, {
      container,
      stdin: inv.flags.bool('stdin') ? inv.ctx.io.stdin : undefined,
      // With -t the command's output goes to a terminal (isatty), without it through a pipe.
      stdout: inv.flags.bool('tty') ? terminalOutput((text: string) => inv.out(text)) : (text) => inv.out(text),
      stderr: (text) => inv.err(text),
    }),
  );
  const code: number = yield* program;
  if (code !== 0) {
    inv.err(`command terminated with exit code ${code}\n`);
  }
  return code;
}

export const execCommands: Implementations = {
  exec: { run: exec },
};
