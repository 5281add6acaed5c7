// Pod (core/v1): pkg/registry/core/pod/strategy.go.
import { defineKind } from './kind-record';
import { applyPodDefaults } from '../defaults/pod-defaults';
import { admitPod } from '../admission';
import { validatePodSpec } from '../validation/pod-validation';
import { validatePodUpdate } from '../validation/update-validation';
import { applyLimitRangeToPod, checkPodAgainstLimitRanges } from './limit-range';
import { checkPodAgainstQuotas } from './resource-quota';

export const pod = defineKind('Pod', 'pods', 'v1', 'Namespaced', {
  shortNames: ['po'],
  categories: ['all'],
  subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status'],
  indexedByController: true,
  defaults: (obj) => applyPodDefaults((obj.spec ??= {})),
  // LimitRanger's defaults come first: the pod strategy computes the QoS class from the resources admission leaves.
  admit: (obj, deps) => {
    applyLimitRangeToPod(obj, deps.list?.('LimitRange', obj.metadata.namespace ?? 'default') ?? []);
    return admitPod(obj, deps);
  },
  // The validating plugins in kube-apiserver's order: LimitRanger, then ResourceQuota.
  validateAdmission: (obj, deps) => {
    const namespace = obj.metadata.namespace ?? 'default';
    const list = (kind: string) => deps.list?.(kind, namespace) ?? [];
    return checkPodAgainstLimitRanges(obj, list('LimitRange')) ?? checkPodAgainstQuotas(obj, list('ResourceQuota'), list('Pod'));
  },
  validate: (obj) => validatePodSpec(obj.spec, 'spec'),
  validateUpdate: validatePodUpdate,
  patchTypes: { spec: 'PodSpec', status: 'PodStatus' },
});
