// `kubectl exec`: a command run in a running container, with the API server's and containerd's
// answers when the pod has finished, the container does not exist or the program is not found.

import type { Pod } from '../api/types';
import type { Program, ProcessIO } from '../process';
import { ApiError } from '../api/errors';
import { containerNames, type PodContainers } from './container-logs';

export interface ExecOptions {
  container?: string;
  stdin?: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** `execId` names the exec session in containerd's error (64 hex digits). */
export function execInContainer(pod: Pod, containers: PodContainers | undefined, argv: string[], options: ExecOptions, execId: () => string): Program {
  const name = options.container ?? pod.spec.containers[0]?.name;
  const podName = pod.metadata.name;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
    throw new ApiError('BadRequest', `cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  }
  if (!containerNames(pod).includes(name)) throw new ApiError('BadRequest', `container ${name} is not valid for pod ${podName}`);
  const instance = containers?.instance(name);
  if (!instance?.running) throw new ApiError('BadRequest', `unable to upgrade connection: container not found ("${name}")`);
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
