// The resource types the simulated API server serves: what discovery (`kubectl api-resources`)
// reports, and how kubectl resolves `po`, `deploy`, `pods.v1`, `deployments.apps` to a kind.
// The types themselves come from the kind registry (./kinds).
import { kindRecords, type ResourceType } from './kinds';

export type { ResourceType } from './kinds';

/** In `kubectl api-resources` order (core group first, then groups alphabetically). */
export const resourceTypes: readonly ResourceType[] = kindRecords.map((record) => record.resource);

/** The kinds `kubectl get all` lists, in discovery order. */
export const allCategoryTypes: readonly ResourceType[] = resourceTypes.filter((type) => (type.categories ?? []).includes('all'));

/** The kinds with a scale subresource (`kubectl scale`, PATCH .../scale). */
export const scalableKinds: readonly string[] = kindRecords.filter((record) => record.subresources.includes('scale')).map((record) => record.resource.kind);

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

const resourceTypesByKind = new Map(resourceTypes.map((type) => [type.kind, type]));

export function resourceTypeForKind(kind: string): ResourceType | undefined {
  return resourceTypesByKind.get(kind);
}

/**
 * Resolves what a learner typed as a resource (`po`, `pods`, `Pod`, `deploy`, `deployments.apps`,
 * `deployment.v1.apps`) the way kubectl's RESTMapper does. Matching is case-insensitive.
 */
export function resolveResourceType(typed: string): ResourceType | undefined {
  const lower = typed.toLowerCase();
  const [name, ...groupParts] = lower.split('.');
  let group: string | undefined;
  let version: string | undefined;
  if (groupParts.length > 0) {
    // `pods.v1`, `deployments.apps`, `deployments.v1.apps`
    if (/^v\d/.test(groupParts[0])) {
      version = groupParts[0];
      group = groupParts.slice(1).join('.');
    } else {
      group = groupParts.join('.');
    }
  }
  return resourceTypes.find((t) => {
    const nameMatches = t.plural === name || t.singular === name || t.kind.toLowerCase() === name || t.shortNames.includes(name);
    if (!nameMatches) return false;
    if (group !== undefined && t.group !== group) return false;
    if (version !== undefined && t.version !== version) return false;
    return true;
  });
}

/** `pod`, `deployment.apps`: the prefix `kubectl get` prints with several kinds or `-o name`. */
export function qualifiedSingular(t: ResourceType): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}

/**
 * Served types grouped by `group/version`, core first, in the order the types are listed: the
 * order of discovery, in which kubectl api-resources prints them.
 */
export function groupVersions(types: readonly ResourceType[]): { group: string; version: string; types: ResourceType[] }[] {
  const out: { group: string; version: string; types: ResourceType[] }[] = [];
  for (const type of types) {
    let entry = out.find((g) => g.group === type.group && g.version === type.version);
    if (!entry) out.push((entry = { group: type.group, version: type.version, types: [] }));
    entry.types.push(type);
  }
  return out;
}
