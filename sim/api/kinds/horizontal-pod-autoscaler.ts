// HorizontalPodAutoscaler (autoscaling/v2): its defaults (pkg/apis/autoscaling/v2/defaults.go),
// validation (pkg/apis/autoscaling/validation) and the conversion from autoscaling/v1, the version
// `kubectl autoscale` writes (pkg/apis/autoscaling/v1/conversion.go).
import { defineKind } from './kind-record';
import type { FieldError } from '../errors';
import type { KubeObject } from '../types';
import { tryParseQuantity } from '../quantity';
import { field, type StructSchema } from '../schema-types';
import { forbidden, invalid, notSupported, required } from '../validation/field-error';

/** The CPU target of an HPA that names no metric (autoscaling.DefaultCPUUtilization). */
export const defaultCpuUtilization = 80;

export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: ScalingPolicy[];
}

/** GenerateHPAScaleUpRules: no stabilization, the larger of 4 pods or 100% every 15 s. */
function scaleUpRules(rules: ScalingRules | undefined): ScalingRules {
  return {
    ...rules,
    policies: rules?.policies ?? [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
    selectPolicy: rules?.selectPolicy ?? 'Max',
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? 0,
  };
}

/** GenerateHPAScaleDownRules: a 300 s stabilization window, then down to the minimum at once. */
function scaleDownRules(rules: ScalingRules | undefined): ScalingRules {
  return {
    ...rules,
    policies: rules?.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    selectPolicy: rules?.selectPolicy ?? 'Max',
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? 300,
  };
}

function applyDefaults(hpa: KubeObject): void {
  const spec = (hpa.spec ??= {});
  spec.minReplicas ??= 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: defaultCpuUtilization } } }];
  }
  // A behavior that is given gets every missing rule filled in; none given stays none.
  if (spec.behavior) spec.behavior = { scaleUp: scaleUpRules(spec.behavior.scaleUp), scaleDown: scaleDownRules(spec.behavior.scaleDown) };
}

/** autoscaling/v1 into v2: targetCPUUtilizationPercentage becomes a CPU Resource metric. */
function fromV1(hpa: KubeObject): void {
  hpa.apiVersion = 'autoscaling/v2';
  const spec = hpa.spec;
  if (spec && typeof spec === 'object') {
    const target = spec.targetCPUUtilizationPercentage;
    delete spec.targetCPUUtilizationPercentage;
    if (target !== undefined && target !== null) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
  }
  const status = hpa.status;
  if (status && typeof status === 'object') {
    const current = status.currentCPUUtilizationPercentage;
    delete status.currentCPUUtilizationPercentage;
    if (current !== undefined) status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }];
  }
}

/** v2 into autoscaling/v1, as the server answers a client that wrote v1 (`kubectl autoscale -o yaml`). */
export function toAutoscalingV1(hpa: KubeObject): KubeObject {
  const { metrics, behavior: _behavior, ...spec } = (hpa.spec ?? {}) as Record<string, unknown>;
  const cpu = ((metrics ?? []) as { type: string; resource?: { name: string; target?: { averageUtilization?: number } } }[]).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const { currentMetrics, conditions: _conditions, ...status } = (hpa.status ?? {}) as Record<string, unknown>;
  const currentCpu = ((currentMetrics ?? []) as { resource?: { name: string; current?: { averageUtilization?: number } } }[]).find((m) => m.resource?.name === 'cpu');
  const v1Spec: Record<string, unknown> = { ...spec };
  if (cpu?.resource?.target?.averageUtilization !== undefined) v1Spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const v1Status: Record<string, unknown> = { ...status };
  if (currentCpu?.resource?.current?.averageUtilization !== undefined) v1Status.currentCPUUtilizationPercentage = currentCpu.resource.current.averageUtilization;
  return { ...hpa, apiVersion: 'autoscaling/v1', spec: v1Spec, status: v1Status };
}

const isPathSegmentName = (value: string): string[] =>
  value === '.' || value === '..' ? [`may not be '${value}'`] : [...['/', '%'].filter((c) => value.includes(c)).map((c) => `may not contain '${c}'`)];

function validateReference(ref: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of ['kind', 'name'] as const) {
    const value = typeof ref?.[name] === 'string' ? (ref[name] as string) : '';
    if (!value) errors.push(required(`${path}.${name}`));
    else for (const message of isPathSegmentName(value)) errors.push(invalid(`${path}.${name}`, value, message));
  }
  return errors;
}

interface MetricTarget {
  type?: string;
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

function validateTarget(target: MetricTarget | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = target?.type ?? '';
  if (!type) errors.push(required(`${path}.type`, 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) errors.push(invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  for (const name of ['value', 'averageValue'] as const) {
    const quantity = target?.[name] === undefined ? undefined : tryParseQuantity(String(target[name]));
    if (quantity && quantity.cmp(tryParseQuantity('0')!) <= 0) errors.push(invalid(`${path}.${name}`, String(target![name]), 'must be positive'));
  }
  if (target?.averageUtilization !== undefined && target.averageUtilization < 1) errors.push(invalid(`${path}.averageUtilization`, target.averageUtilization, 'must be greater than 0'));
  return errors;
}

const metricSourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const sourceFields: Record<string, string> = { ContainerResource: 'containerResource', External: 'external', Object: 'object', Pods: 'pods', Resource: 'resource' };

function validateMetric(metric: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = typeof metric.type === 'string' ? metric.type : '';
  if (!type) errors.push(required(`${path}.type`, 'must specify a metric source type'));
  if (!metricSourceTypes.includes(type)) errors.push(notSupported(`${path}.type`, type, metricSourceTypes));
  const present = Object.values(sourceFields).filter((name) => metric[name] !== undefined && metric[name] !== null);
  const expected = sourceFields[type] ?? type.toLowerCase();
  if (!present.includes(expected)) errors.push(required(`${path}.${expected}`, 'must populate information for the given metric source'));
  for (const name of present) if (name !== expected) errors.push(forbidden(`${path}.${name}`, 'must populate the given metric source only'));
  for (const name of ['resource', 'containerResource']) {
    const source = metric[name] as { name?: string; target?: MetricTarget } | undefined;
    if (!source || name !== expected) continue;
    if (!source.name) errors.push(required(`${path}.${name}.name`, 'must specify a resource name'));
    errors.push(...validateTarget(source.target, `${path}.${name}.target`));
    if (source.target?.averageUtilization === undefined && source.target?.averageValue === undefined) {
      errors.push(required(`${path}.${name}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
    }
    if (source.target?.averageUtilization !== undefined && source.target?.averageValue !== undefined) {
      errors.push(forbidden(`${path}.${name}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
    }
  }
  return errors;
}

const maxStabilizationWindowSeconds = 3600;
const maxPeriodSeconds = 1800;

function validateRules(rules: ScalingRules | undefined, path: string): FieldError[] {
  if (!rules) return [];
  const errors: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (window !== undefined && window < 0) errors.push(invalid(`${path}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > maxStabilizationWindowSeconds) errors.push(invalid(`${path}.stabilizationWindowSeconds`, window, `must be less than or equal to ${maxStabilizationWindowSeconds}`));
  if (rules.selectPolicy !== undefined && !['Max', 'Min', 'Disabled'].includes(rules.selectPolicy)) errors.push(notSupported(`${path}.selectPolicy`, rules.selectPolicy, ['Disabled', 'Max', 'Min']));
  const policies = rules.policies ?? [];
  if (policies.length === 0) errors.push(required(`${path}.policies`, 'must specify at least one Policy'));
  policies.forEach((policy, i) => {
    const at = `${path}.policies[${i}]`;
    if (policy.type !== 'Pods' && policy.type !== 'Percent') errors.push(notSupported(`${at}.type`, policy.type, ['Percent', 'Pods']));
    if (!(policy.value > 0)) errors.push(invalid(`${at}.value`, policy.value, 'must be greater than zero'));
    if (!(policy.periodSeconds > 0)) errors.push(invalid(`${at}.periodSeconds`, policy.periodSeconds, 'must be greater than zero'));
    else if (policy.periodSeconds > maxPeriodSeconds) errors.push(invalid(`${at}.periodSeconds`, policy.periodSeconds, `must be less than or equal to ${maxPeriodSeconds}`));
  });
  return errors;
}

function validate(hpa: KubeObject): FieldError[] {
  const spec = hpa.spec ?? {};
  const errors: FieldError[] = [];
  const min = spec.minReplicas as number | undefined;
  const max = (spec.maxReplicas as number | undefined) ?? 0;
  if (min !== undefined && min < 1) errors.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errors.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min !== undefined && max < min) errors.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errors.push(...validateReference(spec.scaleTargetRef, 'spec.scaleTargetRef'));
  ((spec.metrics ?? []) as Record<string, unknown>[]).forEach((metric, i) => errors.push(...validateMetric(metric, `spec.metrics[${i}]`)));
  if (spec.behavior) {
    errors.push(...validateRules(spec.behavior.scaleUp, 'spec.behavior.scaleUp'));
    errors.push(...validateRules(spec.behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errors;
}

const v2 = (description: string, fields: StructSchema['fields']): StructSchema => ({ goPackage: 'v2', description, fields });

export const horizontalPodAutoscaler = defineKind('HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'autoscaling/v2', 'Namespaced', {
  shortNames: ['hpa'],
  categories: ['all'],
  subresources: ['status'],
  // The create strategy clears the status; the controller writes it.
  resetStatusOnCreate: true,
  otherVersions: { 'autoscaling/v1': { toServed: fromV1, fromServed: toAutoscalingV1 } },
  defaults: applyDefaults,
  validate,
  schema: {
    HorizontalPodAutoscaler: v2('A HorizontalPodAutoscaler sets the replicas of a scalable object from the metrics of its pods.', {
      apiVersion: field('string', 'The versioned schema of this representation.'),
      kind: field('string', 'The type of object.'),
      metadata: field('ObjectMeta', "The object's name, namespace, labels and other metadata."),
      spec: field('HorizontalPodAutoscalerSpec', 'What to scale, between which bounds, on which metrics.'),
      status: field('HorizontalPodAutoscalerStatus', 'What the autoscaler last observed and decided.'),
    }),
    HorizontalPodAutoscalerSpec: v2('What the autoscaler scales and how.', {
      scaleTargetRef: field('CrossVersionObjectReference', 'The object whose scale subresource is set.', true),
      minReplicas: field('int32', 'The fewest replicas the autoscaler may set (1 by default).'),
      maxReplicas: field('int32', 'The most replicas the autoscaler may set.', true),
      metrics: field('[]MetricSpec', 'The metrics the replica count is computed from (CPU at 80% of the request by default).'),
      behavior: field('HorizontalPodAutoscalerBehavior', 'How fast to scale up and down.'),
    }),
    CrossVersionObjectReference: v2('The kind, name and API version of the target.', {
      kind: field('string', 'The kind of the target.', true),
      name: field('string', 'The name of the target.', true),
      apiVersion: field('string', 'The API version of the target.'),
    }),
    MetricSpec: v2('One metric to scale on.', {
      type: field('string', 'Resource, ContainerResource, Pods, Object or External.', true),
      resource: field('ResourceMetricSource', 'A resource (cpu, memory) of the pods, against their requests.'),
      containerResource: field('Open', 'A resource of one container of the pods.'),
      pods: field('Open', 'A metric of the pods.'),
      object: field('Open', 'A metric of another object.'),
      external: field('Open', 'A metric from outside the cluster.'),
    }),
    ResourceMetricSource: v2('A resource metric of the pods.', {
      name: field('string', 'The resource: cpu or memory.', true),
      target: field('MetricTarget', 'The value to keep the metric at.', true),
    }),
    MetricTarget: v2('The target of a metric.', {
      type: field('string', 'Utilization, Value or AverageValue.', true),
      averageUtilization: field('int32', 'The target average, as a percentage of the pods’ requests.'),
      averageValue: field('Quantity', 'The target average value across the pods.'),
      value: field('Quantity', 'The target value.'),
    }),
    HorizontalPodAutoscalerBehavior: v2('Scaling rules for each direction.', {
      scaleUp: field('HPAScalingRules', 'How to scale up.'),
      scaleDown: field('HPAScalingRules', 'How to scale down.'),
    }),
    HPAScalingRules: v2('How the replica count may change in one direction.', {
      stabilizationWindowSeconds: field('int32', 'How long past recommendations are considered.'),
      selectPolicy: field('string', 'Max, Min or Disabled.'),
      policies: field('[]HPAScalingPolicy', 'The allowed changes.'),
      tolerance: field('Quantity', 'The change of the metric ratio that is ignored.'),
    }),
    HPAScalingPolicy: v2('One allowed change over a period.', {
      type: field('string', 'Pods or Percent.', true),
      value: field('int32', 'How many pods, or what percentage of them.', true),
      periodSeconds: field('int32', 'The period the change is allowed within.', true),
    }),
    HorizontalPodAutoscalerStatus: {
      goPackage: 'v2',
      description: 'What the autoscaler last observed and decided.',
      fields: {
        observedGeneration: field('int64', 'The generation the autoscaler last saw.'),
        lastScaleTime: field('Time', 'When the autoscaler last changed the replica count.'),
        currentReplicas: field('int32', 'The replicas the target had when last seen.'),
        desiredReplicas: field('int32', 'The replicas the autoscaler last wanted.', true),
        currentMetrics: field('[]Open', 'The metrics last read.'),
        conditions: field('[]Open', 'AbleToScale, ScalingActive and ScalingLimited.'),
      },
    },
  },
});
