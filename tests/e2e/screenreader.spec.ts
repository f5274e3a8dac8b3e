import { expect, test, type Page } from '@playwright/test';
import { runCommand, terminalRows, waitForSave } from './helpers';

/*
 * xterm's screen-reader mode: an accessibility tree of the visible rows (role=list) and an
 * aria-live region that receives what commands print, so a screen reader reads output aloud.
 */

const liveRegion = (page: Page) => page.locator('.xterm-accessibility [aria-live]');
const accessibleRows = (page: Page) => page.locator('.xterm-accessibility-tree');

test('the terminal input is named, and says (to screen readers and on screen) how to leave it with the keyboard', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
  const input = page.getByRole('textbox', { name: /^Terminal input/ });
  await expect(input).toHaveCount(1);
  await expect(input).toHaveAccessibleName(/type a command and press Enter/);
  await expect(input).toHaveAccessibleName(/after Escape, Tab moves focus out of the terminal/);
  await expect(page.getByRole('region', { name: 'Terminal' })).toBeVisible();

  // Said on screen too, and still there after a reload, when the terminal's welcome text is gone.
  const hint = page.getByRole('region', { name: 'Terminal' }).getByText('To leave the terminal: Shift+Tab, or Esc then Tab.');
  await expect(hint).toBeVisible();
  await runCommand(page, 'echo hello');
  await waitForSave(page);
  await page.reload();
  await expect(terminalRows(page)).toContainText('$ echo hello');
  await expect(terminalRows(page)).not.toContainText('Type kubectl commands here');
  await expect(hint).toBeVisible();
});

test('screen reader mode, switched on in Settings, announces command output and survives a reload', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
  // Off by default: no accessibility tree, no live region.
  await expect(page.locator('.xterm-accessibility-tree')).toHaveCount(0);
  await expect(liveRegion(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Settings' }).click();
  const setting = page.getByRole('checkbox', { name: /Screen reader mode for the terminal/ });
  await setting.check();
  await expect(page.locator('.xterm-accessibility-tree')).toHaveAttribute('role', 'list');
  await expect(liveRegion(page)).toHaveAttribute('aria-live', 'assertive');

  // What a command prints is read out (the live region) and can be reviewed row by row (the tree).
  await runCommand(page, 'kubectl get pods -n taskflow-demo');
  await expect(liveRegion(page)).toContainText('CrashLoopBackOff');
  await expect(liveRegion(page)).toContainText(/api-service-[a-z0-9]+-[a-z0-9]{5}/);
  await expect(accessibleRows(page)).toContainText('CrashLoopBackOff');
  // The next command's output replaces it: a learner hears the new output, not the old one again.
  await runCommand(page, 'echo the output is read aloud');
  await expect(liveRegion(page)).toContainText('the output is read aloud');
  await expect(liveRegion(page)).not.toContainText('CrashLoopBackOff');

  // Remembered across a reload, and still announcing.
  await page.reload();
  await expect(terminalRows(page)).toContainText('$');
  await expect(page.locator('.xterm-accessibility-tree')).toHaveCount(1);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(setting).toBeChecked();
  await runCommand(page, 'kubectl get deploy -n taskflow-demo');
  await expect(liveRegion(page)).toContainText(/api-service\s+0\/2/);

  // Switched off, it goes away, and stays off after a reload.
  await setting.uncheck();
  await expect(page.locator('.xterm-accessibility-tree')).toHaveCount(0);
  await page.reload();
  await expect(terminalRows(page)).toContainText('$');
  await expect(page.locator('.xterm-accessibility-tree')).toHaveCount(0);
});
