// Browser end-to-end tests: builds the renderer (unless SKIP_BUILD=1), serves it, drives Debian's
// Chromium through a learner's session, and saves screenshots in test-results/.
// Run with: node --import tsx test/e2e/run.ts

import { execFileSync } from 'node:child_process';
import { findBrowser, repoRoot, startHarness, takePageErrors, watchForErrors } from './harness';
import * as scenarios from './scenarios';
import * as terminal from './terminal-scenarios';
import * as layout from './layout-scenarios';
import * as screens from './screens-scenarios';
import { desktopBridge, ownKubectlSetting } from './desktop-scenarios';

async function main() {
  const found = await findBrowser();
  if (!found) {
    console.log('skipped: no Chromium, Chrome or Edge found (set CHROMIUM to a browser binary)');
    return;
  }
  console.log(`browser: ${found.label}`);
  if (process.env.SKIP_BUILD !== '1') execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  const harness = await startHarness(found);
  let failures = 0;
  try {
    const context = await harness.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    watchForErrors(page);
    const steps: [string, () => Promise<void>][] = [
      ['completes an exercise by typing in the terminal', () => scenarios.completeFirstExercise(page, harness.url)],
      ['keeps output that does not end in a newline', () => terminal.outputWithoutNewline(page)],
      ['gives the terminal at least 100 columns at 1440×900', () => terminal.hundredColumns(page)],
      ['draws underscores in the light theme', () => terminal.underscoresVisible(page, 'light')],
      ['completes kubectl rollout subcommands with Tab', () => terminal.completesRolloutSubcommand(page)],
      ['keeps progress and workspace files over a reload', () => scenarios.reloadKeepsProgressAndFiles(page, harness.url)],
      ['edits and applies a manifest in the editor', () => scenarios.editAndApplyInEditor(page)],
      ['completes with Tab and recalls history', () => scenarios.tabCompletionAndHistory(page)],
      ['completes resource types and pod names with Tab', () => scenarios.tabCompletesTypesAndNames(page)],
      ['pauses, skips and speeds up time', () => scenarios.speedAndSkip(page)],
      ['shows the pause container and a restart', () => scenarios.podSandboxAndRestart(page)],
      ['finds the cluster as it was after a reload', () => scenarios.clusterSurvivesReload(page, harness.url)],
      ['undoes the last command', () => scenarios.undoLastCommand(page)],
      ['says what undo undid, and redoes it', () => terminal.undoSaysWhatAndRedoes(page)],
      ['says what Next event showed', () => terminal.nextEventSaysWhat(page)],
      ['answers a lesson quiz', () => scenarios.answerQuiz(page)],
      ['shows a wrong solution failing with the hint about it', () => scenarios.wrongSolutionShowsItsHint(page)],
      ['takes an exam: two tasks solved, the rest skipped, the breakdown read', () => scenarios.takeAnExam(page)],
      ['takes a practice exam up again after a reload, and pauses it from the exam bar', () => scenarios.examSurvivesReload(page, harness.url)],
      ['switches to Chinese', () => scenarios.switchToChinese(page)],
      ['draws underscores in the dark theme', () => terminal.underscoresVisible(page, 'dark')],
      ['keeps a completed container out of the failure colour', () => layout.completedIsNotAFailure(page)],
      ['lets nothing overflow its pane', () => layout.nothingOverflows(page)],
      ['starts the next exercise without the last one\'s files, and says why no hint came', () => layout.nextExerciseStartsClean(page, scenarios.secondExercise(), scenarios.firstExerciseId())],
      ['arranges the workbench and keeps it, the scrollback and the checks over a reload', () => layout.workbenchLayout(harness.browser, harness.url)],
      ['shows every main screen in both languages and themes without a serious accessibility problem', () => screens.everyScreenInEveryLook(harness.browser, harness.url)],
      ['reaches every control with the keyboard and names pods and containers', () => screens.keyboardReachesEveryControl(harness.browser, harness.url)],
      ['works with the desktop bridge', () => desktopBridge(harness.browser, harness.url)],
      ['serves the session to the learner\'s own kubectl from Settings', () => ownKubectlSetting(harness.browser, harness.url)],
    ];
    for (const [name, step] of steps) {
      const started = Date.now();
      try {
        await step();
        const errors = takePageErrors();
        if (errors.length > 0) throw new Error(errors.join('\n  '));
        console.log(`✓ ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failures++;
        const message = [error instanceof Error ? error.message : String(error), ...takePageErrors()].join('\n  ');
        console.log(`✗ ${name}\n  ${message}`);
      }
    }
  } finally {
    await harness.close();
  }
  console.log(failures === 0 ? 'all browser tests passed' : `${failures} browser test(s) failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}

void main();
