// Stopping a container as the kubelet does (killContainer in kuberuntime_container.go): the preStop
// hook, at most for the grace period; then SIGTERM with what is left of it, never less than 2 s;
// then SIGKILL.

import type { Pod, Probe } from '../api/types';
import type { Clock } from '../engine-context';
import type { ContainerInstance } from '../runtime/container';
import type { ContainerRecord } from './container-record';

/** The kubelet never gives a container less than this between SIGTERM and SIGKILL, whatever the grace period or the preStop hook left. */
const minimumGraceMs = 2000;

/** The grace period a container gets: the probe's own (a failed liveness or startup probe), else the pod's, 30 s by default. */
export function gracePeriodMs(pod: Pod, probe?: Probe): number {
  return (probe?.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
}

export interface KillHost {
  clock: Clock;
  /** The pod's containers share one PID namespace: the main program is not PID 1. */
  sharesPids: boolean;
  /** The `FailedPreStopHook` event. */
  preStopFailed(): void;
}

/** SIGTERM, the grace period, then SIGKILL — unless the main program stops cleanly on SIGTERM. */
export function killContainer(rec: ContainerRecord, graceMs: number, reason: ContainerRecord['killReason'], host: KillHost): void {
  const instance = rec.instance;
  if (!instance?.running || rec.killTimer) return;
  rec.killReason = reason;
  rec.probes?.stop(reason === 'delete');
  const preStop = rec.spec.lifecycle?.preStop;
  const hookStarted = host.clock.now();
  // As the kubelet does: run the preStop hook and wait for it, at most the grace period; then
  // SIGTERM with what is left of the grace period, never less than 2 s.
  const afterHook = () => {
    if (rec.instance !== instance || !instance.running) return;
    rec.killTimer?.cancel();
    const hookSeconds = Math.floor((host.clock.now() - hookStarted) / 1000);
    signalContainer(rec, instance, host, Math.max(graceMs - hookSeconds * 1000, minimumGraceMs));
  };
  if (preStop?.exec?.command && graceMs > 0) {
    rec.killTimer = host.clock.after(graceMs, afterHook, 'prestop-deadline');
    instance.runHook(preStop.exec.command, (code) => {
      if (rec.instance !== instance || !instance.running) return;
      // The hook's output is left out of the event, as the kubelet does, so that secrets do not leak.
      if (code !== 0) host.preStopFailed();
      afterHook();
    });
  } else if (preStop?.sleep?.seconds && graceMs > 0) {
    rec.killTimer = host.clock.after(Math.min(preStop.sleep.seconds * 1000, graceMs), afterHook, 'prestop-sleep');
  } else {
    signalContainer(rec, instance, host, Math.max(graceMs, minimumGraceMs));
  }
}

/**
 * SIGTERM, then SIGKILL when `graceMs` runs out. A server stops at once with its own exit code; a
 * shell runs its `trap ... TERM` (or, as PID 1 without one, ignores it); other programs ignore it.
 */
function signalContainer(rec: ContainerRecord, instance: ContainerInstance, host: KillHost, graceMs: number): void {
  const sigtermExit = sigtermExitCode(rec);
  if (sigtermExit !== undefined) {
    rec.killTimer = host.clock.after(100, () => {
      rec.killTimer = undefined;
      instance.terminateCleanly(sigtermExit);
    }, 'sigterm-exit');
    return;
  }
  rec.killTimer = host.clock.after(graceMs, () => {
    rec.killTimer = undefined;
    instance.signal('SIGKILL');
  }, 'sigkill');
  // Not PID 1 (a shared PID namespace), a program without a handler dies of SIGTERM at once.
  if (host.sharesPids || instance.mainIsShell()) instance.signal('SIGTERM');
}

/** How the main program ends on SIGTERM, when it is the image's own program (a shell as PID 1 ignores it). */
function sigtermExitCode(rec: ContainerRecord): number | undefined {
  const image = rec.image;
  if (image?.sigtermExitCode === undefined) return undefined;
  const argv0 = (rec.spec.command?.[0] ?? image.entrypoint[0] ?? image.cmd[0] ?? '').split('/').pop() ?? '';
  return argv0 in image.binaries ? image.sigtermExitCode : undefined;
}
