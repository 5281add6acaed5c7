// ControllerRevisions (pkg/controller/history): the DaemonSet and StatefulSet controllers keep each
// pod template they have run as a numbered revision, owned by the workload, for rollbacks.
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import { deepClone } from '../api/object-utils';
import { controllerRefTo, isControlledBy } from './owner-references';
import { tryWrite } from './api-helpers';

/**
 * Makes sure the owner's current template has a revision named `<owner>-<hash>` with the highest
 * number (creating it, or renumbering an older one brought back by a rollback), and drops the
 * oldest beyond spec.revisionHistoryLimit (default 10). Returns the revision's name.
 */
export function syncTemplateRevision(ctx: EngineContext, owner: KubeObject, hash: string, hashLabel: string): string {
  const name = `${owner.metadata.name}-${hash}`;
  const revisions = ctx.api.list('ControllerRevision', owner.metadata.namespace).filter((r) => isControlledBy(r, owner));
  const existing = revisions.find((r) => r.metadata.name === name);
  const maxRevision = Math.max(0, ...revisions.map((r) => r.revision ?? 0));
  if (!existing) {
    tryWrite(() =>
      ctx.api.create({
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: { name, namespace: owner.metadata.namespace, labels: { ...(owner.spec.template?.metadata?.labels ?? {}), [hashLabel]: hash }, ownerReferences: [controllerRefTo(owner)] },
        data: { spec: { template: { ...deepClone(owner.spec.template), $patch: 'replace' } } },
        revision: maxRevision + 1,
      }),
    );
  } else if ((existing.revision ?? 0) < maxRevision) {
    existing.revision = maxRevision + 1;
    tryWrite(() => ctx.api.update(existing));
  }
  const limit: number = owner.spec.revisionHistoryLimit ?? 10;
  const old = revisions.filter((r) => r.metadata.name !== name).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  for (const r of old.slice(0, Math.max(0, old.length - limit))) tryWrite(() => ctx.api.delete('ControllerRevision', r.metadata.namespace, r.metadata.name!));
  return name;
}
