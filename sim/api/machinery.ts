// What the API server does to an object before storing it: decode checks (types, unknown
// fields), defaulting, admission, validation. The store calls prepareForCreate/prepareForUpdate.
import { ApiError, badRequest, invalidError } from './errors';
import type { KubeObject } from './types';
import { deepClone } from './object-utils';
import { applyDefaults, kindRecord, validateCreate, validateUpdate, type AdmissionDeps } from './kinds';
import { cannotBeHandledMessage, checkTypes, pruneUnknownFields, strictDecode } from './schema';
import { convertFromV1 } from './conversion';
import { podSecurityOnCreate, podSecurityOnUpdate } from './pod-security/admission';

export interface PrepareDeps extends AdmissionDeps {
  /** A new UID, used when the object has none yet (the Job selector is built from it). */
  newUid?(): string;
  /** Server-side field validation: Strict (kubectl's default) fails on unknown fields, Warn returns them as warnings. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export type PrepareResult = { object: KubeObject; warnings: string[] } | { error: ApiError };

/** Type errors stop decoding; unknown fields fail under Strict and become warnings under Warn. */
function decodeChecks(obj: KubeObject, fieldValidation: PrepareDeps['fieldValidation']): { error?: ApiError; warnings: string[] } {
  const typeError = checkTypes(obj);
  if (typeError) return { error: badRequest(cannotBeHandledMessage(obj, typeError)), warnings: [] };
  const unknown = fieldValidation === 'Ignore' ? [] : strictDecode(obj);
  if (unknown.length > 0 && (fieldValidation ?? 'Strict') === 'Strict') {
    return { error: badRequest(cannotBeHandledMessage(obj, `strict decoding error: ${unknown.join(', ')}`)), warnings: [] };
  }
  // Without strict validation the server decodes into its types, which drops unknown fields.
  pruneUnknownFields(obj);
  return { warnings: unknown };
}

/** Applies create-time admission to `obj` in place: the kind's strategy and admission plugins; returns a plugin's refusal. */
export function admit(obj: KubeObject, deps: AdmissionDeps): ApiError | undefined {
  return kindRecord(obj.kind)?.admit?.(obj, deps) ?? undefined;
}

/** An object written in another version of its kind (autoscaling/v1) is converted into the served one first. */
function convertVersion(obj: KubeObject): void {
  kindRecord(obj.kind)?.otherVersions?.[obj.apiVersion]?.toServed(obj);
}

/**
 * A copy of `input` as decoding and defaulting leave it, before admission: what the field
 * manager records of a create (admission's own additions belong to no manager).
 */
export function decodedAndDefaulted(input: KubeObject): KubeObject {
  const obj = deepClone(input);
  obj.metadata ??= {};
  convertVersion(obj);
  pruneUnknownFields(obj);
  convertFromV1(obj);
  applyDefaults(obj);
  return obj;
}

/** Strict decode → defaults → admission → validation, on a copy of `input`. */
export function prepareForCreate(input: KubeObject, deps: PrepareDeps): PrepareResult {
  const obj = deepClone(input);
  obj.metadata ??= {};
  convertVersion(obj);
  const { error, warnings } = decodeChecks(obj, deps.fieldValidation);
  if (error) return { error };
  convertFromV1(obj);
  if (!obj.metadata.uid && deps.newUid && obj.kind === 'Job') obj.metadata.uid = deps.newUid();
  applyDefaults(obj);
  // Create strategies reset the status of controller objects.
  if (kindRecord(obj.kind)?.resetStatusOnCreate) obj.status = {};
  const refusedByMutation = admit(obj, deps);
  if (refusedByMutation) return { error: refusedByMutation };
  const problems = validateCreate(obj).filter(
    (problem) => !(problem.field === 'metadata.name' && problem.type === 'Required value' && obj.metadata.generateName),
  );
  if (problems.length > 0) return { error: invalidError(obj.kind, obj.metadata.name ?? '', problems) };
  // The validating plugins: PodSecurity, then the kind's own (LimitRanger's check, ResourceQuota).
  // kube-apiserver runs LimitRanger's before PodSecurity; a pod both refuse names PodSecurity here.
  const podSecurity = podSecurityOnCreate(obj, deps);
  if (podSecurity.error) return { error: podSecurity.error };
  const refused = kindRecord(obj.kind)?.validateAdmission?.(obj, deps);
  if (refused) return { error: refused };
  return { object: obj, warnings: [...warnings, ...podSecurity.warnings] };
}

/** Decode checks → defaults → validation against the stored object → validating admission, on a copy of `input`. */
export function prepareForUpdate(input: KubeObject, existing: KubeObject, deps: Pick<PrepareDeps, 'fieldValidation' | 'list'> = {}): PrepareResult {
  const obj = deepClone(input);
  obj.metadata ??= {};
  convertVersion(obj);
  const { error, warnings } = decodeChecks(obj, deps.fieldValidation);
  if (error) return { error };
  convertFromV1(obj);
  applyDefaults(obj);
  const problems = validateUpdate(obj, existing);
  if (problems.length > 0) return { error: invalidError(obj.kind, obj.metadata.name ?? '', problems) };
  const podSecurity = podSecurityOnUpdate(obj, existing, deps);
  if (podSecurity.error) return { error: podSecurity.error };
  const refused = kindRecord(obj.kind)?.validateUpdateAdmission?.(obj, existing, deps);
  if (refused) return { error: refused };
  return { object: obj, warnings: [...warnings, ...podSecurity.warnings] };
}

export { applyDefaults } from './kinds';
export { validateCreate, validateUpdate } from './kinds';
export { formatInvalid } from './validation';
export { strictDecode, checkTypes, explainField } from './schema';
export { qosClass } from './qos';
export { decodeManifests } from './decode';
export { parseQuantity, formatQuantity, canonicalize, Quantity, QuantityError } from './quantity';
export {
  parseLabelSelector,
  labelSelectorMatches,
  selectorFromLabelSelector,
  formatLabelSelector,
  compileFieldSelector,
  compileLabelSelector,
  SelectorError,
} from './selectors';
