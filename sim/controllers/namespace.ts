// Namespaces: the service-account and root-CA publisher controllers give every namespace a
// `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap (and put them back when deleted);
// the namespace controller empties a Terminating namespace and then lets it go.
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepEqual } from '../api/object-utils';
import { rfc3339 } from '../time';
import { tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';

export const rootCaConfigMap = 'kube-root-ca.crt';
const recheckMs = 5000;
const skippedKinds = new Set(['Binding', 'PodMetrics', 'NodeMetrics']);

/** A stand-in cluster CA certificate (the real one is the cluster's own). */
export const clusterCaCertificate = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIPodLabSimCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE',
  'AxMKa3ViZXJuZXRlczAeFw0yNjAxMTUwOTAwMDBaFw0zNjAxMTMwOTAwMDBaMBUx',
  'EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

export function startNamespaceController(ctx: EngineContext): void {
  const enqueue = (name: string) => enqueueGuarded(ctx, `namespace/${name}`, () => syncNamespace(ctx, name, enqueue));
  inform(ctx, 'Namespace', (event: WatchEvent) => {
    if (event.type !== 'DELETED') enqueue(event.object.metadata.name!);
  });
  // Put the defaults back if someone deletes them; let a terminating namespace finish as content goes.
  for (const type of ctx.api.resourceTypes()) {
    if (!type.namespaced || skippedKinds.has(type.kind) || !type.verbs.includes('watch')) continue;
    inform(ctx, type.kind, (event: WatchEvent) => {
      if (event.type !== 'DELETED') return;
      const namespace = event.object.metadata.namespace;
      if (!namespace) return;
      const kind = event.object.kind;
      const name = event.object.metadata.name;
      if (kind === 'ServiceAccount' && name === 'default') enqueue(namespace);
      else if (kind === 'ConfigMap' && name === rootCaConfigMap) enqueue(namespace);
      else {
        const ns = tryGet(ctx, 'Namespace', undefined, namespace);
        if (ns?.metadata.deletionTimestamp) enqueue(namespace);
      }
    });
  }
}

function syncNamespace(ctx: EngineContext, name: string, enqueue: (name: string) => void): void {
  const ns = tryGet(ctx, 'Namespace', undefined, name);
  if (!ns) return;
  if (!ns.metadata.deletionTimestamp) {
    ensureDefaults(ctx, name);
    return;
  }
  const remaining = deleteContent(ctx, name);
  setDeletionConditions(ctx, ns, remaining);
  if (remaining.size === 0) {
    const fresh = tryGet(ctx, 'Namespace', undefined, name);
    if (!fresh) return;
    fresh.spec = { ...(fresh.spec ?? {}), finalizers: [] };
    tryWrite(() => ctx.api.update(fresh));
  } else {
    ctx.clock.after(recheckMs, () => enqueue(name), 'namespace-deletion');
  }
}

function ensureDefaults(ctx: EngineContext, namespace: string): void {
  if (!tryGet(ctx, 'ServiceAccount', namespace, 'default')) {
    tryWrite(() => ctx.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } }));
  }
  if (!tryGet(ctx, 'ConfigMap', namespace, rootCaConfigMap)) {
    tryWrite(() =>
      ctx.api.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: rootCaConfigMap, namespace, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
        data: { 'ca.crt': clusterCaCertificate },
      }),
    );
  }
}

/** Deletes every object in the namespace; returns plural → count of objects still there. */
function deleteContent(ctx: EngineContext, namespace: string): Map<string, number> {
  const remaining = new Map<string, number>();
  for (const type of ctx.api.resourceTypes()) {
    if (!type.namespaced || skippedKinds.has(type.kind) || !type.verbs.includes('delete')) continue;
    const objects = ctx.api.list(type.kind, namespace);
    for (const obj of objects) {
      if (!obj.metadata.deletionTimestamp) tryWrite(() => ctx.api.delete(type.kind, namespace, obj.metadata.name!, { propagationPolicy: 'Background' }));
    }
    const left = ctx.api.list(type.kind, namespace, { readOnly: true }).length;
    // Named as the controller prints a group resource: `pods.` for the core group, `deployments.apps`.
    if (left > 0) remaining.set(`${type.plural}.${type.group}`, left);
  }
  return remaining;
}

function setDeletionConditions(ctx: EngineContext, ns: KubeObject, remaining: Map<string, number>): void {
  const now = rfc3339(ctx.clock.now());
  const names = [...remaining.keys()].sort();
  const details = names.map((n) => `${n} has ${remaining.get(n)} resource instances`).join(', ');
  const wanted = [
    { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
    { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
    { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
    remaining.size > 0
      ? { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${details}` }
      : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
    { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
  ];
  const previous: any[] = ns.status?.conditions ?? [];
  const conditions = wanted.map((c) => {
    const old = previous.find((p) => p.type === c.type);
    return { ...c, lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now };
  });
  if (deepEqual(conditions, previous)) return;
  ns.status = { ...(ns.status ?? {}), phase: 'Terminating', conditions };
  tryWrite(() => ctx.api.updateStatus(ns));
}
