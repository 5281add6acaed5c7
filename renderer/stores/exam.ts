// The Exams page's view of the lab's exam controller: the exams with past results, the exam in
// progress (tasks, flags, the countdown) and the breakdown once finished. The `lab exam` command
// in the terminal drives the same controller; this store mirrors it.

import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { ExamTask } from '../../lab/exam';
import { solutionText } from '../../lab/exam-command';
import type { FinishedExam } from '../../lab/exam-controller';
import type { LabController } from '../../lab/lab-controller';
import type { Localised } from '../../lab/localised';
import type { ExamResult } from '../../lab/progress';

export interface ExamSummary {
  id: string;
  title: Localised;
  summary: Localised;
  taskCount: number;
  minutes: number;
  results: ExamResult[];
}

export interface RunningExam {
  id: string;
  title: Localised;
  points: number;
  tasks: ExamTask[];
  flagged: number[];
  viewed: number[];
  /** A practice attempt: its countdown can be paused. */
  practice: boolean;
  paused: boolean;
}

export interface ExamHooks {
  /** After the cluster was reset into the exam's starting state. */
  afterStart?(): void;
  /** Every half second while an exam runs: keeps the cluster's clock at the wall clock's pace. */
  whileRunning?(): void;
}

export const useExamStore = defineStore('exam', () => {
  const exams = ref<ExamSummary[]>([]);
  const running = shallowRef<RunningExam>();
  const selected = ref(1);
  const remainingMs = ref(0);
  const finished = shallowRef<FinishedExam>();
  /** The Exams page is shown in the lesson column's place. */
  const pageOpen = ref(false);
  let controller: LabController | undefined;
  let hooks: ExamHooks = {};
  let ticker: ReturnType<typeof setInterval> | undefined;
  let dismissed: FinishedExam | undefined;

  function attach(lab: LabController, examHooks: ExamHooks = {}) {
    controller = markRaw(lab);
    hooks = examHooks;
    sync();
    ticker ??= setInterval(tick, 500);
  }

  function sync() {
    const lab = controller;
    if (!lab) return;
    exams.value = lab.exams.templates().map((template) => ({
      id: template.id,
      title: template.title,
      summary: template.summary,
      taskCount: template.taskCount,
      minutes: template.minutes,
      results: [...lab.exams.results(template.id)],
    }));
    const run = lab.exams.current();
    if (run) pageOpen.value = true;
    running.value = run
      ? markRaw({ id: run.exam.id, title: run.exam.title, points: run.exam.points, tasks: run.exam.tasks, flagged: [...run.flagged].sort((a, b) => a - b), viewed: [...run.viewed], practice: run.practice, paused: run.pausedAt !== undefined })
      : undefined;
    remainingMs.value = lab.exams.remainingMs() ?? 0;
    const last = lab.exams.finished();
    finished.value = last && last !== dismissed ? markRaw(last) : undefined;
  }

  /** The countdown is the wall clock's; when it runs out, the exam is graded as it stands. */
  function tick() {
    const lab = controller;
    if (!lab?.exams.current()) return;
    if (lab.exams.timeUp()) {
      lab.exams.finish();
      sync();
      return;
    }
    hooks.whileRunning?.();
    remainingMs.value = lab.exams.remainingMs() ?? 0;
  }

  function start(id: string, options: { practice?: boolean } = {}) {
    if (!controller || controller.exams.current()) return;
    controller.exams.start(id, undefined, options);
    select(1);
    hooks.afterStart?.();
    sync();
  }

  /** After the app restarted into an exam: the task the learner had open last. */
  function showLastOpened() {
    const viewed = controller?.exams.current()?.viewed;
    select(viewed && viewed.size > 0 ? [...viewed].at(-1)! : 1);
  }

  function select(number: number) {
    selected.value = number;
    controller?.exams.view(number);
    sync();
  }

  function toggleFlag(number: number) {
    const run = controller?.exams.current();
    if (!run) return;
    controller!.exams.setFlag(number, !run.flagged.has(number));
    sync();
  }

  /** Pauses or resumes a practice attempt's countdown (an exam's runs on: the controller refuses). */
  function togglePause() {
    const run = controller?.exams.current();
    if (!run) return;
    if (run.pausedAt === undefined) controller!.exams.pause();
    else controller!.exams.resume();
    sync();
  }

  function finish() {
    controller?.exams.finish();
    sync();
  }

  /** Back to the list of exams after reading a breakdown. */
  function dismiss() {
    dismissed = controller?.exams.finished();
    finished.value = undefined;
  }

  return { exams, running, selected, remainingMs, finished, pageOpen, attach, sync, start, select, toggleFlag, togglePause, showLastOpened, finish, dismiss, solutionText };
});
