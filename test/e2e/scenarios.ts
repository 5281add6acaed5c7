// What a learner does in the browser build, step by step.

import type { Page } from 'playwright-core';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCourse } from '../../lab/loader';
import { allExercises, findExercise } from '../../lab/course';
import type { SolutionStep } from '../../lab/schema';
import { assert, openApp, waitForLastLine, pressInTerminal, repoRoot, screenshot, terminalText, typeInTerminal, waitForTerminal } from './harness';

function courseFromDisk() {
  const files = new Map<string, string>();
  const lessonsDir = join(repoRoot, 'lessons');
  for (const folder of readdirSync(lessonsDir)) {
    for (const file of readdirSync(join(lessonsDir, folder))) files.set(`${folder}/${file}`, readFileSync(join(lessonsDir, folder, file), 'utf8'));
  }
  return loadCourse(files).course;
}

/** The course's second exercise as the tests need it. */
export function firstExerciseId(): string {
  return allExercises(courseFromDisk())[0]!.exercise.id;
}

export function secondExercise(): { id: string; titles: string[]; files: string[]; hints: number } {
  const exercise = allExercises(courseFromDisk())[1]!.exercise;
  return { id: exercise.id, titles: [exercise.title.en, exercise.title.zh], files: Object.keys(exercise.start?.files ?? {}), hints: exercise.hints.length };
}

async function checkStates(page: Page): Promise<string[]> {
  return page.locator('.check').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.state ?? ''));
}

async function skipSeconds(page: Page, seconds: number) {
  for (let left = seconds; left > 0; left -= 10) await page.click('[data-skip="10000"]');
}

/** Does what a learner would for each step: types commands, skips time, writes files with a heredoc. */
async function followSteps(page: Page, steps: readonly SolutionStep[]): Promise<void> {
  for (const step of steps) {
    if ('run' in step) {
      await typeInTerminal(page, `${step.run}\n`);
    } else if ('wait' in step) {
      await skipSeconds(page, step.wait);
    } else {
      const body = step.write.content.endsWith('\n') ? step.write.content : `${step.write.content}\n`;
      await typeInTerminal(page, `cat <<'EOF' > ${step.write.path}\n${body}EOF\n`);
    }
    await page.waitForTimeout(200);
  }
}

export async function completeFirstExercise(page: Page, url: string): Promise<void> {
  await openApp(page, url);
  await screenshot(page, '01-start');
  const first = allExercises(courseFromDisk())[0]!.exercise;
  await followSteps(page, first.solution);
  await skipSeconds(page, 30);
  await page.click('[data-view="exercise"]');
  const deadline = Date.now() + 15_000;
  let states = await checkStates(page);
  while (Date.now() < deadline && !(states.length > 0 && states.every((state) => state === 'passed'))) {
    await page.waitForTimeout(200);
    states = await checkStates(page);
  }
  await screenshot(page, '02-exercise-complete');
  assert(states.length > 0 && states.every((state) => state === 'passed'), `not every check passed: ${states.join(', ')}\n${await terminalText(page)}`);
  assert(await page.locator('.celebration').isVisible(), 'no completion message');
}

export async function reloadKeepsProgressAndFiles(page: Page, url: string): Promise<void> {
  await page.waitForTimeout(800);
  await page.reload();
  await openApp(page, url);
  const header = await page.locator('[data-course-map]').textContent();
  assert(/\b1\/\d+/.test(header ?? ''), `progress not kept: ${header}`);
  await page.waitForSelector('[data-file="web.yaml"]');
}

/** Opens a workspace file in the editor and types a line at its end. */
async function appendInEditor(page: Page, file: string, line: string): Promise<void> {
  await page.click(`[data-file="${file}"]`);
  await page.waitForSelector('.cm-content');
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\n${line}`);
}

export async function editAndApplyInEditor(page: Page): Promise<void> {
  await appendInEditor(page, 'web.yaml', '# edited in the editor');
  await page.click('[data-apply]');
  await waitForTerminal(page, /kubectl apply -f web\.yaml[\s\S]*pod\/web (created|unchanged|configured)/);
  await screenshot(page, '03-editor-apply');
}

export async function tabCompletionAndHistory(page: Page): Promise<void> {
  await typeInTerminal(page, 'kub');
  await pressInTerminal(page, 'Tab');
  await waitForLastLine(page, 'learner@podlab:~$ kubectl');
  await typeInTerminal(page, 'get pods');
  await pressInTerminal(page, 'Enter');
  await waitForTerminal(page, /NAME\s+READY\s+STATUS/);
  await pressInTerminal(page, 'ArrowUp');
  await pressInTerminal(page, 'ArrowUp');
  await waitForLastLine(page, 'learner@podlab:~$ kubectl apply -f web.yaml');
  await pressInTerminal(page, 'ArrowDown');
  await waitForLastLine(page, 'learner@podlab:~$ kubectl get pods');
  await pressInTerminal(page, 'Control+c');
  await waitForLastLine(page, 'learner@podlab:~$');
}

export async function speedAndSkip(page: Page): Promise<void> {
  const clock = page.locator('[data-clock]');
  const seconds = async () => {
    const [h, m, s] = ((await clock.textContent()) ?? '').replace(/[^\d:]/g, '').split(':').map(Number);
    return h! * 3600 + m! * 60 + s!;
  };
  await page.click('[data-speed="0"]');
  const paused = await seconds();
  await page.waitForTimeout(1200);
  assert((await seconds()) === paused, 'the clock moved while paused');
  await page.click('[data-skip="60000"]');
  await page.waitForTimeout(100);
  assert((await seconds()) >= paused + 60, 'skip +1m did not move the clock');
  await page.click('[data-speed="30"]');
  const before = await seconds();
  await page.waitForTimeout(1500);
  assert((await seconds()) - before >= 30, '30x did not run 30 times faster');
  await page.click('[data-speed="1"]');
  await screenshot(page, '04-time-controls');
}

export async function podSandboxAndRestart(page: Page): Promise<void> {
  await typeInTerminal(page, 'kubectl run crasher --image=busybox --restart=Always -- sh -c "sleep 2; exit 1"\n');
  await waitForTerminal(page, /pod\/crasher created/);
  await page.click('[data-speed="30"]');
  await page.waitForSelector('[data-pod="crasher"] [data-sandbox]', { timeout: 10_000 });
  const deadline = Date.now() + 20_000;
  let restarts = 0;
  while (Date.now() < deadline && restarts < 1) {
    await page.waitForTimeout(300);
    restarts = Number((await page.locator('[data-pod="crasher"] .restart-count').first().textContent()) ?? 0);
  }
  await page.click('[data-speed="1"]');
  const sandbox = (await page.locator('[data-pod="web"] [data-sandbox]').textContent()) ?? '';
  await screenshot(page, '05-cluster-view');
  assert(/pause/.test(sandbox), `no pause container shown: ${sandbox}`);
  assert(restarts >= 1, 'the crashing container never showed a restart');
  await page.click('[data-pod="crasher"] .pod-name');
  await page.click('.inspector .segmented button:nth-child(2)');
  await page.waitForSelector('.inspector-body:has-text("Restart Count:")', { timeout: 5_000 });
  await screenshot(page, '07-describe');
  await page.click('.inspector-header .icon-button');
}

export async function switchToChinese(page: Page): Promise<void> {
  await page.click('[data-open-settings]');
  await page.selectOption('[data-setting="language"]', 'zh');
  await page.selectOption('[data-setting="theme"]', 'dark');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.check-list h3:text("检查项")', { timeout: 5_000 });
  // xterm repaints its colours on the next frame.
  await page.waitForTimeout(400);
  await screenshot(page, '06-chinese-dark');
}

export async function tabCompletesTypesAndNames(page: Page): Promise<void> {
  // pods and poddisruptionbudgets both begin with "po": Tab completes what they share.
  await typeInTerminal(page, 'kubectl get po');
  await pressInTerminal(page, 'Tab');
  await waitForLastLine(page, 'learner@podlab:~$ kubectl get pod');
  await typeInTerminal(page, 's');
  await pressInTerminal(page, 'Tab');
  await waitForLastLine(page, 'learner@podlab:~$ kubectl get pods');
  await typeInTerminal(page, 'we');
  await pressInTerminal(page, 'Tab');
  await waitForLastLine(page, 'learner@podlab:~$ kubectl get pods web');
  await pressInTerminal(page, 'Enter');
  await waitForTerminal(page, /kubectl get pods web\s*\nNAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nweb\s+1\/1\s+Running/);
}

async function clockSeconds(page: Page): Promise<number> {
  const [h, m, s] = ((await page.locator('[data-clock]').textContent()) ?? '').replace(/[^\d:]/g, '').split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
}

export async function clusterSurvivesReload(page: Page, url: string): Promise<void> {
  await page.click('[data-speed="0"]');
  await typeInTerminal(page, 'kubectl run keeper --image=nginx\n');
  await waitForTerminal(page, /pod\/keeper created/);
  await page.click('[data-skip="60000"]');
  // A second tab, on node01, comes back too.
  await page.click('.tab-new .icon-button');
  await page.click('[role="menuitem"]:has-text("node01")');
  await typeInTerminal(page, 'hostname\n');
  await waitForTerminal(page, /hostname\s*\nnode01\n/);
  await page.click('.tab-title:has-text("learner@podlab")');
  const before = await clockSeconds(page);
  await page.waitForTimeout(1500);
  await page.reload();
  await openApp(page, url);
  const after = await clockSeconds(page);
  assert(after >= before, `the clock went back from ${before}s to ${after}s over the reload`);
  await typeInTerminal(page, 'kubectl get pods\n');
  await waitForTerminal(page, /keeper\s+1\/1\s+Running\s+0\s+\d+s/);
  await waitForTerminal(page, /web\s+1\/1\s+Running/);
  await page.click('.tab-title:has-text("root@node01")');
  await typeInTerminal(page, 'crictl pods --name keeper -q | wc -l; hostname\n');
  await waitForTerminal(page, /hostname\s*\n\d+\nnode01\n/);
  await page.click('.tab-title:has-text("learner@podlab")');
  await page.click('[data-speed="1"]');
  await screenshot(page, '08-after-reload');
}

export async function undoLastCommand(page: Page): Promise<void> {
  // A save in the editor before the undone command stays.
  await appendInEditor(page, 'web.yaml', '# saved before the undo');
  await page.click('[data-save]');
  await typeInTerminal(page, 'kubectl delete pod keeper --wait=false\n');
  await waitForTerminal(page, /pod "keeper" deleted/);
  await page.click('[data-undo]');
  await typeInTerminal(page, 'kubectl get pod keeper\n');
  await waitForTerminal(page, /kubectl get pod keeper\s*\nNAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nkeeper\s+1\/1\s+Running/);
  await typeInTerminal(page, 'grep -c "saved before the undo" web.yaml\n');
  await waitForTerminal(page, /grep -c "saved before the undo" web\.yaml\s*\n1\n/);
}

export async function answerQuiz(page: Page): Promise<void> {
  const lesson = courseFromDisk().lessons[0]!;
  const quiz = lesson.steps.flatMap((step) => (step.kind === 'quiz' ? [step.quiz] : []))[0];
  assert(quiz, `lesson ${lesson.id} has no quiz`);
  const right = quiz.options.findIndex((option) => option.correct);
  const wrong = quiz.options.findIndex((option) => !option.correct);
  await page.click('[data-view="lesson"]');
  const card = page.locator(`[data-quiz="${quiz.id}"]`);
  await card.locator(`[data-option="${wrong}"] input`).check();
  await card.locator('[data-check-answer]').click();
  await card.locator('[data-result="wrong"]').waitFor({ timeout: 5_000 });
  await card.locator(`[data-option="${right}"] input`).check();
  await card.locator('[data-check-answer]').click();
  await card.locator('[data-result="correct"]').waitFor({ timeout: 5_000 });
  if (quiz.explanation) assert((await card.locator('.quiz-result').textContent())?.includes(quiz.explanation.en.replace(/`/g, '').slice(0, 20)), 'no explanation after a right answer');
  await screenshot(page, '09-quiz');
  await page.click('[data-view="exercise"]');
}

/**
 * A near-miss: the writer writes its page outside the shared volume. The Pod runs, yet the check
 * that the page is served fails with what nginx really answered, and the hint shown first is the
 * one about that mistake.
 */
export async function wrongSolutionShowsItsHint(page: Page): Promise<void> {
  const exercise = findExercise(courseFromDisk(), 'emptydir-web-writer')?.exercise;
  assert(exercise, 'no exercise emptydir-web-writer in the course');
  const mistake = exercise.mistakes.find((candidate) => candidate.failsAt === 'served');
  assert(mistake, 'the exercise lists no mistake that fails at served');
  const hint = exercise.hints.find((candidate) => candidate.whenFailing === 'served');
  assert(hint, 'no hint is tied to the served check');
  await typeInTerminal(page, `lab start ${exercise.id}\n`);
  await waitForTerminal(page, new RegExp(`Exercise ${exercise.id}`));
  await page.click('[data-view="exercise"]');
  await followSteps(page, mistake.solution);
  await skipSeconds(page, 10);
  const served = page.locator('[data-check="served"]');
  await page.locator('[data-check="served"][data-state="failed"] .check-reason:has-text("answered 404")').waitFor({ timeout: 10_000 });
  await page.click('[data-hint]');
  const shown = (await page.locator('.hints li').first().textContent()) ?? '';
  assert(shown.includes(hint.text.en.replace(/[`*]/g, '').slice(0, 30)), `the first hint is not the one about the mistake: ${shown}`);
  await screenshot(page, '10-mistake-and-its-hint');
  assert((await served.getAttribute('data-state')) === 'failed', 'the served check passed for a page that is not served');
}

/** Text of the task shown on the Exams page. */
async function shownTask(page: Page, number: number): Promise<string> {
  await page.click(`[data-exam-task="${number}"]`);
  await page.waitForSelector(`[data-exam-shown="${number}"]`);
  return (await page.locator('.exam-task-text').textContent()) ?? '';
}

/** Starts an exam on the Exams page, solves two tasks in the terminal, skips the rest, finishes and reads the breakdown. */
export async function takeAnExam(page: Page): Promise<void> {
  await page.click('[data-open-exams]');
  await page.waitForSelector('[data-exam="ckad-practice"]');
  await page.click('[data-exam-start="ckad-practice"]');
  await page.waitForSelector('[data-exam-clock]');
  const clock = (await page.locator('[data-exam-clock]').textContent()) ?? '';
  assert(/^\s*(2:00:00|1:59:5\d)\s*$/.test(clock), `the countdown shows ${clock}`);
  // Each attempt draws its own names: read them from the instructions, as a learner does.
  const first = await shownTask(page, 1);
  const drawn = /namespace (\S+), create a Pod named (\S+)-web that runs the image (nginx:\S+)/.exec(first.replace(/\s+/g, ' '));
  assert(drawn, `task 1 does not read as expected: ${first}`);
  const [, namespace, app, image] = drawn;
  await typeInTerminal(page, `kubectl run ${app}-web -n ${namespace} --image=${image} --labels=tier=frontend\n`);
  await page.click('[data-exam-flag]');
  await page.waitForSelector('[data-exam-task="1"] .exam-flag:text("⚑")');
  const token = await shownTask(page, 15);
  assert(token.includes(`${app}-auditor`), `task 15 does not name ${app}-auditor: ${token}`);
  await typeInTerminal(page, `kubectl logs ${app}-auditor | grep token: | cut -d' ' -f2 > t15-token.txt\n`);
  await skipSeconds(page, 20);
  await screenshot(page, '07-exam-running');
  await page.click('[data-exam-finish]');
  await page.waitForSelector('[data-exam-score]');
  const score = ((await page.locator('[data-exam-score]').textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const points = (number: number) => page.locator(`[data-task="${number}"]`).getAttribute('data-points');
  assert((await points(1)) === '4' && (await points(15)) === '4', `tasks 1 and 15 did not score 4 points each: ${await points(1)}, ${await points(15)}`);
  assert((await points(2)) === '0', `a skipped task scored ${await points(2)}`);
  assert(score === 'Score: 8/81 (9%)', `the score reads ${score}`);
  const reason = (await page.locator('[data-task="2"] .check-reason').first().textContent()) ?? '';
  assert(/not found/.test(reason), `a skipped task's check does not say why it failed: ${reason}`);
  await screenshot(page, '08-exam-breakdown');
  await page.click('[data-exam-back]');
  await page.waitForSelector('[data-exam-trend]:text("9%")');
  await page.click('[data-open-exams]');
  // Back on the lesson pane, which may open on the lesson's text: go on with the exercise.
  await page.click('[data-view="exercise"]');
  await page.waitForSelector('.check-list');
}

/**
 * A practice attempt of the two-cluster exam: the task names its context, the terminal switches
 * to it; a reload finds the same task, the countdown where the wall clock has taken it and the
 * context as it was; the exam bar pauses and resumes the countdown.
 */
export async function examSurvivesReload(page: Page, url: string): Promise<void> {
  await page.click('[data-open-exams]');
  await page.click('[data-exam-practice="cluster-practice"]');
  await page.waitForSelector('[data-exam-pause]');
  const task = await shownTask(page, 2);
  assert(task.includes('Use context: k8s-c2'), `task 2 does not name its context: ${task}`);
  await typeInTerminal(page, 'kubectl config use-context k8s-c2\n');
  await waitForTerminal(page, /Switched to context "k8s-c2"/);
  await page.click('[data-exam-flag]');
  await page.waitForSelector('[data-exam-task="2"] .exam-flag:text("⚑")');
  const seconds = async () => {
    const [h, m, s] = ((await page.locator('[data-exam-clock]').textContent()) ?? '').trim().split(':').map(Number);
    return h * 3600 + m * 60 + s;
  };
  const before = await seconds();
  await page.waitForTimeout(1500);
  await page.reload();
  await page.waitForSelector('[data-exam-shown="2"]', { timeout: 30_000 });
  await page.waitForSelector('[data-exam-task="2"] .exam-flag:text("⚑")');
  const after = await seconds();
  assert(after < before && after >= before - 30, `the countdown read ${before} s before the reload and ${after} s after`);
  await typeInTerminal(page, 'kubectl config current-context | tr a-z A-Z\n');
  await waitForTerminal(page, /K8S-C2/);
  await page.click('[data-exam-pause]');
  await page.waitForSelector('[data-exam-pause][aria-pressed="true"]');
  const paused = await seconds();
  await page.waitForTimeout(2200);
  assert((await seconds()) === paused, 'the countdown ran on while paused');
  await page.click('[data-exam-pause]');
  await page.waitForSelector('[data-exam-pause][aria-pressed="false"]');
  await page.click('[data-exam-finish]');
  await page.waitForSelector('[data-exam-score]');
  await page.click('[data-exam-back]');
  await page.click('[data-open-exams]');
  // The restored exam had left the exercise: take the first one up again for the steps after this.
  await typeInTerminal(page, `lab start ${firstExerciseId()}\n`);
  await page.click('[data-view="exercise"]');
  await page.waitForSelector('.check-list');
}
