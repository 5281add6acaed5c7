// Background jobs are processes: `cmd &` in a container is a process of it that ps, /proc and kill
// see; in the learner's terminal bash numbers it, lists it with `jobs` and tells of its end.
import { describe, expect, it } from 'vitest';
import { learnerTerminal } from '../support/learner-terminal';
import { createShellState } from '../../sim/shell/lang';
import { run } from '../shell/harness';

describe('jobs in the learner\'s terminal', () => {
  it('are numbered, listed, killed and told of in bash\'s words', () => {
    const { session, run: sh } = learnerTerminal();
    const started = sh('sleep 100 &');
    expect(started).toMatch(/^\[1\] \d+\n$/);
    const pid = started.trim().split(' ')[1];
    expect(sh('echo $!')).toBe(`${pid}\n`);
    expect(sh('sleep 2 &')).toMatch(/^\[2\] \d+\n$/);
    expect(sh('jobs')).toBe('[1]-  Running                 sleep 100 &\n[2]+  Running                 sleep 2 &\n');
    expect(sh('jobs -p')).toBe(`${pid}\n${Number(pid) + 1}\n`);
    expect(sh('kill %1')).toBe('[1]-  Terminated              sleep 100\n');
    session.clock.advanceBy(3_000);
    // A job that ended while the prompt waited is told of after the next command.
    expect(sh('echo hi')).toBe('hi\n[2]+  Done                    sleep 2\n');
    expect(sh('jobs')).toBe('');
    expect(sh('kill %3')).toBe('-bash: kill: %3: no such job\n');
  });

  it('wait returns the status of the job it waits for', () => {
    const { run: sh } = learnerTerminal();
    sh('sleep 50 &');
    expect(sh('kill $!; wait $!; echo "status $?"')).toBe('status 143\n');
    expect(sh('(sleep 1; exit 3) & wait %1; echo "status $?"')).toMatch(/^\[1\] \d+\nstatus 3\n$/);
    expect(sh('wait 99999; echo $?')).toBe('-bash: wait: pid 99999 is not a child of this shell\n127\n');
  });
});

describe('jobs in a container', () => {
  it('are processes of the container: ps shows them, kill and /proc reach them', () => {
    const { session, run: sh } = learnerTerminal();
    sh(`kubectl run bb --image=busybox:1.36 -- sh -c 'sleep 300 & echo "child $!"; (sleep 1000; echo late) & wait'`);
    session.clock.advanceBy(20_000);
    expect(sh('kubectl logs bb')).toBe('child 2\n');
    expect(sh('kubectl exec bb -- ps')).toMatch(
      /^PID {3}USER {5}TIME {2}COMMAND\n {4}1 root +0:00 sh -c sleep 300 & echo "child \$!"; \(sleep 1000; echo late\) & wait\n {4}2 root +0:00 sleep 300\n {4}3 root +0:00 sh -c sleep 300 & .*\n {4}\d+ root +0:00 ps\n$/,
    );
    expect(sh('kubectl exec bb -- cat /proc/2/cmdline').replace(/\0/g, ' ')).toMatch(/^sleep 300/);
    sh('kubectl exec bb -- kill 2');
    expect(sh('kubectl exec bb -- ps')).not.toMatch(/sleep 300\n/);
    // The shell's wait goes on until its last job ends.
    expect(sh('kubectl get pod bb --no-headers')).toMatch(/Running/);
  });

  it('a script kills its own job and waits for its status', () => {
    const { session, run: sh } = learnerTerminal();
    sh(`kubectl run bb --image=busybox:1.36 --restart=Never -- sh -c 'sleep 50 & kill $!; wait $!; echo "status $?"'`);
    session.clock.advanceBy(20_000);
    expect(sh('kubectl logs bb')).toBe('status 143\n');
  });
});

describe('the words of ash', () => {
  it('pads a job line to column 33 and says Done(n) for an exit status', () => {
    const state = createShellState();
    state.interactive = true;
    expect(run('sleep 5 & jobs; wait', { state }).output).toBe('[1] 2\n[1]+  Running                    sleep 5\n');
    expect(run('(exit 2) & sleep 1; jobs', { state }).output).toBe('[1] 2\n[1]+  Done(2)                    (exit 2)\n');
  });
});
