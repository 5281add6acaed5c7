// Builds FieldErrors rendered exactly as apimachinery's field.Error prints them.
import type { FieldError } from '../errors';

/** A bad value as Go would print it: strings quoted, numbers and booleans bare. */
export type BadValue = string | number | boolean | null | undefined | { goSyntax: string };

function renderValue(value: BadValue): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return value.goSyntax;
  return String(value);
}

function make(field: string, type: string, detail: string, valueText?: string): FieldError {
  let body = valueText === undefined ? type : `${type}: ${valueText}`;
  if (detail) body += `: ${detail}`;
  return { field, type, detail, text: `${field}: ${body}` };
}

export function required(field: string, detail = ''): FieldError {
  return make(field, 'Required value', detail);
}

export function invalid(field: string, value: BadValue, detail: string): FieldError {
  return make(field, 'Invalid value', detail, renderValue(value));
}

export function notSupported(field: string, value: BadValue, supported: string[]): FieldError {
  const detail = supported.length ? `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}` : '';
  return make(field, 'Unsupported value', detail, renderValue(value));
}

export function duplicate(field: string, value: BadValue): FieldError {
  return make(field, 'Duplicate value', '', renderValue(value));
}

export function forbidden(field: string, detail: string): FieldError {
  return make(field, 'Forbidden', detail);
}

export function notFoundField(field: string, value: BadValue): FieldError {
  return make(field, 'Not found', '', renderValue(value));
}

/** Go's `%#v` of a []string, e.g. `[]string{"a", "b"}`. */
export function goStringSlice(values: string[]): { goSyntax: string } {
  return { goSyntax: `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}` };
}
