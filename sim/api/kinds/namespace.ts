// Namespace (core/v1, cluster-scoped; no deletecollection).
import { defineKind } from './kind-record';
import { applyNamespaceDefaults } from '../defaults/core-defaults';

export const namespace = defineKind('Namespace', 'namespaces', 'v1', 'Cluster', {
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  defaults: applyNamespaceDefaults,
});
