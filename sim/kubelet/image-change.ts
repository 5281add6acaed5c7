// A container whose image was changed in the pod's spec (`kubectl set image`, patch, edit) is
// killed and started again with the new image, whatever the restart policy, as the kubelet does
// when a container's definition hash changes. Its crash back-off starts afresh.

import type { Pod } from '../api/types';
import type { ContainerRecord } from './container-record';

/** What an image change needs from the pod worker. */
export interface ImageChangeHost {
  resetBackoff(containerName: string): void;
  /** The `Killing` event about the container. */
  killing(rec: ContainerRecord, message: string): void;
  /** Stops the container with the pod's grace period. */
  stop(rec: ContainerRecord): void;
}

export function applyImageChanges(spec: Pod['spec'], records: readonly ContainerRecord[], host: ImageChangeHost): void {
  const specs = new Map([...(spec.initContainers ?? []), ...spec.containers].map((c) => [c.name, c]));
  for (const rec of records) {
    const next = specs.get(rec.spec.name);
    if (!next || next.image === rec.spec.image) continue;
    rec.spec = next;
    host.resetBackoff(next.name);
    if (rec.instance?.running) {
      host.killing(rec, `Container ${next.name} definition changed, will be restarted`);
      rec.restartForChange = true;
      host.stop(rec);
    } else if (rec.retryTimer && !rec.starting) {
      // Waiting on the old image (ImagePullBackOff): the new one is tried now.
      rec.retryTimer.cancel();
      rec.retryTimer = undefined;
    }
  }
}
