// A watch piped into grep shows each matching line as it happens, as with real pipes, instead of
// everything after Ctrl-C.
import { describe, expect, it } from 'vitest';
import { learnerTerminal } from '../support/learner-terminal';
import { run } from '../shell/harness';

describe('pipes into grep', () => {
  it('show the lines of kubectl get -w that match while the watch runs, and the rest never', () => {
    const { session, terminal, run: sh } = learnerTerminal();
    sh('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    sh('kubectl create deployment db --image=busybox:1.36 -- sleep 3600');
    session.clock.advanceBy(20_000);
    let out = '';
    const watch = terminal.execute('kubectl get pods -w | grep web', (s) => (out += s));
    session.clock.advanceBy(1_000);
    expect(watch.done).toBe(false);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => /^web-\S+\s+1\/1\s+Running\s+0\s+\d+s$/.test(line))).toBe(true);
    // A change shows up as it happens.
    sh('kubectl delete pod ' + lines[0]!.split(/\s+/)[0] + ' --wait=false');
    session.clock.advanceBy(2_000);
    expect(out.split('\n').length).toBeGreaterThan(3);
    expect(out).not.toMatch(/^db-/m);
    watch.interrupt();
    session.clock.advanceBy(100);
    expect(watch.done).toBe(true);
  });

  it('give the same output and status as a whole-input grep', () => {
    expect(run('printf "alpha\\nbeta\\nAlpine\\ngamma" | grep -i al').stdout).toBe('alpha\nAlpine\n');
    expect(run('printf "a\\nb\\n" | grep -v a | grep b; echo $?').stdout).toBe('b\n0\n');
    expect(run('printf "a\\nb\\n" | grep zzz; echo $?').stdout).toBe('1\n');
    expect(run('printf "one two\\nthree\\n" | grep -o "t[a-z]*"').stdout).toBe('two\nthree\n');
    // Options that need all of the input keep the ordinary pipeline.
    expect(run('printf "a\\nb\\na\\n" | grep -c a').stdout).toBe('2\n');
    expect(run('printf "x\\ny\\n" | grep -n y').stdout).toBe('2:y\n');
  });
});

describe('pipes in a container', () => {
  it('tail -F | grep | while read in a busybox container logs each matching line as the file grows', () => {
    const { session, run: sh } = learnerTerminal();
    sh(`kubectl run watcher --image=busybox:1.36 -- sh -c 'touch /tmp/app.log; tail -F /tmp/app.log | grep ERROR | while read line; do echo "alert: $line"; done'`);
    session.clock.advanceBy(20_000);
    expect(sh('kubectl get pod watcher --no-headers')).toMatch(/^watcher\s+1\/1\s+Running\s+0/);
    sh(`kubectl exec watcher -- sh -c 'echo "INFO up" >> /tmp/app.log; echo "ERROR down" >> /tmp/app.log'`);
    session.clock.advanceBy(2_000);
    expect(sh('kubectl logs watcher')).toBe('alert: ERROR down\n');
    sh(`kubectl exec watcher -- sh -c 'echo "ERROR again" >> /tmp/app.log'`);
    session.clock.advanceBy(2_000);
    expect(sh('kubectl logs watcher')).toBe('alert: ERROR down\nalert: ERROR again\n');
  });
});
