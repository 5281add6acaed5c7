// A loaded course: the lessons of a pack, validated, in order, with their Markdown texts read.

import type { KubeObject } from '../sim/api/types';
import type { Localised } from './localised';
import type { ExerciseSpec, LessonSpec, Quiz } from './schema';

export interface Exercise extends ExerciseSpec {
  lessonId: string;
  /** The documents of `start.objects`, parsed. */
  startObjects: KubeObject[];
}

export type LessonStep = { kind: 'exercise'; exercise: Exercise } | { kind: 'quiz'; quiz: Quiz };

export interface Lesson extends Omit<LessonSpec, 'steps' | 'text'> {
  /** The lesson's folder inside the pack, e.g. `07-liveness`. */
  folder: string;
  /** The Markdown texts themselves. */
  text: Localised;
  steps: LessonStep[];
}

export interface Course {
  /** Sorted by `order`, then id. */
  lessons: Lesson[];
}

export interface ExerciseLocation {
  lesson: Lesson;
  exercise: Exercise;
}

export function exercisesOf(lesson: Lesson): Exercise[] {
  return lesson.steps.flatMap((step) => (step.kind === 'exercise' ? [step.exercise] : []));
}

export function allExercises(course: Course): ExerciseLocation[] {
  return course.lessons.flatMap((lesson) => exercisesOf(lesson).map((exercise) => ({ lesson, exercise })));
}

export function findExercise(course: Course, id: string): ExerciseLocation | undefined {
  return allExercises(course).find((location) => location.exercise.id === id);
}

/** The exercise after `id` in course order, or the first one when id is undefined. */
export function nextExercise(course: Course, id: string | undefined): ExerciseLocation | undefined {
  const exercises = allExercises(course);
  if (id === undefined) return exercises[0];
  const index = exercises.findIndex((location) => location.exercise.id === id);
  return index < 0 ? undefined : exercises[index + 1];
}

export interface QuizLocation {
  lesson: Lesson;
  quiz: Quiz;
}

export function findQuiz(course: Course, id: string): QuizLocation | undefined {
  for (const lesson of course.lessons) {
    for (const step of lesson.steps) if (step.kind === 'quiz' && step.quiz.id === id) return { lesson, quiz: step.quiz };
  }
  return undefined;
}
