// applyDefaults: what the API server's defaulting does to an object of any served kind.
import type { KubeObject } from '../types';
import { kindRecord } from '../kinds';

export { defaultPullPolicy } from './container-defaults';
export { applyPodSpecDefaults, applyPodTemplateDefaults } from './pod-defaults';
export { generateJobSelector } from './workload-defaults';

/** Fills in defaults in place, as SetDefaults_<Kind> does when the server decodes an object. */
export function applyDefaults(obj: KubeObject): void {
  obj.metadata ??= {};
  kindRecord(obj.kind)?.defaults?.(obj);
}
