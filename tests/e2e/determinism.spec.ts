/**
 * Reloading the page mid-incident changes nothing a learner can see: two learners (two browser
 * profiles) type the same lines into the same scenario; one reloads half-way. Afterwards both
 * terminals show the same screen, the same sim clock and timeline, and answer the next commands
 * with the same text.
 *
 * Sim time follows wall time while playing, so the page's clock is held still
 * (page.clock.setFixedTime: Date.now() stands, timers and animation frames still run): time only
 * moves by the game's own "Wait 1 min", the same for both. The unit tests
 * (tests/unit/incident/determinism.test.ts) cover all scenarios and the whole world; this checks
 * the page's part: the save, the reload, the restored terminal.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { runCommand, terminalRows, waitForSave } from './helpers';

/** 2026-12-01T09:30:00Z: where the page's clock stands. */
const NOW = Date.UTC(2026, 11, 1, 9, 30, 0);
const NS = 'taskflow-demo';

async function learner(browser: Browser, id: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  await page.goto(`./#/play/${id}`);
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await expect(page.locator('.xterm-helper-textarea')).toBeAttached();
  return page;
}

/** The terminal's visible screen, row by row, without trailing blanks. */
async function screen(page: Page): Promise<string> {
  const rows = await terminalRows(page).locator(':scope > div').allTextContents();
  return rows
    .map((r) => r.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}

async function timeline(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: /Timeline/ }).click();
  const entries = await page.locator('.timeline li').allTextContents();
  await page.getByRole('tab', { name: 'Incident' }).click();
  return entries;
}

/** Runs a line and waits until its output is complete (the next prompt is on the last row). */
async function run(page: Page, line: string): Promise<void> {
  await runCommand(page, line);
  await expect.poll(() => screen(page)).toMatch(/\(\S+\) \$$/);
}

/** Clears the screen, runs a line, and returns what it printed (the screen after a clear). */
async function answer(page: Page, line: string): Promise<string> {
  await run(page, 'clear');
  await expect.poll(() => screen(page)).toMatch(/^\(\S+\) \$$/);
  await run(page, line);
  return screen(page);
}

async function wait(page: Page): Promise<void> {
  const clock = await page.getByTestId('sim-clock').textContent();
  await page.getByRole('button', { name: 'Wait 1 min' }).click();
  await expect(page.getByTestId('sim-clock')).not.toHaveText(clock ?? '');
}

const CASES: { id: string; before: string[]; next: string[] }[] = [
  {
    id: 'taskflow-crashloop',
    before: [`kubectl get pods -n ${NS}`, `kubectl describe deployment api-service -n ${NS} | tail -n 12`, 'kubectl get podz'],
    next: [`kubectl get pods -n ${NS}`, `kubectl get events -n ${NS} | tail -n 8`, `kubectl rollout history deployment/api-service -n ${NS}`, 'history | tail -n 4'],
  },
  {
    id: 'taskflow-oomkilled',
    before: [`kubectl get pods -n ${NS} -o wide`, `kubectl top pods -n ${NS}`],
    next: [`kubectl get pods -n ${NS}`, `kubectl top pods -n ${NS}`, `kubectl get events -n ${NS} | tail -n 8`],
  },
  {
    id: 'taskflow-migration',
    before: [`kubectl get jobs,pods -n ${NS}`, `kubectl events -n ${NS} | tail -n 6`],
    next: [`kubectl get jobs,pods -n ${NS}`, `kubectl get deploy -n ${NS}`, `kubectl events -n ${NS} | tail -n 8`],
  },
];

for (const c of CASES) {
  test(`${c.id}: a page reloaded mid-incident shows and answers the same as one that was not`, async ({ browser }) => {
    test.setTimeout(180_000);
    const [reloaded, kept] = await Promise.all([learner(browser, c.id), learner(browser, c.id)]);
    for (const page of [reloaded, kept]) {
      for (const [i, line] of c.before.entries()) {
        await run(page, line);
        if (i === 0) await wait(page);
      }
    }
    // The same screens before anyone reloads: the comparison below means something. (The
    // greeting above the first prompt is the terminal's own, not part of the game's transcript: a
    // reloaded terminal starts with the transcript instead.)
    const fromFirstPrompt = (text: string) => text.slice(text.search(/^\(\S+\) \$/m));
    const before = fromFirstPrompt(await screen(kept));
    expect(fromFirstPrompt(await screen(reloaded))).toBe(before);
    expect(before).toContain(c.before.at(-1)!);

    await waitForSave(reloaded);
    await reloaded.reload();
    await expect(terminalRows(reloaded)).toContainText(c.before.at(-1)!);
    await expect.poll(async () => fromFirstPrompt(await screen(reloaded))).toBe(before);
    await expect(reloaded.getByTestId('sim-clock')).toHaveText((await kept.getByTestId('sim-clock').textContent()) ?? '');
    expect(await timeline(reloaded)).toEqual(await timeline(kept));

    // Carrying on: a minute passes in both, then the same lines give the same answers.
    await wait(reloaded);
    await wait(kept);
    for (const line of c.next) {
      const theirs = await answer(kept, line);
      expect(theirs.split('\n').length, `"${line}" printed something`).toBeGreaterThan(2);
      expect(await answer(reloaded, line)).toBe(theirs);
    }
    expect(await timeline(reloaded)).toEqual(await timeline(kept));
    await Promise.all([reloaded.context().close(), kept.context().close()]);
  });
}
