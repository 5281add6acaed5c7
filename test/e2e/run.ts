// Browser end-to-end tests: builds the renderer (unless SKIP_BUILD=1), serves it, drives Debian's
// Chromium through a learner's session, and saves screenshots in test-results/.
// Run with: node --import tsx test/e2e/run.ts

import { execFileSync } from 'node:child_process';
import { chromiumAvailable, repoRoot, startHarness } from './harness';
import * as scenarios from './scenarios';
import { desktopBridge } from './desktop-scenarios';

async function main() {
  if (!chromiumAvailable()) {
    console.log('skipped: /usr/bin/chromium is not installed');
    return;
  }
  if (process.env.SKIP_BUILD !== '1') execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  const harness = await startHarness();
  let failures = 0;
  try {
    const context = await harness.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    const steps: [string, () => Promise<void>][] = [
      ['completes an exercise by typing in the terminal', () => scenarios.completeFirstExercise(page, harness.url)],
      ['keeps progress and workspace files over a reload', () => scenarios.reloadKeepsProgressAndFiles(page, harness.url)],
      ['edits and applies a manifest in the editor', () => scenarios.editAndApplyInEditor(page)],
      ['completes with Tab and recalls history', () => scenarios.tabCompletionAndHistory(page)],
      ['completes resource types and pod names with Tab', () => scenarios.tabCompletesTypesAndNames(page)],
      ['pauses, skips and speeds up time', () => scenarios.speedAndSkip(page)],
      ['shows the pause container and a restart', () => scenarios.podSandboxAndRestart(page)],
      ['finds the cluster as it was after a reload', () => scenarios.clusterSurvivesReload(page, harness.url)],
      ['undoes the last command', () => scenarios.undoLastCommand(page)],
      ['answers a lesson quiz', () => scenarios.answerQuiz(page)],
      ['shows a wrong solution failing with the hint about it', () => scenarios.wrongSolutionShowsItsHint(page)],
      ['takes an exam: two tasks solved, the rest skipped, the breakdown read', () => scenarios.takeAnExam(page)],
      ['switches to Chinese', () => scenarios.switchToChinese(page)],
      ['works with the desktop bridge', () => desktopBridge(harness.browser, harness.url)],
    ];
    for (const [name, step] of steps) {
      const started = Date.now();
      try {
        await step();
        console.log(`✓ ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failures++;
        console.log(`✗ ${name}\n  ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await harness.close();
  }
  console.log(failures === 0 ? 'all browser tests passed' : `${failures} browser test(s) failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}

void main();
