// Loads a lesson pack from its files (path inside the pack → text). A malformed lesson is
// reported and skipped; the rest of the course still loads.

import { parse, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../sim/api/types';
import { resourceTypeForKind } from '../sim/api/resources';
import type { Course, Exercise, Lesson, LessonStep } from './course';
import { lookupPath } from './paths';
import { lessonFilePathProblem } from './workspace';
import { formatIssuePath, lessonSchema, type Check, type LessonSpec } from './schema';
import { terminalBlockProblems, type WorkspaceFiles } from './terminal-blocks';

export interface LoadProblem {
  /** e.g. `lessons/07-liveness/lesson.yaml` */
  file: string;
  /** Inside the file, e.g. `steps[2].exercise.checks[0].field.op`; empty for the file as a whole. */
  path: string;
  message: string;
}

export function formatProblem(problem: LoadProblem): string {
  return problem.path ? `${problem.file}: ${problem.path}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

export interface LoadResult {
  course: Course;
  problems: LoadProblem[];
}

export interface LoadOptions {
  /** Shown before each file name in problems, e.g. `lessons`. */
  label?: string;
}

export const lessonFileName = 'lesson.yaml';

/** `files` maps paths inside the pack (`07-liveness/lesson.yaml`, `07-liveness/text.en.md`) to their text. */
export function loadCourse(files: ReadonlyMap<string, string>, options: LoadOptions = {}): LoadResult {
  const label = options.label ?? '';
  const display = (path: string) => (label ? `${label}/${path}` : path);
  const problems: LoadProblem[] = [];
  const lessons: Lesson[] = [];
  /** Ids of every lesson file that names one, even a malformed one, so prerequisites on it are not reported twice. */
  const knownIds = new Set<string>();

  const lessonFiles = [...files.keys()].filter((path) => path === lessonFileName || path.endsWith(`/${lessonFileName}`)).sort();
  for (const path of lessonFiles) {
    const folder = path.slice(0, Math.max(0, path.length - lessonFileName.length - 1));
    const lessonProblems: LoadProblem[] = [];
    const lesson = loadLesson(folder, files, display(path), lessonProblems, display, knownIds);
    problems.push(...lessonProblems);
    if (lesson && lessonProblems.length === 0) lessons.push(lesson);
  }

  checkAcrossLessons(lessons, knownIds, problems, (lesson) => display(`${lesson.folder ? `${lesson.folder}/` : ''}${lessonFileName}`));
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { course: { lessons }, problems };
}

function loadLesson(
  folder: string,
  files: ReadonlyMap<string, string>,
  file: string,
  problems: LoadProblem[],
  display: (path: string) => string,
  knownIds: Set<string>,
): Lesson | undefined {
  const report = (path: string, message: string) => problems.push({ file, path, message });
  const source = files.get(folder ? `${folder}/${lessonFileName}` : lessonFileName) ?? '';

  let data: unknown;
  try {
    data = parse(source, { prettyErrors: true });
  } catch (error) {
    report('', `invalid YAML: ${firstLine(error)}`);
    return undefined;
  }
  data = withoutControlCharacters(data);
  if (typeof data === 'object' && data !== null && typeof (data as { id?: unknown }).id === 'string') knownIds.add((data as { id: string }).id);
  const parsed = lessonSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(formatIssuePath(issue.path), issue.message + authoringTip(data, issue));
    return undefined;
  }
  const spec: LessonSpec = parsed.data;

  const text = { en: '', zh: '' };
  for (const language of ['en', 'zh'] as const) {
    const textPath = folder ? `${folder}/${spec.text[language]}` : spec.text[language];
    const content = spec.text[language].includes('..') ? undefined : files.get(textPath);
    if (content === undefined) report(`text.${language}`, `file ${display(textPath)} not found`);
    else if (content.trim() === '') report(`text.${language}`, `file ${display(textPath)} is empty`);
    else text[language] = withoutControlCharacters(content) as string;
  }

  const steps: LessonStep[] = [];
  spec.steps.forEach((step, stepIndex) => {
    if (step.quiz) {
      step.quiz.options.forEach((option, index) => {
        if (!option.correct && option.explanation === undefined) {
          report(`steps[${stepIndex}].quiz.options[${index}].explanation`, 'a wrong option needs an explanation of why it is wrong');
        }
      });
      steps.push({ kind: 'quiz', quiz: step.quiz });
    }
    if (!step.exercise) return;
    const at = `steps[${stepIndex}].exercise`;
    const exercise: Exercise = { ...step.exercise, lessonId: spec.id, startObjects: [] };
    exercise.startObjects = parseStartObjects(exercise.start?.objects, (path, message) => report(`${at}.start.objects${path}`, message));
    checkExercise(exercise, (path, message) => report(`${at}.${path}`, message));
    steps.push({ kind: 'exercise', exercise });
  });

  checkTerminalBlocks(spec, text, (language) => display(folder ? `${folder}/${spec.text[language]}` : spec.text[language]), problems, file);

  const { text: _textFiles, steps: _steps, ...rest } = spec;
  return { ...rest, folder, text, steps };
}

/** The workspace files an exercise starts with or its solution writes (`write` steps). */
function exerciseFiles(exercise: { start?: { files?: Record<string, string> }; solution: readonly object[] }): string[] {
  const written = exercise.solution.flatMap((step) => ('write' in step ? [(step as { write: { path: string } }).write.path] : []));
  return [...Object.keys(exercise.start?.files ?? {}), ...written].map((path) => path.replace(/^(\.\/)+/, ''));
}

/**
 * Every `terminal` block parses as shell, and a file it reads exists at that point: in an
 * exercise's texts (instructions, hints, explanation), among that exercise's files; in the lesson
 * text and quizzes, among the files of any exercise of the lesson (docs/lesson-format.md).
 */
function checkTerminalBlocks(
  spec: LessonSpec,
  text: { en: string; zh: string },
  textFile: (language: 'en' | 'zh') => string,
  problems: LoadProblem[],
  file: string,
) {
  const languages = ['en', 'zh'] as const;
  const lessonFiles: WorkspaceFiles = {
    files: new Set(spec.steps.flatMap((step) => (step.exercise ? exerciseFiles(step.exercise) : []))),
    describe: 'the files an exercise of this lesson starts with or its solution writes',
  };
  for (const language of languages) {
    for (const message of terminalBlockProblems(text[language], lessonFiles)) problems.push({ file: textFile(language), path: '', message });
  }
  const check = (value: { en: string; zh: string } | undefined, path: string, workspace: WorkspaceFiles) => {
    if (!value) return;
    for (const language of languages) {
      for (const message of terminalBlockProblems(value[language], workspace)) problems.push({ file, path: `${path}.${language}`, message });
    }
  };
  spec.steps.forEach((step, stepIndex) => {
    if (step.quiz) {
      const at = `steps[${stepIndex}].quiz`;
      check(step.quiz.question, `${at}.question`, lessonFiles);
      check(step.quiz.explanation, `${at}.explanation`, lessonFiles);
      step.quiz.options.forEach((option, index) => {
        check(option.text, `${at}.options[${index}].text`, lessonFiles);
        check(option.explanation, `${at}.options[${index}].explanation`, lessonFiles);
      });
    }
    if (step.exercise) {
      checkExerciseTerminalBlocks(step.exercise, (path, message) => problems.push({ file, path: `steps[${stepIndex}].exercise.${path}`, message }));
    }
  });
}

type Texts = { en: string; zh: string };

/** The terminal blocks of an exercise's (or exam task's) texts, against the exercise's own files. */
export function checkExerciseTerminalBlocks(
  exercise: { instructions: Texts; hints: readonly { text: Texts }[]; explanation?: Texts; start?: { files?: Record<string, string> }; solution: readonly object[] },
  report: (path: string, message: string) => void,
) {
  const workspace: WorkspaceFiles = {
    files: new Set(exerciseFiles(exercise)),
    describe: "the exercise's start files or the files its solution writes",
  };
  const check = (value: Texts | undefined, path: string) => {
    if (!value) return;
    for (const language of ['en', 'zh'] as const) {
      for (const message of terminalBlockProblems(value[language], workspace)) report(`${path}.${language}`, message);
    }
  };
  check(exercise.instructions, 'instructions');
  exercise.hints.forEach((hint, index) => check(hint.text, `hints[${index}].text`));
  check(exercise.explanation, 'explanation');
}

export function parseStartObjects(source: string | undefined, report: (path: string, message: string) => void): KubeObject[] {
  if (source === undefined) return [];
  const objects: KubeObject[] = [];
  parseAllDocuments(source).forEach((document, index) => {
    const where = `[document ${index + 1}]`;
    if (document.errors.length > 0) {
      report(where, `invalid YAML: ${firstLine(document.errors[0])}`);
      return;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) {
      report(where, 'expected a Kubernetes object');
      return;
    }
    const object = value as KubeObject;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') report(where, 'apiVersion and kind are required');
    else if (!resourceTypeForKind(object.kind)) report(where, `unknown kind ${object.kind}`);
    else if (typeof object.metadata?.name !== 'string') report(where, 'metadata.name is required');
    else objects.push(object);
  });
  return objects;
}

function checkExercise(exercise: Exercise, report: (path: string, message: string) => void) {
  for (const path of Object.keys(exercise.start?.files ?? {})) {
    const problem = lessonFilePathProblem(path);
    if (problem) report(`start.files[${JSON.stringify(path)}]`, problem);
  }
  exercise.solution.forEach((step, index) => {
    const problem = 'write' in step ? lessonFilePathProblem(step.write.path) : undefined;
    if (problem) report(`solution[${index}].write.path`, problem);
  });
  const checkIds = checkCheckReferences(exercise, report);
  if (exercise.hints.length === 0) report('hints', 'an exercise needs at least one hint');
  exercise.mistakes.forEach((mistake, index) => {
    if (checkIds.has(mistake.failsAt) && !exercise.hints.some((hint) => hint.whenFailing === mistake.failsAt)) {
      report(`mistakes[${index}].failsAt`, `no hint is tied to check ${mistake.failsAt} (whenFailing), so the learner who makes this mistake gets no help with it`);
    }
  });
}

/**
 * The rules of checks wherever they are listed (exercises and exam tasks): unique ids, `after`
 * naming an earlier check, known kinds, hints and mistakes naming a check. Returns the check ids.
 */
export function checkCheckReferences(
  task: { checks: readonly Check[]; startState: readonly Check[]; hints: readonly { whenFailing?: string }[]; mistakes: readonly { failsAt: string }[] },
  report: (path: string, message: string) => void,
): Set<string> {
  const checkList = (checks: readonly Check[], where: string) => {
    const ids = new Set<string>();
    checks.forEach((check, index) => {
      if (ids.has(check.id)) report(`${where}[${index}].id`, `duplicate check id ${check.id}`);
      // A check may only wait for one listed before it, so that an order can never loop.
      if (check.after !== undefined && !ids.has(check.after)) report(`${where}[${index}].after`, `no earlier check with id ${check.after}`);
      ids.add(check.id);
      const kind = kindOf(check);
      if (kind !== undefined && !resourceTypeForKind(kind)) report(`${where}[${index}]`, `unknown kind ${kind}`);
    });
    return ids;
  };
  const checkIds = checkList(task.checks, 'checks');
  checkList(task.startState, 'startState');
  task.hints.forEach((hint, index) => {
    if (hint.whenFailing !== undefined && !checkIds.has(hint.whenFailing)) report(`hints[${index}].whenFailing`, `no check with id ${hint.whenFailing}`);
  });
  task.mistakes.forEach((mistake, index) => {
    if (!checkIds.has(mistake.failsAt)) report(`mistakes[${index}].failsAt`, `no check with id ${mistake.failsAt}`);
  });
  return checkIds;
}

/** The Kubernetes kind a check reads, if any. */
function kindOf(check: Check): string | undefined {
  return (check.exists ?? check.absent ?? check.count ?? check.field ?? check.condition ?? check.event ?? check.answer?.equalsField)?.kind;
}

function checkAcrossLessons(lessons: Lesson[], knownIds: ReadonlySet<string>, problems: LoadProblem[], fileOf: (lesson: Lesson) => string) {
  const lessonIds = new Map<string, Lesson>();
  const stepIds = new Map<string, Lesson>();
  for (const lesson of lessons) {
    const file = fileOf(lesson);
    const earlier = lessonIds.get(lesson.id);
    if (earlier) problems.push({ file, path: 'id', message: `duplicate lesson id ${lesson.id} (also in ${fileOf(earlier)})` });
    lessonIds.set(lesson.id, lesson);
    lesson.steps.forEach((step, index) => {
      const id = step.kind === 'exercise' ? step.exercise.id : step.quiz.id;
      const other = stepIds.get(id);
      if (other) problems.push({ file, path: `steps[${index}].${step.kind}.id`, message: `duplicate id ${id} (also in ${fileOf(other)})` });
      stepIds.set(id, lesson);
    });
  }
  for (const lesson of lessons) {
    lesson.prerequisites.forEach((id, index) => {
      if (!lessonIds.has(id) && !knownIds.has(id)) problems.push({ file: fileOf(lesson), path: `prerequisites[${index}]`, message: `unknown lesson ${id}` });
      else if (id === lesson.id) problems.push({ file: fileOf(lesson), path: `prerequisites[${index}]`, message: 'a lesson cannot require itself' });
    });
  }
  // Duplicates make the course ambiguous: drop the later lessons with a clashing id.
  const seen = new Set<string>();
  for (let index = 0; index < lessons.length; index++) {
    if (seen.has(lessons[index].id)) lessons.splice(index--, 1);
    else seen.add(lessons[index].id);
  }
}

/** A comma in `{ en: A, B, zh: ... }` splits the text into a new key: say so where it happens. */
function authoringTip(data: unknown, issue: { code: string; path: readonly PropertyKey[] }): string {
  if (issue.code !== 'unrecognized_keys') return '';
  const target = lookupPath(data, issue.path.map((part) => (typeof part === 'number' ? { kind: 'index' as const, index: part } : { kind: 'key' as const, key: String(part) })));
  const value = target.found ? target.value : undefined;
  if (typeof value === 'object' && value !== null && ('en' in value || 'zh' in value)) {
    return ' (a comma inside { } ends the text: put the text in quotes)';
  }
  return '';
}

/**
 * Every string of a lesson without control characters other than tab and newline: an escape
 * sequence in a pack's title would otherwise reach the learner's real terminal through `lab list`.
 */
function withoutControlCharacters(value: unknown): unknown {
  // eslint-disable-next-line no-control-regex
  if (typeof value === 'string') return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  if (Array.isArray(value)) return value.map(withoutControlCharacters);
  if (typeof value === 'object' && value !== null) {
    const clean: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) clean[key] = withoutControlCharacters(entry);
    return clean;
  }
  return value;
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
