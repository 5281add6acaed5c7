// `kubectl exec` and `kubectl attach`: a command run in a running container, or a client joined
// to its main process, with the API server's and containerd's answers when the pod has finished,
// the container does not exist or the program is not found.

import type { Pod } from '../api/types';
import type { AttachOptions, Attachment } from '../api/server';
import type { Program, ProcessIO } from '../process';
import { ApiError } from '../api/errors';
import { containerNames, type PodContainers } from './container-logs';

export interface ExecOptions {
  container?: string;
  stdin?: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The running instance of the container a client names, or the API server's answer why there is none. */
function runningInstance(pod: Pod, containers: PodContainers | undefined, container: string | undefined, verb: 'exec into' | 'attach'): NonNullable<ReturnType<PodContainers['instance']>> {
  const name = container ?? pod.spec.containers[0]?.name;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
    throw new ApiError('BadRequest', `cannot ${verb} a container in a completed pod; current phase is ${pod.status.phase}`);
  }
  if (!containerNames(pod).includes(name)) throw new ApiError('BadRequest', `container ${name} is not valid for pod ${pod.metadata.name}`);
  const instance = containers?.instance(name);
  if (!instance?.running) throw new ApiError('BadRequest', `unable to upgrade connection: container not found ("${name}")`);
  return instance;
}

export function attachToContainer(pod: Pod, containers: PodContainers | undefined, options: AttachOptions): Attachment {
  return runningInstance(pod, containers, options.container, 'attach').attach({ stdout: options.stdout, stderr: options.stderr }, options.stdin);
}

/** `execId` names the exec session in containerd's error (64 hex digits). */
export function execInContainer(pod: Pod, containers: PodContainers | undefined, argv: string[], options: ExecOptions, execId: () => string): Program {
  const instance = runningInstance(pod, containers, options.container, 'exec into');
  const io: ProcessIO = { stdin: options.stdin ?? '', stdout: options.stdout, stderr: options.stderr };
  const result = instance.exec(argv, io);
  if (result === 127) {
    throw new ApiError(
      'InternalError',
      `Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId()}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
    );
  }
  if (typeof result === 'number') {
    const code = result;
    return (function* (): Program {
      return code;
    })();
  }
  return result;
}
