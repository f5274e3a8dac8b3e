import { expect, test, type Page } from '@playwright/test';
import { terminalRows } from './helpers';

/** Themes (System, Dark, Light) and reduced motion, as a learner sees them. */

const DARK_BG = 'rgb(15, 20, 26)';
const LIGHT_BG = 'rgb(246, 248, 250)';
const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
/** The settings record in IndexedDB, as the game stored it. */
const storedSettings = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ theme?: unknown; screenReaderMode?: unknown } | undefined>((resolve) => {
        const open = indexedDB.open('firedrill');
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('settings');
          get.onsuccess = () => {
            resolve(get.result as { theme?: unknown; screenReaderMode?: unknown } | undefined);
            open.result.close();
          };
        };
      }),
  );
const storedTheme = async (page: Page) => (await storedSettings(page))?.theme;
/** The content of the two theme-color metas (dark device's, light device's), which the browser uses for its own chrome. */
const themeColours = (page: Page) =>
  page.evaluate(() => ['dark', 'light'].map((scheme) => document.querySelector(`meta[name="theme-color"][media*="${scheme}"]`)?.getAttribute('content')));
/** The terminal's text colour (xterm draws its own palette, so this shows which one is on). */
const terminalText = (page: Page) => page.locator('.xterm-rows').evaluate((e) => getComputedStyle(e).color);

test('System follows the device; a chosen theme wins, is applied before the app starts after a reload, and reaches the terminal live', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  const theme = page.getByLabel('Theme');
  await expect(theme).toHaveValue('system');
  expect(await pageBackground(page)).toBe(LIGHT_BG);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await pageBackground(page)).toBe(DARK_BG);

  expect(await themeColours(page)).toEqual(['#0f141a', '#f6f8fa']);

  // Light on a dark device; the browser's theme-color follows the choice, not the device.
  await theme.selectOption('light');
  expect(await pageBackground(page)).toBe(LIGHT_BG);
  expect(await themeColours(page)).toEqual(['#f6f8fa', '#f6f8fa']);
  // After a reload the theme is on <html> by DOMContentLoaded (before the app has drawn anything).
  await page.reload({ waitUntil: 'domcontentloaded' });
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  expect(await pageBackground(page)).toBe(LIGHT_BG);
  expect(await themeColours(page)).toEqual(['#f6f8fa', '#f6f8fa']);

  // The play screen keeps it, terminal included, and its settings switch both live.
  await page.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
  expect(await terminalText(page)).toBe('rgb(31, 35, 40)');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const setting = page.getByRole('region', { name: 'Settings', exact: true }).getByLabel('Theme');
  await expect(setting).toHaveValue('light');
  await setting.selectOption('dark');
  expect(await pageBackground(page)).toBe(DARK_BG);
  expect(await themeColours(page)).toEqual(['#0f141a', '#0f141a']);
  await expect.poll(() => terminalText(page)).toBe('rgb(216, 222, 233)');

  // Kept with the settings in IndexedDB: a fresh load without the start-up copy still gets it.
  await expect.poll(() => storedTheme(page)).toBe('dark');
  await page.evaluate(() => localStorage.clear());
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expect.poll(() => pageBackground(page)).toBe(DARK_BG);
  await expect.poll(() => themeColours(page)).toEqual(['#0f141a', '#0f141a']);

  // Back to System: each meta has its own colour again.
  await page.getByLabel('Theme').selectOption('system');
  expect(await themeColours(page)).toEqual(['#0f141a', '#f6f8fa']);
  expect(await pageBackground(page)).toBe(LIGHT_BG);
});

test('a direct play link shows the stored theme even when the start-up copy in localStorage is gone', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await page.getByLabel('Theme').selectOption('light');
  await expect.poll(() => storedTheme(page)).toBe('light');
  await page.evaluate(() => localStorage.clear());

  await page.goto('./#/play/taskflow-crashloop');
  await page.reload();
  await expect(terminalRows(page)).toContainText('$');
  await expect.poll(() => pageBackground(page)).toBe(LIGHT_BG);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Settings', exact: true }).getByLabel('Theme')).toHaveValue('light');
});

test('changing the theme in the picker keeps the other settings (screen reader mode stays on)', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('checkbox', { name: /Screen reader mode/ }).check();
  await expect.poll(async () => (await storedSettings(page))?.screenReaderMode).toBe(true);

  // Straight away on a fresh picker, before it has necessarily read the settings.
  await page.goto('./');
  await page.getByLabel('Theme').selectOption('dark');
  await expect.poll(() => storedSettings(page)).toEqual({ screenReaderMode: true, theme: 'dark' });
  await page.goto('./#/play/taskflow-crashloop');
  await page.reload();
  await expect(terminalRows(page)).toContainText('$');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: /Screen reader mode/ })).toBeChecked();
});

/** Every element whose animation or transition would take time, with the durations. */
function moving(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seconds = (list: string) => Math.max(...list.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 0.001 : 1)));
    const out: string[] = [];
    for (const element of [document.documentElement, ...document.querySelectorAll('*')]) {
      const style = getComputedStyle(element);
      const animated = style.animationName !== 'none' && seconds(style.animationDuration) > 0;
      const transition = seconds(style.transitionDuration) + seconds(style.transitionDelay) > 0;
      if (animated || transition || style.scrollBehavior === 'smooth') {
        out.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')}: ${style.animationName} ${style.animationDuration}, transition ${style.transitionDuration}`);
      }
    }
    return out;
  });
}

test('with reduced motion nothing animates: no cursor blink, no transitions; without it the cursor blinks', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
  await page.locator('.xterm-helper-textarea').focus();
  // The control: by default the focused terminal's cursor blinks (an animation).
  await expect(page.locator('.xterm-cursor-blink')).toHaveCount(1);
  expect((await moving(page)).length).toBeGreaterThan(0);

  // The device asks for less motion while the game is open: the blink stops at once.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect(page.locator('.xterm-cursor-blink')).toHaveCount(0);
  expect(await moving(page)).toEqual([]);

  // And from the start, on every screen.
  await page.reload();
  await expect(terminalRows(page)).toContainText('$');
  await page.locator('.xterm-helper-textarea').focus();
  await page.getByRole('button', { name: 'What do the levels mean?' }).hover();
  expect(await moving(page)).toEqual([]);
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await moving(page)).toEqual([]);
});
