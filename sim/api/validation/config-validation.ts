// ConfigMap and Secret keys.
import type { FieldError } from '../errors';
import type { KubeObject } from '../types';
import { invalid } from './field-error';

/** ConfigMap and Secret keys: `a valid config key must consist of alphanumeric characters, '-', '_' or '.'`. */
export function validateDataKeys(obj: KubeObject): FieldError[] {
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
