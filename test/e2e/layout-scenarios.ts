/// <reference lib="dom" />
// The workbench as a learner arranges it: where a new learner lands, dividers dragged with the mouse
// and moved with the keyboard, panes collapsed, all of it remembered over a reload; nothing spills
// out of its pane; the terminal's scrollback and the checks come back after a reload.

import type { Browser, Page } from 'playwright-core';
import { assert, openApp, screenshot, terminalText, typeInTerminal, waitForTerminal, watchForErrors } from './harness';

async function width(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).boundingBox();
  return box ? Math.round(box.width) : 0;
}

/** Panes whose content is wider than the pane (something that neither wraps nor scrolls). */
async function overflowingPanes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    ['.top-bar', '.lesson-column', '.lesson-scroll', '.center-column', '.cluster-column', '.cluster-scroll', '.events-feed ul', '.workspace-area']
      .flatMap((selector) => [...document.querySelectorAll<HTMLElement>(selector)].map((element) => ({ selector, element })))
      .filter(({ element }) => element.scrollWidth > element.clientWidth + 1)
      .map(({ selector, element }) => `${selector} (${element.scrollWidth} px of content in ${element.clientWidth} px)`),
  );
}

export async function workbenchLayout(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    watchForErrors(page);
    await openApp(page, url);

    // A new learner reads the lesson before the exercise.
    assert((await page.locator('[data-view="lesson"]').getAttribute('aria-selected')) === 'true', 'a new learner does not land on the lesson text');
    assert(await page.locator('.lesson-text').isVisible(), 'the lesson text is not shown');
    await screenshot(page, '30-new-learner-lesson');

    // Drag the lesson's divider 100 px to the right.
    const lessonBefore = await width(page, '.lesson-column');
    const divider = (await page.locator('[data-divider="lesson"]').boundingBox())!;
    await page.mouse.move(divider.x + divider.width / 2, divider.y + 200);
    await page.mouse.down();
    await page.mouse.move(divider.x + divider.width / 2 + 100, divider.y + 200, { steps: 5 });
    await page.mouse.up();
    const lessonDragged = await width(page, '.lesson-column');
    assert(Math.abs(lessonDragged - (lessonBefore + 100)) <= 2, `dragging the divider 100 px took the lesson from ${lessonBefore} to ${lessonDragged} px`);

    // The same divider from the keyboard.
    await page.focus('[data-divider="lesson"]');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const lessonKeyed = await width(page, '.lesson-column');
    assert(lessonKeyed === lessonDragged - 32, `two ArrowLeft presses took the lesson from ${lessonDragged} to ${lessonKeyed} px`);

    // The workspace under the terminal grows as its divider moves up.
    const workspaceBefore = (await page.locator('.workspace-area').boundingBox())!.height;
    await page.focus('[data-divider="workspace"]');
    await page.keyboard.press('ArrowUp');
    const workspaceAfter = (await page.locator('.workspace-area').boundingBox())!.height;
    assert(Math.round(workspaceAfter - workspaceBefore) === 16, `ArrowUp on the workspace divider changed its height by ${workspaceAfter - workspaceBefore} px`);

    // The cluster view folds away to a rail and the terminal takes the room.
    const terminalBefore = await width(page, '.terminal-area');
    await page.click('[data-collapse="cluster"]');
    await page.locator('[data-expand="cluster"]').waitFor();
    assert((await page.locator('.cluster-column').count()) === 0, 'the cluster view is still shown after hiding it');
    const terminalWider = await width(page, '.terminal-area');
    assert(terminalWider > terminalBefore + 150, `hiding the cluster view gave the terminal ${terminalWider - terminalBefore} px`);

    // Work the terminal has shown and the checks it failed come back after a reload, and so does the layout.
    await typeInTerminal(page, 'echo scrollback-marker-1\n');
    await waitForTerminal(page, /^scrollback-marker-1$/m);
    await typeInTerminal(page, 'kubectl get pods\n');
    await waitForTerminal(page, /No resources found in default namespace\./);
    await page.click('[data-view="exercise"]');
    const checksBefore = await checkStates(page);
    assert(checksBefore.some((check) => check.endsWith('=failed')), `no check failed after a command: ${checksBefore.join(', ')}`);
    await page.waitForTimeout(500);
    await page.reload();
    await openApp(page, url);
    const text = await terminalText(page);
    assert(/^scrollback-marker-1$/m.test(text), `the terminal lost what it showed over the reload:\n${text}`);
    await page.click('[data-view="exercise"]');
    const checksAfter = await checkStates(page);
    assert(JSON.stringify(checksAfter) === JSON.stringify(checksBefore), `the checks changed over the reload:\n${checksBefore.join(', ')}\n${checksAfter.join(', ')}`);
    assert((await width(page, '.lesson-column')) === lessonKeyed, `after a reload the lesson is ${await width(page, '.lesson-column')} px, not ${lessonKeyed}`);
    assert(await page.locator('[data-expand="cluster"]').isVisible(), 'after a reload the cluster view is no longer hidden');
    await page.click('[data-expand="cluster"]');
    await page.locator('.cluster-column').waitFor();

    // The lesson folds away too, and comes back.
    await page.click('[data-collapse="lesson"]');
    await page.locator('[data-expand="lesson"]').waitFor();
    await screenshot(page, '31-lesson-hidden');
    await page.click('[data-expand="lesson"]');
    await page.locator('.lesson-column').waitFor();
  } finally {
    await context.close();
  }
}

export async function nothingOverflows(page: Page): Promise<void> {
  // Long words: a path and an image name in the terminal's output and in the events.
  await typeInTerminal(page, 'kubectl run overflow-check-with-a-rather-long-name --image=registry.example.org/a/very/long/path/to/an/image/that/does/not/exist:1.0\n');
  await waitForTerminal(page, /pod\/overflow-check-with-a-rather-long-name created/);
  await page.click('[data-skip="10000"]');
  await page.click('[data-view="exercise"]');
  await page.waitForTimeout(200);
  const overflowing = await overflowingPanes(page);
  assert(overflowing.length === 0, `content overflows its pane: ${overflowing.join('; ')}`);
  await page.click('[data-view="lesson"]');
  const lessonOverflow = await overflowingPanes(page);
  assert(lessonOverflow.length === 0, `the lesson text overflows its pane: ${lessonOverflow.join('; ')}`);
  // Code blocks scroll sideways within themselves and can be copied.
  const blocks = page.locator('.lesson-text .code-block');
  if ((await blocks.count()) > 0) {
    assert(await blocks.first().locator('[data-action="copy"]').isVisible(), 'a lesson code block has no copy button');
    const scrolls = await blocks.first().locator('pre').evaluate((pre) => getComputedStyle(pre).overflowX);
    assert(scrolls === 'auto' || scrolls === 'scroll', `a lesson code block does not scroll sideways (overflow-x: ${scrolls})`);
  }
  await typeInTerminal(page, 'kubectl delete pod overflow-check-with-a-rather-long-name --wait=false\n');
  await waitForTerminal(page, /pod "overflow-check-with-a-rather-long-name" deleted/);
  await page.click('[data-view="exercise"]');
}

export async function completedIsNotAFailure(page: Page): Promise<void> {
  await typeInTerminal(page, 'kubectl run once --image=busybox --restart=Never -- sh -c "exit 0"\n');
  await waitForTerminal(page, /pod\/once created/);
  await page.click('[data-skip="10000"]');
  const state = page.locator('[data-pod="once"] [data-container="once"] .container-state');
  await state.waitFor();
  assert(/Completed \(0\)/.test((await state.textContent()) ?? ''), `the container shows ${await state.textContent()}`);
  const colours = await page.evaluate(() => {
    const element = document.querySelector('[data-pod="once"] [data-container="once"] .container-state')!;
    const probe = document.createElement('span');
    probe.style.color = 'var(--bad)';
    document.body.append(probe);
    const bad = getComputedStyle(probe).color;
    probe.remove();
    return { shown: getComputedStyle(element).color, bad };
  });
  assert(colours.shown !== colours.bad, `a container that completed with exit code 0 is drawn in the failure colour ${colours.bad}`);
}

async function checkStates(page: Page): Promise<string[]> {
  return page.locator('.check').evaluateAll((rows) => rows.map((row) => `${(row as HTMLElement).dataset.check}=${(row as HTMLElement).dataset.state}`));
}

export async function nextExerciseStartsClean(page: Page, second: { id: string; titles: string[]; files: string[]; hints: number }, firstId: string): Promise<void> {
  await page.click('[data-course-map]');
  await page.locator('.course-exercise').nth(1).click();
  await page.click('[data-view="exercise"]');
  await page.waitForFunction((titles) => titles.some((title) => document.querySelector('.exercise-title')?.textContent?.includes(title)), second.titles, { timeout: 5_000 });
  await page.waitForTimeout(300);
  const files = await page.locator('[data-file]').evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.file ?? '').sort());
  assert(JSON.stringify(files) === JSON.stringify([...second.files].sort()), `the exercise ${second.id} starts with the files ${files.join(', ') || '(none)'}, expected ${second.files.join(', ') || '(none)'}`);
  // Asking for one hint more than there are says why nothing new came.
  for (let shown = 0; shown <= second.hints; shown++) await page.click('[data-hint]');
  const note = ((await page.locator('[data-hint-note]').textContent()) ?? '').trim();
  assert(note.length > 0, 'Show a hint gave nothing and did not say why');
  await screenshot(page, '32-second-exercise');
  // `lab start` typed in the terminal leaves this exercise's files behind too, as the course map does.
  await typeInTerminal(page, 'echo left > leftover.txt\n');
  await page.waitForSelector('[data-file="leftover.txt"]', { timeout: 5_000 });
  await typeInTerminal(page, `lab start ${firstId}\n`);
  await page.waitForFunction(() => !document.querySelector('[data-file="leftover.txt"]'), undefined, { timeout: 5_000 });
}
