// LimitRange (core/v1) and the LimitRanger admission plugin that gives it effect
// (plugin/pkg/admission/limitranger): container defaults on create, then min and max checks.
import { defineKind } from './kind-record';
import { ApiError } from '../errors';
import type { Container, KubeObject } from '../types';
import { normalizeResourceList } from '../defaults/container-defaults';
import { tryParseQuantity, type Quantity } from '../quantity';
import { coreKindSchema, field } from '../schema-types';
import { invalid } from '../validation/field-error';
import { isQualifiedName } from '../validation/name-rules';
import type { FieldError } from '../errors';

type ResourceList = Record<string, string>;

interface LimitRangeItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

function itemsOf(limitRange: KubeObject): LimitRangeItem[] {
  return Array.isArray(limitRange.spec?.limits) ? limitRange.spec.limits : [];
}

/** SetDefaults_LimitRangeItem: a Container item's default limit is its max, its default request the default limit, else its min. */
function applyLimitRangeDefaults(limitRange: KubeObject): void {
  for (const item of itemsOf(limitRange)) {
    for (const list of [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio]) normalizeResourceList(list);
    if (item.type !== 'Container') continue;
    const defaults = (item.default ??= {});
    const defaultRequest = (item.defaultRequest ??= {});
    for (const [name, value] of Object.entries(item.max ?? {})) defaults[name] ??= value;
    for (const [name, value] of Object.entries(defaults)) defaultRequest[name] ??= value;
    for (const [name, value] of Object.entries(item.min ?? {})) defaultRequest[name] ??= value;
  }
}

function validateLimitRange(limitRange: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  itemsOf(limitRange).forEach((item, i) => {
    // As validateLimitRangeTypeName: a qualified name, and a standard type unless it has a prefix.
    const path = `spec.limits[${i}].type`;
    const type = item.type ?? '';
    const nameErrors = isQualifiedName(type);
    if (nameErrors.length) errors.push(...nameErrors.map((message) => invalid(path, type, message)));
    else if (!type.includes('/') && !['Container', 'Pod', 'PersistentVolumeClaim'].includes(type)) errors.push(invalid(path, type, 'must be a standard limit type or fully qualified'));
  });
  return errors;
}

export const limitRange = defineKind('LimitRange', 'limitranges', 'v1', 'Namespaced', {
  shortNames: ['limits'],
  defaults: applyLimitRangeDefaults,
  validate: validateLimitRange,
  schema: {
    LimitRange: coreKindSchema('A LimitRange sets default, minimum and maximum compute resources for the containers and pods of its namespace.', {
      spec: field('LimitRangeSpec', 'The limits.'),
    }),
    LimitRangeSpec: { goPackage: 'v1', description: 'The limits of a LimitRange.', fields: { limits: field('[]LimitRangeItem', 'One entry per type of object limited.', true) } },
    LimitRangeItem: {
      goPackage: 'v1',
      description: 'The limits of one type of object: Container, Pod or PersistentVolumeClaim.',
      fields: {
        default: field('map[string]Quantity', 'The limit a container gets when it sets none.'),
        defaultRequest: field('map[string]Quantity', 'The request a container gets when it sets none.'),
        max: field('map[string]Quantity', 'The most an object of this type may use.'),
        maxLimitRequestRatio: field('map[string]Quantity', 'The largest allowed ratio of limit to request.'),
        min: field('map[string]Quantity', 'The least an object of this type may use.'),
        type: field('string', 'Container, Pod or PersistentVolumeClaim.', true),
      },
    },
  },
});

// ---- the LimitRanger admission plugin ----

/** Fills in missing requests and limits of a new pod's containers from the namespace's LimitRanges, with the plugin's annotation. */
export function applyLimitRangeToPod(pod: KubeObject, limitRanges: KubeObject[]): void {
  const defaults: { limits: ResourceList; requests: ResourceList } = { limits: {}, requests: {} };
  for (const range of limitRanges) {
    for (const item of itemsOf(range)) {
      if (item.type !== 'Container') continue;
      Object.assign(defaults.requests, item.defaultRequest ?? {});
      Object.assign(defaults.limits, item.default ?? {});
    }
  }
  const notes: string[] = [];
  const merge = (container: Container, what: string) => {
    const resources = (container.resources ??= {});
    const limits = (resources.limits ??= {}) as ResourceList;
    const requests = (resources.requests ??= {}) as ResourceList;
    const setLimits = Object.keys(defaults.limits).filter((name) => !(name in limits));
    const setRequests = Object.keys(defaults.requests).filter((name) => !(name in requests));
    for (const name of setLimits) limits[name] = defaults.limits[name];
    for (const name of setRequests) requests[name] = defaults.requests[name];
    if (setRequests.length > 0) notes.push(`${setRequests.sort().join(', ')} request for ${what} ${container.name}`);
    if (setLimits.length > 0) notes.push(`${setLimits.sort().join(', ')} limit for ${what} ${container.name}`);
    if (Object.keys(limits).length === 0) delete resources.limits;
    if (Object.keys(requests).length === 0) delete resources.requests;
  };
  for (const container of pod.spec?.containers ?? []) merge(container, 'container');
  for (const container of pod.spec?.initContainers ?? []) merge(container, 'init container');
  if (notes.length > 0) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
}

function quantity(list: ResourceList | undefined, name: string): Quantity | undefined {
  return list && name in list ? tryParseQuantity(list[name]) : undefined;
}

function minProblem(type: string, name: string, enforced: string, requests?: ResourceList, limits?: ResourceList): string | undefined {
  const min = tryParseQuantity(enforced)!;
  const request = quantity(requests, name);
  const limit = quantity(limits, name);
  if (!request) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (request.cmp(min) < 0) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${requests![name]}`;
  if (limit && limit.cmp(min) < 0) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${limits![name]}`;
  return undefined;
}

function maxProblem(type: string, name: string, enforced: string, requests?: ResourceList, limits?: ResourceList): string | undefined {
  const max = tryParseQuantity(enforced)!;
  const request = quantity(requests, name);
  const limit = quantity(limits, name);
  if (!limit) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (limit.cmp(max) > 0) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${limits![name]}`;
  if (request && request.cmp(max) > 0) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${requests![name]}`;
  return undefined;
}

function ratioProblem(type: string, name: string, enforced: string, requests?: ResourceList, limits?: ResourceList): string | undefined {
  const request = quantity(requests, name);
  const limit = quantity(limits, name);
  if (!request || request.isZero()) return `${name} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (!limit || limit.isZero()) return `${name} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  // The plugin compares in milli-units; the ratio it prints is Go's %f of limit over request.
  const ratio = limit.milliValue() / request.milliValue();
  if (ratio * 1000 > tryParseQuantity(enforced)!.milliValue()) return `${name} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

/** Sums a resource over the containers; undefined when one of them does not set it (the plugin's `sum`). */
function podTotal(lists: (ResourceList | undefined)[], name: string): ResourceList | undefined {
  let total: Quantity | undefined;
  for (const list of lists) {
    const value = quantity(list, name);
    if (!value) return undefined;
    total = total ? total.add(value) : value;
  }
  return total ? { [name]: total.toString() } : undefined;
}

/** The LimitRanger's validation of a new pod: min, max and limit/request ratio per Container and per Pod. Forbidden when violated. */
export function checkPodAgainstLimitRanges(pod: KubeObject, limitRanges: KubeObject[]): ApiError | undefined {
  const problems: string[] = [];
  const containers: Container[] = pod.spec?.containers ?? [];
  for (const range of limitRanges) {
    for (const item of itemsOf(range)) {
      if (item.type === 'Container') {
        for (const container of containers) {
          const { requests, limits } = (container.resources ?? {}) as { requests?: ResourceList; limits?: ResourceList };
          for (const [name, value] of Object.entries(item.min ?? {})) problems.push(minProblem('Container', name, value, requests, limits) ?? '');
          for (const [name, value] of Object.entries(item.max ?? {})) problems.push(maxProblem('Container', name, value, requests, limits) ?? '');
          for (const [name, value] of Object.entries(item.maxLimitRequestRatio ?? {})) problems.push(ratioProblem('Container', name, value, requests, limits) ?? '');
        }
      } else if (item.type === 'Pod') {
        const requestLists = containers.map((c) => c.resources?.requests as ResourceList | undefined);
        const limitLists = containers.map((c) => c.resources?.limits as ResourceList | undefined);
        for (const [name, value] of Object.entries(item.min ?? {})) problems.push(minProblem('Pod', name, value, podTotal(requestLists, name), podTotal(limitLists, name)) ?? '');
        for (const [name, value] of Object.entries(item.max ?? {})) problems.push(maxProblem('Pod', name, value, podTotal(requestLists, name), podTotal(limitLists, name)) ?? '');
        for (const [name, value] of Object.entries(item.maxLimitRequestRatio ?? {})) problems.push(ratioProblem('Pod', name, value, podTotal(requestLists, name), podTotal(limitLists, name)) ?? '');
      }
    }
  }
  const texts = [...new Set(problems.filter((p) => p))];
  if (texts.length === 0) return undefined;
  return new ApiError('Forbidden', `pods ${JSON.stringify(pod.metadata.name ?? '')} is forbidden: ${texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`}`);
}
