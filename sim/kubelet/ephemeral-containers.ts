// Ephemeral containers (`kubectl debug POD --image=...`): added to a running pod's spec through
// the ephemeralcontainers subresource, started once by the kubelet in the pod's sandbox, never
// restarted, and reported in status.ephemeralContainerStatuses. They take no part in the pod's
// phase or readiness.

import type { Container, ContainerStatus, Pod } from '../api/types';
import { ContainerRecord } from './container-record';
import { containerStatus } from './pod-status';

export interface EphemeralHost {
  /** The pod worker takes the record in: kept with the pod's other containers (stopped with them, found by name). */
  add(record: ContainerRecord): void;
  /** Pulls the image and starts the container. */
  start(record: ContainerRecord): void;
  /** A status field of one of them changed. */
  changed(): void;
}

export class EphemeralContainers {
  private readonly records: ContainerRecord[] = [];
  private statuses?: ContainerStatus[];

  constructor(private readonly host: EphemeralHost) {}

  /** Starts the ephemeral containers the spec gained since the last sync. */
  sync(pod: Pod): void {
    const specs = (pod.spec.ephemeralContainers ?? []) as Container[];
    for (let index = this.records.length; index < specs.length; index++) {
      const record = new ContainerRecord(specs[index], false, index, { waiting: { reason: 'ContainerCreating' } }, () => {
        this.statuses = undefined;
        this.host.changed();
      });
      record.ephemeral = true;
      this.records.push(record);
      this.statuses = undefined;
      this.host.add(record);
      this.host.start(record);
    }
  }

  /** status.ephemeralContainerStatuses; undefined while the pod has none. The same list while nothing changed. */
  statusList(): ContainerStatus[] | undefined {
    if (this.records.length === 0) return undefined;
    this.statuses ??= this.records.map((record) => {
      const status = containerStatus({
        name: record.spec.name,
        init: false,
        sidecar: false,
        state: record.state,
        lastTerminated: record.lastTerminated,
        ready: false,
        started: false,
        restartCount: record.restartCount,
        image: record.imageRef?.fullName ?? record.spec.image ?? '',
        imageID: record.imageID,
        containerID: record.containerID,
      });
      // The prober sets `started` only for the containers it watches: never for these.
      delete (status as { started?: boolean }).started;
      return status;
    });
    return this.statuses;
  }
}
