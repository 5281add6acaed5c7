// PodDisruptionBudget (policy/v1): its validation (pkg/apis/policy/validation, with the
// int-or-percent rules of pkg/apis/apps/validation) and the create strategy, which starts the
// status at zero for the disruption controller to fill in.
import { defineKind } from './kind-record';
import type { FieldError } from '../errors';
import type { KubeObject, LabelSelector } from '../types';
import { field, type StructSchema } from '../schema-types';
import { invalid, notSupported } from '../validation/field-error';
import { validateSelectorSyntax } from '../validation/workload-validation';

export type IntOrPercent = number | string;

export interface PodDisruptionBudgetSpec {
  minAvailable?: IntOrPercent;
  selector?: LabelSelector;
  maxUnavailable?: IntOrPercent;
  unhealthyPodEvictionPolicy?: string;
}

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Record<string, unknown>[];
}

/** The condition the disruption controller keeps, and the reasons it gives. */
export const disruptionAllowedCondition = 'DisruptionAllowed';

const unhealthyPodEvictionPolicies = ['AlwaysAllow', 'IfHealthyBudget'];

/** An IntOrString as a field error shows it (Go's %#v, for IntOrString has no value String()). */
function goIntOrString(value: IntOrPercent): { goSyntax: string } {
  return typeof value === 'number'
    ? { goSyntax: `intstr.IntOrString{Type:0, IntVal:${value}, StrVal:""}` }
    : { goSyntax: `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}` };
}

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
function validateIntOrPercent(value: IntOrPercent, path: string): FieldError[] {
  if (typeof value === 'number') return value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
  if (!/^[0-9]+%$/.test(value)) {
    return [invalid(path, goIntOrString(value), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  }
  return Number.parseInt(value, 10) > 100 ? [invalid(path, goIntOrString(value), 'must not be greater than 100%')] : [];
}

/** The spec as Go's %#v prints it: its pointers are addresses, which differ on every run of a real server. */
function goSpec(spec: PodDisruptionBudgetSpec): { goSyntax: string } {
  const pointer = (type: string, present: boolean, address: string) => `(*${type})(${present ? address : 'nil'})`;
  return {
    goSyntax:
      `policy.PodDisruptionBudgetSpec{MinAvailable:${pointer('intstr.IntOrString', true, '0xc000a1c0a0')}, ` +
      `Selector:${pointer('v1.LabelSelector', spec.selector !== undefined, '0xc000a1c0c0')}, ` +
      `MaxUnavailable:${pointer('intstr.IntOrString', true, '0xc000a1c0e0')}, ` +
      `UnhealthyPodEvictionPolicy:${pointer('policy.UnhealthyPodEvictionPolicyType', spec.unhealthyPodEvictionPolicy !== undefined, '0xc000a1c100')}}`,
  };
}

function validate(pdb: KubeObject): FieldError[] {
  const spec = (pdb.spec ?? {}) as PodDisruptionBudgetSpec;
  const errors: FieldError[] = [];
  const hasMin = spec.minAvailable !== undefined && spec.minAvailable !== null;
  const hasMax = spec.maxUnavailable !== undefined && spec.maxUnavailable !== null;
  if (hasMin && hasMax) errors.push(invalid('spec', goSpec(spec), 'minAvailable and maxUnavailable cannot be both set'));
  if (hasMin) errors.push(...validateIntOrPercent(spec.minAvailable!, 'spec.minAvailable'));
  if (hasMax) errors.push(...validateIntOrPercent(spec.maxUnavailable!, 'spec.maxUnavailable'));
  if (spec.selector) errors.push(...validateSelectorSyntax(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== null && !unhealthyPodEvictionPolicies.includes(policy)) {
    errors.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, unhealthyPodEvictionPolicies));
  }
  return errors;
}

/** A status with nothing counted yet: the create strategy's empty status, whose counters are always written. */
export function emptyDisruptionStatus(): PodDisruptionBudgetStatus {
  return { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
}

const v1 = (description: string, fields: StructSchema['fields']): StructSchema => ({ goPackage: 'v1', description, fields });

export const podDisruptionBudget = defineKind('PodDisruptionBudget', 'poddisruptionbudgets', 'policy/v1', 'Namespaced', {
  shortNames: ['pdb'],
  subresources: ['status'],
  generation: true,
  resetStatusOnCreate: true,
  admit: (pdb) => {
    pdb.status = emptyDisruptionStatus();
  },
  validate,
  schema: {
    PodDisruptionBudget: v1('A PodDisruptionBudget bounds how many of a set of pods voluntary disruptions (evictions) may take down at once.', {
      apiVersion: field('string', 'The versioned schema of this representation.'),
      kind: field('string', 'The type of object.'),
      metadata: field('ObjectMeta', "The object's name, namespace, labels and other metadata."),
      spec: field('PodDisruptionBudgetSpec', 'Which pods the budget covers and how many must stay available.'),
      status: field('PodDisruptionBudgetStatus', 'What the disruption controller last counted.'),
    }),
    PodDisruptionBudgetSpec: v1('Which pods the budget covers and how many must stay available.', {
      minAvailable: field('IntOrString', 'How many of the selected pods must stay available after an eviction: a number or a percentage.'),
      selector: field('LabelSelector', 'The pods the budget covers; an empty selector selects every pod of the namespace.'),
      maxUnavailable: field('IntOrString', 'How many of the selected pods may be unavailable after an eviction: a number or a percentage.'),
      unhealthyPodEvictionPolicy: field('string', 'When pods that are running but not ready may be evicted: IfHealthyBudget or AlwaysAllow.'),
    }),
    PodDisruptionBudgetStatus: v1('What the disruption controller last counted.', {
      observedGeneration: field('int64', 'The generation the controller last saw.'),
      disruptedPods: field('map[string]Time', 'Pods the eviction API has let go but the controller has not yet seen deleted, with when.'),
      disruptionsAllowed: field('int32', 'How many pod disruptions are allowed now.', true),
      currentHealthy: field('int32', 'How many selected pods are healthy now.', true),
      desiredHealthy: field('int32', 'The fewest healthy pods the budget wants.', true),
      expectedPods: field('int32', 'How many pods the budget expects in all.', true),
      conditions: field('[]Open', 'DisruptionAllowed: whether an eviction would be allowed now.'),
    }),
  },
});

/**
 * UpdateDisruptionAllowedCondition (component-helpers/apps/poddisruptionbudget): DisruptionAllowed
 * is True with SufficientPods while an eviction may go ahead, else False with InsufficientPods.
 * As meta.SetStatusCondition, the transition time moves only when the status changes.
 */
export function withDisruptionAllowedCondition(status: PodDisruptionBudgetStatus, now: string): PodDisruptionBudgetStatus {
  const allowed = status.disruptionsAllowed > 0;
  return withCondition(status, allowed ? 'True' : 'False', allowed ? 'SufficientPods' : 'InsufficientPods', '', now);
}

/** Sets the DisruptionAllowed condition (as meta.SetStatusCondition) on a copy of `status`. */
export function withCondition(status: PodDisruptionBudgetStatus, conditionStatus: string, reason: string, message: string, now: string): PodDisruptionBudgetStatus {
  const conditions = [...(status.conditions ?? [])];
  const at = conditions.findIndex((c) => c.type === disruptionAllowedCondition);
  const old = at >= 0 ? conditions[at] : undefined;
  const lastTransitionTime = old && old.status === conditionStatus ? old.lastTransitionTime : now;
  const condition: Record<string, unknown> = { type: disruptionAllowedCondition, status: conditionStatus };
  if (status.observedGeneration) condition.observedGeneration = status.observedGeneration;
  Object.assign(condition, { lastTransitionTime, reason, message });
  if (at >= 0) conditions[at] = condition;
  else conditions.push(condition);
  return { ...status, conditions };
}
