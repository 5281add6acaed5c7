// The validation rules the kinds' records use, and formatInvalid: the message kubectl prints for
// an Invalid error. validateCreate / validateUpdate, which pick a kind's rules, are in sim/api/kinds.
import type { FieldError } from '../errors';

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

export { validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
export { validatePodSpec } from './pod-validation';
export * as fieldErrors from './field-error';
