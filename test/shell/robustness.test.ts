// Whatever a learner types, the shell answers with output and a status, never an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIncomplete } from '../../sim/shell/lang';
import { run, startTime } from './harness';

const pieces = ['echo', 'cat', 'ls', 'x', '=', '$', '{', '}', '(', ')', '$(', '`', "'", '"', '\\', ';', '&', '&&', '|', '||', '<', '>', '>>', '2>&1', '<<', 'EOF', '\n', ' ', '*', '?', '[', ']', 'if', 'then', 'fi', 'for', 'in', 'do', 'done', 'case', 'esac', ';;', '$((', '))', '#', '-', '1', 'a', '${', ':-', '#', '%', 'sleep', 'test', '!', 'f()', 'while', 'until', 'read', 'export', 'cd', '..', '/tmp'];

describe('robustness', () => {
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }), (parts) => {
        const line = parts.join('');
        isIncomplete(line);
        const result = run(line, { untilTime: startTime + 5_000 });
        if (result.status !== undefined) expect(Number.isInteger(result.status)).toBe(true);
      }),
      { numRuns: 1500, seed: 42 },
    );
  });
});
