// Namespace (core/v1, cluster-scoped; no deletecollection).
import { defineKind } from './kind-record';
import { applyNamespaceDefaults } from '../defaults/core-defaults';
import { isDns1123Label } from '../validation/name-rules';

export const namespace = defineKind('Namespace', 'namespaces', 'v1', 'Cluster', {
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  nameRule: isDns1123Label,
  defaults: applyNamespaceDefaults,
});
