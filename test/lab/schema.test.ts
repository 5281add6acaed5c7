import { describe, expect, it } from 'vitest';
import { checkSchema, formatIssuePath, quizSchema } from '../../lab/schema';

function issues(schema: { safeParse(data: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, data: unknown): string[] {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error!.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}

const title = { en: 'A check', zh: '检查' };

describe('lesson schema', () => {
  it('fills defaults: when now, field op equals, count op ==', () => {
    const check = checkSchema.parse({ id: 'a', title, field: { kind: 'Pod', name: 'web', path: 'status.phase', value: 'Running' } });
    expect(check.when).toBe('now');
    expect(check.field?.op).toBe('equals');
    expect(checkSchema.parse({ id: 'b', title, count: { kind: 'Pod', value: 2 } }).count?.op).toBe('==');
  });

  it('requires seconds with sustained, and only there', () => {
    expect(issues(checkSchema, { id: 'a', title, when: 'sustained', exists: { kind: 'Pod', name: 'web' } })).toEqual(['seconds: when: sustained needs seconds']);
    expect(issues(checkSchema, { id: 'a', title, seconds: 5, exists: { kind: 'Pod', name: 'web' } })).toEqual(['seconds: seconds is only used with when: sustained']);
  });

  it('requires a value for comparing ops, one of name or selector, and a valid path', () => {
    expect(issues(checkSchema, { id: 'a', title, field: { kind: 'Pod', name: 'web', path: 'status.phase', op: '>=' } })).toEqual(['field.value: op >= needs a value']);
    expect(issues(checkSchema, { id: 'a', title, field: { kind: 'Pod', path: 'status.phase', op: 'exists' } })).toEqual(['field: give exactly one of name or selector']);
    expect(issues(checkSchema, { id: 'a', title, field: { kind: 'Pod', name: 'web', path: 'status..phase', op: 'exists' } })).toEqual([
      'field.path: invalid path "status..phase": misplaced . at position 6',
    ]);
  });

  it('rejects ids with capitals or spaces', () => {
    expect(issues(checkSchema, { id: 'Web Check', title, exists: { kind: 'Pod', name: 'web' } })).toEqual([
      'id: must be lower-case letters, digits and dashes ([a-z0-9-])',
    ]);
  });

  it('needs a correct quiz option, and multiple: true for several', () => {
    const option = (correct: boolean) => ({ text: { en: 'x', zh: 'x' }, correct });
    const question = { en: 'Q?', zh: '问？' };
    expect(issues(quizSchema, { id: 'q', question, options: [option(false), option(false)] })).toEqual(['options: no option is marked correct']);
    expect(issues(quizSchema, { id: 'q', question, options: [option(true), option(true)] })).toEqual(['options: more than one correct option needs multiple: true']);
    expect(issues(quizSchema, { id: 'q', question, multiple: true, options: [option(true), option(true)] })).toEqual([]);
  });
});
