// PriorityClass (scheduling.k8s.io/v1): SetDefaults_PriorityClass, ValidatePriorityClass and its
// update rules, the two system classes the API server creates at start, and the Priority
// admission plugin (plugin/pkg/admission/priority): a new pod's priority and preemption policy
// come from its class, and at most one class is the global default.
import { ApiError, type FieldError } from '../errors';
import type { KubeObject } from '../types';
import { defineKind } from './kind-record';
import { field } from '../schema-types';
import { forbidden, invalid, notSupported, required } from '../validation/field-error';

/** scheduling.HighestUserDefinablePriority: classes not named `system-` stay at or below a billion. */
export const highestUserDefinablePriority = 1_000_000_000;
const systemCriticalPriority = 2 * highestUserDefinablePriority;
const systemPrefix = 'system-';
const preemptionPolicies = ['PreemptLowerPriority', 'Never'];

/** The classes the API server makes at start (scheduling.SystemPriorityClasses), each with the uid it always has here. */
export const systemPriorityClasses: readonly { name: string; value: number; description: string; uid: string }[] = [
  {
    name: 'system-node-critical',
    value: systemCriticalPriority + 1000,
    description: 'Used for system critical pods that must not be moved from their current node.',
    uid: '8a1f4c2e-6d3b-4e9a-b7f0-3c5d2e1a9b84',
  },
  {
    name: 'system-cluster-critical',
    value: systemCriticalPriority,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    uid: '4e7b9d1c-2a6f-4c83-9e05-7f1b3d8c6a29',
  },
];

/** A system class as the API server stores it, in the field order of the Go type. */
export function systemPriorityClassObject(name: string): KubeObject {
  const system = systemPriorityClasses.find((pc) => pc.name === name)!;
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name, uid: system.uid },
    value: system.value,
    description: system.description,
    preemptionPolicy: 'PreemptLowerPriority',
  };
}

/** IsKnownSystemPriorityClass: why a `system-` class is not one of the two, or undefined when it is. */
function systemClassProblem(pc: KubeObject): string | undefined {
  const name = pc.metadata.name ?? '';
  const system = systemPriorityClasses.find((known) => known.name === name);
  if (!system) return `${name} is not a known system priority class`;
  if (system.value !== (pc.value ?? 0)) return `value of ${name} PriorityClass must be ${system.value}`;
  if (pc.globalDefault === true) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

function validatePreemptionPolicy(policy: unknown, path: string): FieldError[] {
  if (policy === undefined || preemptionPolicies.includes(policy as string)) return [];
  if (policy === '') return [required(path, '')];
  return [notSupported(path, policy as string, preemptionPolicies)];
}

function validatePriorityClass(pc: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if ((pc.metadata.name ?? '').startsWith(systemPrefix)) {
    const problem = systemClassProblem(pc);
    if (problem) errors.push(forbidden('metadata.name', `priority class names with '${systemPrefix}' prefix are reserved for system use only. error: ${problem}`));
  } else if ((pc.value ?? 0) > highestUserDefinablePriority) {
    errors.push(forbidden('value', `maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`));
  }
  errors.push(...validatePreemptionPolicy(pc.preemptionPolicy, 'preemptionPolicy'));
  return errors;
}

function validatePriorityClassUpdate(pc: KubeObject, old: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if ((pc.value ?? 0) !== (old.value ?? 0)) errors.push(forbidden('value', 'may not be changed in an update.'));
  if (pc.preemptionPolicy !== old.preemptionPolicy) errors.push(invalid('preemptionPolicy', pc.preemptionPolicy ?? null, 'field is immutable'));
  return errors;
}

/** The default class: with several (a race), the one of lowest value. */
function defaultClass(classes: readonly KubeObject[]): KubeObject | undefined {
  let chosen: KubeObject | undefined;
  for (const pc of classes) if (pc.globalDefault === true && (!chosen || (chosen.value ?? 0) > (pc.value ?? 0))) chosen = pc;
  return chosen;
}

/** The plugin's Validate for PriorityClasses: a second global default is refused. */
function checkGlobalDefault(pc: KubeObject, classes: readonly KubeObject[], creating: boolean): ApiError | undefined {
  if (pc.globalDefault !== true) return undefined;
  const existing = defaultClass(classes);
  if (!existing || (!creating && existing.metadata.name === pc.metadata.name)) return undefined;
  return new ApiError(
    'Forbidden',
    `priorityclasses.scheduling.k8s.io ${JSON.stringify(pc.metadata.name ?? '')} is forbidden: PriorityClass ${existing.metadata.name} is already marked as default. Only one default can exist`,
  );
}

/**
 * The name admission names a new pod by: before the name is generated, the pod's generateName.
 * (The store generates names before admission runs, so a generated name is recognized by its prefix.)
 */
function nameAtAdmission(pod: KubeObject): string {
  const { name = '', generateName } = pod.metadata;
  return generateName && name.startsWith(generateName) && name.length === generateName.length + 5 ? generateName : name;
}

/**
 * The Priority plugin on a new pod: the class named (or the global default, or none) gives
 * spec.priority and spec.preemptionPolicy; a pod that sets either to something else is refused.
 */
export function admitPodPriority(pod: KubeObject, classes: readonly KubeObject[]): ApiError | undefined {
  const spec = (pod.spec ??= {});
  const refuse = (message: string) => new ApiError('Forbidden', `pods ${JSON.stringify(nameAtAdmission(pod))} is forbidden: ${message}`);
  let priority = 0;
  let policy = 'PreemptLowerPriority';
  if (!spec.priorityClassName) {
    const fallback = defaultClass(classes);
    if (fallback) {
      spec.priorityClassName = fallback.metadata.name;
      priority = fallback.value ?? 0;
      policy = fallback.preemptionPolicy ?? policy;
    }
  } else {
    const named = classes.find((pc) => pc.metadata.name === spec.priorityClassName);
    if (!named) return refuse(`no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = named.value ?? 0;
    policy = named.preemptionPolicy ?? policy;
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    return refuse(`the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && spec.preemptionPolicy !== policy) {
    return refuse(`the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
  }
  spec.preemptionPolicy = policy;
  return undefined;
}

const classesIn = (deps: { list?(kind: string, namespace: string): KubeObject[] }) => deps.list?.('PriorityClass', '') ?? [];

export const priorityClass = defineKind('PriorityClass', 'priorityclasses', 'scheduling.k8s.io/v1', 'Cluster', {
  shortNames: ['pc'],
  defaults: (pc) => {
    pc.value ??= 0;
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  validate: validatePriorityClass,
  validateUpdate: validatePriorityClassUpdate,
  validateAdmission: (pc, deps) => checkGlobalDefault(pc, classesIn(deps), true),
  validateUpdateAdmission: (pc, _old, deps) => checkGlobalDefault(pc, classesIn(deps), false),
  schema: {
    PriorityClass: {
      goPackage: 'v1',
      description: 'PriorityClass maps a priority class name to the integer priority of the pods that name it.',
      fields: {
        apiVersion: field('string', 'The versioned schema of this representation.'),
        description: field('string', 'When this class should be used.'),
        globalDefault: field('bool', 'Whether pods without a priorityClassName get this class. Only one class may be the default.'),
        kind: field('string', 'The type of object.'),
        metadata: field('ObjectMeta', "The object's name, labels and other metadata."),
        preemptionPolicy: field('string', 'PreemptLowerPriority (default) or Never: whether pods of this class may preempt pods of lower priority.'),
        value: field('int32', 'The priority of the pods of this class: the higher, the more important.', true),
      },
    },
  },
});
