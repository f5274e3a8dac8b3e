import { expect, test } from '@playwright/test';
import { terminalRows, watchForProblems } from './helpers';

// The prompt comes up before the game's engine (simulator + kubectl) has arrived; it is fetched in
// the background. Here the test holds that chunk back on purpose, so a line typed first really
// has to wait for it.
test('a line typed before the engine has arrived waits for it and gets kubectl\'s answer', async ({ page }) => {
  const problems = watchForProblems(page);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const engineRequests: string[] = [];
  await page.route(/\/assets\/incident-[^/]*\.js$/, async (route) => {
    engineRequests.push(route.request().url());
    await held;
    await route.continue();
  });

  await page.goto('./#/play/taskflow-crashloop');
  await expect(page.locator('.terminal[data-ready="true"]')).toBeVisible();
  // Nothing of the engine had to arrive for the prompt.
  const scriptsAtPrompt = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')),
  );
  expect(scriptsAtPrompt.some((n) => /\/incident-[^/]*\.js$/.test(n))).toBe(false);

  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('kubectl get pods --help');
  await page.keyboard.press('Enter');
  // Held back: the line stays as typed, no output and no new prompt.
  await expect.poll(() => engineRequests.length).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  await expect(terminalRows(page)).not.toContainText('Display one or many resources');

  release();
  await expect(terminalRows(page)).toContainText('Use "kubectl options" for a list of global command-line options (applies to all commands).');
  await expect(terminalRows(page)).toContainText('kubectl get [(-o|--output=)json|yaml|name');
  // The prompt came back after the output, and the next line runs at once.
  await page.keyboard.type('kubectl get deploy -n taskflow-demo');
  await page.keyboard.press('Enter');
  await expect(terminalRows(page)).toContainText(/api-service +0\/2/);
  expect(problems).toEqual([]);
});
