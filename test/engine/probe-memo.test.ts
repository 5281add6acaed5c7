import { describe, expect, it } from 'vitest';
import { probeReadsOnlyFiles } from '../../sim/kubelet/probe-exec';
import type { ContainerInstance } from '../../sim/runtime/container';

const fileReaders = new Set(['cat', 'test', '[', 'true', 'false', 'grep', 'head', 'wc']);
const container = { readsOnlyFiles: (argv: string[]) => fileReaders.has(argv[0]) } as unknown as ContainerInstance;
const sh = (script: string) => probeReadsOnlyFiles(['sh', '-c', script], container);

describe('an exec probe whose result holds while the files do', () => {
  it('is a file-reading command, or a shell script made only of them with plain words', () => {
    expect(probeReadsOnlyFiles(['cat', '/tmp/healthy'], container)).toBe(true);
    expect(sh('test -d /etc')).toBe(true);
    expect(probeReadsOnlyFiles(['/bin/sh', '-c', 'test -e /tmp/a && cat /tmp/b | grep -q ok || exit 1'], container)).toBe(true);
    expect(sh('if test -f /x; then cat /x; else false; fi; { head -1 /y; }')).toBe(true);
  });

  it('is not a script that reads the clock, the environment or the network, writes, waits, loops or runs in the background', () => {
    for (const script of ['test $(date +%s) -ge 5', 'test -n "$HOME"', 'wget -q localhost', 'cat /x > /y', 'sleep 1', 'while true; do :; done', 'cat /x &', 'x=1 cat /x', 'f() { cat /x; }; f', '/bin/cat /x', 'cat /tmp/*', 'test -d /etc; exit 1 2', 'if cat']) {
      expect(sh(script), script).toBe(false);
    }
    expect(probeReadsOnlyFiles(['sh', '-c', 'test -d /etc', 'name'], container)).toBe(false);
    expect(probeReadsOnlyFiles(['env', '-c', 'test -d /etc'], container)).toBe(false);
  });
});
