// `kubectl exec POD [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`.

import type { Program } from '../../process';
import { flag, type CommandDef, type Invocation } from '../command';
import { plainError, usageError } from '../errors';
import { pickContainer, resolvePod } from './logs';
import { readManifests } from '../manifests';

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
  if (interactive && inv.deps.interactiveShell?.({ namespace: pod.metadata.namespace ?? inv.namespace, pod: pod.metadata.name!, container, argv: command })) {
    return 0;
  }
  const program = inv.deps.api.exec(pod.metadata.namespace ?? inv.namespace, pod.metadata.name!, command, {
    container,
    stdin: inv.flags.bool('stdin') ? inv.ctx.io.stdin : undefined,
    stdout: (text) => inv.out(text),
    stderr: (text) => inv.err(text),
  });
  const code: number = yield* program;
  if (code !== 0) {
    inv.err(`command terminated with exit code ${code}\n`);
  }
  return code;
}

export const execCommand: CommandDef = {
  name: 'exec',
  short: 'Execute a command in a container',
  long: 'Execute a command in a container.',
  examples: `# Get output from running the 'date' command from pod mypod, using the first container by default
kubectl exec mypod -- date

# Get output from running the 'date' command in ruby-container from pod mypod
kubectl exec mypod -c ruby-container -- date

# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
# and sends stdout/stderr from 'bash' back to the client
kubectl exec mypod -c ruby-container -i -t -- bash -il

# List contents of /usr from the first container of pod mypod and sort by modification time
# If the command you want to execute in the pod has any flags in common (e.g. -i),
# you must use two dashes (--) to separate your command's flags/arguments
# Also note, do not surround your command and its flags/arguments with quotes
# unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
kubectl exec mypod -i -t -- ls -t /usr

# Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
kubectl exec deploy/mydeployment -- date

# Get output from running 'date' command from the first pod of the service myservice, using the first container by default
kubectl exec svc/myservice -- date`,
  use: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  flags: [
    flag('container', 'string', 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen', { shorthand: 'c' }),
    flag('filename', 'stringSlice', 'to use to exec into the resource', { shorthand: 'f' }),
    // No effect here: pods in the lab are looked up once; there is no wait for them to start.
    flag('pod-running-timeout', 'duration', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', { defaultValue: '1m0s' }),
    flag('quiet', 'bool', 'Only print output from the remote session', { shorthand: 'q' }),
    flag('stdin', 'bool', 'Pass stdin to the container', { shorthand: 'i' }),
    flag('tty', 'bool', 'Stdin is a TTY', { shorthand: 't' }),
  ],
  run: exec,
};
