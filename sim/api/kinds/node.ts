// Node (core/v1, cluster-scoped).
import { defineKind } from './kind-record';
import { applyNodeDefaults } from '../defaults/core-defaults';

export const node = defineKind('Node', 'nodes', 'v1', 'Cluster', {
  shortNames: ['no'],
  subresources: ['status'],
  defaults: applyNodeDefaults,
  patchTypes: { spec: 'NodeSpec', status: 'NodeStatus' },
});
