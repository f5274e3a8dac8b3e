import { expect, test, type Page } from '@playwright/test';
import { terminalRows } from './helpers';

/*
 * On a phone (390×844, touch): the terminal fits without sideways scrolling, stays usable when the
 * on-screen keyboard takes half the screen, and a row of tappable suggestions puts common commands
 * (filled in from what the learner's own `get pods` showed) on the command line without running
 * them; on-screen keys stand in for Tab, ↑, Ctrl-C and Enter.
 */
const NS = 'taskflow-demo';

async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    screen: document.querySelector('.xterm-screen')?.getBoundingClientRect().right ?? Infinity,
  }));
  expect(widths.page, 'the page does not scroll sideways').toBeLessThanOrEqual(widths.viewport);
  expect(widths.screen, 'the terminal fits the screen').toBeLessThanOrEqual(widths.viewport);
}

const inTerminal = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea') ?? false);

/** The command line as shown: the text after the last prompt. */
async function commandLine(page: Page): Promise<string> {
  const text = (await terminalRows(page).textContent()) ?? '';
  return text.slice(text.lastIndexOf(') $ ') + 4).trim();
}

test.describe('on a phone', () => {
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

test('tapped suggestions put commands on the line to edit and run, filled in from what get pods showed', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await expect(page.locator('.terminal[data-ready="true"]')).toBeVisible();
  await noSidewaysScroll(page);

  const bar = page.getByRole('group', { name: /Tap a command to put it on the line/ });
  await expect(bar).toBeVisible();
  const tap = (name: RegExp) => bar.getByRole('button', { name }).tap();
  // Every button is a comfortable tap target, and labelled.
  const buttons = bar.getByRole('button');
  expect(await buttons.count()).toBe(10);
  for (const box of await buttons.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()))) {
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  await expect(bar.getByRole('button', { name: 'kubectl get pods: put it on the command line, filled in from your last get pods' })).toHaveText('get pods');

  // A tap puts the command on the line and focuses the terminal; it does not run.
  await tap(/^kubectl get pods:/);
  await expect.poll(() => commandLine(page)).toBe('kubectl get pods');
  expect(await inTerminal(page)).toBe(true);
  await expect(terminalRows(page)).not.toContainText('No resources found');
  // The learner edits it on their keyboard, then runs it with the on-screen Run key.
  await page.keyboard.type(` -n ${NS}`);
  await tap(/^Run/);
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');

  // Now the suggestions name the crash-looping pod the output showed, in its namespace.
  const podName = /api-service-[a-z0-9]+-[a-z0-9]{5}(?=\s+0\/1)/.exec((await terminalRows(page).textContent()) ?? '')?.[0];
  expect(podName).toBeTruthy();
  await tap(/^kubectl describe pod:/);
  await expect.poll(() => commandLine(page)).toBe(`kubectl describe pod ${podName} -n ${NS}`);
  await tap(/^Run/);
  await expect(terminalRows(page)).toContainText('Back-off restarting failed container');

  await tap(/^kubectl logs --previous:/);
  await expect.poll(() => commandLine(page)).toBe(`kubectl logs ${podName} -n ${NS} --previous`);
  await tap(/^Run/);
  await expect(terminalRows(page)).toContainText('NOTIFICATIONS_QUEUE_URL is required');

  await tap(/^kubectl rollout history:/);
  await expect.poll(() => commandLine(page)).toBe(`kubectl rollout history deployment/api-service -n ${NS}`);
  await tap(/^Run/);
  await expect(terminalRows(page)).toContainText('REVISION');

  // Even a complete, risky command waits for the learner: rollout undo is shown, not run.
  await tap(/^kubectl rollout undo:/);
  await expect.poll(() => commandLine(page)).toBe(`kubectl rollout undo deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).not.toContainText('rolled back');
  // Ctrl-C abandons the line, as in a shell.
  await tap(/^Ctrl-C/);
  await expect(terminalRows(page)).toContainText(/rollout undo deployment\/api-service -n taskflow-demo\^C/);
  await expect.poll(() => commandLine(page)).toBe('');

  // Tab and ↑ for a keyboard that has neither.
  await page.keyboard.type(`kubectl get deploy -n ${NS} api-s`);
  await tap(/^Tab/);
  await expect.poll(() => commandLine(page)).toBe(`kubectl get deploy -n ${NS} api-service`);
  await tap(/^Ctrl-C/);
  await tap(/^↑/);
  await expect.poll(() => commandLine(page)).toBe(`kubectl rollout history deployment/api-service -n ${NS}`);
  await tap(/^Ctrl-C/);

  // The on-screen keyboard takes half the screen: still no sideways scroll, still usable.
  await page.setViewportSize({ width: 390, height: 420 });
  await noSidewaysScroll(page);
  await tap(/^kubectl get events:/);
  await tap(/^Run/);
  await expect(terminalRows(page)).toContainText(/Scaled up replica set api-service-\S+ from 0 to 2\s*\(default\) \$\s*$/);
  const fit = await page.evaluate(() => {
    const screen = document.querySelector('.xterm-screen')?.getBoundingClientRect();
    const pane = document.querySelector('.terminal')?.getBoundingClientRect();
    return { screenBottom: screen?.bottom ?? Infinity, paneBottom: pane?.bottom ?? 0, rows: document.querySelectorAll('.xterm-rows > div').length };
  });
  expect(fit.screenBottom, 'the terminal is refitted to its smaller box').toBeLessThanOrEqual(fit.paneBottom + 1);
  expect(fit.rows, 'enough rows to read output').toBeGreaterThanOrEqual(12);
});

test('the suggestions are keyboard-operable too: after Escape, Tab reaches them; Enter puts the line down and returns to the terminal', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await expect(page.locator('.terminal[data-ready="true"]')).toBeVisible();
  await page.getByRole('button', { name: /^kubectl get events:/ }).waitFor();
  await page.getByRole('textbox', { name: /^Terminal input/ }).focus();
  await page.keyboard.type('kubectl');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^kubectl get pods:/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^kubectl describe pod:/ })).toBeFocused();
  await page.keyboard.press('Enter');
  expect(await inTerminal(page)).toBe(true);
  await expect.poll(() => commandLine(page)).toBe('kubectl describe pod');
  // The cursor is where the pod's name goes: typing adds it.
  await page.keyboard.type('x');
  await expect.poll(() => commandLine(page)).toBe('kubectl describe pod x');
});

});

test('on a desktop the suggestions stay out of the way', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await expect(page.locator('.terminal[data-ready="true"]')).toBeVisible();
  await expect(page.locator('.suggestions')).toHaveCount(1);
  await expect(page.locator('.suggestions')).toBeHidden();
});
