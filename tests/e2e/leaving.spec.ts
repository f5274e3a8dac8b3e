import { expect, test, type Page } from '@playwright/test';
import { terminalRows } from './helpers';

/**
 * Leaving the page right after playing — reload, close, navigate away — with no pause for the
 * usual save: everything the learner did is there when they come back. The usual save waits for
 * a quiet 250 ms and then reads, checks and writes; a page going away does not live through that,
 * so it writes what is pending in one step as it goes (progressStore.saveOnExit).
 * The CPU is slowed down 4x, as on a busy machine or a cheap phone, where the window is widest.
 */

const NS = 'taskflow-demo';

async function slowCpu(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** Types one line and presses Enter as soon as the echo is there; waits for `until` in the output. */
async function quickly(page: Page, line: string, until: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.insertText(line);
  await expect(terminalRows(page)).toContainText(line);
  await page.keyboard.press('Enter');
  await expect(terminalRows(page)).toContainText(until);
}

async function startGame(page: Page): Promise<void> {
  await page.goto('./#/play/taskflow-crashloop');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await expect(page.locator('.xterm-helper-textarea')).toBeAttached();
}

test('a reload straight after a burst of commands brings every command back, three times over', async ({ page }) => {
  test.setTimeout(120_000);
  await slowCpu(page);
  await startGame(page);
  for (let round = 1; round <= 3; round++) {
    // `echo 'r1' 'l1'` prints "r1 l1": text only the output has, so each line has run when we go on.
    for (let i = 1; i <= 5; i++) await quickly(page, `echo 'r${round}' 'l${i}'`, `r${round} l${i}`);
    // No waiting for "Progress saved": the learner reloads at once.
    await page.reload();
    // The transcript is back to its last line, and so is the shell's history of every round.
    await expect(terminalRows(page)).toContainText(`r${round} l5`);
    await expect(page.getByRole('button', { name: 'Start investigating' }), 'the game came back as a new one').toHaveCount(0);
    await quickly(page, 'history', `history`);
    for (let r = 1; r <= round; r++) {
      for (let i = 1; i <= 5; i++) await expect(terminalRows(page), `round ${round}`).toContainText(new RegExp(`\\d+  echo 'r${r}' 'l${i}'`));
    }
  }
});

test('closing the tab straight after a command keeps it; a new tab picks the game up there', async ({ page, context }) => {
  test.setTimeout(60_000);
  await slowCpu(page);
  await startGame(page);
  await quickly(page, `kubectl scale deployment/worker -n ${NS} --replicas=3`, 'deployment.apps/worker scaled');
  await quickly(page, "echo 'last thing' 'before closing'", 'last thing before closing');
  await page.close({ runBeforeUnload: true });
  const next = await context.newPage();
  await next.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(next)).toContainText('last thing before closing');
  // The world came back with it: the scale the learner made is in the cluster.
  await quickly(next, `kubectl get deployment worker -n ${NS}`, 'worker');
  await expect(terminalRows(next)).toContainText(/worker\s+\d\/3/);
});

test('navigating to another page straight after playing keeps the game, and the picker shows it in progress', async ({ page }) => {
  test.setTimeout(60_000);
  await slowCpu(page);
  await startGame(page);
  await quickly(page, "echo 'before leaving' 'for elsewhere'", 'before leaving for elsewhere');
  await page.goto('about:blank');
  await page.goto('./');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'TaskFlow API down after a deploy' }) });
  await expect(card).toContainText('In progress');
  await card.getByRole('link', { name: 'Continue: TaskFlow API down after a deploy' }).click();
  await expect(terminalRows(page)).toContainText('before leaving for elsewhere');
});
