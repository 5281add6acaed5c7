// Creating and starting a container, as the kubelet's runtime manager does (startContainer in
// kuberuntime_container.go): its configuration and environment, its files, the Created and
// Started events or the StartError the runtime reports, its /proc, the postStart hook and its
// probes. The pod worker decides when; this is how.

import type { Pod } from '../api/types';
import { parseQuantity } from '../api/quantity';
import { rfc3339 } from '../time';
import { ContainerInstance } from '../runtime/container';
import { ProcFs, capabilityBitmap } from '../runtime/proc-fs';
import { findImage, imageDigest, type ImageSpec } from '../runtime/images/catalog';
import { containerArgv, containerEnvironment, containerIdentity, containerLimits, podHostname, verifyRunAsNonRoot, ContainerConfigError } from './container-config';
import type { ContainerRecord } from './container-record';
import { containerFs } from './container-fs';
import { configRetryMs } from './image-puller';
import type { PodVolume } from './volumes';
import { ContainerProbes } from './prober/prober-manager';
import type { ProbeHost } from './prober/worker';
import type { PodHost } from './pod-host';
import { sharedPidNamespace, targetPidNamespace, type Sandbox } from './sandbox';
import { namespaceLinks, podNamespaceInodes } from './namespaces';

/** What starting a container needs from its pod worker. */
export interface StartHost {
  readonly node: PodHost;
  /** The latest stored pod. */
  readonly pod: Pod;
  readonly sandbox?: Sandbox;
  readonly volumes: Map<string, PodVolume>;
  readonly records: readonly ContainerRecord[];
  readonly probeHost: ProbeHost;
  /** An event about the pod from this node's kubelet, about one of its containers when `fieldPath` is given. */
  event(type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  sync(): void;
  requestSync(): void;
  /** The container's main process exited. */
  exited(rec: ContainerRecord, instance: ContainerInstance, code: number): void;
  /** Stops the container with the pod's grace period (its postStart hook failed). */
  stop(rec: ContainerRecord): void;
  /** A new instance of the container was made: its log is now the current one. */
  started(rec: ContainerRecord, instance: ContainerInstance): void;
}

/** Creates the container and starts its main process, or records why it could not. */
export function createContainer(rec: ContainerRecord, host: StartHost): void {
  const { node, pod } = host;
  const parsed = rec.imageRef!;
  const image = findImage(parsed) as ImageSpec;
  rec.image = image;
  rec.imageID = `${parsed.repository}@${imageDigest(parsed.fullName)}`;
  const fieldPath = rec.fieldPath;
  let env: Map<string, string>;
  const identity = containerIdentity(pod, rec.spec, image);
  try {
    verifyRunAsNonRoot(pod, rec.spec, image);
    env = containerEnvironment(node.api, pod, rec.spec, image, node.allocatable(), identity?.uid);
  } catch (error) {
    if (!(error instanceof ContainerConfigError)) throw error;
    rec.state = { waiting: { reason: 'CreateContainerConfigError', message: error.message } };
    host.event('Warning', 'Failed', `Error: ${error.message}`, fieldPath);
    rec.retryTimer = node.clock.after(configRetryMs, () => ((rec.retryTimer = undefined), host.sync()), 'config-retry');
    return;
  }
  const argv = containerArgv(rec.spec, image, env);
  if (rec.everCreated) rec.restartCount++;
  rec.everCreated = true;
  const id = node.random.hex(64);
  rec.containerID = `containerd://${id}`;
  const proc = new ProcFs();
  const { fs, writableLayer, mounts } = containerFs({
    identity,
    pod,
    spec: rec.spec,
    image,
    proc,
    podIP: host.sandbox?.netns.ip ?? '',
    volumes: host.volumes,
    now: () => node.clock.now(),
    firstInode: node.allocateInode() * 1000,
    memoryBytes: nodeMemoryBytes(node),
  });
  rec.writableLayer = writableLayer;
  const resolve = node.commandResolver(image, env, fs);
  const startedAt = node.clock.now();
  if (argv.length === 0 || !resolve(argv[0])) {
    const what = argv[0] ?? '';
    const message = argv.length === 0
      ? 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown'
      : `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${what}": ${what.includes('/') ? 'stat ' + what + ': no such file or directory' : 'executable file not found in $PATH'}: unknown`;
    host.event('Normal', 'Created', `Created container: ${rec.spec.name}`, fieldPath);
    host.event('Warning', 'Failed', `Error: ${message}`, fieldPath);
    rec.state = { terminated: { exitCode: 128, reason: 'StartError', message, startedAt: rfc3339(0), finishedAt: rfc3339(startedAt), containerID: rec.containerID } };
    host.requestSync();
    return;
  }
  host.event('Normal', 'Created', `Created container: ${rec.spec.name}`, fieldPath);
  const instance: ContainerInstance = new ContainerInstance(id, rec.spec.name, fs, env, rec.spec.workingDir ?? image.workingDir ?? '/', containerLimits(rec.spec), {
    clock: node.clock,
    network: node.network,
    netns: host.sandbox!.netns,
    hostname: podHostname(pod),
    allocatePid: () => node.allocatePid(),
    resolveCommand: resolve,
    onOutOfMemory: () => outOfMemory(rec, instance),
    onMainExit: (code) => node.enqueue(`exit/${id}`, () => host.exited(rec, instance, code)),
    sharedPids: pod.spec.hostPID
      ? node.hostPids()
      : pod.spec.shareProcessNamespace
        ? sharedPidNamespace(host.sandbox!, host.records)
        : targetNamespace(rec, host.records, (): ContainerInstance => instance),
    identity,
    stdin: rec.spec.stdin || rec.spec.tty ? { open: rec.spec.stdin === true, once: rec.spec.stdinOnce === true, tty: rec.spec.tty === true } : undefined,
  });
  const security = (rec.spec.securityContext ?? {}) as { capabilities?: { add?: string[]; drop?: string[] }; privileged?: boolean };
  const capabilities = security.capabilities;
  // Namespaces as /proc/<pid>/ns links them: the pod's net, ipc and uts, the container's own mnt, pid and cgroup.
  const namespacesOf = (containerId: string | undefined) => namespaceLinks(podNamespaceInodes(host.sandbox!, host.pod, containerId, () => node.allocateInode()));
  instance.procView = { environ: () => [...env].map(([name, value]) => `${name}=${value}\0`).join(''), mounts, root: fs, namespaceLinks: () => namespacesOf(id) };
  proc.source = {
    processes: () => instance.visibleProcesses(),
    capabilities: capabilityBitmap(capabilities?.add, capabilities?.drop, security.privileged === true),
    uid: identity?.uid ?? 0,
    gid: identity?.gid ?? 0,
    groups: identity?.groups ?? [0, 10],
    memoryBytes: nodeMemoryBytes(node),
    cpus: Math.max(1, Math.round(Number(node.allocatable().cpu ?? '2') || 2)),
    now: () => node.clock.now(),
    bootedAt: 0,
    mounts,
    pauseNamespaceLinks: () => namespacesOf(undefined),
  };
  host.started(rec, instance);
  rec.instance = instance;
  rec.state = { running: { startedAt: rfc3339(startedAt) } };
  rec.ready = false;
  rec.started = false;
  rec.killReason = undefined;
  host.event('Normal', 'Started', `Started container ${rec.spec.name}`, fieldPath);
  instance.start(argv);
  if (!instance.running) return;
  runPostStart(rec, instance, host);
  rec.probes = new ContainerProbes(rec, instance, node.clock, host.probeHost);
}

function runPostStart(rec: ContainerRecord, instance: ContainerInstance, host: StartHost): void {
  const { pod } = host;
  const hook = rec.spec.lifecycle?.postStart;
  if (!hook?.exec?.command) return;
  const result = instance.probeExec(hook.exec.command, 30_000);
  if (result.exitCode !== 0) {
    host.event('Warning', 'FailedPostStartHook', `Exec lifecycle hook ([${hook.exec.command.join(' ')}]) for Container "${rec.spec.name}" in Pod "${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid})" failed - error: command '${hook.exec.command.join(' ')}' exited with ${result.exitCode}: ${result.output}, message: "${result.output}"`, rec.fieldPath);
    host.stop(rec);
  }
}

/** The PID namespace of the container an ephemeral container targets (`kubectl debug --target`), if it runs. */
function targetNamespace(rec: ContainerRecord, records: readonly ContainerRecord[], self: () => ContainerInstance): ReturnType<typeof targetPidNamespace> | undefined {
  const name = rec.spec.targetContainerName;
  const target = typeof name === 'string' && name !== '' ? records.find((r) => !r.ephemeral && r.spec.name === name) : undefined;
  return target?.instance?.running ? targetPidNamespace(target, self) : undefined;
}

function nodeMemoryBytes(node: PodHost): number {
  try {
    return parseQuantity(node.allocatable().memory ?? '8Gi').value();
  } catch {
    return 8 * 1024 ** 3;
  }
}

function outOfMemory(rec: ContainerRecord, instance: ContainerInstance): void {
  if (rec.instance !== instance || rec.killReason === 'oom') return;
  rec.killReason = 'oom';
  instance.signal('SIGKILL');
}

