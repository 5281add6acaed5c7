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

  it('checks terminal blocks: each line parses, and a file read with -f or cat is in the workspace at that point', () => {
    const files = samplePack();
    // In exercise instructions: the exercise's start files (notes/answer.txt) are there, other files are not.
    files.set(
      '01-first-pod/lesson.yaml',
      firstPodLesson.replace(
        'instructions: { en: "Delete the Pod **old** and write `deleted` into notes/answer.txt.", zh: "删除 Pod **old**，并把 `deleted` 写入 notes/answer.txt。" }',
        [
          'instructions:',
          '        en: |',
          '          Look first:',
          '',
          '          ```terminal',
          '          cat ./notes/answer.txt',
          '          kubectl get pods | grep -c old',
          '          ```',
          '',
          '          ```terminal',
          '          kubectl delete -f old.yaml',
          '          echo "unclosed',
          '          ```',
          '        zh: |',
          '          ```terminal',
          '          cat notes/answer.txt',
          '          kubectl get pods )',
          '          ```',
        ].join('\n'),
      ),
    );
    // In the lesson text: files of any exercise of the lesson (none start with pod.yaml); other fences are not checked.
    expect(files.get('01-first-pod/lesson.yaml')).toContain('```terminal');
    files.set('01-first-pod/text.en.md', '# Pods\n\n```terminal\nkubectl apply -f pod.yaml\n```\n\n```sh\ncat missing.txt )\n```\n\n```terminal\ncat notes/answer.txt\n```\n');
    expect(problemsOf(files)).toEqual([
      'lessons/01-first-pod/text.en.md: terminal block 1 (line 3): line 1 reads pod.yaml, which is not among the files an exercise of this lesson starts with or its solution writes',
      "lessons/01-first-pod/lesson.yaml: steps[2].exercise.instructions.en: terminal block 2 (line 8): line 1 reads old.yaml, which is not among the exercise's start files or the files its solution writes",
      'lessons/01-first-pod/lesson.yaml: steps[2].exercise.instructions.en: terminal block 2 (line 8): the block ends in the middle of a command (from line 2)',
      expect.stringMatching(/^lessons\/01-first-pod\/lesson\.yaml: steps\[2\]\.exercise\.instructions\.zh: terminal block 1 \(line 1\): line 2 does not parse as a shell command: /),
    ]);
  });

  it('accepts terminal blocks whose files the solution writes, multi-line commands and here-documents', () => {
    const files = samplePack();
    files.set(
      '01-first-pod/lesson.yaml',
      firstPodLesson
        .replace('        - run: kubectl run web --image=nginx:1.27\n      mistakes:', '        - write: { path: web.yaml, content: "" }\n        - run: kubectl run web --image=nginx:1.27\n      mistakes:')
        .replace(
          'instructions:\n        en: "Create a Pod named **web** that runs `nginx:1.27`."\n        zh: "创建名为 **web** 的 Pod，运行 `nginx:1.27`。"',
          'instructions:\n        en: "```terminal\\nkubectl apply \\\\\\n  -f web.yaml\\ncat <<EOF\\nhi\\nEOF\\nkubectl apply -f - < web.yaml\\n```"\n        zh: "```terminal\\nkubectl replace --force --filename=./web.yaml\\n```"',
        ),
    );
    expect(files.get('01-first-pod/lesson.yaml')).toContain('```terminal');
    expect(files.get('01-first-pod/lesson.yaml')).toContain('write: { path: web.yaml');
    files.set('01-first-pod/text.en.md', '```terminal\nkubectl create -f web.yaml && cat notes/answer.txt\n```\n');
    expect(problemsOf(files)).toEqual([]);
  });
});
