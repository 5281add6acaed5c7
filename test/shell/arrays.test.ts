// bash arrays in GNU images; busybox sh has none and says so as it does.
import { describe, expect, it } from 'vitest';
import { run } from './harness';

describe('bash arrays', () => {
  it('assigns, indexes, counts, appends and quotes elements as bash does', () => {
    const script = [
      'arr=(a "b c" d)',
      'echo ${arr[1]}',
      'echo ${#arr[@]}',
      'for x in "${arr[@]}"; do echo "[$x]"; done',
      'arr+=(e)',
      'echo ${arr[@]}',
      'echo $arr',
      'i=2; echo ${arr[i]} ${arr[$i]} ${arr[-1]}',
      'arr[5]=z; echo ${#arr[@]} "${arr[*]}"',
      'echo ${#arr[1]}',
      's=x; s+=y; echo $s',
      'echo ${nope[@]}end',
    ].join('\n');
    const result = run(script, { dialect: 'bash' });
    expect(result.output).toBe('b c\n3\n[a]\n[b c]\n[d]\na b c d e\na\nd d e\n5 a b c d e z\n3\nxy\nend\n');
  });

  it('reads an array written over several lines, as the Indexed Job example does', () => {
    const script = 'items=(foo bar baz qux xyz)\nJOB_COMPLETION_INDEX=3\necho ${items[$JOB_COMPLETION_INDEX]}\na=(\n1\n2\n)\necho ${a[@]}';
    expect(run(script, { dialect: 'bash' }).output).toBe('qux\n1 2\n');
  });

  it('is a syntax error in busybox sh', () => {
    const result = run('arr=(a b c)', { dialect: 'busybox' });
    expect(result.output).toBe('sh: syntax error: unexpected "("\n');
    expect(result.status).toBe(2);
    expect(run('x=1; echo ${x[0]}', { dialect: 'busybox' }).output).toBe('sh: syntax error: bad substitution\n');
  });
});
