// validateCreate / validateUpdate: the API server's validation of any served kind, and
// formatInvalid: the message kubectl prints for an Invalid error.
import type { FieldError } from '../errors';
import type { KubeObject } from '../types';
import { resourceTypeForKind } from '../resources';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { validatePodSpec } from './pod-validation';
import { validateService } from './service-validation';
import { validateKindUpdate } from './update-validation';
import { validateCronJob, validateDaemonSet, validateDeployment, validateJob, validateReplicaSet, validateReplicationController } from './workload-validation';
import { isDns1123Subdomain } from './name-rules';
import { invalid } from './field-error';

function validateSpec(obj: KubeObject): FieldError[] {
  switch (obj.kind) {
    case 'Pod':
      return validatePodSpec(obj.spec, 'spec');
    case 'Deployment':
      return validateDeployment(obj);
    case 'ReplicaSet':
      return validateReplicaSet(obj);
    case 'DaemonSet':
      return validateDaemonSet(obj);
    case 'ReplicationController':
      return validateReplicationController(obj);
    case 'Job':
      return validateJob(obj);
    case 'CronJob':
      return validateCronJob(obj);
    case 'Service':
      return validateService(obj);
    case 'ConfigMap':
    case 'Secret':
      return validateDataKeys(obj);
    default:
      return [];
  }
}

/** ConfigMap and Secret keys: `a valid config key must consist of alphanumeric characters, '-', '_' or '.'`. */
function validateDataKeys(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['data', 'binaryData']) {
    for (const key of Object.keys(obj[field] ?? {})) {
      if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
        errors.push(invalid(`${field}[${key}]`, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
      } else if (key.length > 253) {
        errors.push(invalid(`${field}[${key}]`, key, 'must be no more than 253 characters'));
      }
      if (key === '.' || key === '..' || key.startsWith('..')) errors.push(invalid(`${field}[${key}]`, key, key === '.' ? "must not be '.'" : key === '..' ? "must not be '..'" : "must not start with '..'"));
    }
  }
  return errors;
}

function isNamespaced(kind: string): boolean {
  return resourceTypeForKind(kind)?.namespaced ?? true;
}

/** Validation on create; the object is already defaulted. */
export function validateCreate(obj: KubeObject): FieldError[] {
  return [...validateObjectMeta(obj.metadata ?? {}, obj.kind, isNamespaced(obj.kind)), ...validateSpec(obj)];
}

/** Validation on update: the create rules plus what may not change. */
export function validateUpdate(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  const errors = [...validateObjectMetaUpdate(newObj.metadata ?? {}, oldObj.metadata ?? {}), ...validateSpec(newObj), ...validateKindUpdate(newObj, oldObj)];
  return errors;
}

/** Joins field errors as apimachinery's aggregate prints them: one bare, several in `[a, b]`, duplicates once. */
export function aggregateText(errors: FieldError[]): string {
  const texts = [...new Set(errors.map((e) => e.text))];
  return texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
}

/** `The Pod "x" is invalid: spec.containers[0].image: Required value`, as kubectl prints an Invalid error. */
export function formatInvalid(kind: string, name: string, errors: FieldError[]): string {
  const head = `The ${kind} ${JSON.stringify(name)} is invalid`;
  return errors.length === 0 ? head : `${head}: ${aggregateText(errors)}`;
}

export { validateObjectMeta } from './object-meta';
export { validatePodSpec } from './pod-validation';
export * as fieldErrors from './field-error';
