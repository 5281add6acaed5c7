// Pulling a container's image as the kubelet's image manager does (pkg/kubelet/images): the pull
// policy, the images already on the node, pulls one after another with their events, and the
// back-off after a failed pull (ErrImagePull, then ImagePullBackOff).

import { findImage, parseImageReference } from '../runtime/images/catalog';
import { goDuration } from '../time';
import { Backoff } from './backoff';
import type { QueuedPull } from './serial-image-pulls';
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
  /** This pod's pulls in the node's queue, waiting or under way. */
  private readonly queued = new Set<QueuedPull>();

  constructor(private readonly host: PullHost) {}

  /** The pod is going away: its pod worker's context is cancelled, and with it a pull under way. */
  cancelPulls(): void {
    for (const pull of this.queued) this.host.node.imagePulls.cancel(pull);
  }

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
    const askedAt = this.now;
    const found = findImage(parsed);
    const pull: QueuedPull = {
      begin: () => {
        // The pod went away while its pull waited: the cancelled pull fails at once.
        if (this.host.stopped()) return 0;
        if ('error' in found) return 600 + this.host.node.random.int(900);
        // Layers an earlier pull fetched while this one waited make it a registry round-trip.
        return this.host.node.images.pullDuration(parsed.fullName, found.sizeBytes);
      },
      end: (pullMs) => {
        this.queued.delete(pull);
        rec.starting = false;
        this.host.pullEnded();
        if (this.host.stopped()) {
          this.host.event(rec, 'Warning', 'Failed', `Failed to pull image "${imageText}": rpc error: code = Canceled desc = context canceled`);
          this.host.event(rec, 'Warning', 'Failed', 'Error: ErrImagePull');
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
        const pulled = `Successfully pulled image "${imageText}" in ${goDuration(pullMs)} (${goDuration(this.now - askedAt)} including waiting).`;
        this.host.event(rec, 'Normal', 'Pulled', `${pulled} Image size: ${found.sizeBytes} bytes.`);
        this.host.create(rec);
        this.host.writeStatus();
        this.host.requestSync();
      },
    };
    this.queued.add(pull);
    this.host.node.imagePulls.enqueue(pull);
  }
}
