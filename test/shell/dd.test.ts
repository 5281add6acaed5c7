// dd as a learner types it: in a container (busybox wording) and on the workstation (GNU
// coreutils wording), filling disks with zeros that cost no memory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemFs } from '../../sim/fs/memfs';
import { createShellState } from '../../sim/shell/lang';
import { labShell } from '../support/lab-shell';
import { run, startTime } from './harness';

function dataFs(sizeLimit?: number): MemFs {
  const fs = new MemFs({ now: () => startTime, sizeLimit });
  fs.mkdir('/data');
  fs.mkdir('/tmp');
  fs.writeFile('/tmp/h.txt', 'hello world\n');
  return fs;
}

const gnu = (script: string, fs = dataFs()) => run(script, { dialect: 'bash', fs, state: createShellState({ env: { USER: 'root' } }) });
const busybox = (script: string, fs = dataFs()) => run(script, { dialect: 'busybox', fs });

describe('dd in busybox wording', () => {
  it('fills a file with zeros and says so like busybox 1.36', () => {
    const result = busybox('dd if=/dev/zero of=/data/big bs=1M count=200; echo done; ls -l /data');
    expect(result.stderr).toBe('200+0 records in\n200+0 records out\n209715200 bytes (200.0MB) copied, 0.139860 seconds, 1.4GB/s\n');
    expect(result.stdout).toBe('done\ntotal 204800\n-rw-r--r--    1 root     root     209715200 Jan 15 09:00 big\n');
    expect(result.status).toBe(0);
  });

  it('prints small sizes without a unit and larger ones with one digit after the point', () => {
    expect(busybox('dd if=/dev/zero of=/data/a bs=100 count=1').stderr).toBe('1+0 records in\n1+0 records out\n100 bytes (100B) copied, 0.000050 seconds, 1.9MB/s\n');
    expect(busybox('dd if=/dev/zero of=/data/a bs=1K count=3').stderr).toBe('3+0 records in\n3+0 records out\n3072 bytes (3.0KB) copied, 0.000052 seconds, 56.3MB/s\n');
    expect(busybox('dd if=/dev/zero of=/data/a count=0').stderr).toBe('0+0 records in\n0+0 records out\n0 bytes (0B) copied, 0.000050 seconds, 0B/s\n');
  });

  it('copies files, counting the short last block as a partial record', () => {
    const result = busybox('dd if=/tmp/h.txt of=/data/copy bs=5 2>/dev/null; cat /data/copy; dd if=/tmp/h.txt bs=5 count=1 status=none; echo');
    expect(result.stdout).toBe('hello world\nhello\n');
    expect(busybox('dd if=/tmp/h.txt of=/data/copy bs=5 status=noxfer').stderr).toBe('2+1 records in\n2+1 records out\n');
    expect(busybox('echo abc | dd of=/data/copy status=noxfer; cat /data/copy').output).toBe('0+1 records in\n0+1 records out\nabc\n');
  });

  it('accepts the suffixes busybox knows', () => {
    const sizes = busybox('for bs in 2c 1w 1b 1k 1K 1kB 1KB 1M 1MB; do dd if=/dev/zero of=/data/s bs=$bs count=1 2>/dev/null; wc -c < /data/s; done').stdout;
    expect(sizes.split('\n').map((line) => line.trim())).toEqual(['2', '2', '512', '1024', '1024', '1000', '1000', '1048576', '1000000', '']);
    expect(busybox('dd if=/dev/zero of=/data/s bs=1x2 count=1; echo $?').output).toBe("dd: invalid number '1x2'\n1\n");
  });

  it('says what went wrong', () => {
    expect(busybox('dd if=/nope of=/data/x; echo $?').output).toBe("dd: can't open '/nope': No such file or directory\n1\n");
    expect(busybox('dd if=/dev/zero of=/nope/x count=1').output).toBe("dd: can't open '/nope/x': No such file or directory\n");
    expect(busybox('dd if=/dev/zero of=/data/x status=fast').output).toBe("dd: invalid argument 'fast' to 'status'\n");
    const usage = busybox('dd foo; echo $?').output;
    expect(usage.startsWith('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: dd [if=FILE] [of=FILE]')).toBe(true);
    expect(usage.endsWith('N may be suffixed by c (1), w (2), b (512), kB (1000), k (1024), MB, M, GB, G\n1\n')).toBe(true);
    const fs = dataFs();
    fs.readOnly = true;
    expect(busybox('dd if=/dev/zero of=/data/x count=1', fs).output).toBe("dd: can't open '/data/x': Read-only file system\n");
  });

  it('stops with ENOSPC when the filesystem is full, keeping what fitted', () => {
    const fs = dataFs(10 * 1024 * 1024 + 100);
    const result = busybox('dd if=/dev/zero of=/data/big bs=1M count=200; echo "exit $?"; ls -l /data/big', fs);
    expect(result.output).toBe(
      [
        "dd: error writing '/data/big': No space left on device",
        '11+0 records in',
        '10+0 records out',
        '10485848 bytes (10.0MB) copied, 0.007041 seconds, 1.4GB/s',
        'exit 1',
        '-rw-r--r--    1 root     root      10485848 Jan 15 09:00 /data/big',
        '',
      ].join('\n'),
    );
    expect(fs.usedBytes()).toBe(10 * 1024 * 1024 + 100);
  });
});

describe('dd in GNU coreutils wording', () => {
  it('fills a file with zeros and says so like coreutils 9', () => {
    const result = gnu('dd if=/dev/zero of=/data/big bs=1M count=200; ls -l /data');
    expect(result.stderr).toBe('200+0 records in\n200+0 records out\n209715200 bytes (210 MB, 200 MiB) copied, 0.13986 s, 1.5 GB/s\n');
    expect(result.stdout).toBe('total 204800\n-rw-r--r-- 1 root root 209715200 Jan 15 09:00 big\n');
  });

  it('shows both units only when each has a prefix, and "byte" for one', () => {
    const line = (args: string) => gnu(`dd if=/dev/zero of=/data/a ${args} status=progress`).stderr.split('\n')[2];
    expect(line('bs=1K count=3')).toBe('3072 bytes (3.1 kB, 3.0 KiB) copied, 5.2085e-05 s, 59.0 MB/s');
    expect(line('bs=100 count=1')).toBe('100 bytes copied, 5.0104e-05 s, 2.0 MB/s');
    expect(line('bs=1 count=1')).toBe('1 byte copied, 5.0038e-05 s, 20.0 kB/s');
    expect(line('count=0')).toBe('0 bytes copied, 5.0037e-05 s, 0.0 kB/s');
    expect(line('bs=1000 count=1')).toBe('1000 bytes (1.0 kB) copied, 5.0704e-05 s, 19.7 MB/s');
    expect(line('bs=1MB count=1')).toBe('1000000 bytes (1.0 MB, 977 KiB) copied, 0.000716704 s, 1.4 GB/s');
    expect(line('bs=1G count=3')).toBe('3221225472 bytes (3.2 GB, 3.0 GiB) copied, 2.14753 s, 1.5 GB/s');
  });

  it('accepts the suffixes coreutils knows', () => {
    const sizes = gnu('for bs in 2c 1w 1b 1K 1k 1kB 1KB 1KiB 1M 1MB 1MiB 2x3; do dd if=/dev/zero of=/data/s bs=$bs count=1 2>/dev/null; wc -c < /data/s; done').stdout;
    expect(sizes.split('\n')).toEqual(['2', '2', '512', '1024', '1024', '1000', '1000', '1024', '1048576', '1000000', '1048576', '6', '']);
  });

  it('copies count blocks of a file, skips and seeks', () => {
    const result = gnu('dd if=/tmp/h.txt of=/data/c bs=5 count=1; cat /data/c; echo; dd if=/tmp/h.txt bs=4 skip=1 status=none');
    expect(result.output).toBe('1+0 records in\n1+0 records out\n5 bytes copied, 5.004e-05 s, 99.9 kB/s\nhello\no world\n');
    expect(gnu('dd if=/tmp/h.txt of=/data/c ibs=5 obs=3 status=noxfer').stderr).toBe('2+1 records in\n4+0 records out\n');
    const seek = gnu('echo hell > /data/c; dd if=/tmp/h.txt of=/data/c bs=4 seek=1 status=none; cat /data/c');
    expect(seek.stdout).toBe('hellhello world\n');
    expect(gnu('dd if=/dev/zero of=/data/sparse bs=1 count=0 seek=1G status=none; ls -l /data/sparse').stdout).toBe('-rw-r--r-- 1 root root 1073741824 Jan 15 09:00 /data/sparse\n');
  });

  it('says what went wrong like coreutils', () => {
    expect(gnu('dd if=/nope of=/data/x; echo $?').output).toBe("dd: failed to open '/nope': No such file or directory\n1\n");
    expect(gnu('dd foo').output).toBe("dd: unrecognized operand 'foo'\nTry 'dd --help' for more information.\n");
    expect(gnu('dd bs=1x').output).toBe("dd: invalid number: '1x'\n");
    expect(gnu('dd bs=0').output).toBe("dd: invalid number: '0'\n");
    expect(gnu('dd status=fast').output).toBe("dd: invalid status level: 'fast'\nTry 'dd --help' for more information.\n");
    expect(gnu('dd if=/dev/zero of=/tmp count=1').output).toBe("dd: failed to open '/tmp': Is a directory\n");
    expect(gnu('dd if=/dev/zero of=/dev/full bs=1M count=1').output).toBe(
      "dd: error writing '/dev/full': No space left on device\n1+0 records in\n0+0 records out\n0 bytes copied, 5.0037e-05 s, 0.0 kB/s\n",
    );
    const fs = dataFs();
    fs.readOnly = true;
    expect(gnu('dd if=/dev/zero of=/data/x count=1', fs).output).toBe("dd: failed to open '/data/x': Read-only file system\n");
  });

  it('stops with ENOSPC when the filesystem is full, and at the disk size without a limit', () => {
    const fs = dataFs(10 * 1024 * 1024 + 100);
    expect(gnu('dd if=/dev/zero of=/data/big bs=1M count=200', fs).output).toBe(
      "dd: error writing '/data/big': No space left on device\n11+0 records in\n10+0 records out\n10485848 bytes (10 MB, 10 MiB) copied, 0.0070406 s, 1.5 GB/s\n",
    );
    // Without count, /dev/zero runs until the disk is full.
    const endless = dataFs(1024 * 1024);
    expect(gnu('dd if=/dev/zero of=/data/big status=noxfer', endless).output).toBe(
      "dd: writing to '/data/big': No space left on device\n2048+0 records in\n2047+1 records out\n",
    );
    expect(endless.stat('/data/big')?.size).toBe(1024 * 1024 - 12);
    const unlimited = dataFs();
    const before = process.memoryUsage().heapUsed;
    expect(gnu('dd if=/dev/zero of=/data/big bs=1M', unlimited).output).toBe(
      "dd: error writing '/data/big': No space left on device\n16385+0 records in\n16384+0 records out\n17179869184 bytes (17 GB, 16 GiB) copied, 11.4533 s, 1.5 GB/s\n",
    );
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    expect(unlimited.stat('/data/big')?.size).toBe(16 * 1024 ** 3);
  });

  it('writes to stdout and /dev/null, stopping endless zeros after a bounded amount', () => {
    expect(gnu('dd if=/dev/zero bs=1M count=1 status=none | wc -c').stdout).toBe('1048576\n');
    expect(gnu('dd if=/dev/zero status=none | wc -c').stdout).toBe('65536\n');
    expect(gnu('dd if=/dev/zero of=/dev/null status=noxfer; echo $?').output).toBe('33554432+0 records in\n33554432+0 records out\n0\n');
  });

  it.skipIf(!existsSync('/usr/bin/dd'))('prints what the real dd prints, up to the time and rate (skipped where /usr/bin/dd is absent)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlab-dd-'));
    try {
      const lines = [
        'dd if=/dev/zero of=out bs=1M count=3',
        'dd if=/dev/zero of=out bs=1K count=3',
        'dd if=/dev/zero of=out bs=100 count=1',
        'dd if=/dev/zero of=out bs=1 count=1',
        'dd if=/dev/zero of=out count=0',
        'dd if=/dev/zero of=out bs=1000 count=1000',
        'dd if=/dev/zero of=out bs=512 count=1999',
        'dd if=/dev/zero of=out bs=9999 count=1',
        'dd if=h.txt of=out',
        'dd if=h.txt of=out ibs=5 obs=3',
        'dd if=h.txt bs=4 skip=1',
        'dd if=h.txt of=out bs=4 skip=5',
        'dd if=nope of=out',
        'dd foo',
        'dd bs=1m',
        'dd conv=fast',
        'dd if=/dev/zero of=/dev/full bs=1M count=1',
        'dd if=/dev/zero of=/dev/full count=1',
      ];
      const withoutTime = (text: string) => text.replace(/ copied, .* s, .*\/s$/gm, ' copied');
      for (const line of lines) {
        writeFileSync(join(dir, 'h.txt'), 'hello world\n');
        rmSync(join(dir, 'out'), { force: true });
        let real: string;
        try {
          real = execFileSync('/bin/sh', ['-c', `${line.replace(/^dd/, '/usr/bin/dd')} 2>&1; echo "[$?]"`], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
        } catch (error) {
          real = (error as { stdout: string }).stdout;
        }
        real = real.replace(/\/usr\/bin\/dd/g, 'dd');
        const fs = new MemFs({ now: () => startTime });
        fs.mkdir('/w');
        fs.writeFile('/w/h.txt', 'hello world\n');
        const simulated = run(`${line} 2>&1; echo "[$?]"`, { dialect: 'bash', fs, state: createShellState({ cwd: '/w' }) }).output;
        expect(withoutTime(simulated), line).toBe(withoutTime(real));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dd in a container', () => {
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: filler
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    emptyDir: {}
`;

  it('fills a volume from kubectl exec and carries on in scripts', () => {
    const lab = labShell();
    lab.write('/pod.yaml', pod);
    lab.sh('kubectl apply -f /pod.yaml');
    lab.wait(30);
    expect(lab.sh('kubectl exec filler -- which dd')).toBe('/usr/bin/dd\n');
    expect(lab.sh('kubectl exec filler -- dd if=/dev/zero of=/data/big bs=1M count=200')).toBe(
      '200+0 records in\n200+0 records out\n209715200 bytes (200.0MB) copied, 0.139860 seconds, 1.4GB/s\n',
    );
    expect(lab.sh('kubectl exec filler -- ls -l /data')).toMatch(/^total \d+\n-rw-r--r-- +1 root +root +209715200 .* big\n$/);
    expect(lab.sh(`kubectl exec filler -- sh -c 'dd if=/dev/zero of=/data/small bs=1K count=4 2>/dev/null; echo done; wc -c < /data/small'`)).toBe('done\n4096\n');
    expect(lab.sh('kubectl exec filler -- dd if=/nope of=/data/x')).toContain("dd: can't open '/nope': No such file or directory\n");
  });
});
