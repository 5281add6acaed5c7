// validateCreate / validateUpdate: the API server's validation of any served kind, and
// formatInvalid: the message kubectl prints for an Invalid error.
import type { FieldError } from '../errors';
import type { KubeObject } from '../types';
import { kindRecord } from '../kinds';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { isDns1123Subdomain } from './name-rules';

/** Validation on create; the object is already defaulted. */
export function validateCreate(obj: KubeObject): FieldError[] {
  const record = kindRecord(obj.kind);
  const meta = validateObjectMeta(obj.metadata ?? {}, record?.nameRule ?? isDns1123Subdomain, record?.resource.namespaced ?? true);
  return [...meta, ...(record?.validate?.(obj) ?? [])];
}

/** Validation on update: the create rules plus what may not change. */
export function validateUpdate(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  const record = kindRecord(newObj.kind);
  return [...validateObjectMetaUpdate(newObj.metadata ?? {}, oldObj.metadata ?? {}), ...(record?.validate?.(newObj) ?? []), ...(record?.validateUpdate?.(newObj, oldObj) ?? [])];
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
