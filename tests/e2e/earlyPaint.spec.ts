import { expect, test, type Page } from '@playwright/test';
import { runCommand, terminalRows, waitForSave, watchForProblems } from './helpers';

// The play page paints its frame and the brief before the terminal (xterm.js, a chunk of its own)
// has arrived; the terminal comes right after. Here the test holds that chunk back on purpose.

// page.route does not see what a service worker answers from its cache (it registers a few seconds
// after load, so a slow run of a longer test would reload from it): these tests go to the network.
test.use({ serviceWorkers: 'block' });

/** Holds back the terminal's chunk until `release()` (or fails it with `fail()`). */
async function holdTerminal(page: Page) {
  let settle: (how: 'release' | 'fail') => void = () => {};
  const held = new Promise<'release' | 'fail'>((resolve) => (settle = resolve));
  const requests: string[] = [];
  await page.route(/\/assets\/Terminal-[^/]*\.js$/, async (route) => {
    requests.push(route.request().url());
    if ((await held) === 'fail') await route.abort('internetdisconnected');
    else await route.continue();
  });
  return { requests, release: () => settle('release'), fail: () => settle('fail') };
}

/** Layout shifts so far (the CLS sources), recorded from the start of the page. */
async function recordShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: number[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      // Shifts right after the learner's own input do not count (as in CLS).
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) w.__shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}x${viewport.height} the brief is up and usable before the terminal arrives, which then takes its place without moving anything`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const problems = watchForProblems(page);
    const shifts = await recordShifts(page);
    const terminal = await holdTerminal(page);
    await page.goto('./#/play/taskflow-crashloop');

    // The brief, whole: title, alert, what happened, the severity question.
    await expect(page.getByRole('heading', { level: 1, name: 'TaskFlow API down after a deploy' })).toBeVisible();
    await expect(page.getByRole('note', { name: 'Alert' })).toBeVisible();
    const severity = page.getByLabel('How bad is it? Set a severity');
    await expect(severity).toBeVisible();
    // Where the terminal goes, a polite status says it is on its way; nothing took the focus.
    const pane = page.getByRole('region', { name: 'Terminal' });
    const loading = pane.getByRole('status');
    await expect(loading).toHaveText('Loading the terminal…');
    await expect.poll(() => terminal.requests.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await expect(severity).toBeEnabled();

    // The terminal's box: where it starts and how wide it is (the lazy panels that follow the
    // prompt add a line under it, so its height is not compared).
    const box = async () => {
      const b = await pane.locator(':scope > .terminal').boundingBox();
      return b && { x: b.x, y: b.y, width: b.width };
    };
    const before = await box();
    expect(before).not.toBeNull();

    terminal.release();
    await expect(page.locator('.terminal[data-ready="true"]')).toBeVisible();
    await expect(loading).toHaveCount(0);
    expect(await box()).toEqual(before);
    expect(await shifts()).toEqual([]);
    await severity.selectOption('SEV2');
    await page.getByRole('button', { name: 'Start investigating' }).click();
    await runCommand(page, 'kubectl get pods -n taskflow-demo');
    await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
    expect(problems).toEqual([]);
  });
}

test('the brief can be acted on before the terminal has arrived; starting the investigation then gives the terminal the focus when it comes', async ({ page }) => {
  const terminal = await holdTerminal(page);
  await page.goto('./#/play/taskflow-crashloop');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV3');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await expect(page.getByRole('navigation', { name: 'Progress' }).locator('[aria-current="step"]')).toHaveText('Investigate');
  terminal.release();
  await expect(page.locator('.xterm-helper-textarea')).toBeFocused();
  // The severity chosen before the terminal (and the engine) came is the game's.
  await page.locator('details.recap summary').click();
  await expect(page.getByLabel('How bad is it? Set a severity')).toHaveValue('SEV3');
  await runCommand(page, 'kubectl get pods -n taskflow-demo');
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
});

test('a saved game reloaded while the terminal is on its way shows where it was, never a new brief', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await runCommand(page, 'kubectl get pods -n taskflow-demo');
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
  await waitForSave(page);

  const terminal = await holdTerminal(page);
  // Anything of a new game's brief on screen at any moment of the reload is recorded.
  await page.addInitScript(() => {
    const w = window as unknown as { __sawNewBrief: boolean };
    w.__sawNewBrief = false;
    new MutationObserver(() => {
      if (document.querySelector('#severity') && !document.querySelector('details.recap')) w.__sawNewBrief = true;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Progress' }).locator('[aria-current="step"]')).toHaveText('Investigate');
  await expect(page.getByRole('region', { name: 'Terminal' }).getByRole('status')).toHaveText('Loading the terminal…');
  terminal.release();
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
  expect(await page.evaluate(() => (window as unknown as { __sawNewBrief: boolean }).__sawNewBrief)).toBe(false);
});

test('when the terminal cannot be fetched the page says so plainly and the brief still works', async ({ page }) => {
  const terminal = await holdTerminal(page);
  terminal.fail();
  await page.goto('./#/play/taskflow-crashloop');
  await expect(page.getByRole('region', { name: 'Terminal' }).getByRole('status')).toHaveText(
    'The terminal could not be loaded (are you offline?). Reload the page to try again; your progress is kept.',
  );
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV1');
  await expect(page.getByRole('button', { name: 'Start investigating' })).toBeEnabled();
});
