// The lesson schema (docs/lesson-format.md). A lesson is data, never code: everything a lesson
// can do is listed here. Objects are strict so that a misspelt key is reported, not ignored.

import { z } from 'zod';
import { patternError } from './regex';
import { PathSyntaxError, parsePath } from './paths';

const missingText = (language: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `missing ${language} text` : 'expected a string';

export const localisedSchema = z.strictObject({
  en: z.string({ error: missingText('English (en)') }).min(1, 'empty English (en) text'),
  zh: z.string({ error: missingText('Chinese (zh)') }).min(1, 'empty Chinese (zh) text'),
});

const idSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and dashes ([a-z0-9-])');

const patternSchema = z.string().superRefine((pattern, context) => {
  const error = patternError(pattern);
  if (error) context.addIssue({ code: 'custom', message: `invalid regular expression: ${error}` });
});

const fieldPathSchema = z.string().superRefine((path, context) => {
  try {
    parsePath(path);
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
    context.addIssue({ code: 'custom', message: error.message });
  }
});

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const fieldOps = ['equals', 'notEquals', 'contains', 'matches', '>=', '<=', '>', '<', 'exists', 'notExists'] as const;
export const countOps = ['==', '!=', '>=', '<=', '>', '<'] as const;

export type FieldOp = (typeof fieldOps)[number];
export type CountOp = (typeof countOps)[number];

const objectRef = {
  kind: z.string().min(1),
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
};

export const existsCheckSchema = z.strictObject(objectRef);
export const absentCheckSchema = z.strictObject(objectRef);

export const countCheckSchema = z.strictObject({
  kind: z.string().min(1),
  namespace: z.string().min(1).optional(),
  selector: z.string().optional(),
  op: z.enum(countOps).default('=='),
  value: z.number().int().min(0),
});

/** A comparison of the value at a path: shared by `field` and `file` checks. */
const comparison = {
  path: fieldPathSchema,
  op: z.enum(fieldOps).default('equals'),
  value: scalarSchema.optional(),
};

function requireValueForOp(check: { op: FieldOp; value?: unknown }, context: z.RefinementCtx) {
  const needsValue = check.op !== 'exists' && check.op !== 'notExists';
  if (needsValue && check.value === undefined) {
    context.addIssue({ code: 'custom', path: ['value'], message: `op ${check.op} needs a value` });
  }
  if (check.op === 'matches' && typeof check.value === 'string') {
    const error = patternError(check.value);
    if (error) context.addIssue({ code: 'custom', path: ['value'], message: `invalid regular expression: ${error}` });
  }
}

export const fieldCheckSchema = z
  .strictObject({
    kind: z.string().min(1),
    name: z.string().min(1).optional(),
    selector: z.string().optional(),
    namespace: z.string().min(1).optional(),
    ...comparison,
  })
  .superRefine((check, context) => {
    if ((check.name === undefined) === (check.selector === undefined)) {
      context.addIssue({ code: 'custom', message: 'give exactly one of name or selector' });
    }
    requireValueForOp(check, context);
  });

export const conditionCheckSchema = z.strictObject({
  ...objectRef,
  type: z.string().min(1),
  status: z.enum(['True', 'False', 'Unknown']).default('True'),
  reason: z.string().optional(),
});

export const eventCheckSchema = z.strictObject({
  reason: z.string().min(1),
  kind: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  type: z.enum(['Normal', 'Warning']).optional(),
  messageContains: z.string().optional(),
});

export const commandCheckSchema = z.strictObject({ pattern: patternSchema });

export const fileCheckSchema = z
  .strictObject({
    path: z.string().min(1),
    // In a file of several YAML documents, the one to look at (the first one when not given).
    kind: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    field: fieldPathSchema.optional(),
    op: z.enum(fieldOps).default('equals'),
    value: scalarSchema.optional(),
  })
  .superRefine((check, context) => {
    if (check.field !== undefined) requireValueForOp(check, context);
  });

/** A field of a live object: what an answer is compared with. */
const liveFieldSchema = z.strictObject({ ...objectRef, path: fieldPathSchema });

export const answerCheckSchema = z
  .strictObject({ file: z.string().min(1), matches: patternSchema.optional(), equalsField: liveFieldSchema.optional() })
  .superRefine((check, context) => {
    if ((check.matches === undefined) === (check.equalsField === undefined)) {
      context.addIssue({ code: 'custom', message: 'give exactly one of matches or equalsField' });
    }
  });

/** What a text must be like: every expectation given must hold. */
const textExpectation = {
  equals: z.string().optional(),
  contains: z.string().optional(),
  notContains: z.string().optional(),
  matches: patternSchema.optional(),
};

/** One container (or the Pods a selector picks, each of which must satisfy the check). */
const containerRef = {
  pod: z.string().min(1).optional(),
  selector: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  container: z.string().min(1).optional(),
};

function requirePodOrSelector(check: { pod?: string; selector?: string }, context: z.RefinementCtx) {
  if ((check.pod === undefined) === (check.selector === undefined)) {
    context.addIssue({ code: 'custom', message: 'give exactly one of pod or selector' });
  }
}

function requireTextExpectation(check: Record<string, unknown>, context: z.RefinementCtx) {
  if (!['equals', 'contains', 'notContains', 'matches'].some((key) => check[key] !== undefined)) {
    context.addIssue({ code: 'custom', message: 'give at least one of equals, contains, notContains, matches' });
  }
}

export const logCheckSchema = z
  .strictObject({ ...containerRef, previous: z.boolean().default(false), ...textExpectation })
  .superRefine((check, context) => {
    requirePodOrSelector(check, context);
    requireTextExpectation(check, context);
  });

/** Without an expectation, the variable must merely be set. */
export const envCheckSchema = z
  .strictObject({ ...containerRef, variable: z.string().min(1), ...textExpectation })
  .superRefine(requirePodOrSelector);

/** Without an expectation, the file must merely exist. */
export const containerFileCheckSchema = z
  .strictObject({ ...containerRef, path: z.string().regex(/^\//, 'must be an absolute path in the container'), ...textExpectation })
  .superRefine(requirePodOrSelector);

export const httpCheckSchema = z
  .strictObject({
    from: z
      .strictObject({ pod: z.string().min(1).optional(), namespace: z.string().min(1).optional(), node: z.string().min(1).optional() })
      .refine((from) => (from.pod === undefined) !== (from.node === undefined), 'give exactly one of pod or node'),
    url: z.string().min(1),
    status: z.number().int().min(100).max(599).default(200),
    body: z.strictObject(textExpectation).optional(),
  });

export const endpointsCheckSchema = z.strictObject({
  service: z.string().min(1),
  namespace: z.string().min(1).optional(),
  op: z.enum(countOps).default('>='),
  value: z.number().int().min(0).default(1),
});

export const dataCheckSchema = z
  .strictObject({ kind: z.enum(['ConfigMap', 'Secret']), name: z.string().min(1), namespace: z.string().min(1).optional(), key: z.string().min(1), ...textExpectation })
  .superRefine(requireTextExpectation);

export const checkKinds = [
  'exists',
  'absent',
  'count',
  'field',
  'condition',
  'event',
  'command',
  'file',
  'answer',
  'log',
  'env',
  'containerFile',
  'http',
  'endpoints',
  'data',
] as const;
export type CheckKind = (typeof checkKinds)[number];

export const checkSchema = z
  .strictObject({
    id: idSchema,
    title: localisedSchema,
    when: z.enum(['now', 'reached', 'sustained']).default('now'),
    seconds: z.number().positive().optional(),
    exists: existsCheckSchema.optional(),
    absent: absentCheckSchema.optional(),
    count: countCheckSchema.optional(),
    field: fieldCheckSchema.optional(),
    condition: conditionCheckSchema.optional(),
    event: eventCheckSchema.optional(),
    command: commandCheckSchema.optional(),
    file: fileCheckSchema.optional(),
    answer: answerCheckSchema.optional(),
    log: logCheckSchema.optional(),
    env: envCheckSchema.optional(),
    containerFile: containerFileCheckSchema.optional(),
    http: httpCheckSchema.optional(),
    endpoints: endpointsCheckSchema.optional(),
    data: dataCheckSchema.optional(),
    // Counts only once the named check of the same exercise has passed (a node Ready *again*).
    after: idSchema.optional(),
  })
  .superRefine((check, context) => {
    const kinds = checkKinds.filter((kind) => check[kind] !== undefined);
    if (kinds.length !== 1) {
      const found = kinds.length === 0 ? 'none' : kinds.join(', ');
      context.addIssue({ code: 'custom', message: `needs exactly one check kind (${checkKinds.join(', ')}); found ${found}` });
    }
    if (check.when === 'sustained' && check.seconds === undefined) {
      context.addIssue({ code: 'custom', path: ['seconds'], message: 'when: sustained needs seconds' });
    }
    if (check.when !== 'sustained' && check.seconds !== undefined) {
      context.addIssue({ code: 'custom', path: ['seconds'], message: 'seconds is only used with when: sustained' });
    }
  });

export const hintSchema = z.strictObject({
  text: localisedSchema,
  whenFailing: idSchema.optional(),
});

export const solutionStepSchema = z.union([
  z.strictObject({ run: z.string().min(1) }),
  z.strictObject({ wait: z.number().positive() }),
  z.strictObject({ write: z.strictObject({ path: z.string().min(1), content: z.string() }) }),
]);

export const startSchema = z.strictObject({
  objects: z.string().optional(),
  files: z.record(z.string().min(1), z.string()).default({}),
  elapsedSeconds: z.number().min(0).default(0),
  stoppedKubelets: z.array(z.string().min(1)).default([]),
});

/** A near-miss a learner plausibly writes: the validator proves `failsAt` is the first check it fails. */
export const mistakeSchema = z.strictObject({
  name: z.string().min(1),
  solution: z.array(solutionStepSchema).min(1, 'a mistake needs its steps'),
  failsAt: idSchema,
});

/** Another right solution: the validator proves it passes every check. */
export const alternativeSchema = z.strictObject({
  name: z.string().min(1),
  solution: z.array(solutionStepSchema).min(1, 'an alternative needs its steps'),
});

export const exerciseSchema = z.strictObject({
  id: idSchema,
  title: localisedSchema,
  instructions: localisedSchema,
  start: startSchema.optional(),
  // What the instructions say the learner finds (each must hold right after the starting state).
  startState: z.array(checkSchema).default([]),
  checks: z.array(checkSchema).min(1, 'an exercise needs at least one check'),
  hints: z.array(hintSchema).default([]),
  solution: z.array(solutionStepSchema).min(1, 'an exercise needs a solution'),
  mistakes: z.array(mistakeSchema).default([]),
  alternatives: z.array(alternativeSchema).default([]),
  explanation: localisedSchema.optional(),
});

export const quizOptionSchema = z.strictObject({
  text: localisedSchema,
  correct: z.boolean().default(false),
  // Why a wrong option is wrong: shown to the learner who picked it.
  explanation: localisedSchema.optional(),
});

export const quizSchema = z
  .strictObject({
    id: idSchema,
    question: localisedSchema,
    multiple: z.boolean().default(false),
    options: z.array(quizOptionSchema).min(2, 'a quiz needs at least two options'),
    explanation: localisedSchema.optional(),
  })
  .superRefine((quiz, context) => {
    const correct = quiz.options.filter((option) => option.correct).length;
    if (correct === 0) context.addIssue({ code: 'custom', path: ['options'], message: 'no option is marked correct' });
    if (!quiz.multiple && correct > 1) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'more than one correct option needs multiple: true' });
    }
  });

export const stepSchema = z
  .strictObject({
    exercise: exerciseSchema.optional(),
    quiz: quizSchema.optional(),
  })
  .superRefine((step, context) => {
    if ((step.exercise === undefined) === (step.quiz === undefined)) {
      context.addIssue({ code: 'custom', message: 'a step is either an exercise or a quiz' });
    }
  });

export const lessonSchema = z.strictObject({
  id: idSchema,
  order: z.number().int(),
  title: localisedSchema,
  summary: localisedSchema,
  prerequisites: z.array(idSchema).default([]),
  text: localisedSchema,
  steps: z.array(stepSchema).min(1, 'a lesson needs at least one step'),
});

export type LocalisedText = z.infer<typeof localisedSchema>;
export type Check = z.infer<typeof checkSchema>;
export type ExistsCheck = z.infer<typeof existsCheckSchema>;
export type AbsentCheck = z.infer<typeof absentCheckSchema>;
export type CountCheck = z.infer<typeof countCheckSchema>;
export type FieldCheck = z.infer<typeof fieldCheckSchema>;
export type ConditionCheck = z.infer<typeof conditionCheckSchema>;
export type EventCheck = z.infer<typeof eventCheckSchema>;
export type CommandCheck = z.infer<typeof commandCheckSchema>;
export type FileCheck = z.infer<typeof fileCheckSchema>;
export type AnswerCheck = z.infer<typeof answerCheckSchema>;
export type LogCheck = z.infer<typeof logCheckSchema>;
export type EnvCheck = z.infer<typeof envCheckSchema>;
export type ContainerFileCheck = z.infer<typeof containerFileCheckSchema>;
export type HttpCheck = z.infer<typeof httpCheckSchema>;
export type EndpointsCheck = z.infer<typeof endpointsCheckSchema>;
export type DataCheck = z.infer<typeof dataCheckSchema>;
export type Mistake = z.infer<typeof mistakeSchema>;
export type Alternative = z.infer<typeof alternativeSchema>;
export type Hint = z.infer<typeof hintSchema>;
export type SolutionStep = z.infer<typeof solutionStepSchema>;
export type StartState = z.infer<typeof startSchema>;
export type ExerciseSpec = z.infer<typeof exerciseSchema>;
export type QuizOption = z.infer<typeof quizOptionSchema>;
export type Quiz = z.infer<typeof quizSchema>;
export type Step = z.infer<typeof stepSchema>;
export type LessonSpec = z.infer<typeof lessonSchema>;

/** `steps[2].exercise.checks[0].field.op` from zod's issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}
