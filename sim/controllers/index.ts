// The controller manager: `startControllers(ctx)` starts every controller of the simulated
// control plane besides the scheduler.
import type { EngineContext } from '../engine-context';
import { startReplicaSetController, startReplicationController } from './replica-set';
import { startDeploymentController } from './deployment';
import { startJobController } from './job';
import { startGarbageCollector } from './garbage-collector';
import { startEndpointsController } from './endpoints';
import { startNamespaceController } from './namespace';
import { startNodeLifecycleController } from './node-lifecycle';
import { startTaintEvictionController } from './taint-eviction';
import { startDaemonSetController } from './daemon-set';
import { startCronJobController } from './cron-job';
import { startPodGarbageCollector } from './pod-gc';
import { startResourceQuotaController } from './resource-quota';
import { startHorizontalPodAutoscalerController } from './horizontal-pod-autoscaler';
import { startStatefulSetController } from './stateful-set';
import { startPersistentVolumeController } from './persistent-volume';
import { startVolumeExpandController } from './volume-expand';
import { startDisruptionController } from './disruption';

export { allocateServiceAddresses, allocateServiceUpdate, keepAllocatedServiceValues } from './service-addresses';
export { parseCronSchedule, nextScheduleTime, CronSyntaxError } from './cron-schedule';

export function startControllers(ctx: EngineContext): void {
  startNamespaceController(ctx);
  startReplicaSetController(ctx);
  startReplicationController(ctx);
  startDeploymentController(ctx);
  startJobController(ctx);
  startDaemonSetController(ctx);
  startStatefulSetController(ctx);
  startPersistentVolumeController(ctx);
  startVolumeExpandController(ctx);
  startCronJobController(ctx);
  startEndpointsController(ctx);
  startResourceQuotaController(ctx);
  startHorizontalPodAutoscalerController(ctx);
  startDisruptionController(ctx);
  startGarbageCollector(ctx);
  startPodGarbageCollector(ctx);
  startNodeLifecycleController(ctx);
  startTaintEvictionController(ctx);
}
