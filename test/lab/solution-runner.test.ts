import { describe, expect, it } from 'vitest';
import { runSolution } from '../../lab/solution-runner';
import { labSession } from './lab-session';

describe('runSolution', () => {
  it('runs commands until they finish in virtual time, waits and writes files', () => {
    const session = labSession();
    const start = session.clock.now();
    const results = runSolution(
      session,
      [{ run: 'sleep 5' }, { wait: 10 }, { write: { path: 'dir/a.txt', content: 'hello\n' } }, { run: 'echo done' }],
      { workspaceRoot: '/' },
    );
    expect(results.map((result) => [result.output, result.exitCode, result.problem])).toEqual([
      ['', 0, undefined],
      ['', undefined, undefined],
      ['', undefined, undefined],
      ['done\n', 0, undefined],
    ]);
    expect(session.clock.now() - start).toBe(15_000);
    expect(session.workspace.readFile('/dir/a.txt')).toBe('hello\n');
  });

  it('interrupts a command that is still running after the time limit, and refuses paths out of the workspace', () => {
    const session = labSession();
    const results = runSolution(session, [{ run: 'sleep 3600' }, { write: { path: '../etc/passwd', content: 'x' } }], { workspaceRoot: '/', commandTimeoutMs: 60_000 });
    expect(results.map((result) => result.problem)).toEqual(['still running after 60s of virtual time; interrupted', 'path ../etc/passwd leaves the workspace']);
  });
});

describe('sustained checks during a wait', () => {
  it('counts from the moment the state began to hold inside the wait', async () => {
    const { Grader } = await import('../../lab/grader');
    const { exerciseSchema } = await import('../../lab/schema');
    const session = labSession();
    const start = session.clock.now();
    const spec = exerciseSchema.parse({
      id: 'x',
      title: { en: 'x', zh: 'x' },
      instructions: { en: 'x', zh: 'x' },
      checks: [{ id: 'held', title: { en: 'held', zh: 'held' }, when: 'sustained', seconds: 20, exists: { kind: 'Pod', name: 'late' } }],
      solution: [{ wait: 30 }],
    });
    const grader = new Grader(session, { ...spec, lessonId: 'l', startObjects: [] });
    grader.start();
    session.currentCluster.clock.schedule(start + 5_000, () =>
      session.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late', namespace: 'default' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } }),
    );
    runSolution(session, spec.solution, { workspaceRoot: '/' });
    expect(grader.results()[0]).toMatchObject({ passed: true, reason: { en: 'held for 25s' } });
    grader.stop();
  });
});
