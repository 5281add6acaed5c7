// ValidateObjectMeta: names, namespace, labels and annotations, with Kubernetes' field paths.
import type { FieldError } from '../errors';
import type { ObjectMeta } from '../types';
import { forbidden, invalid, required } from './field-error';
import { isDns1123Label, isQualifiedName, isValidLabelValue } from './name-rules';

/** A kind's rule for names (its record's nameRule): the messages for a name that breaks it. */
export type NameRule = (name: string) => string[];

/** generateName is checked with a trailing dash masked, as maskTrailingDash does. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const message of isQualifiedName(key)) errors.push(invalid(path, key, message));
    for (const message of isValidLabelValue(String(value))) errors.push(invalid(path, value, message));
  }
  return errors;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(annotations ?? {})) {
    for (const message of isQualifiedName(key.toLowerCase())) errors.push(invalid(path, key, message));
  }
  return errors;
}

export function validateObjectMeta(meta: ObjectMeta, rule: NameRule, namespaced: boolean, path = 'metadata'): FieldError[] {
  const errors: FieldError[] = [];
  if (meta.generateName) {
    for (const message of rule(maskTrailingDash(meta.generateName))) errors.push(invalid(`${path}.generateName`, meta.generateName, message));
  }
  if (!meta.name) {
    errors.push(required(`${path}.name`, 'name or generateName is required'));
  } else {
    for (const message of rule(meta.name)) errors.push(invalid(`${path}.name`, meta.name, message));
  }
  if (namespaced) {
    if (!meta.namespace) errors.push(required(`${path}.namespace`, ''));
    else for (const message of isDns1123Label(meta.namespace)) errors.push(invalid(`${path}.namespace`, meta.namespace, message));
  } else if (meta.namespace) {
    errors.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errors.push(...validateLabels(meta.labels, `${path}.labels`));
  errors.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  return errors;
}

/** ValidateObjectMetaUpdate: name and namespace cannot change. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path = 'metadata'): FieldError[] {
  const errors: FieldError[] = [];
  if (meta.name !== old.name) errors.push(invalid(`${path}.name`, meta.name ?? '', 'field is immutable'));
  if (meta.namespace !== old.namespace) errors.push(invalid(`${path}.namespace`, meta.namespace ?? '', 'field is immutable'));
  if (old.uid && meta.uid && meta.uid !== old.uid) errors.push(invalid(`${path}.uid`, meta.uid, 'field is immutable'));
  errors.push(...validateLabels(meta.labels, `${path}.labels`));
  errors.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  return errors;
}
