import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { runCommand, terminalRows } from './helpers';

// Refreshes docs/screenshot.png for the README: FIREDRILL_SCREENSHOT=1 npx playwright test screenshot
test.skip(!process.env.FIREDRILL_SCREENSHOT, 'only when refreshing the README screenshot');

test('README screenshot', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./#/play/taskflow-crashloop');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await runCommand(page, 'kubectl get pods');
  await runCommand(page, 'kubectl get pods -n taskflow-demo');
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
  await runCommand(page, 'kubectl rollout history deployment/api-service -n taskflow-demo');
  await page.getByRole('tab', { name: /Timeline/ }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url)) });
});
