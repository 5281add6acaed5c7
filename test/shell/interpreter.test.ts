import { describe, expect, it } from 'vitest';
import { Interrupt } from '../../sim/process';
import { MemFs } from '../../sim/fs/memfs';
import { createShellState, runCommandLine } from '../../sim/shell/lang';
import { makeEnv, run, startTime } from './harness';

describe('shell language', () => {
  it('runs lists with ; && || and keeps $?', () => {
    expect(run('true && echo yes || echo no; false && echo yes || echo no; false; echo $?').stdout).toBe('yes\nno\n1\n');
  });

  it('expands variables, defaults, lengths and arithmetic', () => {
    const result = run('name=pod; echo $name ${name} ${missing:-dflt} ${#name} $((2 + 3 * 4)); echo ${x:=set}; echo $x');
    expect(result.stdout).toBe('pod pod dflt 3 14\nset\nset\n');
  });

  it('strips prefixes and suffixes with # ## % %%', () => {
    expect(run('f=/var/log/app.log.gz; echo ${f##*/} ${f#*/} ${f%.gz} ${f%%.*}').stdout).toBe('app.log.gz var/log/app.log.gz /var/log/app.log /var/log/app\n');
  });

  it('handles quoting: single, double, escapes', () => {
    expect(run(`x=1; echo '$x' "$x" \\$x "a  b" a\\ b "it's"`).stdout).toBe('$x 1 $x a  b a b it\'s\n');
  });

  it("reads $'...' with C escapes, as bash and busybox ash do (kubectl patch -p $'spec:\n ...')", () => {
    expect(run(String.raw`printf '%s|' $'a\tb' $'one\ntwo' $'it\'s' $'\x41\102\u00e9' $'back\\slash' $'\q' "$'in double quotes'"`).stdout).toBe(
      "a\tb|one\ntwo|it's|ABé|back\\slash|\\q|$'in double quotes'|",
    );
    expect(run("echo $'unterminated").stderr).not.toBe('');
  });

  it('splits unquoted expansions into fields', () => {
    expect(run('v="a  b   c"; for w in $v; do echo "<$w>"; done; for w in "$v"; do echo "<$w>"; done').stdout).toBe('<a>\n<b>\n<c>\n<a  b   c>\n');
  });

  it('substitutes commands with $(...) and backquotes, trimming trailing newlines', () => {
    expect(run('x=$(echo hi; echo there); y=`echo back`; echo "$x" $y').stdout).toBe('hi\nthere back\n');
  });

  it('sets $? from a command substitution in an assignment', () => {
    expect(run('x=$(false); echo $?').stdout).toBe('1\n');
  });

  it('pipes stage output into the next stage', () => {
    expect(run('printf "b\\na\\nc\\n" | sort | head -n 2').stdout).toBe('a\nb\n');
  });

  it('runs here-documents, quoted and with tab stripping', () => {
    const script = 'name=web\ncat <<EOF\nhello $name\nEOF\ncat <<\'EOF\'\nhello $name\nEOF\ncat <<-EOF\n\tindented\n\tEOF\n';
    expect(run(script).stdout).toBe('hello web\nhello $name\nindented\n');
  });

  it('redirects output to files, appends, and reads files as stdin', () => {
    const result = run('echo one > /tmp/f; echo two >> /tmp/f; wc -l < /tmp/f; cat /tmp/f');
    expect(result.stdout).toBe('2\none\ntwo\n');
  });

  it('routes stderr with 2> 2>&1 &> and /dev/null', () => {
    expect(run('cat /nope 2>/dev/null; echo $?').output).toBe('1\n');
    expect(run('cat /nope > /tmp/out 2>&1; cat /tmp/out').stdout).toBe("cat: can't open '/nope': No such file or directory\n");
    expect(run('cat /nope &> /dev/null; echo done').output).toBe('done\n');
    expect(run('echo err >&2').stderr).toBe('err\n');
  });

  it('reports redirection failures the busybox and bash way', () => {
    expect(run('echo x > /no/such/file').output).toBe("sh: can't create /no/such/file: nonexistent directory\n");
    expect(run('echo x > /no/such/file', { dialect: 'bash' }).output).toBe('bash: /no/such/file: No such file or directory\n');
    expect(run('cat < /nope').output).toBe("sh: can't open /nope: no such file\n");
  });

  it('runs if/elif/else, while, until, for and case', () => {
    const script = [
      'for n in 1 2 3 4; do',
      '  if [ $n -eq 1 ]; then echo one; elif [ $n -eq 2 ]; then echo two; else echo many; fi',
      'done',
      'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo i=$i',
      'until [ $i -eq 0 ]; do i=$((i-1)); done; echo i=$i',
      'for f in web.yaml notes.txt; do case $f in *.yaml|*.yml) echo "$f: yaml";; *) echo "$f: other";; esac; done',
    ].join('\n');
    expect(run(script).stdout).toBe('one\ntwo\nmany\nmany\ni=3\ni=0\nweb.yaml: yaml\nnotes.txt: other\n');
  });

  it('supports break and continue', () => {
    expect(run('for i in 1 2 3 4 5; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done').stdout).toBe('1\n3\n');
  });

  it('defines functions with arguments and return codes', () => {
    expect(run('greet() { echo "hi $1 ($#)"; return 4; }; greet pod x; echo $?').stdout).toBe('hi pod (2)\n4\n');
  });

  it('keeps subshell changes inside the subshell and group changes outside', () => {
    expect(run('x=1; (x=2; cd /tmp); echo $x $PWD; { x=3; }; echo $x').stdout).toBe('1 /\n3\n');
    expect(run('cd /tmp; pwd').stdout).toBe('/tmp\n');
  });

  it('gives positional parameters, $#, $@ and $0', () => {
    const state = createShellState({ scriptName: 'script.sh', positional: ['a', 'b c'] });
    expect(run('echo $0 $# $1; for a in "$@"; do echo "[$a]"; done; shift; echo $1', { state }).stdout).toBe('script.sh 2 a\n[a]\n[b c]\nb c\n');
  });

  it('gives $$ as the shell pid', () => {
    const state = createShellState({ pid: 42 });
    expect(run('echo $$', { state }).stdout).toBe('42\n');
  });

  it('globs * and ? against the filesystem, leaving unmatched patterns alone', () => {
    const fs = new MemFs();
    fs.mkdir('/data');
    for (const name of ['a.log', 'b.log', 'c.txt', '.hidden.log']) fs.writeFile('/data/' + name, '');
    expect(run('echo /data/*.log; cd /data; echo ?.txt; echo *.none', { fs }).stdout).toBe('/data/a.log /data/b.log\nc.txt\n*.none\n');
    expect(run('echo "/data/*"', { fs }).stdout).toBe('/data/*\n');
  });

  it('exports variables to commands and supports VAR=x cmd', () => {
    expect(run('A=1; export B=2; C=3 printenv A B C').stdout).toBe('2\n3\n');
    expect(run('C=3 printenv C; printenv C; echo "[$C]"').stdout).toBe('3\n[]\n');
  });

  it('reads lines from stdin with read', () => {
    expect(run('read first rest; echo "$rest/$first"', { stdin: 'one two three\n' }).stdout).toBe('two three/one\n');
    expect(run('printf "x\\ny\\n" | while read line; do echo "got $line"; done').stdout).toBe('got x\ngot y\n');
  });

  it('expands aliases in the first word', () => {
    expect(run("alias hi='echo hello'; hi there; unalias hi; hi").output).toBe('hello there\nsh: hi: not found\n');
  });

  it('stops at the first failure under set -e', () => {
    const result = run('set -e; echo a; false; echo b');
    expect(result.stdout).toBe('a\n');
    expect(result.status).toBe(1);
  });

  it('exits with the given status', () => {
    const result = run('echo a; exit 3; echo b');
    expect(result.stdout).toBe('a\n');
    expect(result.status).toBe(3);
    expect(result.state.exited).toBe(true);
  });

  it('records traps without running them', () => {
    expect(run("trap 'echo bye' TERM; trap").stdout).toBe("trap -- 'echo bye' TERM\n");
  });

  it('says command not found the busybox and bash way (127)', () => {
    const busybox = run('kubctl get pods');
    expect(busybox.output).toBe('sh: kubctl: not found\n');
    expect(busybox.status).toBe(127);
    const bash = run('kubctl get pods', { dialect: 'bash' });
    expect(bash.output).toBe('bash: kubctl: command not found\n');
    expect(bash.status).toBe(127);
  });

  it('refuses to run a file without execute permission (126) and runs an executable script', () => {
    const fs = new MemFs();
    fs.writeFile('/run.sh', 'echo "running $1"\nexit 5\n');
    const denied = run('/run.sh', { fs });
    expect(denied.output).toBe('sh: /run.sh: Permission denied\n');
    expect(denied.status).toBe(126);
    fs.chmod('/run.sh', 0o755);
    const ran = run('cd /; ./run.sh now; echo status=$?', { fs });
    expect(ran.stdout).toBe('running now\nstatus=5\n');
    expect(run('./missing.sh').output).toBe('sh: ./missing.sh: not found\n');
  });

  it('runs sh -c and sh script.sh again through the interpreter', () => {
    const fs = new MemFs();
    fs.writeFile('/s.sh', 'echo "$0 $1"');
    expect(run(`sh -c 'echo "$0:$1"; exit 2' name arg; echo $?; sh /s.sh x`, { fs }).stdout).toBe('name:arg\n2\n/s.sh x\n');
    expect(run(`echo 'echo from stdin' | sh`).stdout).toBe('from stdin\n');
  });

  it('cd reports missing directories', () => {
    expect(run('cd /nope').output).toBe("sh: cd: can't cd to /nope: No such file or directory\n");
    expect(run('cd /nope', { dialect: 'bash' }).output).toBe('bash: cd: /nope: No such file or directory\n');
  });
});

describe('virtual time', () => {
  it('steps the classic liveness script through virtual time', () => {
    const sink = { stdout: '', stderr: '', output: '' };
    const { clock, fs, env } = makeEnv({}, sink);
    const state = createShellState();
    const program = runCommandLine('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', state, env);

    let step = program.next();
    expect(fs.stat('/tmp/healthy')?.type).toBe('file');
    expect(step.value).toEqual({ kind: 'sleep', until: startTime + 30_000 });

    clock.now = startTime + 30_000;
    step = program.next('time');
    expect(fs.stat('/tmp/healthy')).toBeUndefined();
    expect(step.value).toEqual({ kind: 'sleep', until: startTime + 630_000 });

    clock.now = startTime + 630_000;
    step = program.next('time');
    expect(step).toEqual({ done: true, value: 0 });
  });

  it('resumes a sleep woken early without ending it', () => {
    const sink = { stdout: '', stderr: '', output: '' };
    const { clock, env } = makeEnv({}, sink);
    const program = runCommandLine('sleep 10; echo done', createShellState(), env);
    expect(program.next().value).toEqual({ kind: 'sleep', until: startTime + 10_000 });
    clock.now = startTime + 4_000;
    expect(program.next('change').value).toEqual({ kind: 'sleep', until: startTime + 10_000 });
    clock.now = startTime + 10_000;
    expect(program.next('time').done).toBe(true);
    expect(sink.stdout).toBe('done\n');
  });

  it('stops cleanly with 130 on SIGINT and 143 on SIGTERM', () => {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGKILL', 137]] as const) {
      const sink = { stdout: '', stderr: '', output: '' };
      const { env } = makeEnv({}, sink);
      const program = runCommandLine('sleep 100; echo never', createShellState(), env);
      program.next();
      expect(program.throw(new Interrupt(signal))).toEqual({ done: true, value: code });
      expect(sink.stdout).toBe('');
    }
  });

  it('accepts sleep durations 1, 0.5, 1s, 2m, 1h and infinity', () => {
    expect(run('sleep 1; sleep 0.5; sleep 1s; sleep 2m; sleep 1h; date +%T').stdout).toBe('10:02:02\n');
    const forever = run('sleep infinity; echo never', { untilTime: startTime + 1e9 });
    expect(forever.status).toBeUndefined();
    expect(run('sleep abc').output).toBe("sleep: invalid number 'abc'\n");
  });

  it('runs a background job alongside the main script', () => {
    const result = run('(sleep 5; echo bg) & echo fg; sleep 10; echo end');
    expect(result.stdout).toBe('fg\nbg\nend\n');
    expect(result.clock.now).toBe(startTime + 10_000);
    expect(run('(sleep 5; echo bg) & wait; echo after').stdout).toBe('bg\nafter\n');
  });

  it('gives a busy loop virtual time instead of hanging', () => {
    const result = run('while true; do :; done', { untilTime: startTime + 50 });
    expect(result.status).toBeUndefined();
    expect(result.clock.now).toBeGreaterThan(startTime);
  });

  it('follows a file with tail -f until interrupted', () => {
    const sink = { stdout: '', stderr: '', output: '' };
    const { clock, fs, env } = makeEnv({}, sink);
    fs.writeFile('/tmp/log', 'a\nb\n');
    const program = runCommandLine('tail -f /tmp/log', createShellState(), env);
    let step = program.next();
    expect(sink.stdout).toBe('a\nb\n');
    fs.writeFile('/tmp/log', 'c\n', { append: true });
    clock.now += 1000;
    step = program.next('time');
    expect(step.done).toBe(false);
    expect(sink.stdout).toBe('a\nb\nc\n');
    expect(program.throw(new Interrupt('SIGINT'))).toEqual({ done: true, value: 130 });
  });

  it('reports memory held in variables to the host in MiB steps', () => {
    const reports: number[] = [];
    run('x=a; i=0; while [ $i -lt 12 ]; do x="$x$x"; i=$((i+1)); done; y=$(printf "%s" "$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x$x")', {
      host: { setMemory: (bytes) => reports.push(bytes) },
    });
    expect(reports.length).toBe(1);
    expect(reports[0]).toBeGreaterThan(1 << 20);
  });
});

describe('more builtins', () => {
  it('runs eval, source, exec and command -v', () => {
    const fs = new MemFs();
    fs.writeFile('/lib.sh', 'greeting=hello\n');
    expect(run('cmd="echo evaluated"; eval $cmd; . /lib.sh; echo $greeting; command -v cd; exec echo replaced; echo never', { fs }).stdout).toBe('evaluated\nhello\ncd\nreplaced\n');
  });

  it('treats "$@" with no arguments as no words', () => {
    expect(run('for a in "$@"; do echo "[$a]"; done; echo "count=$#"').stdout).toBe('count=0\n');
  });

  it('keeps the parsed tree intact when a command changes its argv', () => {
    const sink = { stdout: '', stderr: '', output: '' };
    const { env } = makeEnv({}, sink);
    const mutating = { command: (name: string) => (name === 'mutate' ? (ctx: { argv: string[]; io: { stdout(t: string): void } }) => (ctx.io.stdout(ctx.argv.join(',') + '\n'), ctx.argv.push('extra'), 0) : undefined) };
    const state = createShellState();
    const withHost = { ...env, host: { ...env.host, ...mutating } };
    for (let i = 0; i < 2; i++) {
      runCommandLine('mutate a', state, withHost).next();
      runCommandLine('mutate b; true', state, withHost).next();
    }
    expect(sink.stdout).toBe('mutate,a\nmutate,b\nmutate,a\nmutate,b\n');
  });

  it('uses $? of the last pipeline stage and ! to negate it', () => {
    expect(run('false | true; echo $?; true | false; echo $?; ! true; echo $?').stdout).toBe('0\n1\n1\n');
  });

  it('arithmetic supports comparisons, assignment and increments', () => {
    expect(run('i=5; echo $((i > 3)) $((i += 2)) $i $((i++)) $i $(( (1+2) * 3 % 4 ))').stdout).toBe('1 7 7 7 8 1\n');
    expect(run('echo $((1 / 0)); echo after').output).toBe('sh: divide by zero\n');
    expect(run('echo $((1 +)); echo after').output).toBe('sh: arithmetic syntax error\n');
  });

  it('fails ${x:?} with the shell message', () => {
    const result = run('echo ${NAME:?must be set}; echo after');
    expect(result.output).toBe('sh: NAME: must be set\n');
    expect(result.status).toBe(2);
  });
});

describe('field splitting with IFS', () => {
  it('splits on a custom IFS, keeping empty fields between separators', () => {
    expect(run('IFS=:; p="/bin::/usr/bin"; for d in $p; do echo "[$d]"; done').stdout).toBe('[/bin]\n[]\n[/usr/bin]\n');
    expect(run('line="a:b"; IFS=: read x y <<EOF\n$line\nEOF\necho "$y $x"').stdout).toBe('b a\n');
  });
});
