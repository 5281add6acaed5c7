import { describe, expect, it } from 'vitest';
import { MemFs } from '../../sim/fs/memfs';
import type { HttpResult, ProcessInfo } from '../../sim/process';
import { busyboxCommands, gnuCommands } from '../../sim/shell/commands';
import { createShellState } from '../../sim/shell/lang';
import { run, startTime } from './harness';

function workFs(): MemFs {
  const fs = new MemFs({ now: () => startTime });
  fs.mkdir('/tmp');
  fs.mkdir('/work');
  fs.writeFile('/work/pods.txt', 'web Running 3\ndb Pending 0\napi Running 12\nweb Running 3\n');
  return fs;
}

describe('busybox file commands', () => {
  it('cat, rm, ls and mkdir say what busybox says', () => {
    expect(run('cat /tmp/healthy').output).toBe("cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(run('rm x').output).toBe("rm: can't remove 'x': No such file or directory\n");
    expect(run('ls /x').output).toBe('ls: /x: No such file or directory\n');
    expect(run('mkdir /tmp; echo $?').output).toBe("mkdir: can't create directory '/tmp': File exists\n1\n");
    expect(run('rm -f x; echo $?').output).toBe('0\n');
  });

  it('touch creates, rm -r removes trees, cp and mv move content', () => {
    const result = run('touch /tmp/a; mkdir -p /tmp/d/e; echo hi > /tmp/d/e/f; cp /tmp/d/e/f /tmp/g; mv /tmp/g /tmp/h; rm -r /tmp/d; ls /tmp; cat /tmp/h');
    expect(result.output).toBe('a\nh\nhi\n');
  });

  it('ls -l lines up like busybox', () => {
    const fs = workFs();
    fs.writeFile('/work/a.yaml', 'kind: Pod\n');
    expect(run('ls -l /work', { fs }).stdout).toBe(
      [
        'total 8',
        '-rw-r--r--    1 root     root            10 Jan 15 09:00 a.yaml',
        '-rw-r--r--    1 root     root            56 Jan 15 09:00 pods.txt',
        '',
      ].join('\n'),
    );
    expect(run('ls -a /work; ls -1 /work', { fs }).stdout).toBe('.\n..\na.yaml\npods.txt\na.yaml\npods.txt\n');
  });

  it('ls -l lines up like GNU on the workstation', () => {
    const fs = workFs();
    fs.writeFile('/work/a.yaml', 'kind: Pod\n');
    fs.mkdir('/work/dir');
    const state = createShellState({ env: { USER: 'learner' } });
    expect(run('ls -l /work', { fs, dialect: 'bash', state }).stdout).toBe(
      [
        'total 12',
        '-rw-r--r-- 1 learner learner   10 Jan 15 09:00 a.yaml',
        'drwxr-xr-x 2 learner learner 4096 Jan 15 09:00 dir',
        '-rw-r--r-- 1 learner learner   56 Jan 15 09:00 pods.txt',
        '',
      ].join('\n'),
    );
  });

  it('writing to a full or read-only filesystem fails like the kernel says', () => {
    const fs = new MemFs({ sizeLimit: 4 });
    fs.mkdir('/tmp');
    expect(run('echo 123456789 > /tmp/big', { fs }).output).toBe('sh: write error: No space left on device\n');
    fs.readOnly = true;
    expect(run('touch /tmp/x', { fs }).output).toBe('touch: /tmp/x: Read-only file system\n');
    expect(run('echo x > /tmp/x', { fs }).output).toBe("sh: can't create /tmp/x: Read-only file system\n");
  });
});

describe('text commands', () => {
  it('grep with -i -v -c -n -o -w -q -E', () => {
    const fs = workFs();
    const grep = (args: string) => run(`grep ${args} /work/pods.txt`, { fs });
    expect(grep('running').status).toBe(1);
    expect(grep('-i running').stdout).toBe('web Running 3\napi Running 12\nweb Running 3\n');
    expect(grep('-v Running').stdout).toBe('db Pending 0\n');
    expect(grep('-c web').stdout).toBe('2\n');
    expect(grep('-n db').stdout).toBe('2:db Pending 0\n');
    expect(grep("-o '[0-9]*$'").stdout).toBe('3\n0\n12\n3\n');
    expect(grep('-w 1').stdout).toBe('');
    expect(grep('-q api').output).toBe('');
    expect(grep('-q api').status).toBe(0);
    expect(grep("-E 'db|api'").stdout).toBe('db Pending 0\napi Running 12\n');
    expect(run('grep x /nope').output).toBe('grep: /nope: No such file or directory\n');
  });

  it('wc, sort, uniq, cut, tr, head, tail', () => {
    const fs = workFs();
    const out = (script: string) => run(script, { fs }).stdout;
    expect(out('wc -l /work/pods.txt')).toBe('4 /work/pods.txt\n');
    expect(out('wc -l < /work/pods.txt')).toBe('4\n');
    expect(out('sort -k3 -n /work/pods.txt')).toBe('db Pending 0\nweb Running 3\nweb Running 3\napi Running 12\n');
    expect(out('sort -u /work/pods.txt')).toBe('api Running 12\ndb Pending 0\nweb Running 3\n');
    expect(out("cut -d' ' -f1 /work/pods.txt | sort | uniq -c")).toBe('      1 api\n      1 db\n      2 web\n');
    expect(out("echo hello | tr 'a-z' 'A-Z'")).toBe('HELLO\n');
    expect(out('echo "a  b" | tr -s " "')).toBe('a b\n');
    expect(out('echo hello | tr -d l')).toBe('heo\n');
    expect(out('head -n 1 /work/pods.txt; tail -n 1 /work/pods.txt; head -2 /work/pods.txt')).toBe('web Running 3\nweb Running 3\nweb Running 3\ndb Pending 0\n');
    expect(out('echo abcdef | cut -c 2-4')).toBe('bcd\n');
  });

  it('awk prints fields, counts and sums', () => {
    const fs = workFs();
    const out = (program: string) => run(`awk ${program} /work/pods.txt`, { fs }).stdout;
    expect(out("'{print $1}'")).toBe('web\ndb\napi\nweb\n');
    expect(out("'/Pending/ {print NR\": \"$1}'")).toBe('2: db\n');
    expect(out("'{ sum += $3 } END { print sum }'")).toBe('18\n');
    expect(out("'$3 > 5 { print $NF, NF }'")).toBe('12 3\n');
    expect(out("'BEGIN { n = 0 } $2 == \"Running\" { n++ } END { printf \"%d running\\n\", n }'")).toBe('3 running\n');
    expect(run("echo a:b:c | awk -F: '{print $2}'").stdout).toBe('b\n');
    expect(run("awk 'BEGIN { print 1 + 2 }'").stdout).toBe('3\n');
  });

  it('sed substitutes, prints, deletes and edits in place', () => {
    const fs = workFs();
    const out = (script: string) => run(script, { fs }).stdout;
    expect(out("echo hello world | sed 's/o/0/g'")).toBe('hell0 w0rld\n');
    expect(out("echo hello world | sed 's/o/0/'")).toBe('hell0 world\n');
    expect(out("sed -n '2p' /work/pods.txt")).toBe('db Pending 0\n');
    expect(out("sed '/Running/d' /work/pods.txt")).toBe('db Pending 0\n');
    expect(out("echo 'a=1' | sed -E 's/(.)=(.)/\\2=\\1/'")).toBe('1=a\n');
    expect(out("sed -i 's/Pending/Running/' /work/pods.txt; grep -c Running /work/pods.txt")).toBe('4\n');
  });

  it('echo, printf, seq, basename, dirname, base64, md5sum', () => {
    expect(run('echo -n a; echo -e "b\\tc"; echo "d\\ne"').stdout).toBe('ab\tc\nd\\ne\n');
    expect(run("printf '%s is %d years\\n' pod 3; printf '%5.1f|\\n' 3.14159").stdout).toBe('pod is 3 years\n  3.1|\n');
    expect(run('seq 3; seq 2 2 6').stdout).toBe('1\n2\n3\n2\n4\n6\n');
    expect(run('basename /var/log/app.log .log; dirname /var/log/app.log').stdout).toBe('app\n/var/log\n');
    expect(run('echo -n podlab | base64; echo cG9kbGFi | base64 -d').stdout).toBe('cG9kbGFi\npodlab');
    expect(run('echo -n hello | md5sum').stdout).toBe('5d41402abc4b2a76b9719d911017c592  -\n');
  });

  it('tee writes to files and stdout; xargs builds command lines', () => {
    const result = run('echo hi | tee /tmp/copy; cat /tmp/copy; printf "a\\nb\\n" | xargs echo got; echo x y | xargs -n 1 echo');
    expect(result.stdout).toBe('hi\nhi\ngot a b\nx\ny\n');
  });

  it('test and [ compare strings, numbers and files', () => {
    const fs = workFs();
    const status = (expression: string) => run(`[ ${expression} ]`, { fs }).status;
    expect(status('-f /work/pods.txt')).toBe(0);
    expect(status('-d /work/pods.txt')).toBe(1);
    expect(status('-d /work')).toBe(0);
    expect(status('-e /nope')).toBe(1);
    expect(status('! -e /nope')).toBe(0);
    expect(status('-z ""')).toBe(0);
    expect(status('-n "x"')).toBe(0);
    expect(status('a = a')).toBe(0);
    expect(status('a != a')).toBe(1);
    expect(status('10 -gt 9')).toBe(0);
    expect(status('2 -le 1')).toBe(1);
    expect(status('-e /work -a -e /nope')).toBe(1);
    expect(run('[ 1 -eq 1').output).toBe('[: missing ]\n');
  });
});

describe('system commands', () => {
  const processes: ProcessInfo[] = [
    { pid: 1, ppid: 0, user: 'root', rss: 1_048_576, cpu: 0, state: 'S', command: 'sleep 3600', startedAt: startTime },
    { pid: 7, ppid: 0, user: 'root', rss: 2_097_152, cpu: 0, state: 'S', command: 'sh', startedAt: startTime },
  ];

  it('ps prints the busybox layout', () => {
    expect(run('ps', { host: { processes: () => processes } }).stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 sh\n');
  });

  it('top prints the busybox header and columns', () => {
    const lines = run('top -b -n 1', { host: { processes: () => processes } }).stdout.split('\n');
    expect(lines[0]).toMatch(/^Mem: \d+K used, \d+K free, 0K shrd, 0K buff, \d+K cached$/);
    expect(lines[1]).toMatch(/^CPU: +\d+% usr +0% sys/);
    expect(lines[2]).toMatch(/^Load average: /);
    expect(lines[3]).toBe('  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND');
    expect(lines[4]).toMatch(/^ {4}1 {5}0 root {5}S +\d+ +\d+% +0 +0% sleep 3600$/);
  });

  it('top refreshes in virtual time until interrupted or -n screens', () => {
    const result = run('top -b -n 3 -d 2', { host: { processes: () => processes } });
    expect(result.stdout.match(/^Mem:/gm)).toHaveLength(3);
    expect(result.clock.now).toBe(startTime + 4000);
    const forever = run('top', { host: { processes: () => processes }, untilTime: startTime + 60_000 });
    expect(forever.status).toBeUndefined();
    expect(forever.stdout.match(/\x1b\[H\x1b\[J/g)).toHaveLength(13);
  });

  it('kill asks the host and reports its error', () => {
    const killed: string[] = [];
    const host = { kill: (pid: number, signal: string) => (pid === 1 ? (killed.push(signal), undefined) : 'No such process') };
    expect(run('kill 1; kill -9 1; kill 99', { host }).output).toBe("kill: can't kill pid 99: No such process\n");
    expect(killed).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('date follows the virtual clock', () => {
    expect(run('date; date +%s; date "+%Y-%m-%d %H:%M"').stdout).toBe('Thu Jan 15 09:00:00 UTC 2026\n1768467600\n2026-01-15 09:00\n');
  });

  it('hostname, env, printenv, uname, id, whoami, clear, which', () => {
    const state = createShellState({ env: { HOME: '/root', USER: 'root' } });
    expect(run('hostname; printenv HOME; whoami; id; uname; which cat; which nothing; echo $?', { state }).stdout).toBe(
      'web-7d4b9c\n/root\nroot\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\nLinux\n/usr/bin/cat\n1\n',
    );
    expect(run('env', { state }).stdout).toBe('HOME=/root\nUSER=root\nPWD=/\n');
    expect(run('clear').stdout).toBe('\x1b[H\x1b[2J');
  });
});

describe('network commands', () => {
  const services: Record<string, string> = { web: '10.96.0.12', 'web.default.svc.cluster.local': '10.96.0.12', localhost: '127.0.0.1' };
  const responses: Record<string, HttpResult> = {
    'http://web/': { status: 200, body: 'hello from nginx\n' },
    'http://web/broken': { status: 500, body: 'oops' },
    'http://10.244.1.5/': { error: 'Connection refused' },
    'http://localhost:8080/': { error: 'Connection refused' },
    'http://web/slow': { status: 200, body: 'late\n', latencyMs: 5000 },
  };
  const host = {
    resolve: (name: string) => (services[name] ? { name: name.includes('.') ? name : `${name}.default.svc.cluster.local`, addresses: [services[name]!] } : undefined),
    dnsServer: () => '10.96.0.10',
    httpGet: (url: string) => responses[url] ?? { status: 404, body: 'not found' },
    tcpConnect: (name: string, port: number) => (name === 'web' && port === 80 ? undefined : 'Connection refused'),
  };

  it('wget fetches, reports progress and fails like busybox', () => {
    expect(run('wget -q -O- http://web', { host }).output).toBe('hello from nginx\n');
    expect(run('wget -O- http://web', { host }).output).toBe(
      'Connecting to web (10.96.0.12:80)\nwriting to stdout\nhello from nginx\n-                    100% |********************************|    17  0:00:00 ETA\nwritten to stdout\n',
    );
    const broken = run('wget -q -O- http://web/broken', { host });
    expect(broken.output).toBe('wget: server returned error: HTTP/1.1 500 Internal Server Error\n');
    expect(broken.status).toBe(1);
    expect(run('wget -q -O- http://10.244.1.5', { host }).output).toBe("wget: can't connect to remote host (10.244.1.5): Connection refused\n");
    expect(run('wget -q -O- http://nope', { host }).output).toBe("wget: bad address 'nope'\n");
    expect(run('wget -q --spider http://web; echo $?', { host }).output).toBe('0\n');
  });

  it('wget waits for slow servers in virtual time and times out with -T', () => {
    const slow = run('wget -q -O- http://web/slow', { host });
    expect(slow.stdout).toBe('late\n');
    expect(slow.clock.now).toBe(startTime + 5000);
    const timedOut = run('wget -q -T 2 -O- http://web/slow', { host });
    expect(timedOut.output).toBe('wget: download timed out\n');
    expect(timedOut.clock.now).toBe(startTime + 2000);
  });

  it('curl prints bodies, headers and its numbered errors', () => {
    expect(run('curl -s http://web', { host, dialect: 'bash' }).output).toBe('hello from nginx\n');
    expect(run('curl -s -I http://web', { host, dialect: 'bash' }).output).toBe('HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n');
    const refused = run('curl http://localhost:8080', { host, dialect: 'bash' });
    expect(refused.output).toBe("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n");
    expect(refused.status).toBe(7);
    expect(run('curl -sf http://web/broken; echo $?', { host, dialect: 'bash' }).output).toBe('22\n');
    expect(run('curl http://nope', { host, dialect: 'bash' }).output).toBe('curl: (6) Could not resolve host: nope\n');
  });

  it('curl shows its progress meter on stderr when its output is not the terminal, unless silenced', () => {
    const header =
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
      '                                 Dload  Upload   Total   Spent    Left  Speed\n';
    // Piped: 17 bytes in what counts as a millisecond, 17000 B/s.
    const piped = run('curl http://web | cat', { host, dialect: 'bash' });
    expect(piped.stderr).toBe(`${header}100    17  100    17    0     0  17000      0 --:--:-- --:--:-- --:--:-- 17000\n`);
    expect(piped.stdout).toBe('hello from nginx\n');
    expect(run('curl -s http://web | cat', { host, dialect: 'bash' }).stderr).toBe('');
    // Into a file, on the terminal too; the slow page takes five seconds, shown as times.
    const saved = run('curl -o /tmp/page http://web/slow; cat /tmp/page', { host, dialect: 'bash' });
    expect(saved.output).toBe(`${header}100     5  100     5    0     0      1      0  0:00:05  0:00:05 --:--:--     1\nlate\n`);
    // A failed transfer ends the meter at nothing before curl's error.
    expect(run('curl http://nope > /tmp/out', { host, dialect: 'bash' }).stderr).toBe(
      `${header}  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\ncurl: (6) Could not resolve host: nope\n`,
    );
  });

  it('nc -z checks ports', () => {
    expect(run('nc -z -v web 80; echo $?', { host }).output).toBe('web (10.96.0.12:80) open\n0\n');
    expect(run('nc -z web 81; echo $?', { host }).output).toBe("nc: can't connect to remote host (10.96.0.12): Connection refused\n1\n");
  });

  it('nslookup prints the busybox layout', () => {
    expect(run('nslookup web', { host }).stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.0.12\n\n');
    const missing = run('nslookup nope', { host });
    expect(missing.stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n");
    expect(missing.status).toBe(1);
  });
});

describe('command tables', () => {
  it('busybox and GNU tables hold the listed commands', () => {
    const listed = 'sleep echo printf cat touch rm mkdir rmdir ls cp mv test [ true false date hostname env printenv ps kill top head tail grep wc sort uniq tr cut awk sed seq basename dirname xargs tee yes base64 md5sum wget nc nslookup sh which uname id whoami clear'.split(' ');
    for (const name of listed) {
      expect(busyboxCommands.has(name), name).toBe(true);
      expect(gnuCommands.has(name), name).toBe(true);
    }
    expect(gnuCommands.has('curl')).toBe(true);
    expect(gnuCommands.has('bash')).toBe(true);
  });
});

describe('rev', () => {
  it('reverses each line, as the Indexed Job example reads its input', () => {
    const fs = new MemFs();
    fs.writeFile('/in', 'abc\nhello world\n');
    expect(run('rev /in; echo foo | rev', { fs, dialect: 'busybox' }).output).toBe('cba\ndlrow olleh\noof\n');
    expect(run('rev /nope', { dialect: 'bash' }).output).toBe('rev: cannot open /nope: No such file or directory\n');
  });
});

describe('[[', () => {
  it('tests as busybox ash does with its bash compatibility', () => {
    const fs = new MemFs();
    fs.writeFile('/there', 'x');
    expect(run('[[ -e /there ]] && echo yes; [[ -e /nope ]] || echo no; [[ -e /there', { fs, dialect: 'busybox' }).output).toBe('yes\nno\n[[: missing ]]\n');
  });
});
