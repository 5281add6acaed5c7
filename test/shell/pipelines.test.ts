// Pipeline stages run side by side joined by pipes: a stage that reads a line at a time handles
// each line as it is written, a stage that needs all its input gets it when the writer ends, and a
// writer whose reader has gone dies of SIGPIPE at its next write.
import { describe, expect, it } from 'vitest';
import { Interrupt } from '../../sim/process';
import { follow, run } from './harness';

describe('every stage of a pipeline streams', () => {
  it('tail -F | grep | while read handles each matching line as it is written', () => {
    const { sink, fs, tick, program } = follow('busybox', 'touch /tmp/app.log; tail -F /tmp/app.log | grep ERROR | while read line; do echo "alert: $line"; done');
    tick();
    fs.writeFile('/tmp/app.log', 'INFO start\nERROR disk full\n', { append: true });
    tick();
    expect(sink.output).toBe('alert: ERROR disk full\n');
    fs.writeFile('/tmp/app.log', 'INFO ok\nERROR again\n', { append: true });
    tick();
    expect(sink.output).toBe('alert: ERROR disk full\nalert: ERROR again\n');
    expect(program.throw(new Interrupt('SIGINT'))).toEqual({ done: true, value: 130 });
  });

  it('tail -f | sed | awk prints each edited line as it is written', () => {
    const { sink, fs, tick } = follow('bash', "touch /tmp/access.log; tail -f /tmp/access.log | sed 's/GET/get/' | awk '{ print NR \": \" $1 }'");
    tick();
    expect(sink.output).toBe('');
    fs.writeFile('/tmp/access.log', 'GET /index.html\n', { append: true });
    tick();
    expect(sink.output).toBe('1: get\n');
    fs.writeFile('/tmp/access.log', 'POST /form\n', { append: true });
    tick();
    expect(sink.output).toBe('1: get\n2: POST\n');
  });

  it('cat, tee and grep -c pass lines on or wait for the end as the real tools do', () => {
    const { sink, fs, tick } = follow('busybox', '(echo a; sleep 5; echo b) | tee /tmp/copy | cat');
    expect(sink.output).toBe('a\n');
    expect(fs.readFile('/tmp/copy')).toBe('a\n');
    tick(5000);
    expect(sink.output).toBe('a\nb\n');
    expect(fs.readFile('/tmp/copy')).toBe('a\nb\n');
    const counting = follow('busybox', '(echo a; sleep 5; echo a) | grep -c a');
    expect(counting.sink.output).toBe('');
    counting.tick(5000);
    expect(counting.sink.output).toBe('2\n');
  });

  it('a stage that needs all its input gets it when the stage before ends', () => {
    const { sink, tick, done } = follow('busybox', '(echo b; sleep 5; echo a) | sort | head -1');
    expect(sink.output).toBe('');
    tick(5000);
    expect(sink.output).toBe('a\n');
    expect(done()).toBe(true);
  });

  it("sed's $ address holds a line back until the next shows it was not the last", () => {
    const { sink, tick } = follow('busybox', "(echo a; sleep 5; echo b) | sed '$d'");
    expect(sink.output).toBe('');
    tick(5000);
    expect(sink.output).toBe('a\n');
  });

  it('finite pipelines print what they printed stage after stage', () => {
    expect(run('printf "b\\na\\nc\\n" | sort | head -2 | tr a-z A-Z').stdout).toBe('A\nB\n');
    expect(run('printf "x 1\\ny 2\\n" | awk \'{ s += $2 } END { print s }\'').stdout).toBe('3\n');
    expect(run('printf "a\\nb" | cat -n', { dialect: 'bash' }).stdout).toBe('     1\ta\n     2\tb');
    expect(run('echo one | { read x; echo "got $x"; } | cat').stdout).toBe('got one\n');
    expect(run('echo hi | sh -c "cat; echo done"').stdout).toBe('hi\ndone\n');
    expect(run('printf "1\\n2\\n3\\n" | sed -n "2p" | grep 2; echo $?').stdout).toBe('2\n0\n');
  });
});

describe('a reader that stops ends its writer with SIGPIPE', () => {
  it('yes | head -1 and an endless loop into head end at once', () => {
    expect(run('yes | head -1; echo $?').stdout).toBe('y\n0\n');
    expect(run('while true; do echo tick; done | head -2; echo end').stdout).toBe('tick\ntick\nend\n');
  });

  it('a writer that is quiet keeps the pipeline until its next write, as in a real shell', () => {
    const { sink, tick, done } = follow('busybox', '(echo first; sleep 100; echo second) | head -1; echo "status $?"');
    expect(sink.output).toBe('first\n');
    expect(done()).toBe(false);
    tick(100_000);
    expect(done()).toBe(true);
    expect(sink.output).toBe('first\nstatus 0\n');
  });

  it('the writer dies at that write: what follows it never runs', () => {
    const { sink, fs, tick } = follow('busybox', '(echo first; sleep 1; echo second; touch /tmp/after) | head -1');
    tick();
    expect(sink.output).toBe('first\n');
    expect(fs.stat('/tmp/after')).toBeUndefined();
  });
});

describe('read from a pipe', () => {
  it('reads a last line without its newline but fails on it, as sh and bash do', () => {
    expect(run('printf "a\\nb" | while read l; do echo "got $l"; done').stdout).toBe('got a\n');
    expect(run('printf "a\\nb" | cat | while read l; do echo "got $l"; done; echo "$?"').stdout).toBe('got a\n0\n');
    expect(run('printf "x" | { read l; echo "$? $l"; }').stdout).toBe('1 x\n');
  });
});
