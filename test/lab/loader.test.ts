import { describe, expect, it } from 'vitest';
import { findExercise } from '../../lab/course';
import { formatProblem, loadCourse } from '../../lab/loader';
import { firstPodLesson, samplePack } from './sample-pack';

function problemsOf(files: Map<string, string>): string[] {
  return loadCourse(files, { label: 'lessons' }).problems.map(formatProblem);
}

describe('loadCourse', () => {
  it('loads a valid pack in order with texts and parsed starting objects', () => {
    const { course, problems } = loadCourse(samplePack(), { label: 'lessons' });
    expect(problems).toEqual([]);
    expect(course.lessons.map((lesson) => lesson.id)).toEqual(['first-pod', 'labels']);
    expect(course.lessons[0].text.zh).toContain('Pod 是最小的单元');
    const removeOld = findExercise(course, 'remove-old');
    expect(removeOld?.exercise.startObjects.map((object) => object.metadata.name)).toEqual(['old']);
    expect(removeOld?.exercise.checks[1].when).toBe('sustained');
    expect(course.lessons[0].steps.map((step) => step.kind)).toEqual(['exercise', 'quiz', 'exercise']);
  });

  it('names the file and the path of a bad field op, and still loads the other lessons', () => {
    const files = samplePack();
    files.set('02-labels/lesson.yaml', files.get('02-labels/lesson.yaml')!.replace('op: matches', 'op: resembles'));
    const { course, problems } = loadCourse(files, { label: 'lessons' });
    expect(problems.map(formatProblem)).toEqual([
      'lessons/02-labels/lesson.yaml: steps[0].exercise.checks[1].field.op: Invalid option: expected one of "equals"|"notEquals"|"contains"|"matches"|">="|"<="|">"|"<"|"exists"|"notExists"',
    ]);
    expect(course.lessons.map((lesson) => lesson.id)).toEqual(['first-pod']);
  });

  it('reports a missing Chinese text and a missing Markdown file', () => {
    const files = samplePack();
    files.set('01-first-pod/lesson.yaml', firstPodLesson.replace('title: { en: Create the web Pod, zh: 创建 web Pod }', 'title: { en: Create the web Pod }'));
    files.delete('02-labels/text.zh.md');
    expect(problemsOf(files)).toEqual([
      'lessons/01-first-pod/lesson.yaml: steps[0].exercise.title.zh: missing Chinese (zh) text',
      'lessons/02-labels/lesson.yaml: text.zh: file lessons/02-labels/text.zh.md not found',
    ]);
  });

  it('reports duplicate ids and unknown prerequisites', () => {
    const files = samplePack();
    files.set('03-copy/lesson.yaml', firstPodLesson.replace('order: 1', 'order: 3').replace('prerequisites: []', 'prerequisites: [networking]'));
    files.set('03-copy/text.en.md', 'x');
    files.set('03-copy/text.zh.md', 'x');
    expect(problemsOf(files)).toEqual([
      'lessons/03-copy/lesson.yaml: id: duplicate lesson id first-pod (also in lessons/01-first-pod/lesson.yaml)',
      'lessons/03-copy/lesson.yaml: steps[0].exercise.id: duplicate id create-web (also in lessons/01-first-pod/lesson.yaml)',
      'lessons/03-copy/lesson.yaml: steps[1].quiz.id: duplicate id pod-quiz (also in lessons/01-first-pod/lesson.yaml)',
      'lessons/03-copy/lesson.yaml: steps[2].exercise.id: duplicate id remove-old (also in lessons/01-first-pod/lesson.yaml)',
      'lessons/03-copy/lesson.yaml: prerequisites[0]: unknown lesson networking',
    ]);
  });

  it('reports invalid YAML, unknown keys, two check kinds, bad regexes and hints for unknown checks', () => {
    const files = samplePack();
    files.set('02-labels/lesson.yaml', 'id: labels\n  order: [\n');
    files.set(
      '01-first-pod/lesson.yaml',
      firstPodLesson
        .replace('exists: { kind: Pod, name: web }', 'exists: { kind: Pod, name: web }\n          absent: { kind: Pod, name: web }')
        .replace('pattern: "^kubectl run web"', 'pattern: "^kubectl (run"')
        .replace('whenFailing: web-image', 'whenFailing: web-imag')
        .replace('explanation: { en: "kubectl run', 'explantion: { en: "kubectl run'),
    );
    const problems = problemsOf(files);
    expect(problems).toContain('lessons/01-first-pod/lesson.yaml: steps[0].exercise: Unrecognized key: "explantion"');
    expect(problems).toContain('lessons/01-first-pod/lesson.yaml: steps[0].exercise.checks[0]: needs exactly one check kind (exists, absent, count, field, condition, event, command, file, answer, log, env, containerFile, http, endpoints, data); found exists, absent');
    expect(problems.some((line) => line.startsWith('lessons/01-first-pod/lesson.yaml: steps[0].exercise.checks[2].command.pattern: invalid regular expression:'))).toBe(true);
    expect(problems.some((line) => line.startsWith('lessons/02-labels/lesson.yaml: invalid YAML:'))).toBe(true);
  });

  it('reports a hint tied to an unknown check and a bad starting object', () => {
    const files = samplePack();
    files.set('01-first-pod/lesson.yaml', firstPodLesson.replace('whenFailing: web-image', 'whenFailing: web-imag').replace('kind: Pod\n          metadata:', 'kind: Pood\n          metadata:'));
    expect(problemsOf(files)).toEqual([
      'lessons/01-first-pod/lesson.yaml: steps[0].exercise.hints[1].whenFailing: no check with id web-imag',
      'lessons/01-first-pod/lesson.yaml: steps[0].exercise.mistakes[0].failsAt: no hint is tied to check web-image (whenFailing), so the learner who makes this mistake gets no help with it',
      'lessons/01-first-pod/lesson.yaml: steps[2].exercise.start.objects[document 1]: unknown kind Pood',
    ]);
  });
});
