// Catastrophic regular expressions: grep, sed, awk and lesson patterns match in linear time.
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../lab/regex';
import { loadCourse, formatProblem } from '../../lab';
import { firstPodLesson, samplePack } from '../lab/sample-pack';
import { attack, heapBudgetBytes, wallBudgetMs } from './budget';

const evil = 'a'.repeat(40) + 'b';
const longer = 'a'.repeat(100_000) + 'b';

describe('catastrophic patterns in the terminal', () => {
  it.each([
    ['grep -E', `echo ${evil} | grep -E '^(a+)+$'; echo status $?`, 'status 1'],
    ['grep basic', `echo ${evil} | grep '^\\(a*\\)*$'; echo status $?`, 'status 1'],
    ['grep -c on a long line', `printf '${'a'.repeat(2000)}b\\n' > f; grep -cE '(a|aa)+b$' f`, '1'],
    ['sed -E', `echo ${evil} | sed -E 's/^(a+)+$/x/'`, evil],
    ['sed address', `echo ${evil} | sed -n '/^\\(a*\\)*$/p'; echo done`, 'done'],
    ['awk ~', `echo ${evil} | awk '$0 ~ /^(a+)+$/ { print "hit" } END { print "end" }'`, 'end'],
    ['awk -F', `echo ${evil} | awk -F '(a+)+c' '{ print NF }'`, '1'],
  ])('%s ends at once with the right answer', (_name, line, expected) => {
    const result = attack(line);
    expect(result.crash).toBeUndefined();
    expect(result.output.trimEnd().split('\n').pop()).toBe(expected);
    expect(result.wallMs).toBeLessThan(wallBudgetMs);
    expect(result.heapBytes).toBeLessThan(heapBudgetBytes);
  });

  it('grep, sed and awk keep their everyday meaning', () => {
    const result = attack(
      [
        "printf 'web-1 Running\\nweb-2 Pending\\ndb Running\\n' > pods",
        "grep -w 'web' pods | wc -l",
        "grep -o 'web-[0-9]' pods",
        "grep -x 'db Running' pods",
        "grep -c '[[:digit:]]' pods",
        "sed 's/\\(web\\)-\\([0-9]\\)/\\2:\\1/' pods",
        "sed -E 's/n+/N/2' pods | head -1",
        "awk '/Running/ { print $1 }' pods",
        "awk -F'-' '{ print $1 }' pods | head -1",
      ].join('\n'),
    );
    const outputs = result.output.split(/^\$ .*\n/m).slice(2);
    expect(outputs).toEqual(['2\n', 'web-1\nweb-2\n', 'db Running\n', '2\n', '1:web Running\n2:web Pending\ndb Running\n', 'web-1 RunniNg\n', 'web-1\ndb\n', 'web\n']);
  });
});

describe('catastrophic patterns in lesson packs', () => {
  it('a check pattern ^(a+)+$ is matched in linear time', () => {
    const started = performance.now();
    expect(compilePattern('^(a+)+$').test(longer)).toBe(false);
    expect(compilePattern('(?i)^OOMKILLED$').test('OOMKilled')).toBe(true);
    expect(performance.now() - started).toBeLessThan(wallBudgetMs);
  });

  it('a pattern the linear engine cannot run is refused when the pack loads', () => {
    const files = samplePack();
    files.set('01-first-pod/lesson.yaml', firstPodLesson.replace('pattern: "^kubectl run web"', 'pattern: "(a)\\\\1"'));
    const problems = loadCourse(files).problems.map(formatProblem);
    expect(problems.join('\n')).toContain('invalid escape sequence');
  });
});
