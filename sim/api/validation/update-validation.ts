// What may change on update: the pod's short list of mutable fields, immutable selectors and
// Job templates, immutable ConfigMaps and Secrets.
import type { FieldError } from '../errors';
import type { KubeObject } from '../types';
import { deepEqual } from '../object-utils';
import { forbidden, invalid } from './field-error';
import { goLabelSelector } from './go-values';

const immutableMessage = 'field is immutable';

const podUpdatableFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** Every leaf path where two JSON values differ, for the diff after an immutable spec's message. */
function differences(oldValue: unknown, newValue: unknown, path: string, out: { path: string; old: unknown; new: unknown }[]): void {
  if (deepEqual(oldValue, newValue)) return;
  const isObject = (v: unknown) => v !== null && typeof v === 'object';
  if (isObject(oldValue) && isObject(newValue) && Array.isArray(oldValue) === Array.isArray(newValue)) {
    const keys = new Set([...Object.keys(oldValue as object), ...Object.keys(newValue as object)]);
    for (const key of keys) {
      const childPath = Array.isArray(oldValue) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      differences((oldValue as any)[key], (newValue as any)[key], childPath, out);
    }
    return;
  }
  out.push({ path, old: oldValue, new: newValue });
}

function render(value: unknown): string {
  return value === undefined ? 'nil' : JSON.stringify(value);
}

/** What an immutable spec's Forbidden error shows after its message: the fields that changed, under the Go type's name. */
export function specDiff(goType: string, oldSpec: unknown, newSpec: unknown): string {
  const changes: { path: string; old: unknown; new: unknown }[] = [];
  differences(oldSpec, newSpec, '', changes);
  const lines = [`  ${goType}{`];
  for (const change of changes) {
    if (change.old !== undefined) lines.push(`- \t${change.path}: ${render(change.old)},`);
    if (change.new !== undefined) lines.push(`+ \t${change.path}: ${render(change.new)},`);
  }
  lines.push('  }');
  return lines.join('\n') + '\n';
}

export function validatePodUpdate(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const oldSpec = oldObj.spec ?? {};
  const newSpec = newObj.spec ?? {};
  // Put the old values of the mutable fields into a copy of the new spec, then compare.
  const munged = JSON.parse(JSON.stringify(newSpec));
  for (const list of ['containers', 'initContainers'] as const) {
    const oldList = oldSpec[list] ?? [];
    const newList = munged[list] ?? [];
    if (oldList.length !== newList.length) continue;
    newList.forEach((container: any, i: number) => {
      container.image = oldList[i].image;
    });
  }
  if (munged.activeDeadlineSeconds !== undefined || oldSpec.activeDeadlineSeconds !== undefined) munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  const oldTolerations: unknown[] = oldSpec.tolerations ?? [];
  const newTolerations: unknown[] = newSpec.tolerations ?? [];
  if (oldTolerations.every((t) => newTolerations.some((n) => deepEqual(n, t)))) munged.tolerations = oldSpec.tolerations;
  // Scheduling gates may only be removed (a gated pod is released by taking its gates away).
  const oldGates = new Set(((oldSpec.schedulingGates ?? []) as { name: string }[]).map((gate) => gate.name));
  ((newSpec.schedulingGates ?? []) as { name: string }[]).forEach((gate, i) => {
    if (!oldGates.has(gate.name)) errors.push(forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${gate.name}'`));
  });
  munged.schedulingGates = oldSpec.schedulingGates;
  if (munged.schedulingGates === undefined) delete munged.schedulingGates;
  if (typeof oldSpec.terminationGracePeriodSeconds === 'number' && oldSpec.terminationGracePeriodSeconds < 0 && newSpec.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (!deepEqual(munged, oldSpec)) {
    errors.push(forbidden('spec', `pod updates may not change fields other than ${podUpdatableFields.join(',')}\n${specDiff('core.PodSpec', oldSpec, munged)}`));
  }
  if (typeof oldSpec.activeDeadlineSeconds === 'number') {
    if (newSpec.activeDeadlineSeconds === undefined) errors.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
    else if (newSpec.activeDeadlineSeconds > oldSpec.activeDeadlineSeconds) {
      errors.push(invalid('spec.activeDeadlineSeconds', newSpec.activeDeadlineSeconds, 'must be less than or equal to previous value'));
    }
  }
  return errors;
}

function immutableSelector(newObj: KubeObject, oldObj: KubeObject, path = 'spec.selector'): FieldError[] {
  const newSelector = newObj.spec?.selector;
  const oldSelector = oldObj.spec?.selector;
  if (deepEqual(newSelector, oldSelector)) return [];
  return [invalid(path, goLabelSelector(newSelector), immutableMessage)];
}

/** Update rules of Deployments, ReplicaSets and DaemonSets: the selector is immutable. */
export function validateSelectorUpdate(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  return immutableSelector(newObj, oldObj);
}

/** A Job's selector, and its template unless it is suspended, and completions unless Indexed, are immutable. */
export function validateJobUpdate(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  const errors = immutableSelector(newObj, oldObj);
  // Compared as JSON, so fields set to undefined count as absent.
  const asJson = (template: unknown) => JSON.parse(JSON.stringify(template ?? {}));
  if (!deepEqual(asJson(newObj.spec?.template), asJson(oldObj.spec?.template)) && !oldObj.spec?.suspend) {
    errors.push(invalid('spec.template', { goSyntax: 'core.PodTemplateSpec{...}' }, immutableMessage));
  }
  if (newObj.spec?.completions !== oldObj.spec?.completions && newObj.spec?.completionMode !== 'Indexed') {
    errors.push(invalid('spec.completions', newObj.spec?.completions ?? null, immutableMessage));
  }
  return errors;
}

/** ConfigMaps and Secrets marked `immutable: true` keep their data. */
export function validateImmutableData(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  if (oldObj.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (newObj.immutable !== true) errors.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  if (!deepEqual(newObj.data, oldObj.data)) errors.push(forbidden('data', 'field is immutable when `immutable` is set'));
  if (!deepEqual(newObj.binaryData, oldObj.binaryData)) errors.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
  return errors;
}

/** A Service keeps the cluster IP it was given. */
export function validateServiceUpdate(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  const oldIp = oldObj.spec?.clusterIP;
  const newIp = newObj.spec?.clusterIP;
  if (oldIp && newIp !== undefined && newIp !== oldIp) return [invalid('spec.clusterIP', newIp, immutableMessage)];
  return [];
}
