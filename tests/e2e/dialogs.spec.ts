import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectUpdateNotice, runCommand, serveOwnCopy, terminalRows } from './helpers';

/**
 * Every panel or dialog a button opens: focus moves into it, Escape closes it, and focus comes back
 * to the button that opened it (so a keyboard or screen-reader user is never left at the top of the
 * page). Opened from the keyboard, as those learners do.
 */

async function openPlay(page: Page): Promise<void> {
  await page.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
}

async function pressOn(opener: Locator, key = 'Enter'): Promise<void> {
  await opener.focus();
  await opener.press(key);
}

test('the settings panel: focus moves in, Escape closes it, focus returns to Settings', async ({ page }) => {
  await openPlay(page);
  const opener = page.getByRole('button', { name: 'Settings', exact: true });
  const panel = page.getByRole('region', { name: 'Settings', exact: true });
  await pressOn(opener);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('checkbox', { name: /Screen reader mode/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(opener).toHaveAttribute('aria-expanded', 'false');

  // Its own Close button hands focus back too.
  await pressOn(opener);
  await panel.getByRole('button', { name: 'Close settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  await expect(opener).toBeFocused();
});

test('the severity matrix: focus moves to the levels, Escape closes them, focus returns to the button', async ({ page }) => {
  await openPlay(page);
  const opener = page.getByRole('button', { name: 'What do the levels mean?' });
  await pressOn(opener);
  const matrix = page.getByRole('region', { name: 'Severity levels' });
  await expect(matrix.getByRole('table', { name: 'Severity levels' })).toBeVisible();
  await expect(matrix).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(matrix).toBeHidden();
  await expect(page.getByRole('button', { name: 'What do the levels mean?' })).toBeFocused();
});

test('the restart confirmation: focus on Cancel, Escape keeps the game and returns focus to Restart', async ({ page }) => {
  await openPlay(page);
  await runCommand(page, 'kubectl get pods -n taskflow-demo');
  const opener = page.getByRole('button', { name: 'Restart scenario' });
  await pressOn(opener);
  const confirm = page.getByRole('alertdialog', { name: 'Restart this scenario?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(opener).toBeFocused();
  // Nothing was deleted.
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
});

test('the Embed dialog: focus moves in, Escape closes it, focus returns to Embed', async ({ page }) => {
  await openPlay(page);
  const opener = page.getByRole('button', { name: 'Embed', exact: true });
  await pressOn(opener);
  const dialog = page.getByRole('dialog', { name: 'Embed this scenario' });
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('the YAML editor of kubectl edit: focus moves in, Escape closes it, focus returns to the terminal', async ({ page }) => {
  await openPlay(page);
  await runCommand(page, 'kubectl edit deployment/web-frontend -n taskflow-demo');
  const editor = page.getByRole('textbox', { name: 'YAML of the object being edited' });
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(page.locator('.xterm-helper-textarea')).toBeFocused();
});

test('the update notice does not take focus; from inside it Escape means Later and focus returns to the terminal', async ({ page }) => {
  test.setTimeout(120_000);
  // Our own copy of the build on its own origin, so a "new version" can be published.
  const copy = await serveOwnCopy();
  try {
    const { site } = copy;
    await page.goto(`${site}#/play/taskflow-crashloop`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state)).toBe('activated');
    await page.reload();
    await expect(terminalRows(page)).toContainText('$');
    const terminal = page.locator('.xterm-helper-textarea');
    await terminal.focus();

    copy.publishNewVersion();
    const banner = page.getByRole('status').filter({ hasText: 'Update available' });
    await expectUpdateNotice(page, banner);
    // It appeared without pulling the learner out of the terminal.
    await expect(terminal).toBeFocused();

    await banner.getByRole('button', { name: /Dismiss the update notice/ }).focus();
    await page.keyboard.press('Escape');
    await expect(banner).toHaveCount(0);
    await expect(terminal).toBeFocused();
  } finally {
    copy.close();
  }
});
