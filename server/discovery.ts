// Discovery documents: what `kubectl api-resources` and every kubectl command read first to map
// `po` or `deploy` onto a URL. kubectl 1.32 asks for the aggregated form (apidiscovery.k8s.io/v2)
// and falls back to /api, /apis and one document per group version.
import { groupVersions, type ResourceType } from '../sim/api/resources';
import { kindRecord } from '../sim/api/kinds';

export const aggregatedDiscoveryType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

interface Subresource {
  name: string;
  kind: { group: string; version: string; kind: string };
  verbs: string[];
}

/** What each subresource a kind's record names answers with, and its verbs. */
function subresourcesOf(type: ResourceType): Subresource[] {
  const same = { group: type.group, version: type.version, kind: type.kind };
  const core = (kind: string) => ({ group: '', version: 'v1', kind });
  const known: Record<string, Omit<Subresource, 'name'>> = {
    attach: { kind: core('PodAttachOptions'), verbs: ['create', 'get'] },
    binding: { kind: core('Binding'), verbs: ['create'] },
    ephemeralcontainers: { kind: same, verbs: ['get', 'patch', 'update'] },
    eviction: { kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
    exec: { kind: core('PodExecOptions'), verbs: ['create', 'get'] },
    log: { kind: same, verbs: ['get'] },
    portforward: { kind: core('PodPortForwardOptions'), verbs: ['create', 'get'] },
    proxy: { kind: core('PodProxyOptions'), verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    scale: { kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
    status: { kind: same, verbs: ['get', 'patch', 'update'] },
  };
  return (kindRecord(type.kind)?.subresources ?? []).map((name) => ({ name, ...known[name] }));
}

/**
 * The served types and, after each, the other versions its kind is also served in (autoscaling/v1
 * beside v2), as a server lists every version of a group with the preferred one first.
 */
export function withOtherVersions(types: readonly ResourceType[]): ResourceType[] {
  return types.flatMap((type) => [
    type,
    ...Object.keys(kindRecord(type.kind)?.otherVersions ?? {}).map((groupVersion) => ({ ...type, version: groupVersion.slice(groupVersion.indexOf('/') + 1) })),
  ]);
}

function gv(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The aggregated discovery document for the core group (`/api`) or the named groups (`/apis`). */
export function aggregatedDiscovery(types: readonly ResourceType[], core: boolean): unknown {
  const groups = groupVersions(types).filter((g) => (g.group === '') === core);
  const byGroup = new Map<string, typeof groups>();
  for (const g of groups) byGroup.set(g.group, [...(byGroup.get(g.group) ?? []), g]);
  const items = [...byGroup.entries()].map(([group, versions]) => ({
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: versions.map((v) => ({
      version: v.version,
      resources: v.types.map((t) => {
        const resource: Record<string, unknown> = {
          resource: t.plural,
          responseKind: { group: t.group, version: t.version, kind: t.kind },
          scope: t.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: t.singular,
          verbs: t.verbs,
        };
        if (t.shortNames.length > 0) resource.shortNames = t.shortNames;
        if (t.categories?.length) resource.categories = [...t.categories];
        const subresources = subresourcesOf(t).map((s) => ({ subresource: s.name, responseKind: s.kind, verbs: s.verbs }));
        if (subresources.length > 0) resource.subresources = subresources;
        return resource;
      }),
      freshness: 'Current',
    })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

export function apiVersions(serverAddress: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function apiGroupList(types: readonly ResourceType[]): unknown {
  const groups = new Map<string, string[]>();
  for (const g of groupVersions(types)) if (g.group) groups.set(g.group, [...(groups.get(g.group) ?? []), g.version]);
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups.entries()].map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({ groupVersion: gv(name, version), version })),
      preferredVersion: { groupVersion: gv(name, versions[0]), version: versions[0] },
    })),
  };
}

/** `/apis/<group>`: one APIGroup, or undefined when the group is not served. */
export function apiGroup(types: readonly ResourceType[], group: string): unknown {
  const versions = groupVersions(types).filter((g) => g.group === group && group !== '').map((g) => g.version);
  if (versions.length === 0) return undefined;
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions: versions.map((version) => ({ groupVersion: gv(group, version), version })),
    preferredVersion: { groupVersion: gv(group, versions[0]), version: versions[0] },
  };
}

/** `/api/v1`, `/apis/apps/v1`: the APIResourceList, or undefined when not served. */
export function apiResourceList(types: readonly ResourceType[], group: string, version: string): unknown {
  const served = types.filter((t) => t.group === group && t.version === version);
  if (served.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const t of served) {
    const resource: Record<string, unknown> = { name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs };
    if (t.shortNames.length > 0) resource.shortNames = t.shortNames;
    if (t.categories?.length) resource.categories = [...t.categories];
    resources.push(resource);
    for (const s of subresourcesOf(t)) {
      const sub: Record<string, unknown> = { name: `${t.plural}/${s.name}`, singularName: '', namespaced: t.namespaced, kind: s.kind.kind, verbs: s.verbs };
      if (s.kind.group !== t.group || s.kind.version !== t.version) {
        sub.group = s.kind.group;
        sub.version = s.kind.version;
      }
      resources.push(sub);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources };
}
