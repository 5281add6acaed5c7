// The course and the learner's progress in it, as the lab controller keeps it.

import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { allExercises, findExercise, nextExercise, type Course, type ExerciseLocation } from '../../lab/course';
import type { Progress } from '../../lab/progress';
import { loadBundledCourse } from '../session/course-source';

export const useCourseStore = defineStore('course', () => {
  const course = shallowRef<Course>({ lessons: [] });
  const problems = ref<string[]>([]);
  const completed = ref<string[]>([]);
  const currentExerciseId = ref<string>();
  /** Quiz answers given so far, by quiz id. */
  const quizzes = ref<Record<string, { correct: boolean; choices: number[] }>>({});
  /** Shuffles this learner's quiz options; known once the lab has read the progress. */
  const learnerSeed = ref<number | undefined>(undefined);

  function load() {
    const result = loadBundledCourse();
    course.value = markRaw(result.course);
    problems.value = result.problems;
    for (const problem of problems.value) console.warn(problem);
  }

  /**
   * Adds the lessons of packs opened from folders to the bundled course (a lesson whose id is
   * already there is kept as it was). Returns the problems, for the learner to read.
   */
  async function addPacks(packs: { id: string; source: 'bundled' | 'folder'; files: Record<string, string> }[]): Promise<string[]> {
    // The loader (YAML, schemas) is only needed for packs, so it stays out of the first load.
    const { formatProblem, loadCourse } = await import('../../lab/loader');
    const lessons = [...course.value.lessons];
    const found: string[] = [];
    for (const pack of packs) {
      if (pack.source === 'bundled') continue;
      const result = loadCourse(new Map(Object.entries(pack.files)), { label: pack.id });
      found.push(...result.problems.map(formatProblem));
      for (const lesson of result.course.lessons) {
        if (!lessons.some((existing) => existing.id === lesson.id)) lessons.push(lesson);
      }
    }
    lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    course.value = markRaw({ lessons });
    return found;
  }

  /** Copies what the UI shows out of the lab's progress. */
  function sync(progress: Progress, currentId: string | undefined) {
    const done = Object.entries(progress.exercises)
      .filter(([, entry]) => entry.completedAt !== undefined)
      .map(([id]) => id)
      .sort();
    if (done.join() !== completed.value.join()) completed.value = done;
    currentExerciseId.value = currentId ?? progress.currentExercise;
    learnerSeed.value = progress.learnerSeed;
    quizzes.value = Object.fromEntries(Object.entries(progress.quizzes).map(([id, answer]) => [id, { correct: answer.correct, choices: [...answer.choices] }]));
  }

  const current = computed<ExerciseLocation | undefined>(() =>
    (currentExerciseId.value ? findExercise(course.value, currentExerciseId.value) : undefined) ?? nextExercise(course.value, undefined),
  );
  const following = computed(() => (current.value ? nextExercise(course.value, current.value.exercise.id) : undefined));
  const exerciseCount = computed(() => allExercises(course.value).length);

  function isCompleted(id: string) {
    return completed.value.includes(id);
  }

  return { course, problems, completed, currentExerciseId, quizzes, learnerSeed, current, following, exerciseCount, load, addPacks, sync, isCompleted };
});
