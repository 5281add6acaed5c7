// Deep nesting: the parser and the arithmetic evaluator stop at a depth limit with bash's own
// errors instead of running out of stack.
import { describe, expect, it } from 'vitest';
import { nestingLimit } from '../../sim/shell/lang/parser';
import { attack, heapBudgetBytes, wallBudgetMs } from './budget';

const cases: [string, string, string][] = [
  ['$( 1000 deep', `echo ${'$('.repeat(1000)}echo hi${')'.repeat(1000)}`, "-bash: syntax error near unexpected token `('"],
  ['( × 5000', `${'('.repeat(5000)}echo hi${')'.repeat(5000)}`, "-bash: syntax error near unexpected token `('"],
  ['( × 5000 with blanks', `${'( '.repeat(5000)}echo hi${' )'.repeat(5000)}`, "-bash: syntax error near unexpected token `('"],
  ['{ × 5000', `${'{ '.repeat(5000)}echo hi; ${'}; '.repeat(4999)}}`, "-bash: syntax error near unexpected token `{'"],
  ['if × 3000', `${'if true; then '.repeat(3000)}echo hi; ${'fi; '.repeat(2999)}fi`, "-bash: syntax error near unexpected token `if'"],
  ['$(( 5000 parentheses ))', `echo $(( ${'('.repeat(5000)}1${')'.repeat(5000)} ))`, 'expression recursion level exceeded (error token is "'],
  ['a variable naming itself in $(( ))', 'x=x; echo $((x))', '-bash: x: expression recursion level exceeded (error token is "x")'],
  ['two variables naming each other', 'y=z; z=y; echo $((y + 1))', '-bash: z: expression recursion level exceeded (error token is "z")'],
  ['- × 5000 in $(( ))', `echo $(( ${'- '.repeat(5000)}1 ))`, 'expression recursion level exceeded'],
];

describe('deep nesting', () => {
  it.each(cases)('%s: bash\'s error, within budget, and the shell carries on', (_name, line, message) => {
    const result = attack(`${line}\necho alive $?`);
    expect(result.crash).toBeUndefined();
    expect(result.output).toContain(message);
    expect(result.output).toMatch(/\nalive [12]\n$/);
    expect(result.wallMs).toBeLessThan(wallBudgetMs);
    expect(result.heapBytes).toBeLessThan(heapBudgetBytes);
  });

  it(`nesting up to ${nestingLimit} levels parses and runs`, () => {
    const depth = nestingLimit;
    const result = attack([`${'('.repeat(depth)}echo paren${')'.repeat(depth)}`, `${'{ '.repeat(depth)}echo brace; ${'}; '.repeat(depth - 1)}}`, `echo ${'$(echo '.repeat(depth)}subst${')'.repeat(depth)}`].join('\n'));
    expect(result.crash).toBeUndefined();
    expect(result.output.split('\n').filter((line) => !line.startsWith('$ '))).toEqual(['paren', 'brace', 'subst', '']);
    expect(result.status).toBe(0);
  });
});
