// The course and the learner's progress in it, as the lab controller keeps it.

import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { allExercises, findExercise, nextExercise, type Course, type ExerciseLocation } from '../../lab/course';
import { formatProblem } from '../../lab/loader';
import type { Progress } from '../../lab/progress';
import { loadBundledCourse } from '../engine/course-source';

export const useCourseStore = defineStore('course', () => {
  const course = shallowRef<Course>({ lessons: [] });
  const problems = ref<string[]>([]);
  const completed = ref<string[]>([]);
  const currentExerciseId = ref<string>();

  function load() {
    const result = loadBundledCourse();
    course.value = markRaw(result.course);
    problems.value = result.problems.map(formatProblem);
    for (const problem of problems.value) console.warn(problem);
  }

  /** Copies what the UI shows out of the lab's progress. */
  function sync(progress: Progress, currentId: string | undefined) {
    const done = Object.entries(progress.exercises)
      .filter(([, entry]) => entry.completedAt !== undefined)
      .map(([id]) => id)
      .sort();
    if (done.join() !== completed.value.join()) completed.value = done;
    currentExerciseId.value = currentId ?? progress.currentExercise;
  }

  const current = computed<ExerciseLocation | undefined>(() =>
    (currentExerciseId.value ? findExercise(course.value, currentExerciseId.value) : undefined) ?? nextExercise(course.value, undefined),
  );
  const following = computed(() => (current.value ? nextExercise(course.value, current.value.exercise.id) : undefined));
  const exerciseCount = computed(() => allExercises(course.value).length);

  function isCompleted(id: string) {
    return completed.value.includes(id);
  }

  return { course, problems, completed, currentExerciseId, current, following, exerciseCount, load, sync, isCompleted };
});
