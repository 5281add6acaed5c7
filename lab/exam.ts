// Exams: loading the YAML files of an exams folder, drawing an attempt's parameters from its
// seed, and turning the file into tasks (exercises with weights) with the drawn values put in.
// The same grader grades a task as it grades a lesson's exercise.

import { parse } from 'yaml';
import { SeededRandom } from '../sim/random';
import type { Exercise } from './course';
import { examSchema, type ExamSpec, type ParameterValue } from './exam-schema';
import type { Localised } from './localised';
import { checkCheckReferences, checkExerciseTerminalBlocks, firstLine, parseStartObjects, type LoadProblem } from './loader';
import { hashText } from './quiz-order';
import { formatIssuePath } from './schema';

/** A task of one attempt: its exercise with the drawn values put in, and its points. */
export interface ExamTask extends Exercise {
  /** 1-based position in the exam. */
  number: number;
  weight: number;
  /** The context whose cluster the task is done in (and checked on); absent with a single context. */
  context?: string;
}

/** One attempt's exam: every text with this attempt's values. */
export interface Exam {
  id: string;
  title: Localised;
  summary: Localised;
  minutes: number;
  seed: number;
  /** The drawn values, by placeholder name (`app`, `image.old`). */
  values: Record<string, string | number>;
  tasks: ExamTask[];
  /** Sum of the tasks' weights. */
  points: number;
  /** The kubeconfig contexts, each its own cluster; empty for the lessons' single context. */
  contexts: string[];
}

/** An exam as its file says it, before values are drawn. */
export interface ExamTemplate {
  id: string;
  /** Where it came from, e.g. `exams/ckad-practice.yaml`. */
  file: string;
  title: Localised;
  summary: Localised;
  minutes: number;
  taskCount: number;
  points: number;
  /** The file's data, placeholders and all. */
  data: unknown;
  parameters: Record<string, ParameterValue[]>;
}

export interface ExamLoadResult {
  exams: ExamTemplate[];
  problems: LoadProblem[];
}

const placeholderPattern = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)?)\s*\}\}/g;
const wholePlaceholder = /^\{\{\s*([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)?)\s*\}\}$/;

/** `files` maps paths inside the exams folder to their text; every `.yaml`/`.yml` file is one exam. */
export function loadExams(files: ReadonlyMap<string, string>, options: { label?: string } = {}): ExamLoadResult {
  const display = (path: string) => (options.label ? `${options.label}/${path}` : path);
  const problems: LoadProblem[] = [];
  const exams: ExamTemplate[] = [];
  const paths = [...files.keys()].filter((path) => /\.ya?ml$/i.test(path)).sort();
  for (const path of paths) {
    const file = display(path);
    let data: unknown;
    try {
      data = parse(files.get(path) ?? '', { prettyErrors: true });
    } catch (error) {
      problems.push({ file, path: '', message: `invalid YAML: ${firstLine(error)}` });
      continue;
    }
    const template = templateOf(data, file, problems);
    if (!template) continue;
    const clash = exams.find((exam) => exam.id === template.id);
    if (clash) {
      problems.push({ file, path: 'id', message: `duplicate exam id ${template.id} (also in ${clash.file})` });
      continue;
    }
    exams.push(template);
  }
  return { exams, problems };
}

function templateOf(data: unknown, file: string, problems: LoadProblem[]): ExamTemplate | undefined {
  const before = problems.length;
  const report = (path: string, message: string) => problems.push({ file, path, message });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    report('', 'expected an exam (id, title, summary, tasks)');
    return undefined;
  }
  const rawParameters = (data as { parameters?: unknown }).parameters;
  const parameterCheck = examSchema.shape.parameters.safeParse(rawParameters);
  if (!parameterCheck.success) {
    for (const issue of parameterCheck.error.issues) report(formatIssuePath(['parameters', ...issue.path]), issue.message);
    return undefined;
  }
  const parameters = parameterCheck.data;
  // Every value of every parameter must make a valid exam: check the file with each value index.
  const longest = Math.max(1, ...Object.values(parameters).map((values) => values.length));
  let first: Exam | undefined;
  const terminalProblems = new Set<string>();
  for (let index = 0; index < longest; index++) {
    const values = valuesAt(parameters, index);
    const instance = instantiate(data, values, 0, (path, message) => report(path, message));
    if (!instance) break;
    first ??= instance;
    // Terminal blocks are checked with every value, as a parameter may name a file; a problem is reported once.
    instance.tasks.forEach((task, taskIndex) =>
      checkExerciseTerminalBlocks(task, (path, message) => {
        const key = `tasks[${taskIndex}].${path}: ${message}`;
        if (terminalProblems.has(key)) return;
        terminalProblems.add(key);
        report(`tasks[${taskIndex}].${path}`, message);
      }),
    );
  }
  if (!first || problems.length > before) return undefined;
  return {
    id: first.id,
    file,
    title: first.title,
    summary: first.summary,
    minutes: first.minutes,
    taskCount: first.tasks.length,
    points: first.points,
    data,
    parameters,
  };
}

function flatten(name: string, value: ParameterValue, into: Record<string, string | number>): void {
  if (typeof value === 'object') for (const [key, inner] of Object.entries(value)) into[`${name}.${key}`] = inner;
  else into[name] = value;
}

/** The values at one index of every parameter's list (the last value when a list is shorter). */
function valuesAt(parameters: Record<string, ParameterValue[]>, index: number): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, list] of Object.entries(parameters)) flatten(name, list[Math.min(index, list.length - 1)], values);
  return values;
}

/** One value of every parameter, drawn from the attempt's seed (the same seed draws the same values). */
export function drawValues(parameters: Record<string, ParameterValue[]>, seed: number): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const name of Object.keys(parameters).sort()) {
    const list = parameters[name];
    const random = new SeededRandom(hashText(`${seed}:${name}`));
    flatten(name, list[random.int(list.length)], values);
  }
  return values;
}

/**
 * The exam with every parameter at one index of its list (the last value for shorter lists):
 * going through the indexes up to the longest list uses every value of every parameter.
 */
export function examAtValueIndex(template: ExamTemplate, index: number): Exam {
  const problems: string[] = [];
  const exam = instantiate(template.data, valuesAt(template.parameters, index), 0, (path, message) => problems.push(`${path}: ${message}`));
  if (!exam) throw new Error(`exam ${template.id} could not be drawn with values #${index + 1}: ${problems.join('; ')}`);
  return exam;
}

/** How many value indexes there are: the length of the longest parameter list. */
export function valueIndexCount(template: ExamTemplate): number {
  return Math.max(1, ...Object.values(template.parameters).map((values) => values.length));
}

/** Puts the values into every string of the data. A string that is only a placeholder takes the value's type (a number stays a number). */
export function substitute(data: unknown, values: Record<string, string | number>, unknown: (name: string, path: string) => void, path = ''): unknown {
  if (typeof data === 'string') {
    const whole = wholePlaceholder.exec(data);
    if (whole) {
      if (!(whole[1] in values)) unknown(whole[1], path);
      return values[whole[1]] ?? data;
    }
    return data.replace(placeholderPattern, (text, name: string) => {
      if (!(name in values)) {
        unknown(name, path);
        return text;
      }
      return String(values[name]);
    });
  }
  if (Array.isArray(data)) return data.map((item, index) => substitute(item, values, unknown, `${path}[${index}]`));
  if (typeof data === 'object' && data !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      const at = path ? `${path}.${key}` : key;
      if (key === 'parameters' && path === '') {
        result[key] = value;
        continue;
      }
      // Keys too: a starting file's path names the task's things (`t3/{{app}}.yaml`).
      const filledKey = key.includes('{{') ? String(substitute(key, values, unknown, at)) : key;
      result[filledKey] = substitute(value, values, unknown, at);
    }
    return result;
  }
  return data;
}

/** The exam of one attempt: its seed draws the values. Throws only if the template was not loaded by loadExams. */
export function examAttempt(template: ExamTemplate, seed: number): Exam {
  const problems: string[] = [];
  const exam = instantiate(template.data, drawValues(template.parameters, seed), seed, (path, message) => problems.push(`${path}: ${message}`));
  if (!exam) throw new Error(`exam ${template.id} could not be drawn with seed ${seed}: ${problems.join('; ')}`);
  return exam;
}

function instantiate(data: unknown, values: Record<string, string | number>, seed: number, report: (path: string, message: string) => void): Exam | undefined {
  let unknownFound = false;
  const filled = substitute(data, values, (name, path) => {
    unknownFound = true;
    report(path, `unknown parameter {{${name}}}`);
  }, '');
  if (unknownFound) return undefined;
  const parsed = examSchema.safeParse(filled);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(formatIssuePath(issue.path), issue.message);
    return undefined;
  }
  const spec: ExamSpec = parsed.data;
  let ok = true;
  const taskReport = (path: string, message: string) => {
    ok = false;
    report(path, message);
  };
  const contexts = spec.contexts ?? [];
  if (new Set(contexts).size !== contexts.length) taskReport('contexts', 'a context is declared twice');
  const taskIds = new Set<string>();
  const tasks: ExamTask[] = spec.tasks.map((task, index) => {
    const at = `tasks[${index}]`;
    if (taskIds.has(task.id)) taskReport(`${at}.id`, `duplicate task id ${task.id}`);
    taskIds.add(task.id);
    const { weight, context: named, ...exercise } = task;
    const context = contexts.length > 0 ? named ?? contexts[0] : undefined;
    if (named !== undefined && !contexts.includes(named)) {
      taskReport(`${at}.context`, contexts.length > 0 ? `unknown context ${named} (the exam's contexts: ${contexts.join(', ')})` : `unknown context ${named}: the exam declares no contexts`);
    }
    if (context) {
      // The task says which context to use; every solution of it starts by switching there, as the learner must.
      exercise.instructions = withContextLine(exercise.instructions, context);
      const switchContext = { run: `kubectl config use-context ${context}` };
      exercise.solution = [switchContext, ...exercise.solution];
      exercise.mistakes = exercise.mistakes.map((mistake) => ({ ...mistake, solution: [switchContext, ...mistake.solution] }));
      exercise.alternatives = exercise.alternatives.map((alternative) => ({ ...alternative, solution: [switchContext, ...alternative.solution] }));
    }
    const startObjects = parseStartObjects(exercise.start?.objects, (path, message) => taskReport(`${at}.start.objects${path}`, message));
    checkCheckReferences(task, (path, message) => taskReport(`${at}.${path}`, message));
    return { ...exercise, lessonId: spec.id, startObjects, number: index + 1, weight, ...(context ? { context } : {}) };
  });
  if (!ok) return undefined;
  const points = tasks.reduce((sum, task) => sum + task.weight, 0);
  return { id: spec.id, title: spec.title, summary: spec.summary, minutes: spec.minutes, seed, values, tasks, points, contexts };
}

/** As the CKA and CKAD do, a task of an exam with several clusters starts by naming the context to use. */
function withContextLine(instructions: Localised, context: string): Localised {
  const command = `\`\`\`terminal\nkubectl config use-context ${context}\n\`\`\`\n\n`;
  return { en: `Use context: \`${context}\`\n\n${command}${instructions.en}`, zh: `使用上下文：\`${context}\`\n\n${command}${instructions.zh}` };
}

