// Pulling a container's image as the kubelet's image manager does (pkg/kubelet/images): the pull
// policy, the images already on the node, pulls one after another with their events, and the
// back-off after a failed pull (ErrImagePull, then ImagePullBackOff).

import { findImage, parseImageReference } from '../runtime/images/catalog';
import { Backoff } from './backoff';
import type { ContainerRecord } from './container-record';
import type { PodHost } from './pod-host';

/** The pod worker's back-off period after a sync failed (an image pull); the retry comes within it. */
const syncErrorRetryMs = 10_000;
/** Retry interval for CreateContainerConfigError, an image that may not be pulled, and failed mounts. */
export const configRetryMs = 10_000;

/** What the puller needs from the pod worker it works for. */
export interface PullHost {
  node: PodHost;
  podUid: string;
  /** An event about the container, from the kubelet. */
  event(rec: ContainerRecord, type: 'Normal' | 'Warning', reason: string, message: string): void;
  sync(): void;
  /** The pod is finished or terminating: a pull that ends now is dropped. */
  stopped(): boolean;
  pullStarted(): void;
  pullEnded(): void;
  /** The image is on the node: create the container. */
  create(rec: ContainerRecord): void;
  writeStatus(): void;
  requestSync(): void;
}

export class ImagePuller {
  private readonly backoff = new Backoff();
  private readonly failures = new Map<string, number>();

  constructor(private readonly host: PullHost) {}

  private get now(): number {
    return this.host.node.clock.now();
  }

  /** Starts the container: pulls its image first when the pull policy asks for it, or fails as the kubelet does. */
  start(rec: ContainerRecord): void {
    rec.retryTimer?.cancel();
    rec.retryTimer = undefined;
    const imageText = rec.spec.image ?? '';
    const parsed = parseImageReference(imageText);
    if ('error' in parsed) {
      const message = `Failed to apply default image tag "${imageText}": ${parsed.error}`;
      rec.state = { waiting: { reason: 'InvalidImageName', message } };
      this.host.event(rec, 'Warning', 'InspectFailed', message);
      this.host.event(rec, 'Warning', 'Failed', 'Error: InvalidImageName');
      return;
    }
    rec.imageRef = parsed;
    const policy = rec.spec.imagePullPolicy ?? (parsed.tag === 'latest' ? 'Always' : 'IfNotPresent');
    const present = this.host.node.images.has(parsed.fullName);
    if (policy === 'Never' && !present) {
      const message = `Container image "${imageText}" is not present with pull policy of Never`;
      rec.state = { waiting: { reason: 'ErrImageNeverPull', message } };
      this.host.event(rec, 'Warning', 'ErrImageNeverPull', message);
      this.host.event(rec, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
      rec.retryTimer = this.host.node.clock.after(configRetryMs, () => ((rec.retryTimer = undefined), this.host.sync()), 'never-pull-retry');
      return;
    }
    if (present && policy !== 'Always') {
      this.host.event(rec, 'Normal', 'Pulled', `Container image "${imageText}" already present on machine`);
      this.host.create(rec);
      return;
    }
    const pullKey = `${this.host.podUid}/${parsed.fullName}`;
    const lastFailure = this.failures.get(pullKey);
    if (lastFailure !== undefined && this.backoff.isInBackOffSince(pullKey, lastFailure, this.now)) {
      const lastError = rec.state.waiting?.message?.replace(/^Back-off pulling image "[^"]*": ErrImagePull: /, '') ?? '';
      rec.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${imageText}": ErrImagePull: ${lastError}` } };
      this.host.event(rec, 'Normal', 'BackOff', `Back-off pulling image "${imageText}"`);
      this.host.event(rec, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      const retryAt = lastFailure + this.backoff.current(pullKey);
      rec.retryTimer = this.host.node.clock.schedule(Math.min(retryAt, this.now + 10_000), () => ((rec.retryTimer = undefined), this.host.sync()), 'pull-backoff');
      return;
    }
    rec.starting = true;
    this.host.pullStarted();
    this.host.event(rec, 'Normal', 'Pulling', `Pulling image "${imageText}"`);
    const found = findImage(parsed);
    const durationMs = 'error' in found ? 600 + this.host.node.random.int(900) : this.host.node.images.pullDuration(parsed.fullName, found.sizeBytes);
    this.host.node.clock.after(durationMs, () => {
      rec.starting = false;
      this.host.pullEnded();
      if (this.host.stopped()) {
        // The pod was deleted during the pull: its termination waited for the pull to end.
        this.host.requestSync();
        return;
      }
      if ('error' in found) {
        const code = found.error.includes(': not found') ? 'NotFound' : 'Unknown';
        const rpc = `rpc error: code = ${code} desc = ${found.error}`;
        rec.state = { waiting: { reason: 'ErrImagePull', message: rpc } };
        this.host.event(rec, 'Warning', 'Failed', `Failed to pull image "${imageText}": ${rpc}`);
        this.host.event(rec, 'Warning', 'Failed', 'Error: ErrImagePull');
        this.backoff.next(pullKey, this.now, this.now);
        this.failures.set(pullKey, this.now);
        const retryMs = syncErrorRetryMs / 2 + this.host.node.random.int(syncErrorRetryMs / 4);
        rec.retryTimer = this.host.node.clock.after(retryMs, () => ((rec.retryTimer = undefined), this.host.sync()), 'pull-failed');
        this.host.writeStatus();
        return;
      }
      this.failures.delete(pullKey);
      this.backoff.reset(pullKey);
      this.host.node.images.add(parsed.fullName);
      const seconds = formatPullSeconds(durationMs);
      this.host.event(rec, 'Normal', 'Pulled', `Successfully pulled image "${imageText}" in ${seconds} (${seconds} including waiting). Image size: ${found.sizeBytes} bytes.`);
      this.host.create(rec);
      this.host.writeStatus();
      this.host.requestSync();
    }, 'image-pull');
  }
}

/** `2.345s`, `512ms`: how the kubelet prints pull durations (Go's time.Duration). */
function formatPullSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(3).replace(/0+$/, '').replace(/\.$/, '')}s`;
}
