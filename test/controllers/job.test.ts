import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { runningCluster } from './workloads';

function job(name: string, image: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'task', image }] } }, ...spec },
  };
}

function conditionTypes(obj: KubeObject): string[] {
  return (obj.status?.conditions ?? []).map((c: { type: string; status: string; reason: string; message: string }) => `${c.type} ${c.status} ${c.reason}: ${c.message}`);
}

describe('Job controller', () => {
  it('runs one pod to completion with 1.32 conditions and events', () => {
    const c = runningCluster();
    c.create(job('pi', 'done'));
    const [pod] = c.api.list('Pod', 'default');
    expect(pod.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'job-name': 'pi' });
    expect(c.get('Job', 'default', 'pi').status).toMatchObject({ active: 1, ready: 1, startTime: '2026-01-15T09:00:00Z' });
    c.advance(1);
    const finished = c.get('Job', 'default', 'pi');
    expect(finished.status).toMatchObject({ succeeded: 1, ready: 0, completionTime: '2026-01-15T09:00:01Z' });
    expect(finished.status.active).toBeUndefined();
    expect(conditionTypes(finished)).toEqual([
      'SuccessCriteriaMet True CompletionsReached: Reached expected number of succeeded pods',
      'Complete True CompletionsReached: Reached expected number of succeeded pods',
    ]);
    expect(c.eventsFor('Job', 'pi')).toEqual([`SuccessfulCreate: Created pod: ${pod.metadata.name}`, 'Completed: Job completed']);
    // the pod stays, as Completed
    expect(c.get('Pod', 'default', pod.metadata.name!).status.phase).toBe('Succeeded');
  });

  it('honours completions and parallelism', () => {
    const c = runningCluster();
    c.create(job('batch', 'done', { completions: 5, parallelism: 2 }));
    expect(c.get('Job', 'default', 'batch').status.active).toBe(2);
    c.advance(1);
    expect(c.get('Job', 'default', 'batch').status).toMatchObject({ succeeded: 2, active: 2 });
    c.advance(1);
    expect(c.get('Job', 'default', 'batch').status).toMatchObject({ succeeded: 4, active: 1 });
    c.advance(1);
    expect(c.get('Job', 'default', 'batch').status.succeeded).toBe(5);
    expect(c.api.list('Pod', 'default')).toHaveLength(5);
  });

  it('backs off 10 s, 20 s, 40 s between failures and fails past backoffLimit', () => {
    const c = runningCluster();
    c.create(job('flaky', 'fail', { backoffLimit: 2 }));
    const podCount = () => c.api.list('Pod', 'default').length;
    c.advance(1); // first pod fails at 1 s
    expect(c.get('Job', 'default', 'flaky').status.failed).toBe(1);
    c.advance(9);
    expect(podCount()).toBe(1);
    c.advance(1); // 11 s: second pod, fails at 12 s
    expect(podCount()).toBe(2);
    c.advance(20); // 31 s: still waiting (due at 32 s)
    expect(podCount()).toBe(2);
    c.advance(1);
    expect(podCount()).toBe(3);
    c.advance(1); // third failure > backoffLimit 2
    const failed = c.get('Job', 'default', 'flaky');
    expect(failed.status.failed).toBe(3);
    expect(conditionTypes(failed)).toEqual([
      'FailureTarget True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(c.eventsFor('Job', 'flaky').at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
    c.advance(600);
    expect(podCount()).toBe(3);
  });

  it('stops a Job past activeDeadlineSeconds', () => {
    const c = runningCluster();
    c.create(job('slowpoke', 'nginx', { activeDeadlineSeconds: 30 }));
    c.advance(30);
    const failed = c.get('Job', 'default', 'slowpoke');
    expect(conditionTypes(failed)).toEqual([
      'FailureTarget True DeadlineExceeded: Job was active longer than specified deadline',
      'Failed True DeadlineExceeded: Job was active longer than specified deadline',
    ]);
    expect(c.api.list('Pod', 'default')).toHaveLength(0);
    expect(c.eventsFor('Job', 'slowpoke').at(-1)).toBe('DeadlineExceeded: Job was active longer than specified deadline');
  });

  it('deletes a finished Job and its pods after ttlSecondsAfterFinished', () => {
    const c = runningCluster();
    c.create(job('short', 'done', { ttlSecondsAfterFinished: 60 }));
    c.advance(1);
    c.advance(59);
    expect(c.names('Job')).toEqual(['short']);
    c.advance(1);
    expect(c.names('Job')).toEqual([]);
    expect(c.api.list('Pod', 'default')).toHaveLength(0);
  });

  it('suspends and resumes', () => {
    const c = runningCluster();
    c.create(job('later', 'nginx', { suspend: true }));
    expect(c.api.list('Pod', 'default')).toHaveLength(0);
    expect(conditionTypes(c.get('Job', 'default', 'later'))).toEqual(['Suspended True JobSuspended: Job suspended']);
    c.patch('Job', 'default', 'later', { spec: { suspend: false } });
    expect(c.api.list('Pod', 'default')).toHaveLength(1);
    expect(conditionTypes(c.get('Job', 'default', 'later'))).toEqual(['Suspended False JobResumed: Job resumed']);
  });

  it('counts a pod deleted before it finished as failed, but not the pods it deletes itself', () => {
    const c = runningCluster();
    c.create(job('deleted', 'nginx', { backoffLimit: 1, parallelism: 2, completions: 2 }));
    const [first] = c.api.list('Pod', 'default');
    c.delete('Pod', 'default', first.metadata.name!);
    c.advance(1);
    expect(c.get('Job', 'default', 'deleted').status.failed).toBe(1);
    expect(c.get('Job', 'default', 'deleted').status.conditions).toBeUndefined();
    c.patch('Job', 'default', 'deleted', { spec: { suspend: true } });
    c.advance(60);
    expect(c.get('Job', 'default', 'deleted').status.failed).toBe(1);
  });

  it('counts container restarts under restartPolicy OnFailure towards backoffLimit', () => {
    const c = runningCluster();
    const manifest = job('retry', 'nginx', { backoffLimit: 2 });
    manifest.spec.template.spec.restartPolicy = 'OnFailure';
    c.create(manifest);
    const [pod] = c.api.list('Pod', 'default');
    pod.status.containerStatuses[0].restartCount = 1;
    c.api.updateStatus(pod);
    c.drain();
    expect(conditionTypes(c.get('Job', 'default', 'retry'))).toEqual([]);
    const again = c.get('Pod', 'default', pod.metadata.name!);
    again.status.containerStatuses[0].restartCount = 2;
    c.api.updateStatus(again);
    c.drain();
    expect(conditionTypes(c.get('Job', 'default', 'retry'))).toEqual([
      'FailureTarget True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(c.api.list('Pod', 'default')).toHaveLength(0);
  });
});

describe('Indexed Jobs', () => {
  it('gives each pod its index in an annotation, a label, JOB_COMPLETION_INDEX, its name and hostname, and lists completed indexes', () => {
    const c = runningCluster();
    c.create(job('idx', 'done', { completions: 5, parallelism: 3, completionMode: 'Indexed' }));
    const pods = c.api.list('Pod', 'default');
    expect(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort()).toEqual(['0', '1', '2']);
    const first = pods.find((p) => p.metadata.labels?.['batch.kubernetes.io/job-completion-index'] === '0')!;
    expect(first.metadata.name).toMatch(/^idx-0-[a-z0-9]{5}$/);
    expect(first.spec.hostname).toBe('idx-0');
    expect(first.spec.containers[0].env).toContainEqual({
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
    });
    c.advance(1);
    expect(c.get('Job', 'default', 'idx').status).toMatchObject({ succeeded: 3, completedIndexes: '0-2', active: 2 });
    c.advance(1);
    const done = c.get('Job', 'default', 'idx');
    expect(done.status).toMatchObject({ succeeded: 5, completedIndexes: '0-4' });
    expect(conditionTypes(done).at(-1)).toBe('Complete True CompletionsReached: Reached expected number of succeeded pods');
  });

  it('retries each index on its own with backoffLimitPerIndex and fails with the failed indexes listed', () => {
    const c = runningCluster();
    c.create(job('per-index', 'even-fails', { completions: 4, parallelism: 4, completionMode: 'Indexed', backoffLimitPerIndex: 1 }));
    c.advance(1); // indexes 0 and 2 fail once, 1 and 3 succeed
    expect(c.get('Job', 'default', 'per-index').status).toMatchObject({ failed: 2, completedIndexes: '1,3', failedIndexes: '' });
    c.advance(10); // the second tries start after 10 s
    const retries = c.api.list('Pod', 'default').filter((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
    expect(retries.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'])).toEqual(['1', '1']);
    c.advance(1);
    const failed = c.get('Job', 'default', 'per-index');
    expect(failed.status).toMatchObject({ failed: 4, succeeded: 2, completedIndexes: '1,3', failedIndexes: '0,2' });
    expect(conditionTypes(failed)).toEqual(['FailureTarget True FailedIndexes: Job has failed indexes', 'Failed True FailedIndexes: Job has failed indexes']);
  });

  it('stops at once past maxFailedIndexes', () => {
    const c = runningCluster();
    c.create(job('max', 'fail', { completions: 6, parallelism: 2, completionMode: 'Indexed', backoffLimitPerIndex: 0, maxFailedIndexes: 1 }));
    c.advance(1);
    c.advance(1);
    const failed = c.get('Job', 'default', 'max');
    expect(failed.status.failedIndexes).toBe('0,1');
    expect(conditionTypes(failed).at(-1)).toBe('Failed True MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes');
  });
});

describe('successPolicy', () => {
  it('declares the Job succeeded by the first rule met, then removes the lingering pods and completes', () => {
    const c = runningCluster();
    const rules = [{ succeededIndexes: '0-1' }, { succeededIndexes: '1-2', succeededCount: 1 }];
    c.create(job('policy', 'nginx', { completions: 3, parallelism: 3, completionMode: 'Indexed', successPolicy: { rules } }));
    const pods = c.api.list('Pod', 'default');
    expect(pods).toHaveLength(3);
    const winner = pods.find((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === '1')!;
    winner.status.phase = 'Succeeded';
    c.api.updateStatus(winner);
    c.advance(1);
    const done = c.get('Job', 'default', 'policy');
    // Index 1 alone does not meet rule 0 (both 0 and 1), but meets rule 1 (one of 1-2).
    expect(conditionTypes(done)).toEqual(['SuccessCriteriaMet True SuccessPolicy: Matched rules at index 1', 'Complete True SuccessPolicy: Matched rules at index 1']);
    expect(done.status).toMatchObject({ succeeded: 1, completedIndexes: '1' });
    expect(done.status.completionTime).toBeDefined();
    expect(c.names('Pod')).toEqual([winner.metadata.name]);
    expect(c.eventsFor('Job', 'policy').at(-1)).toBe('Completed: Job completed');
  });

  it('gives way to a terminating policy met at the same time', () => {
    const c = runningCluster();
    c.create(job('strict', 'even-fails', { completions: 2, parallelism: 2, completionMode: 'Indexed', backoffLimit: 0, successPolicy: { rules: [{ succeededIndexes: '1' }] } }));
    c.advance(1); // index 0 fails, index 1 succeeds
    const failed = c.get('Job', 'default', 'strict');
    expect(conditionTypes(failed)).toEqual([
      'FailureTarget True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
  });
});

describe('podFailurePolicy', () => {
  const failJobOn42 = { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'task', operator: 'In', values: [42] } }] };

  it('fails the Job on a FailJob exit code with the controller message, stopping the other pods', () => {
    const c = runningCluster();
    c.create(job('policy', 'fail:42', { completions: 4, parallelism: 2, backoffLimit: 6, podFailurePolicy: failJobOn42 }));
    const [first] = c.api.list('Pod', 'default');
    c.advance(1);
    const failed = c.get('Job', 'default', 'policy');
    expect(conditionTypes(failed)[0]).toBe(`FailureTarget True PodFailurePolicy: Container task for pod default/${first.metadata.name} failed with exit code 42 matching FailJob rule at index 0`);
    expect(conditionTypes(failed).at(-1)).toMatch(/^Failed True PodFailurePolicy: Container task for pod default\/policy-\w{5} failed with exit code 42 matching FailJob rule at index 0$/);
    expect(c.eventsFor('Job', 'policy').at(-1)).toMatch(/^PodFailurePolicy: Container task for pod default\/policy-\w{5} failed with exit code 42/);
  });

  it('retries without counting failures an Ignore rule matches', () => {
    const c = runningCluster();
    c.create(job('ignoring', 'fail:3', { backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }] } }));
    c.advance(1);
    c.advance(1);
    const status = c.get('Job', 'default', 'ignoring').status;
    expect(status.failed ?? 0).toBe(0);
    expect(status.conditions).toBeUndefined();
    expect(c.api.list('Pod', 'default').length).toBeGreaterThanOrEqual(2);
  });

  it('fails the Job on a FailJob pod condition of a pod deleted while Pending, which ends Failed', () => {
    const c = runningCluster();
    const rules = [{ action: 'FailJob', onPodConditions: [{ type: 'ConfigIssue', status: 'True' }] }];
    c.create(job('config', 'missing:1', { completions: 8, parallelism: 2, backoffLimit: 6, podFailurePolicy: { rules } }));
    c.advance(5);
    const [pod] = c.api.list('Pod', 'default');
    expect(pod.status.phase).toBe('Pending');
    // A deleted Pending pod without the condition fails too, but matches no rule: it counts toward backoffLimit.
    const other = c.api.list('Pod', 'default')[1];
    c.delete('Pod', 'default', other.metadata.name!);
    c.advance(1);
    expect(c.get('Job', 'default', 'config').status).toMatchObject({ failed: 1 });
    expect(c.get('Job', 'default', 'config').status.conditions).toBeUndefined();
    pod.status.conditions = [...pod.status.conditions, { type: 'ConfigIssue', status: 'True', reason: 'NonExistingImage', lastTransitionTime: '2026-01-15T09:00:05Z' }];
    c.api.updateStatus(pod);
    c.advance(1);
    expect(c.get('Job', 'default', 'config').status.conditions).toBeUndefined();
    c.delete('Pod', 'default', pod.metadata.name!);
    c.advance(1);
    expect(conditionTypes(c.get('Job', 'default', 'config')).at(-1)).toBe(`Failed True PodFailurePolicy: Pod default/${pod.metadata.name} has condition ConfigIssue matching FailJob rule at index 0`);
  });

  it('counts other exit codes toward backoffLimit as usual', () => {
    const c = runningCluster();
    c.create(job('counting', 'fail', { backoffLimit: 0, podFailurePolicy: failJobOn42 }));
    c.advance(1);
    expect(conditionTypes(c.get('Job', 'default', 'counting')).at(-1)).toBe('Failed True BackoffLimitExceeded: Job has reached the specified backoff limit');
  });
});
