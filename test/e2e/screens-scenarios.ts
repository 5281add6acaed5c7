/// <reference lib="dom" />
// Every main screen in both languages and both themes: saved as a screenshot, and audited with
// axe-core (no serious or critical violation). Also: every control is reachable with Tab, and the
// cluster view names its pods and containers for a screen reader.

import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { assert, openApp, screenshot, typeInTerminal, waitForTerminal, watchForErrors } from './harness';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function audit(page: Page, screen: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target })) }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${screen}: ${violation.impact} ${violation.id} (${violation.help}) at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
}

async function setLook(page: Page, language: 'en' | 'zh', theme: 'light' | 'dark') {
  await page.click('[data-open-settings]');
  await page.selectOption('[data-setting="language"]', language);
  await page.selectOption('[data-setting="theme"]', theme);
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
  // xterm repaints its colours on the next frames.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Each main screen: opened, photographed, audited, and closed again. */
const screens: { name: string; open(page: Page): Promise<void>; close?(page: Page): Promise<void> }[] = [
  { name: 'lesson', open: (page) => page.click('[data-view="lesson"]') },
  { name: 'exercise', open: (page) => page.click('[data-view="exercise"]') },
  {
    name: 'course-map',
    open: async (page) => {
      await page.click('[data-course-map]');
      await page.locator('.course-map').waitFor();
    },
    close: (page) => page.click('[data-course-map]'),
  },
  {
    name: 'pod-describe',
    open: async (page) => {
      await page.click('[data-pod="web"] .pod-name');
      await page.click('.inspector .segmented button:nth-child(2)');
      await page.locator('.inspector-body').waitFor();
    },
    close: (page) => page.click('.inspector-header .icon-button'),
  },
  {
    name: 'editor',
    open: async (page) => {
      await page.click('[data-file="web.yaml"]');
      await page.locator('.cm-content').waitFor();
    },
  },
  {
    name: 'settings',
    open: async (page) => {
      await page.click('[data-open-settings]');
      await page.locator('.modal').waitFor();
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await page.locator('.modal').waitFor({ state: 'detached' });
    },
  },
];

export async function everyScreenInEveryLook(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    watchForErrors(page);
    await openApp(page, url);
    await page.click('[data-speed="0"]');
    await typeInTerminal(page, "cat <<'EOF' > web.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\nEOF\n");
    await typeInTerminal(page, 'kubectl apply -f web.yaml\n');
    await waitForTerminal(page, /pod\/web created/);
    await page.click('[data-skip="10000"]');
    await page.locator('[data-pod="web"]').waitFor();
    const problems: string[] = [];
    for (const language of ['en', 'zh'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await setLook(page, language, theme);
        for (const screen of screens) {
          await screen.open(page);
          await screenshot(page, `40-${screen.name}-${language}-${theme}`);
          // Colours are audited in both themes; the rest does not change with the theme.
          problems.push(...(await audit(page, `${screen.name} (${language}, ${theme})`)));
          await screen.close?.(page);
        }
      }
    }
    assert(problems.length === 0, `accessibility problems:\n  ${[...new Set(problems)].join('\n  ')}`);
  } finally {
    await context.close();
  }
}

export async function keyboardReachesEveryControl(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    watchForErrors(page);
    await openApp(page, url);
    await typeInTerminal(page, 'kubectl run web --image=nginx\n');
    await waitForTerminal(page, /pod\/web created/);
    await page.click('[data-skip="10000"]');
    await page.locator('[data-pod="web"] [data-container="web"]').waitFor();
    // Start from the top of the page and walk with Tab: every control on screen is reached.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached = new Set<string>();
    const describe = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return '';
        if (!element.dataset.tabWalk) element.dataset.tabWalk = String(document.querySelectorAll('[data-tab-walk]').length);
        return element.dataset.tabWalk;
      });
    for (let press = 0; press < 200; press++) {
      await page.keyboard.press('Tab');
      const id = await describe();
      reached.add(id);
      // Tab completes in the terminal; Escape and then Tab steps out of it.
      if (await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))) await page.keyboard.press('Escape');
    }
    const unreached = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, select, input, [role="separator"], a[href]')]
        .filter((element) => element.offsetParent !== null && !(element as HTMLButtonElement).disabled && !element.dataset.tabWalk)
        // Tab enters a group of radio buttons once; the arrow keys move within it.
        .filter((element) => !(element instanceof HTMLInputElement && element.type === 'radio' && document.querySelector(`input[name="${element.name}"][data-tab-walk]`)))
        .map((element) => element.outerHTML.slice(0, 100)),
    );
    assert(unreached.length === 0, `Tab never reaches:\n  ${unreached.join('\n  ')}`);
    // The cluster view's pods and containers have names a screen reader reads out.
    const names = await page.evaluate(() => ({
      pod: document.querySelector('[data-pod="web"]')?.getAttribute('aria-label') ?? '',
      container: document.querySelector('[data-pod="web"] [data-container="web"]')?.getAttribute('aria-label') ?? '',
    }));
    assert(/web/.test(names.pod), `the pod card has no accessible name (aria-label "${names.pod}")`);
    assert(/web/.test(names.container), `the container has no accessible name (aria-label "${names.container}")`);
  } finally {
    await context.close();
  }
}
