// The disruption controller and the eviction subresource: what a PodDisruptionBudget's status says
// as its pods come and go, and which evictions the API server lets through.
import { describe, expect, it } from 'vitest';
import { deployment, runningCluster } from './workloads';
import { FakeCluster, podManifest } from './fake-cluster';
import type { KubeObject } from '../../sim/api/types';
import { evictPod } from '../../sim/api/eviction';
import { ApiError } from '../../sim/api/errors';

function budget(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec };
}

/** ALLOWED CURRENT DESIRED TOTAL, as `kubectl describe pdb` counts them. */
function counts(c: FakeCluster, name: string): string {
  const s = c.get('PodDisruptionBudget', 'default', name).status;
  return `${s.disruptionsAllowed} ${s.currentHealthy} ${s.desiredHealthy} ${s.expectedPods}`;
}

function condition(c: FakeCluster, name: string): string {
  const found = (c.get('PodDisruptionBudget', 'default', name).status.conditions ?? []).find((x: { type: string }) => x.type === 'DisruptionAllowed');
  return found ? `${found.status} ${found.reason}${found.message ? `: ${found.message}` : ''}` : 'none';
}

/** A cluster without a kubelet, with ready pods labelled app=web on node01: nothing removes a terminating pod or replaces one. */
function staticPods(names: string[]): FakeCluster {
  const c = new FakeCluster({ kubelet: false });
  c.addNode('node01');
  for (const name of names) {
    c.create(podManifest(name, { labels: { app: 'web' }, spec: { nodeName: 'node01' } }));
    const pod = c.get('Pod', 'default', name);
    c.api.updateStatus({ ...pod, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });
  }
  c.drain();
  return c;
}

function evictionError(c: FakeCluster, name: string): ApiError | undefined {
  try {
    evictPod(c.api, 'default', name);
    c.drain();
    return undefined;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

describe('the disruption controller', () => {
  it('counts an integer minAvailable against the pods it selects', () => {
    const c = runningCluster();
    c.create(deployment('web', 3));
    c.create(budget('web-pdb', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
    expect(counts(c, 'web-pdb')).toBe('1 3 2 3');
    expect(condition(c, 'web-pdb')).toBe('True SufficientPods');
    expect(c.get('PodDisruptionBudget', 'default', 'web-pdb').status.observedGeneration).toBe(1);
  });

  it('takes percentages and maxUnavailable from the scale of the Deployment, rounding up', () => {
    const c = runningCluster();
    c.create(deployment('web', 5));
    c.create(budget('half', { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } }));
    c.create(budget('one-down', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }));
    c.create(budget('fifth-down', { maxUnavailable: '10%', selector: { matchLabels: { app: 'web' } } }));
    expect(counts(c, 'half')).toBe('2 5 3 5');
    expect(counts(c, 'one-down')).toBe('1 5 4 5');
    expect(counts(c, 'fifth-down')).toBe('1 5 4 5');
    // Scaling the Deployment moves the expected count before any new pod exists.
    c.patch('Deployment', 'default', 'web', { spec: { replicas: 10 } });
    expect(counts(c, 'one-down')).toBe('1 10 9 10');
  });

  it('allows nothing while no healthy pod is above what it wants, and says so', () => {
    const c = runningCluster();
    c.create(deployment('web', 2));
    c.create(budget('web-pdb', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
    expect(counts(c, 'web-pdb')).toBe('0 2 2 2');
    expect(condition(c, 'web-pdb')).toBe('False InsufficientPods');
    const pod = c.names('Pod')[0];
    c.setReady('default', pod, false);
    expect(counts(c, 'web-pdb')).toBe('0 1 2 2');
  });

  it('records NoPods for a budget that selects nothing, which allows nothing', () => {
    const c = runningCluster();
    c.create(budget('lonely', { maxUnavailable: 1, selector: { matchLabels: { app: 'none' } } }));
    expect(counts(c, 'lonely')).toBe('0 0 0 0');
    // Its own status write brings it back once more, as on a real cluster: `(x2)`.
    expect(c.eventsFor('PodDisruptionBudget', 'lonely')[0]).toMatch(/^NoPods: No matching pods found( \(x\d\))?$/);
  });

  it('cannot count a percentage of pods whose controller has no scale: SyncFailed, nothing allowed', () => {
    const c = runningCluster();
    c.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'batch', namespace: 'default' }, spec: { parallelism: 2, template: { metadata: { labels: { app: 'batch' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'nginx' }] } } } });
    c.create(budget('batch-pdb', { maxUnavailable: '50%', selector: { matchLabels: { app: 'batch' } } }));
    const pod = c.names('Pod').find((n) => n.startsWith('batch-'))!;
    expect(condition(c, 'batch-pdb')).toBe(`False SyncFailed: found no controllers for pod "${pod}"`);
    expect(c.eventsFor('PodDisruptionBudget', 'batch-pdb')[0]).toMatch(`CalculateExpectedPodCountFailed: Failed to calculate the number of expected pods: found no controllers for pod "${pod}"`);
  });

  it('warns of pods without a controller under a percentage, and counts none of them as expected', () => {
    const c = runningCluster();
    c.create(podManifest('solo', { labels: { app: 'solo' } }));
    c.create(budget('solo-pdb', { minAvailable: '50%', selector: { matchLabels: { app: 'solo' } } }));
    expect(counts(c, 'solo-pdb')).toBe('0 1 0 0');
    expect(c.eventsFor('PodDisruptionBudget', 'solo-pdb')[0]).toMatch(/^UnmanagedPods: Pods selected by this PodDisruptionBudget \(selector: &LabelSelector\{MatchLabels:map\[string\]string\{app: solo,\},MatchExpressions:\[\]LabelSelectorRequirement\{\},\}\) were found to be unmanaged\./);
  });
});

describe('the eviction subresource', () => {
  it('refuses with 429 and the budget as its cause when no disruption is allowed', () => {
    const c = runningCluster();
    c.create(deployment('web', 2));
    c.create(budget('web-pdb', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
    const error = evictionError(c, c.names('Pod')[0]);
    expect(error?.code).toBe(429);
    expect(error?.reason).toBe('TooManyRequests');
    expect(error?.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(error?.causes.map((cause) => `${cause.type}: ${cause.text}`)).toEqual(['DisruptionBudget: The disruption budget web-pdb needs 2 healthy pods and has 2 currently']);
    expect(c.names('Pod')).toHaveLength(2);
  });

  it('takes one disruption from the budget; the next eviction waits until the replacement is ready', () => {
    const c = runningCluster();
    // `slow` pods are ready 5 s after they start.
    c.create(deployment('web', 3, 'slow'));
    c.advance(6);
    c.create(budget('web-pdb', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }));
    const [first, second] = c.names('Pod');
    expect(counts(c, 'web-pdb')).toBe('1 3 2 3');
    expect(evictionError(c, first)).toBeUndefined();
    expect(c.tryGet('Pod', 'default', first)).toBeUndefined();
    expect(counts(c, 'web-pdb')).toBe('0 2 2 3');
    expect(evictionError(c, second)?.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    c.advance(6);
    expect(counts(c, 'web-pdb')).toBe('1 3 2 3');
    expect(evictionError(c, second)).toBeUndefined();
  });

  it('records the approved eviction until the pod is gone, and marks the pod as a disruption target', () => {
    const c = staticPods(['a', 'b', 'c']);
    c.create(budget('web-pdb', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
    expect(counts(c, 'web-pdb')).toBe('1 3 2 3');
    expect(evictionError(c, 'a')).toBeUndefined();
    // Nothing removes the terminating pod here: it stays, marked, and the budget keeps it as disrupted.
    const pod = c.get('Pod', 'default', 'a');
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect(pod.status.conditions.find((x: { type: string }) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    expect(counts(c, 'web-pdb')).toBe('0 2 2 3');
    expect(evictionError(c, 'b')?.causes[0].text).toBe('The disruption budget web-pdb needs 2 healthy pods and has 2 currently');
  });

  it('lets a pod that is not ready go without taking from a budget that has its healthy pods', () => {
    const c = staticPods(['a', 'b', 'c']);
    c.create(budget('web-pdb', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }));
    c.setReady('default', 'a', false);
    expect(counts(c, 'web-pdb')).toBe('0 2 2 3');
    expect(evictionError(c, 'a')).toBeUndefined();
    expect(evictionError(c, 'b')?.code).toBe(429);
  });

  it('lets any unready pod go under AlwaysAllow', () => {
    const c = runningCluster();
    c.create(deployment('web', 2));
    c.create(budget('web-pdb', { minAvailable: 2, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { app: 'web' } } }));
    const [first] = c.names('Pod');
    c.setReady('default', first, false);
    expect(evictionError(c, first)).toBeUndefined();
  });

  it('does not support two budgets over one pod', () => {
    const c = runningCluster();
    c.create(deployment('web', 2));
    c.create(budget('a', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }));
    c.create(budget('b', { maxUnavailable: 1, selector: {} }));
    const error = evictionError(c, c.names('Pod')[0]);
    expect(error?.code).toBe(500);
    expect(error?.message).toBe('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  });
});
