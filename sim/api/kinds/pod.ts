// Pod (core/v1): pkg/registry/core/pod/strategy.go.
import { defineKind } from './kind-record';
import { applyPodDefaults } from '../defaults/pod-defaults';
import { admitPod } from '../admission';
import { validatePodSpec } from '../validation/pod-validation';
import { validatePodUpdate } from '../validation/update-validation';

export const pod = defineKind('Pod', 'pods', 'v1', 'Namespaced', {
  shortNames: ['po'],
  categories: ['all'],
  subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status'],
  indexedByController: true,
  defaults: (obj) => applyPodDefaults((obj.spec ??= {})),
  admit: admitPod,
  validate: (obj) => validatePodSpec(obj.spec, 'spec'),
  validateUpdate: validatePodUpdate,
  patchTypes: { spec: 'PodSpec', status: 'PodStatus' },
});
