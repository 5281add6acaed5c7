// The exercise being worked on, mirrored from the lab controller: live check results, hints
// shown, solution, completion. The `lab` command in the terminal drives the same controller.

import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { Exercise } from '../../lab/course';
import type { Attempt, LabController } from '../../lab/lab-controller';
import type { Localised } from '../../lab/localised';

export type CheckState = 'pending' | 'passed' | 'failed';

export interface CheckRow {
  id: string;
  state: CheckState;
  title: Localised;
  reason: Localised;
}

export const useExerciseStore = defineStore('exercise', () => {
  const exercise = shallowRef<Exercise>();
  const checks = ref<CheckRow[]>([]);
  const hintsShown = ref<number[]>([]);
  const solutionShown = ref(false);
  const complete = ref(false);
  /** Until the learner runs a command, checks that do not pass yet show as pending, not failed. */
  const attempted = ref(false);
  let controller: LabController | undefined;
  let shownAttempt: Attempt | undefined;

  function attach(lab: LabController) {
    controller = markRaw(lab);
  }

  function sync() {
    const attempt = controller?.current();
    if (!attempt) return;
    if (shownAttempt !== attempt) {
      // A new attempt (another exercise, a reset, `lab start`): nothing typed in it yet.
      shownAttempt = attempt;
      exercise.value = markRaw(attempt.location.exercise);
      attempted.value = false;
      solutionShown.value = controller!.progress.exercises[attempt.location.exercise.id]?.solutionRevealed ?? false;
    }
    checks.value = attempt.grader.results().map((result) => ({
      id: result.id,
      state: result.passed ? 'passed' : attempted.value ? 'failed' : 'pending',
      title: result.title,
      reason: result.reason,
    }));
    hintsShown.value = [...attempt.shownHints];
    complete.value = attempt.grader.complete();
  }

  function noteCommand() {
    if (attempted.value) return;
    attempted.value = true;
    sync();
  }

  function showNextHint(): boolean {
    const shown = controller?.hint();
    sync();
    return shown !== undefined;
  }

  function revealSolution() {
    controller?.revealSolution();
    solutionShown.value = true;
  }

  return { exercise, checks, hintsShown, solutionShown, complete, attempted, attach, sync, noteCommand, showNextHint, revealSolution };
});
