// tail -f and tail -F on files that are missing, appear, grow and go away, in busybox and GNU words.
import { describe, expect, it } from 'vitest';
import { Interrupt } from '../../sim/process';
import { follow, run } from './harness';

describe('tail -F', () => {
  it('busybox waits for a file that does not exist yet and reads it from the start', () => {
    const { sink, fs, tick, program } = follow('busybox', 'tail -F /tmp/app.log');
    expect(sink.output).toBe("tail: can't open '/tmp/app.log': No such file or directory\n");
    tick();
    fs.writeFile('/tmp/app.log', 'logging\n');
    tick();
    fs.writeFile('/tmp/app.log', 'more\n', { append: true });
    tick();
    fs.remove('/tmp/app.log');
    tick();
    expect(sink.output).toBe(
      "tail: can't open '/tmp/app.log': No such file or directory\n" +
        'tail: /tmp/app.log has appeared; following end of new file\nlogging\nmore\n' +
        'tail: /tmp/app.log has become inaccessible: No such file or directory\n',
    );
    expect(program.throw(new Interrupt('SIGINT'))).toEqual({ done: true, value: 130 });
  });

  it('GNU tail says the file has appeared in its own words', () => {
    const { sink, fs, tick } = follow('bash', 'tail -F /tmp/app.log');
    fs.writeFile('/tmp/app.log', 'logging\n');
    tick();
    expect(sink.output).toBe("tail: cannot open '/tmp/app.log' for reading: No such file or directory\ntail: '/tmp/app.log' has appeared;  following new file\nlogging\n");
  });
});

describe('tail -f on a missing file', () => {
  it('gives up when no file is left to follow', () => {
    expect(run('tail -f /tmp/none; echo $?', { dialect: 'busybox' }).output).toBe("tail: can't open '/tmp/none': No such file or directory\ntail: no files\n1\n");
    expect(run('tail -f /tmp/none; echo $?', { dialect: 'bash' }).output).toBe("tail: cannot open '/tmp/none' for reading: No such file or directory\ntail: no files remaining\n1\n");
  });
});

describe('tail -F piped into a while read loop', () => {
  it('handles each line as it is written, not when tail ends', () => {
    const { sink, fs, tick, program } = follow('busybox', 'touch /tmp/raw.log; tail -F /tmp/raw.log | while read line; do echo "adapted: $line"; done');
    tick();
    expect(sink.output).toBe('');
    fs.writeFile('/tmp/raw.log', 'first\n', { append: true });
    tick();
    expect(sink.output).toBe('adapted: first\n');
    fs.writeFile('/tmp/raw.log', 'second\nthird\n', { append: true });
    tick();
    expect(sink.output).toBe('adapted: first\nadapted: second\nadapted: third\n');
    // Ctrl-C stops both stages.
    expect(program.throw(new Interrupt('SIGINT'))).toEqual({ done: true, value: 130 });
  });

  it('runs the loop in a subshell, ends the producer when the loop ends, and is not a job for wait', () => {
    expect(run('n=0; seq 3 | while read n; do echo "n=$n"; done; echo "status $? n=$n"', { dialect: 'busybox' }).output).toBe('n=1\nn=2\nn=3\nstatus 0 n=0\n');
    expect(run('printf "a b\\nc d\\n" | while read x y; do echo "$y$x"; done', { dialect: 'bash' }).output).toBe('ba\ndc\n');
  });

  it('does not make `wait` in the loop wait for the stage feeding it', () => {
    const { sink, tick } = follow('busybox', '(echo a; sleep 100; echo b) | while read l; do wait; echo "got $l"; done');
    tick();
    expect(sink.output).toBe('got a\n');
  });
});
