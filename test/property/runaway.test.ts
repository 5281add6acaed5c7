// Runaway scripts and output floods: the engine keeps going, memory and time stay bounded.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../sim/session';
import { MemFs } from '../../sim/fs/memfs';
import { maxLogLines } from '../../sim/runtime/container';
import { terminalDriver } from './terminal-driver';

function podRunning(script: string) {
  const session = createSession({ workspace: new MemFs() });
  session.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'runaway', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', script] }] } });
  session.clock.advanceBy(30_000);
  return session;
}

function wallMs(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

describe('runaway container scripts', () => {
  it.each([['while true; do :; done'], ['until false; do x=1; done'], ['while true; do echo flood; done']])(
    'an hour with `%s` running passes in a few seconds at most',
    (script) => {
      const session = podRunning(script);
      const elapsed = wallMs(() => session.clock.advanceBy(3_600_000));
      expect(elapsed).toBeLessThan(10_000);
      const pod = session.api.get('Pod', 'default', 'runaway');
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.containerStatuses?.[0].restartCount).toBe(0);
    },
  );

  it('an hour with `yes > /dev/null` passes quickly (yes stops after 64 KiB here, so the container restarts)', () => {
    const session = podRunning('yes > /dev/null');
    const elapsed = wallMs(() => session.clock.advanceBy(3_600_000));
    expect(elapsed).toBeLessThan(10_000);
    expect(session.api.get('Pod', 'default', 'runaway').status?.phase).toBe('Running');
  });

  it('a flooding container keeps only the newest log lines, and `kubectl logs` of it is quick', () => {
    const session = podRunning('while true; do echo flood; done');
    session.clock.advanceBy(600_000);
    expect(session.api.logs('default', 'runaway').length).toBe(maxLogLines);
    const terminal = session.openTerminal();
    let output = '';
    const elapsed = wallMs(() => terminal.execute('kubectl logs runaway | wc -l', (text) => (output += text)));
    expect(output).toBe(`${maxLogLines}\n`);
    expect(elapsed).toBeLessThan(2000);
  });

  it('a script that sources itself crashes its container instead of the engine', () => {
    const session = podRunning("echo '. /tmp/self.sh' > /tmp/self.sh; . /tmp/self.sh");
    session.clock.advanceBy(60_000);
    const status = session.api.get('Pod', 'default', 'runaway').status?.containerStatuses?.[0];
    expect(status?.lastState?.terminated?.exitCode).toBe(139);
    expect(status?.restartCount).toBeGreaterThan(0);
  });
});

describe('runaway lines in the learner terminal', () => {
  it('a busy loop runs until Ctrl-C and leaves the shell usable', () => {
    const driver = terminalDriver();
    const elapsed = wallMs(() => expect(driver.run('while true; do :; done', 600_000)).toEqual({ output: '^C\n', exitCode: 130 }));
    expect(elapsed).toBeLessThan(10_000);
    expect(driver.run('echo still here').output).toBe('still here\n');
  });

  it('endless recursion ends with the shell’s own messages', () => {
    const driver = terminalDriver();
    expect(driver.run('f() { f; }; f')).toEqual({ output: '-bash: f: maximum function nesting level exceeded (100)\n', exitCode: 1 });
    driver.session.workspace.writeFile('/self.sh', '. ./self.sh\n');
    expect(driver.run('. ./self.sh')).toEqual({ output: 'Segmentation fault (core dumped)\n', exitCode: 139 });
    expect(driver.run('echo still here').output).toBe('still here\n');
  });

  it('a huge pipe stays bounded in time and memory', () => {
    const driver = terminalDriver();
    const before = process.memoryUsage().heapUsed;
    const elapsed = wallMs(() => {
      const result = driver.run('yes | head -c 100000000 | wc -c');
      expect(result.exitCode).toBe(0);
      expect(result.output).toMatch(/^\d+\n$/);
    });
    expect(elapsed).toBeLessThan(5000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });
});
