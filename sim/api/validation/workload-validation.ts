// Validation of controller objects: selectors against template labels, template restart
// policies, replica counts (pkg/apis/apps/validation, pkg/apis/batch/validation).
import type { FieldError } from '../errors';
import type { KubeObject, LabelSelector, PodTemplateSpec } from '../types';
import { labelSelectorMatches, selectorFromLabelSelector, SelectorError, type ParsedLabelSelector } from '../selectors';
import { forbidden, invalid, notSupported, required } from './field-error';
import { goLabelSelector, goStringMap } from './go-values';
import { validateAnnotations, validateLabels } from './object-meta';
import { validatePodSpec } from './pod-validation';

const negativeMessage = 'must be greater than or equal to 0';

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(path, value, negativeMessage)] : [];
}

/** ValidatePodTemplateSpec: note the labels path is `<template>.labels`, as upstream reports it. */
export function validateTemplate(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  if (!template) return [required(path, '')];
  return [
    ...validateLabels(template.metadata?.labels, `${path}.labels`),
    ...validateAnnotations(template.metadata?.annotations, `${path}.annotations`),
    ...validatePodSpec(template.spec, `${path}.spec`),
  ];
}

/** ValidateLabelSelector: operators and values. */
export function validateSelectorSyntax(selector: LabelSelector, path: string): FieldError[] {
  const errors: FieldError[] = [];
  errors.push(...validateLabels(selector.matchLabels, `${path}.matchLabels`));
  (selector.matchExpressions ?? []).forEach((expression, i) => {
    const itemPath = `${path}.matchExpressions[${i}]`;
    const values = expression.values ?? [];
    if (expression.operator === 'In' || expression.operator === 'NotIn') {
      if (values.length === 0) errors.push(required(`${itemPath}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (expression.operator === 'Exists' || expression.operator === 'DoesNotExist') {
      if (values.length > 0) errors.push(forbidden(`${itemPath}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errors.push(invalid(`${itemPath}.operator`, expression.operator, 'not a valid selector operator'));
    }
  });
  return errors;
}

export function parsedSelector(selector: LabelSelector | undefined): ParsedLabelSelector | undefined {
  try {
    return selectorFromLabelSelector(selector);
  } catch (error) {
    if (error instanceof SelectorError) return undefined;
    throw error;
  }
}

/** Deployment, ReplicaSet: the selector, the template matching it, restartPolicy Always. */
function validateReplicatedSpec(obj: KubeObject, emptyMessage: string): FieldError[] {
  const spec = obj.spec ?? {};
  const errors: FieldError[] = [...nonNegative(spec.replicas, 'spec.replicas')];
  if (!spec.selector) {
    errors.push(required('spec.selector', ''));
  } else {
    errors.push(...validateSelectorSyntax(spec.selector, 'spec.selector'));
    const count = Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length;
    if (count === 0) errors.push(invalid('spec.selector', goLabelSelector(spec.selector), emptyMessage));
  }
  const selector = parsedSelector(spec.selector);
  if (!selector) {
    errors.push(invalid('spec.selector', goLabelSelector(spec.selector), 'invalid label selector'));
    return errors;
  }
  const template: PodTemplateSpec | undefined = spec.template;
  if (!template) {
    errors.push(required('spec.template', ''));
    return errors;
  }
  if (selector.length > 0 && !labelSelectorMatches(selector, template.metadata?.labels)) {
    errors.push(invalid('spec.template.metadata.labels', goStringMap(template.metadata?.labels), '`selector` does not match template `labels`'));
  }
  errors.push(...validateTemplate(template, 'spec.template'));
  if (template.spec?.restartPolicy !== 'Always') {
    errors.push(notSupported('spec.template.spec.restartPolicy', template.spec?.restartPolicy ?? '', ['Always']));
  }
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errors.push(invalid('spec.template.spec.activeDeadlineSeconds', template.spec.activeDeadlineSeconds, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  errors.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  return errors;
}

export function validateDeployment(obj: KubeObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errors = validateReplicatedSpec(obj, 'empty selector is invalid for deployment');
  const strategy = spec.strategy ?? {};
  if (strategy.type && strategy.type !== 'RollingUpdate' && strategy.type !== 'Recreate') {
    errors.push(notSupported('spec.strategy.type', strategy.type, ['Recreate', 'RollingUpdate']));
  }
  if (strategy.type === 'Recreate' && strategy.rollingUpdate) {
    errors.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  }
  errors.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errors.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errors.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errors;
}

export function validateReplicaSet(obj: KubeObject): FieldError[] {
  return validateReplicatedSpec(obj, 'empty selector is invalid for deployment');
}

export function validateReplicationController(obj: KubeObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errors: FieldError[] = [...nonNegative(spec.replicas, 'spec.replicas')];
  const selector: Record<string, string> = spec.selector ?? {};
  if (Object.keys(selector).length === 0) errors.push(required('spec.selector', ''));
  const template: PodTemplateSpec | undefined = spec.template;
  if (!template) return [...errors, required('spec.template', '')];
  const labels = template.metadata?.labels ?? {};
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
    errors.push(invalid('spec.template.metadata.labels', goStringMap(template.metadata?.labels), '`selector` does not match template `labels`'));
  }
  errors.push(...validateTemplate(template, 'spec.template'));
  if (template.spec?.restartPolicy !== 'Always') errors.push(notSupported('spec.template.spec.restartPolicy', template.spec?.restartPolicy ?? '', ['Always']));
  return errors;
}

export function validateDaemonSet(obj: KubeObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errors: FieldError[] = [];
  if (!spec.selector) errors.push(required('spec.selector', ''));
  else errors.push(...validateSelectorSyntax(spec.selector, 'spec.selector'));
  const selector = parsedSelector(spec.selector);
  if (selector && selector.length === 0 && spec.selector) errors.push(invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  const template: PodTemplateSpec | undefined = spec.template;
  if (!template) return [...errors, required('spec.template', '')];
  if (selector && selector.length > 0 && !labelSelectorMatches(selector, template.metadata?.labels)) {
    errors.push(invalid('spec.template.metadata.labels', goStringMap(template.metadata?.labels), '`selector` does not match template `labels`'));
  }
  errors.push(...validateTemplate(template, 'spec.template'));
  if (template.spec?.restartPolicy !== 'Always') errors.push(notSupported('spec.template.spec.restartPolicy', template.spec?.restartPolicy ?? '', ['Always']));
  errors.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errors.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errors;
}

/** The JobSpec checks shared by Job and CronJob's jobTemplate. */
function validateJobSpec(spec: any, path: string, checkSelector: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (checkSelector) {
    if (!spec.selector) errors.push(required(`${path}.selector`, ''));
    else errors.push(...validateSelectorSyntax(spec.selector, `${path}.selector`));
    const selector = parsedSelector(spec.selector);
    if (spec.selector && selector && !labelSelectorMatches(selector, spec.template?.metadata?.labels)) {
      errors.push(invalid(`${path}.template.metadata.labels`, goStringMap(spec.template?.metadata?.labels), '`selector` does not match template `labels`'));
    }
  }
  errors.push(...nonNegative(spec.parallelism, `${path}.parallelism`));
  errors.push(...nonNegative(spec.completions, `${path}.completions`));
  errors.push(...nonNegative(spec.backoffLimit, `${path}.backoffLimit`));
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0) {
    errors.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be greater than 0'));
  }
  if (spec.completionMode && !['NonIndexed', 'Indexed'].includes(spec.completionMode)) {
    errors.push(notSupported(`${path}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']));
  }
  const template: PodTemplateSpec | undefined = spec.template;
  if (!template) return [...errors, required(`${path}.template`, '')];
  errors.push(...validateTemplate(template, `${path}.template`));
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errors.push(notSupported(`${path}.template.spec.restartPolicy`, restartPolicy ?? '', ['OnFailure', 'Never']));
  }
  return errors;
}

export function validateJob(obj: KubeObject): FieldError[] {
  return validateJobSpec(obj.spec ?? {}, 'spec', true);
}

const cronFieldPattern = /^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?)*$/;

export function validateCronJob(obj: KubeObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errors: FieldError[] = [];
  if ((obj.metadata.name ?? '').length > 52) errors.push(invalid('metadata.name', obj.metadata.name ?? '', 'must be no more than 52 characters'));
  const schedule: string | undefined = spec.schedule;
  if (!schedule) {
    errors.push(required('spec.schedule', ''));
  } else if (!schedule.startsWith('@')) {
    const fields = schedule.trim().split(/\s+/);
    if (fields.length !== 5) {
      errors.push(invalid('spec.schedule', schedule, `expected exactly 5 fields, found ${fields.length}: ${JSON.stringify(schedule).slice(1, -1)}`));
    } else if (!fields.every((field) => cronFieldPattern.test(field))) {
      errors.push(invalid('spec.schedule', schedule, 'invalid schedule format'));
    }
  }
  if (spec.concurrencyPolicy && !['Allow', 'Forbid', 'Replace'].includes(spec.concurrencyPolicy)) {
    errors.push(notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']));
  }
  errors.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errors.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  errors.push(...validateJobSpec(spec.jobTemplate?.spec ?? {}, 'spec.jobTemplate.spec', false));
  return errors;
}
