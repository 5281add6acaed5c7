// `podlab --script` echoes each line as `$ line`; output without a final newline stays visible.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe('podlab --script output', () => {
  it('starts each echoed command on a fresh line after output without a newline', () => {
    const shell = labShell();
    expect(shell.run('printf abc\necho -n hello\necho done\n')).toBe('$ printf abc\nabc\n$ echo -n hello\nhello\n$ echo done\ndone\n');
  });
});
