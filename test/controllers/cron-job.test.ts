import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { CronSyntaxError, nextScheduleTime, parseCronSchedule } from '../../sim/controllers/cron-schedule';
import { runningCluster } from './workloads';
import { startTime } from './fake-cluster';

const iso = (ms: number | undefined) => (ms === undefined ? 'never' : new Date(ms).toISOString().replace('.000Z', 'Z'));
const next = (schedule: string, from: string) => iso(nextScheduleTime(parseCronSchedule(schedule), Date.parse(from)));

describe('cron schedules', () => {
  it('understands steps, ranges, lists, names and descriptors', () => {
    expect(next('*/5 * * * *', '2026-01-15T09:02:30Z')).toBe('2026-01-15T09:05:00Z');
    expect(next('*/5 * * * *', '2026-01-15T09:05:00Z')).toBe('2026-01-15T09:10:00Z');
    expect(next('0 9-17/4 * * *', '2026-01-15T09:00:00Z')).toBe('2026-01-15T13:00:00Z');
    expect(next('15,45 * * * *', '2026-01-15T09:20:00Z')).toBe('2026-01-15T09:45:00Z');
    expect(next('0 0 * * sat', '2026-01-15T09:00:00Z')).toBe('2026-01-17T00:00:00Z'); // Thursday → Saturday
    expect(next('0 0 1 feb *', '2026-01-15T09:00:00Z')).toBe('2026-02-01T00:00:00Z');
    expect(next('@hourly', '2026-01-15T09:00:00Z')).toBe('2026-01-15T10:00:00Z');
    expect(next('@yearly', '2026-01-15T09:00:00Z')).toBe('2027-01-01T00:00:00Z');
    expect(next('0 0 30 2 *', '2026-01-15T09:00:00Z')).toBe('never');
  });

  it('matches either day field when both are restricted', () => {
    // the 20th, or any Monday: Monday 19 Jan 2026 comes first
    expect(next('0 0 20 * mon', '2026-01-15T09:00:00Z')).toBe('2026-01-19T00:00:00Z');
  });

  it('rejects malformed schedules with the parser messages', () => {
    expect(() => parseCronSchedule('* * *')).toThrow(new CronSyntaxError('expected exactly 5 fields, found 3: [* * *]'));
    expect(() => parseCronSchedule('61 * * * *')).toThrow('end of range (61) above maximum (59): 61');
    expect(() => parseCronSchedule('@often')).toThrow('unrecognized descriptor: @often');
  });
});

function cronJob(name: string, schedule: string, image: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule,
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'task', image }] } } } },
      ...spec,
    },
  };
}

describe('CronJob controller', () => {
  it('creates <cronjob>-<minutes since epoch> Jobs at the scheduled virtual times', () => {
    const c = runningCluster();
    c.create(cronJob('hello', '*/1 * * * *', 'done'));
    expect(c.names('Job')).toEqual([]);
    c.advance(60);
    const minute = Math.floor(startTime / 60_000) + 1;
    expect(c.names('Job')).toEqual([`hello-${minute}`]);
    const job = c.get('Job', 'default', `hello-${minute}`);
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-15T09:01:00Z' });
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
    const status = c.get('CronJob', 'default', 'hello').status;
    expect(status.lastScheduleTime).toBe('2026-01-15T09:01:00Z');
    expect(status.active.map((a: { name: string }) => a.name)).toEqual([`hello-${minute}`]);
    c.advance(2); // the pod succeeds after 1 s
    const after = c.get('CronJob', 'default', 'hello').status;
    expect(after.active).toBeUndefined();
    expect(after.lastSuccessfulTime).toBe('2026-01-15T09:01:01Z');
    expect(c.eventsFor('CronJob', 'hello')).toEqual([`SuccessfulCreate: Created job hello-${minute}`, `SawCompletedJob: Saw completed job: hello-${minute}, condition: Complete`]);
  });

  it('keeps three successful Jobs of history', () => {
    const c = runningCluster();
    c.create(cronJob('hello', '* * * * *', 'done'));
    c.advance(5 * 60 + 10);
    const minute = Math.floor(startTime / 60_000);
    expect(c.names('Job')).toEqual([3, 4, 5].map((m) => `hello-${minute + m}`));
    expect(c.eventsFor('CronJob', 'hello')).toContain(`SuccessfulDelete: Deleted job hello-${minute + 1}`);
  });

  it('Forbid skips a run while one is active; Replace swaps it', () => {
    const forbid = runningCluster();
    forbid.create(cronJob('long', '* * * * *', 'nginx', { concurrencyPolicy: 'Forbid' }));
    forbid.advance(180);
    expect(forbid.names('Job')).toHaveLength(1);
    expect(forbid.eventsFor('CronJob', 'long')).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid (x2)');

    const replace = runningCluster();
    replace.create(cronJob('long', '* * * * *', 'nginx', { concurrencyPolicy: 'Replace' }));
    replace.advance(120);
    const minute = Math.floor(startTime / 60_000);
    expect(replace.names('Job')).toEqual([`long-${minute + 2}`]);
  });

  it('does nothing while suspended', () => {
    const c = runningCluster();
    c.create(cronJob('paused', '* * * * *', 'done', { suspend: true }));
    c.advance(300);
    expect(c.names('Job')).toEqual([]);
  });

  it('on resume runs the missed time at once, unless startingDeadlineSeconds has passed', () => {
    const minute = Math.floor(startTime / 60_000);
    for (const [deadline, expected] of [
      [undefined, [`late-${minute + 5}`]],
      [10, []],
    ] as const) {
      const c = runningCluster();
      c.create(cronJob('late', '* * * * *', 'nginx', { suspend: true, ...(deadline ? { startingDeadlineSeconds: deadline } : {}) }));
      c.advance(5 * 60 + 30);
      c.patch('CronJob', 'default', 'late', { spec: { suspend: false } });
      expect(c.names('Job')).toEqual(expected);
    }
  });
});
