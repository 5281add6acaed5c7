// Kinds of the smaller groups the cluster serves: apps' ControllerRevision, leases,
// EndpointSlices, and the metrics API's computed kinds.
import { defineKind } from './kind-record';

export const controllerRevision = defineKind('ControllerRevision', 'controllerrevisions', 'apps/v1', 'Namespaced', { indexedByController: true });

export const lease = defineKind('Lease', 'leases', 'coordination.k8s.io/v1', 'Namespaced');

export const endpointSlice = defineKind('EndpointSlice', 'endpointslices', 'discovery.k8s.io/v1', 'Namespaced');

/** metrics-server's kinds: computed from the kubelets' figures at every read. */
export const nodeMetrics = defineKind('NodeMetrics', 'nodes', 'metrics.k8s.io/v1beta1', 'Cluster', { singular: 'node', verbs: ['get', 'list'], computed: true });

export const podMetrics = defineKind('PodMetrics', 'pods', 'metrics.k8s.io/v1beta1', 'Namespaced', { singular: 'pod', verbs: ['get', 'list'], computed: true });
