// applyDefaults: what the API server's defaulting does to an object of any served kind.
import type { KubeObject } from '../types';
import { applyPodDefaults } from './pod-defaults';
import {
  applyCronJobDefaults,
  applyDaemonSetDefaults,
  applyDeploymentDefaults,
  applyJobDefaults,
  applyReplicaSetDefaults,
  applyReplicationControllerDefaults,
} from './workload-defaults';
import { applyNamespaceDefaults, applyNodeDefaults, applySecretDefaults, applyServiceDefaults } from './core-defaults';

export { defaultPullPolicy } from './container-defaults';
export { applyPodSpecDefaults, applyPodTemplateDefaults } from './pod-defaults';
export { generateJobSelector } from './workload-defaults';

/** Fills in defaults in place, as SetDefaults_<Kind> does when the server decodes an object. */
export function applyDefaults(obj: KubeObject): void {
  obj.metadata ??= {};
  switch (obj.kind) {
    case 'Pod':
      obj.spec ??= {};
      applyPodDefaults(obj.spec);
      break;
    case 'Deployment':
      applyDeploymentDefaults(obj);
      break;
    case 'ReplicaSet':
      applyReplicaSetDefaults(obj);
      break;
    case 'DaemonSet':
      applyDaemonSetDefaults(obj);
      break;
    case 'ReplicationController':
      applyReplicationControllerDefaults(obj);
      break;
    case 'Job':
      applyJobDefaults(obj);
      break;
    case 'CronJob':
      applyCronJobDefaults(obj);
      break;
    case 'Service':
      applyServiceDefaults(obj);
      break;
    case 'Namespace':
      applyNamespaceDefaults(obj);
      break;
    case 'Secret':
      applySecretDefaults(obj);
      break;
    case 'Node':
      applyNodeDefaults(obj);
      break;
  }
}
