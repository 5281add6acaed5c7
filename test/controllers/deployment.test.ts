import { describe, expect, it } from 'vitest';
import { counts, deployment, runningCluster, setImage } from './workloads';
import { computePodTemplateHash, safeEncode } from '../../sim/controllers/pod-template-hash';
import { resolveFenceposts } from '../../sim/controllers/int-or-percent';

const deployColumns = ['readyReplicas', 'updatedReplicas', 'availableReplicas'];

function conditions(obj: { status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] } }): string[] {
  return (obj.status?.conditions ?? []).map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`);
}

describe('pod-template-hash', () => {
  it('maps decimal digits through the safe alphabet', () => {
    expect(safeEncode('0123456789')).toBe('456789bcdf');
    const hash = computePodTemplateHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it('does not depend on key order, and changes with the collision count', () => {
    const a = computePodTemplateHash({ spec: { containers: [{ name: 'x', image: 'nginx' }] }, metadata: { labels: { app: 'a' } } });
    const b = computePodTemplateHash({ metadata: { labels: { app: 'a' } }, spec: { containers: [{ image: 'nginx', name: 'x' }] } });
    expect(a).toBe(b);
    expect(computePodTemplateHash({ a: 1 }, 1)).not.toBe(computePodTemplateHash({ a: 1 }));
  });
});

describe('surge and unavailable fenceposts', () => {
  it('rounds surge up and unavailable down', () => {
    expect(resolveFenceposts(undefined, undefined, 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts(undefined, undefined, 4)).toEqual({ surge: 1, unavailable: 1 });
    expect(resolveFenceposts(undefined, undefined, 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts(0, 0, 3)).toEqual({ surge: 0, unavailable: 1 });
  });
});

describe('Deployment controller', () => {
  it('creates a ReplicaSet <deploy>-<hash> with the hash label, revision 1, and its pods', () => {
    const c = runningCluster();
    c.create(deployment('web', 3));
    const [rs] = c.api.list('ReplicaSet', 'default');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    for (const name of c.names('Pod')) expect(name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    const d = c.get('Deployment', 'default', 'web');
    expect(counts(d, deployColumns)).toBe('3 3 3');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(conditions(d)).toEqual([
      'Available True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing True NewReplicaSetAvailable: ReplicaSet "web-${hash}" has successfully progressed.`,
    ]);
    expect(c.eventsFor('Deployment', 'web')).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
  });

  it('rolls out a new image within maxSurge/maxUnavailable and keeps the old RS at 0', () => {
    const c = runningCluster();
    c.create(deployment('web', 3));
    const oldRs = c.api.list('ReplicaSet', 'default')[0].metadata.name!;
    setImage(c, 'Deployment', 'web', 'nginx:1.28');
    const sets = c.api.list('ReplicaSet', 'default');
    expect(sets).toHaveLength(2);
    const newRs = sets.find((s) => s.metadata.name !== oldRs)!;
    expect(newRs.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(c.get('ReplicaSet', 'default', oldRs).spec.replicas).toBe(0);
    expect(newRs.spec.replicas).toBe(3);
    expect(c.api.list('Pod', 'default').every((p) => p.metadata.labels?.['pod-template-hash'] === newRs.metadata.labels!['pod-template-hash'])).toBe(true);
    // 3 replicas: surge 1, unavailable 0 → one new pod at a time
    expect(c.eventsFor('Deployment', 'web')).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldRs} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${newRs.metadata.name} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${oldRs} from 3 to 2`,
      `ScalingReplicaSet: Scaled up replica set ${newRs.metadata.name} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${oldRs} from 2 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${newRs.metadata.name} from 2 to 3`,
      `ScalingReplicaSet: Scaled down replica set ${oldRs} from 1 to 0`,
    ]);
    expect(c.get('Deployment', 'default', 'web').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('stalls a rollout to a missing image with the old pods serving, then exceeds the deadline', () => {
    const c = runningCluster();
    c.create(deployment('web', 4, 'nginx:1.27', { progressDeadlineSeconds: 60 }));
    setImage(c, 'Deployment', 'web', 'missing:9.9');
    const d = c.get('Deployment', 'default', 'web');
    // 4 replicas: surge 1, unavailable 1 → 3 old stay available, 2 new pull forever.
    // unavailableReplicas counts against the ReplicaSets' total (3 + 2), as calculateStatus does.
    expect(d.status).toMatchObject({ replicas: 5, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 2 });
    const newRs = c.api.list('ReplicaSet', 'default').find((s) => s.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2')!;
    expect(conditions(d)[1]).toBe(`Progressing True ReplicaSetUpdated: ReplicaSet "${newRs.metadata.name}" is progressing.`);
    c.advance(62);
    expect(conditions(c.get('Deployment', 'default', 'web'))).toEqual([
      'Available True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing False ProgressDeadlineExceeded: ReplicaSet "${newRs.metadata.name}" has timed out progressing.`,
    ]);
  });

  it('Recreate removes every old pod before creating new ones', () => {
    const c = runningCluster();
    c.create(deployment('web', 2, 'nginx:1.27', { strategy: { type: 'Recreate' } }));
    setImage(c, 'Deployment', 'web', 'nginx:1.28');
    const events = c.eventsFor('Deployment', 'web');
    expect(events.map((e) => e.replace(/web-[a-z0-9]+/, 'RS'))).toEqual([
      'ScalingReplicaSet: Scaled up replica set RS from 0 to 2',
      'ScalingReplicaSet: Scaled down replica set RS from 2 to 0',
      'ScalingReplicaSet: Scaled up replica set RS from 0 to 2',
    ]);
    expect(c.api.list('Pod', 'default')).toHaveLength(2);
  });

  it('scales, pauses and resumes', () => {
    const c = runningCluster();
    c.create(deployment('web', 2));
    c.patch('Deployment', 'default', 'web', { spec: { replicas: 5 } });
    expect(c.api.list('Pod', 'default')).toHaveLength(5);
    c.patch('Deployment', 'default', 'web', { spec: { paused: true } });
    setImage(c, 'Deployment', 'web', 'nginx:1.28');
    expect(c.api.list('ReplicaSet', 'default')).toHaveLength(1);
    expect(conditions(c.get('Deployment', 'default', 'web'))[1]).toBe('Progressing Unknown DeploymentPaused: Deployment is paused');
    c.patch('Deployment', 'default', 'web', { spec: { paused: false } });
    expect(c.api.list('ReplicaSet', 'default')).toHaveLength(2);
    const d = c.get('Deployment', 'default', 'web');
    expect(counts(d, deployColumns)).toBe('5 5 5');
  });

  it('copies change-cause, rolls back to an old template as a new revision, and trims history', () => {
    const c = runningCluster();
    c.create(deployment('web', 1, 'nginx:1.25', { revisionHistoryLimit: 1 }));
    const first = c.api.list('ReplicaSet', 'default')[0].metadata.name!;
    c.patch('Deployment', 'default', 'web', { metadata: { annotations: { 'kubernetes.io/change-cause': 'to 1.26' } } });
    setImage(c, 'Deployment', 'web', 'nginx:1.26');
    const second = c.api.list('ReplicaSet', 'default').find((s) => s.metadata.name !== first)!;
    expect(second.metadata.annotations?.['kubernetes.io/change-cause']).toBe('to 1.26');
    setImage(c, 'Deployment', 'web', 'nginx:1.25');
    // Back to the first template: its RS becomes revision 3; the limit of 1 keeps only one idle RS.
    const sets = c.api.list('ReplicaSet', 'default');
    expect(sets.map((s) => s.metadata.name).sort()).toEqual([first, second.metadata.name].sort());
    expect(c.get('ReplicaSet', 'default', first).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    setImage(c, 'Deployment', 'web', 'nginx:1.27');
    expect(c.api.list('ReplicaSet', 'default').map((s) => s.metadata.name)).not.toContain(second.metadata.name);
    expect(c.api.list('ReplicaSet', 'default')).toHaveLength(2);
  });

  it('restartedAt in the template rolls out new pods', () => {
    const c = runningCluster();
    c.create(deployment('web', 2));
    const before = c.names('Pod');
    c.patch('Deployment', 'default', 'web', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-15T09:05:00Z' } } } } });
    const after = c.names('Pod');
    expect(after).toHaveLength(2);
    expect(after.some((n) => before.includes(n))).toBe(false);
  });
});
