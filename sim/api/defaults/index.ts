// The defaulting functions of each kind, as SetDefaults_<Kind> in Kubernetes; the kind registry
// (sim/api/kinds) calls them through each kind's record.
export { defaultPullPolicy } from './container-defaults';
export { applyPodSpecDefaults, applyPodTemplateDefaults } from './pod-defaults';
export { generateJobSelector } from './workload-defaults';
