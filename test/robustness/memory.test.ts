// No memory cap in the shell was a way to abort the whole engine (V8 out of memory). A shell's
// strings, variables, pipes and files are capped with bash's and the kernel's errors.
import { describe, expect, it } from 'vitest';
import { shellStringLimit } from '../../sim/shell/lang/memory-limit';
import { attack, heapBudgetBytes, wallBudgetMs } from './budget';

describe('memory caps in the shell', () => {
  it.each([
    ['doubling a variable 27 times', 'x=a; for i in $(seq 27); do x=$x$x; done; echo ${#x}', `-bash: xrealloc: cannot allocate ${2 * shellStringLimit + 1} bytes`],
    ['many large variables', 'x=a; for i in $(seq 24); do x=$x$x; done; a=$x; b=$x; c=$x; d=$x', `-bash: xrealloc: cannot allocate ${2 ** 24 + 1} bytes`],
    ['a command substitution of a growing pipe', 'y=$(x=a; for i in $(seq 30); do x=$x$x; echo $x; done | wc -c)', '-bash: xrealloc: cannot allocate'],
    ['printf with a huge width', "printf '%0200000000d' 1 | wc -c", '-bash: xrealloc: cannot allocate 200000001 bytes'],
    ['a file grown past the disk', 'x=a; for i in $(seq 22); do x=$x$x; done; for i in $(seq 40); do echo "$x" >> big; done; ls -l big', '-bash: write error: No space left on device'],
  ])('%s: bash\'s error, within budget, and the shell carries on', (_name, line, message) => {
    const result = attack(`${line}\necho alive $?`);
    expect(result.crash).toBeUndefined();
    expect(result.output).toContain(message);
    expect(result.output).toMatch(/\nalive [0-9]+\n$/);
    expect(result.wallMs).toBeLessThan(wallBudgetMs);
    expect(result.heapBytes).toBeLessThan(heapBudgetBytes);
  });
});
