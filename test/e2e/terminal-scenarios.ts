/// <reference lib="dom" />
// What issue 14's learner ran into: output without a newline, invisible underscores, a cramped
// terminal, Tab on kubectl subcommands, undo and redo that say what they did, and "Next event".

import type { Page } from 'playwright-core';
import { assert, pressInTerminal, screenshot, terminalText, typeInTerminal, waitForLastLine, waitForTerminal } from './harness';

export async function outputWithoutNewline(page: Page): Promise<void> {
  await typeInTerminal(page, 'printf abc\n');
  await waitForTerminal(page, /printf abc\s*\nabc\nlearner@podlab:~\$/);
  await typeInTerminal(page, 'echo -n hello\n');
  await waitForTerminal(page, /echo -n hello\s*\nhello\nlearner@podlab:~\$/);
  await typeInTerminal(page, "kubectl get pod web -o jsonpath='{.status.phase}'\n");
  await waitForTerminal(page, /\{\.status\.phase\}'\s*\nRunning\nlearner@podlab:~\$/);
}

/** The terminal's column count, as xterm laid it out. */
async function terminalColumns(page: Page): Promise<number> {
  return page.evaluate(() => {
    const screen = [...document.querySelectorAll<HTMLElement>('.terminal-screen')].find((element) => element.offsetParent !== null);
    const row = screen?.querySelector<HTMLElement>('.xterm-rows > div');
    const measure = screen?.querySelector<HTMLElement>('.xterm-char-measure-element');
    if (!row || !measure) return 0;
    const cellWidth = measure.getBoundingClientRect().width / (measure.textContent ?? 'W').length;
    return Math.round(row.getBoundingClientRect().width / cellWidth);
  });
}

export async function hundredColumns(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  assert(viewport?.width === 1440 && viewport.height === 900, `the window is ${viewport?.width}×${viewport?.height}, not 1440×900`);
  // What the learner sees: a line of 100 characters fits on one row.
  await typeInTerminal(page, "printf '%0100d\\n' 0\n");
  const text = await waitForTerminal(page, /printf '%0100d\\n' 0\s*\n0+\n/);
  const zeros = /printf '%0100d\\n' 0\s*\n(0+)\n/.exec(text)![1]!;
  const columns = await terminalColumns(page);
  assert(columns >= 100, `the terminal has ${columns} columns at 1440×900, fewer than 100`);
  assert(zeros.length === 100, `a 100-character line wrapped: its first row holds ${zeros.length}`);
}

/**
 * Looks at the pixels of each underscore in `MY_VAR_NAME`: each cell under an underscore must
 * hold ink of the text colour, or the underscore is not drawn.
 */
async function underscoreInk(page: Page, word: string): Promise<number[]> {
  const boxes = await page.evaluate((target) => {
    const screen = [...document.querySelectorAll<HTMLElement>('.terminal-screen')].find((element) => element.offsetParent !== null)!;
    const row = [...screen.querySelectorAll<HTMLElement>('.xterm-rows > div')].find((element) => (element.textContent ?? '').replace(/\u00a0/g, ' ').trim() === target);
    if (!row) return [];
    const rowBox = row.getBoundingClientRect();
    const found: { x: number; y: number; width: number; height: number }[] = [];
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let index = 0; index < text.length; index++) {
        if (text[index] !== '_') continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const box = range.getBoundingClientRect();
        // The cell as the row shows it: the row clips whatever falls outside it.
        found.push({ x: box.x, y: rowBox.y, width: box.width, height: rowBox.height });
      }
    }
    return found;
  }, word);
  const inks: number[] = [];
  for (const box of boxes) {
    const png = await page.screenshot({ clip: box });
    inks.push(
      await page.evaluate(async (base64) => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, image.width, image.height);
        // The background is the colour of the cell's top-left pixel; ink is anything far from it.
        const [r, g, b] = [data[0]!, data[1]!, data[2]!];
        let ink = 0;
        for (let index = 0; index < data.length; index += 4) {
          if (Math.abs(data[index]! - r) + Math.abs(data[index + 1]! - g) + Math.abs(data[index + 2]! - b) > 150) ink++;
        }
        return ink;
      }, png.toString('base64')),
    );
  }
  return inks;
}

export async function underscoresVisible(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await pressInTerminal(page, 'Control+l');
  await typeInTerminal(page, 'echo MY_VAR_NAME\n');
  await waitForTerminal(page, /^MY_VAR_NAME$/m);
  // xterm paints on the next animation frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const inks = await underscoreInk(page, 'MY_VAR_NAME');
  assert(inks.length === 2, `found ${inks.length} underscores on screen, expected 2`);
  assert(
    inks.every((ink) => ink >= 3),
    `an underscore is not drawn in the ${theme} theme (ink pixels per underscore: ${inks.join(', ')})`,
  );
  await screenshot(page, `20-underscores-${theme}`);
}

export async function completesRolloutSubcommand(page: Page): Promise<void> {
  await typeInTerminal(page, 'kubectl rollout hi');
  await pressInTerminal(page, 'Tab');
  await waitForLastLine(page, 'learner@podlab:~$ kubectl rollout history');
  await pressInTerminal(page, 'Control+c');
  await waitForLastLine(page, 'learner@podlab:~$');
}

async function noticeText(page: Page): Promise<string> {
  return ((await page.locator('[data-time-notice]').textContent()) ?? '').trim();
}

export async function undoSaysWhatAndRedoes(page: Page): Promise<void> {
  await page.click('[data-speed="0"]');
  await typeInTerminal(page, 'kubectl run duo --image=nginx\n');
  await waitForTerminal(page, /pod\/duo created/);
  await page.click('[data-skip="10000"]');
  await typeInTerminal(page, 'kubectl delete pod duo --wait=false\n');
  await waitForTerminal(page, /pod "duo" deleted/);
  const clock = await clockText(page);
  await page.click('[data-undo]');
  const undone = /undone: kubectl delete pod duo --wait=false \(cluster back to (\d\d:\d\d:\d\d)\)/;
  const backTo = undone.exec(await waitForTerminal(page, undone))![1];
  assert(clock === backTo, `undo says the cluster went back to ${backTo}, the clock showed ${clock}`);
  await screenshot(page, '21-undo-message');
  await typeInTerminal(page, 'kubectl get pod duo -o name\n');
  await waitForTerminal(page, /kubectl get pod duo -o name\s*\npod\/duo\n/);
  // Typing a command ends what can be redone; undo that lookup, then redo it.
  assert(await page.locator('[data-redo]').isDisabled(), 'Redo is offered after a new command was typed');
  await page.click('[data-undo]');
  await waitForTerminal(page, /undone: kubectl get pod duo -o name/);
  await page.keyboard.press('Control+Shift+Z');
  await waitForTerminal(page, /redone: kubectl get pod duo -o name \(cluster at \d\d:\d\d:\d\d\)/);
  await page.click('[data-undo]');
  await waitForTerminal(page, /undone: kubectl get pod duo -o name[^\n]*\n[\s\S]*undone: kubectl get pod duo -o name/);
  await page.click('[data-redo]');
  await waitForTerminal(page, /redone: kubectl get pod duo -o name[\s\S]*redone: kubectl get pod duo -o name/);
  assert(await page.locator('[data-redo]').isDisabled(), 'Redo is still offered with nothing left to redo');
  await page.click('[data-speed="1"]');
}

export async function nextEventSaysWhat(page: Page): Promise<void> {
  await page.click('[data-speed="0"]');
  await typeInTerminal(page, 'kubectl run stepper --image=redis\n');
  await waitForTerminal(page, /pod\/stepper created/);
  const saidAll: string[] = [];
  while (saidAll.length < 10 && !saidAll.some((notice) => /pod\/stepper: ContainerCreating → Running/.test(notice))) {
    await page.click('[data-next-event]');
    const notice = await noticeText(page);
    const after = await clockText(page);
    assert(notice.startsWith(`next event: ${after} `), `Next event said "${notice}", which is not what happened at ${after}`);
    // The terminal says it too, in full (over as many rows as it takes).
    await waitForTerminalToEndWith(page, `${notice}\nlearner@podlab:~$`);
    saidAll.push(notice);
  }
  assert(saidAll.some((notice) => /Pulling pod\/stepper: Pulling image "redis"/.test(notice)), `Next event never said the image was being pulled:\n${saidAll.join('\n')}`);
  assert(saidAll.some((notice) => /pod\/stepper: ContainerCreating → Running/.test(notice)), `Next event never said the pod started:\n${saidAll.join('\n')}`);
  await screenshot(page, '22-next-event');
  await page.click('[data-speed="1"]');
}

/** Waits until the terminal's text ends with `expected`, however its rows wrap it. */
async function waitForTerminalToEndWith(page: Page, expected: string, timeout = 10_000): Promise<void> {
  const squeezed = (text: string) => text.replace(/\s+/g, '');
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await terminalText(page);
    if (squeezed(text).endsWith(squeezed(expected))) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the terminal does not end with ${JSON.stringify(expected)}; it shows:\n${text}`);
}

async function clockText(page: Page): Promise<string> {
  return ((await page.locator('[data-clock]').textContent()) ?? '').replace(/[^\d:]/g, '');
}
