// The exam schema (docs/exam-format.md). An exam is a YAML file of tasks; each task is an
// exercise (the same schema, the same grader) with a weight in points. Parameters are drawn
// afresh for every attempt and substituted into every text of the file, so `{{app}}` in the
// instructions, the starting objects, the checks and the solution names the same thing.

import { z } from 'zod';
import { exerciseSchema, localisedSchema } from './schema';

const idSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and dashes ([a-z0-9-])');
const parameterNameSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'must be letters and digits, starting with a letter');
const parameterScalar = z.union([z.string(), z.number()]);

/** One value a parameter can take: a scalar, or a record of scalars drawn together (`{{image.old}}`). */
export const parameterValueSchema = z.union([parameterScalar, z.record(parameterNameSchema, parameterScalar)]);

/** A task: an exercise with the points it is worth. Hints are not shown during an exam, so none are needed. */
export const examTaskSchema = exerciseSchema.extend({
  weight: z.number().int().min(1, 'a task is worth at least 1 point').max(100),
  /** The kubeconfig context (cluster) the task is done in: one of the exam's `contexts`, the first by default. */
  context: z.string().optional(),
});

export const examSchema = z.strictObject({
  id: idSchema,
  title: localisedSchema,
  summary: localisedSchema,
  /** The countdown, in minutes. */
  minutes: z.number().int().min(1).max(600).default(120),
  /** Each attempt draws one value of every parameter. */
  parameters: z.record(parameterNameSchema, z.array(parameterValueSchema).min(1, 'a parameter needs at least one value')).default({}),
  /** Several clusters, as kubeconfig contexts: the first is current when the exam starts. Absent: the lessons' one context. */
  contexts: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters, digits and dashes ([a-z0-9-])')).min(1).optional(),
  tasks: z.array(examTaskSchema).min(1, 'an exam needs at least one task'),
});

export type ParameterValue = z.infer<typeof parameterValueSchema>;
export type ExamTaskSpec = z.infer<typeof examTaskSchema>;
export type ExamSpec = z.infer<typeof examSchema>;
