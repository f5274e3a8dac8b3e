import { expect, test } from '@playwright/test';
import { runCommand, terminalRows } from './helpers';

test('kubectl edit opens an in-page editor; saving a change applies it and the terminal says so', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.getByRole('link', { name: 'Start: TaskFlow API down after a deploy' }).click();
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();

  await runCommand(page, 'kubectl edit deployment/web-frontend -n taskflow-demo');
  const editor = page.getByRole('textbox', { name: 'YAML of the object being edited' });
  await expect(editor).toBeVisible();
  await expect(editor).toBeFocused();
  const original = await editor.inputValue();
  expect(original.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n")).toBe(true);
  expect(original).toContain('\n  replicas: 2\n');

  // Escape closes without saving: kubectl's message, and the prompt comes back.
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(terminalRows(page)).toContainText('Edit cancelled, no changes made.');
  await expect(page.locator('.xterm-helper-textarea')).toBeFocused();

  // Open it again, change the replicas, save with Ctrl+S.
  await runCommand(page, 'kubectl edit deploy web-frontend -n taskflow-demo');
  await expect(editor).toBeFocused();
  await editor.fill((await editor.inputValue()).replace('\n  replicas: 2\n', '\n  replicas: 3\n'));
  await page.keyboard.press('Control+s');
  await expect(editor).toBeHidden();
  await expect(terminalRows(page)).toContainText('deployment.apps/web-frontend edited');
  await expect(page.locator('.xterm-helper-textarea')).toBeFocused();

  // The change is in the cluster.
  await runCommand(page, 'kubectl get deploy web-frontend -n taskflow-demo -o yaml | grep "  replicas:"');
  await expect(terminalRows(page)).toContainText('  replicas: 3');

  // An invalid change reopens the editor with kubectl's reasons at the top.
  await runCommand(page, 'kubectl edit deploy web-frontend -n taskflow-demo');
  await editor.fill((await editor.inputValue()).replace('\n  replicas: 3\n', '\n  replicas: -1\n'));
  await page.getByRole('button', { name: 'Save and apply' }).click();
  await expect(terminalRows(page)).toContainText('error: deployments.apps "web-frontend" is invalid');
  await expect(editor).toBeVisible();
  await expect.poll(() => editor.inputValue()).toContain('# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(terminalRows(page)).toContainText('error: Edit cancelled, no valid changes were saved.');
});
