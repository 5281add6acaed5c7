// ResourceQuota (core/v1), the pod usage its controller and admission count
// (pkg/quota/v1/evaluator/core/pods.go), and the ResourceQuota admission plugin's checks
// (staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go).
import { defineKind } from './kind-record';
import { ApiError } from '../errors';
import type { Container, KubeObject } from '../types';
import { normalizeResourceList } from '../defaults/container-defaults';
import { tryParseQuantity, type Quantity } from '../quantity';
import { coreKindSchema, field } from '../schema-types';
import { qosClass } from '../qos';
import type { FieldError } from '../errors';
import { invalid, notSupported, required } from '../validation/field-error';

type ResourceList = Record<string, string>;

/** The resources whose quota makes every container state its request or limit (the evaluator's validationSet). */
const computeResources = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** What a container's requests and limits count for, by quota resource name (podComputeUsageHelper). */
function containerUsage(container: Container): Map<string, Quantity> {
  const usage = new Map<string, Quantity>();
  const requests = (container.resources?.requests ?? {}) as ResourceList;
  const limits = (container.resources?.limits ?? {}) as ResourceList;
  for (const name of ['cpu', 'memory']) {
    const request = tryParseQuantity(requests[name]);
    const limit = tryParseQuantity(limits[name]);
    if (request) {
      usage.set(name, request);
      usage.set(`requests.${name}`, request);
    }
    if (limit) usage.set(`limits.${name}`, limit);
  }
  return usage;
}

/** Finished pods no longer count (QuotaV1Pod); a terminating pod counts until it is gone. */
function countsForQuota(pod: KubeObject): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values?: string[];
}

const standardScopes = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];

/** A quota's scopes and scope selector, as the selector requirements the evaluator matches pods with. */
function scopeRequirements(quota: KubeObject): ScopeRequirement[] {
  const scopes = ((quota.spec?.scopes ?? []) as string[]).map((scopeName) => ({ scopeName, operator: 'Exists' }));
  return [...scopes, ...((quota.spec?.scopeSelector?.matchExpressions ?? []) as ScopeRequirement[])];
}

/** podMatchesScopeFunc: whether a pod falls under one scope of a quota. */
function podMatchesScope(pod: KubeObject, requirement: ScopeRequirement): boolean {
  // A pod "terminates" when it has an active deadline.
  const terminating = typeof pod.spec?.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;
  switch (requirement.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return qosClass(pod.spec ?? {}) === 'BestEffort';
    case 'NotBestEffort':
      return qosClass(pod.spec ?? {}) !== 'BestEffort';
    case 'PriorityClass': {
      const value = (pod.spec?.priorityClassName as string | undefined) ?? '';
      // Exists asks whether the pod names a class at all.
      if (requirement.operator === 'Exists') return value !== '';
      // Otherwise the class is matched as the value of a label every pod has (empty when it names none).
      const values = requirement.values ?? [];
      if (requirement.operator === 'In') return values.includes(value);
      if (requirement.operator === 'NotIn') return !values.includes(value);
      return false;
    }
    default:
      return false;
  }
}

/** Whether a quota counts a pod: it must fall under every scope the quota names. */
export function quotaMatchesPod(quota: KubeObject, pod: KubeObject): boolean {
  return scopeRequirements(quota).every((requirement) => podMatchesScope(pod, requirement));
}

/** A pod's usage: one pod, and the larger of its containers' sum and its largest init container, per resource. */
export function podUsage(pod: KubeObject): Map<string, Quantity> {
  const usage = new Map<string, Quantity>([['pods', tryParseQuantity('1')!], ['count/pods', tryParseQuantity('1')!]]);
  for (const container of (pod.spec?.containers ?? []) as Container[]) {
    for (const [name, value] of containerUsage(container)) usage.set(name, usage.get(name)?.add(value) ?? value);
  }
  for (const container of (pod.spec?.initContainers ?? []) as Container[]) {
    for (const [name, value] of containerUsage(container)) {
      const current = usage.get(name);
      if (!current || value.cmp(current) > 0) usage.set(name, value);
    }
  }
  return usage;
}

/** What the namespace's counted pods use of each resource the quota limits. */
export function quotaUsed(quota: KubeObject, hard: ResourceList, pods: KubeObject[]): ResourceList {
  const totals = new Map<string, Quantity | undefined>(Object.keys(hard).map((name) => [name, undefined]));
  for (const pod of pods) {
    if (!countsForQuota(pod) || !quotaMatchesPod(quota, pod)) continue;
    for (const [name, value] of podUsage(pod)) if (totals.has(name)) totals.set(name, totals.get(name)?.add(value) ?? value);
  }
  return Object.fromEntries([...totals].map(([name, value]) => [name, value?.toString() ?? '0']));
}

function hardOf(quota: KubeObject): ResourceList {
  return (quota.status?.hard ?? quota.spec?.hard ?? {}) as ResourceList;
}

/** `requests.memory=700Mi,requests.cpu=1`: apimachinery's prettyPrint of a resource list, sorted by name. */
function prettyPrint(list: ResourceList): string {
  return Object.keys(list)
    .sort()
    .map((name) => `${name}=${list[name]}`)
    .join(',');
}

function forbidden(pod: KubeObject, message: string): ApiError {
  return new ApiError('Forbidden', `pods ${JSON.stringify(pod.metadata.name ?? '')} is forbidden: ${message}`);
}

/** The containers (and init containers) that do not state a resource a quota requires, as `must specify` lists it. */
function missingResources(pod: KubeObject, required: string[]): string | undefined {
  const missing = new Map<string, Set<string>>();
  for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])] as Container[]) {
    const stated = containerUsage(container);
    for (const name of required) if (!stated.has(name)) (missing.get(name) ?? missing.set(name, new Set()).get(name)!).add(container.name);
  }
  if (missing.size === 0) return undefined;
  return `must specify ${[...missing.keys()]
    .sort()
    .map((name) => `${name} for: ${[...missing.get(name)!].sort().join(',')}`)
    .join('; ')}`;
}

/** The ResourceQuota plugin's check of a new pod against every quota of its namespace. */
export function checkPodAgainstQuotas(pod: KubeObject, quotas: KubeObject[], pods: KubeObject[]): ApiError | undefined {
  const ordered = quotas.filter((quota) => quotaMatchesPod(quota, pod)).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  for (const quota of ordered) {
    const required = Object.keys(hardOf(quota)).filter((name) => computeResources.includes(name));
    const missing = missingResources(pod, required);
    if (missing) return forbidden(pod, `failed quota: ${quota.metadata.name}: ${missing}`);
  }
  const requested = podUsage(pod);
  for (const quota of ordered) {
    const hard = hardOf(quota);
    const used = quotaUsed(quota, hard, pods);
    const exceeded = Object.keys(hard).filter((name) => {
      const delta = requested.get(name);
      return delta && tryParseQuantity(used[name])!.add(delta).cmp(tryParseQuantity(hard[name])!) > 0;
    });
    if (exceeded.length === 0) continue;
    const mask = (list: ResourceList | Map<string, Quantity>) =>
      Object.fromEntries(exceeded.map((name) => [name, list instanceof Map ? list.get(name)!.toString() : list[name]]));
    return forbidden(pod, `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(mask(requested))}, used: ${prettyPrint(mask(used))}, limited: ${prettyPrint(mask(hard))}`);
  }
  return undefined;
}

/** The quota resources pods are counted in; a scope of pods may only limit these (IsResourceQuotaScopeValidForResource). */
const podQuotaResources = ['pods', ...computeResources];
/** Resources the API knows by name (IsStandardQuotaResourceName); others, like count/*, are not checked against scopes. */
const standardQuotaResources = [
  ...podQuotaResources,
  'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports',
  'services.loadbalancers', 'requests.storage', 'ephemeral-storage', 'requests.ephemeral-storage', 'limits.ephemeral-storage',
];

function scopeValidForResource(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return resource === 'pods';
  return !standardScopes.includes(scope) || podQuotaResources.includes(resource);
}

/** Go's %#v of the scopes: `[]core.ResourceQuotaScope{"BestEffort"}`. */
function goScopes(scopes: string[]): { goSyntax: string } {
  return { goSyntax: `[]core.ResourceQuotaScope{${scopes.map((scope) => JSON.stringify(scope)).join(', ')}}` };
}

/** validateResourceQuotaScopes and validateScopeSelector (pkg/apis/core/validation). */
function validateScopes(quota: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const scopes = (quota.spec?.scopes ?? []) as string[];
  const hard = Object.keys((quota.spec?.hard ?? {}) as ResourceList).sort();
  for (const scope of scopes) {
    if (!standardScopes.includes(scope)) errors.push(invalid('spec.scopes', goScopes(scopes), 'unsupported scope'));
    for (const resource of hard) {
      if (standardQuotaResources.includes(resource) && !scopeValidForResource(scope, resource)) errors.push(invalid('spec.scopes', goScopes(scopes), 'unsupported scope applied to resource'));
    }
  }
  for (const [a, b] of [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']]) {
    if (scopes.includes(a) && scopes.includes(b)) errors.push(invalid('spec.scopes', goScopes(scopes), 'conflicting scopes'));
  }
  const expressions = (quota.spec?.scopeSelector?.matchExpressions ?? []) as ScopeRequirement[];
  expressions.forEach((requirement, i) => {
    const path = `spec.scopeSelector.matchExpressions[${i}]`;
    if (!standardScopes.includes(requirement.scopeName)) errors.push(notSupported(`${path}.scopeName`, requirement.scopeName, standardScopes));
    const values = requirement.values ?? [];
    if (requirement.operator === 'In' || requirement.operator === 'NotIn') {
      if (values.length === 0) errors.push(required(`${path}.values`, "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (requirement.operator === 'Exists' || requirement.operator === 'DoesNotExist') {
      if (values.length > 0) errors.push(invalid(`${path}.values`, { goSyntax: `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}` }, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else {
      errors.push(invalid(`${path}.operator`, requirement.operator, 'not a valid selector operator'));
    }
  });
  return errors;
}

export const resourceQuota = defineKind('ResourceQuota', 'resourcequotas', 'v1', 'Namespaced', {
  shortNames: ['quota'],
  subresources: ['status'],
  // The strategy clears a new quota's status; the quota controller computes it.
  resetStatusOnCreate: true,
  defaults: (quota) => normalizeResourceList(quota.spec?.hard),
  validate: validateScopes,
  schema: {
    ResourceQuota: coreKindSchema('A ResourceQuota caps what the objects of its namespace may use together.', {
      spec: field('ResourceQuotaSpec', 'The limits.'),
      status: field('ResourceQuotaStatus', 'The limits in force and what is used of them.'),
    }),
    ResourceQuotaSpec: {
      goPackage: 'v1',
      description: 'What a ResourceQuota limits.',
      fields: {
        hard: field('map[string]Quantity', 'The most that may be used of each named resource.'),
        scopeSelector: field('Open', 'Which objects the quota counts, by scope.'),
        scopes: field('[]string', 'Which objects the quota counts: Terminating, NotTerminating, BestEffort, NotBestEffort...'),
      },
    },
    ResourceQuotaStatus: {
      goPackage: 'v1',
      description: 'What the quota enforces and what is used.',
      fields: { hard: field('map[string]Quantity', 'The limits in force.'), used: field('map[string]Quantity', 'What the namespace uses now.') },
    },
  },
});
