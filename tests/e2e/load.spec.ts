import { expect, test } from '@playwright/test';
import { runCommand, terminalRows, watchForProblems } from './helpers';

test('the site loads from a sub-path with no failed requests or console errors', async ({ page, baseURL }) => {
  const problems = watchForProblems(page);
  await page.goto('./');
  expect(new URL(page.url()).pathname).toBe(new URL(baseURL ?? '').pathname);
  await expect(page.getByRole('heading', { level: 1, name: 'Firedrill' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Start: / }).first()).toBeVisible();

  // Opening a scenario loads the lazy play chunk and xterm's CSS from the same sub-path.
  await page.getByRole('link', { name: /Start: / }).first().click();
  await expect(terminalRows(page)).toContainText('$');
  await runCommand(page, 'kubectl version --client');
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('an unknown scenario says so and links back to the picker', async ({ page }) => {
  await page.goto('./#/play/no-such-incident');
  await expect(page.getByRole('heading', { name: 'Scenario not found' })).toBeVisible();
  await expect(page.getByText('no-such-incident')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the scenarios' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Scenarios' })).toBeVisible();
});

test('an unknown route says so and links back to the picker', async ({ page }) => {
  await page.goto('./#/nowhere');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the scenarios' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Scenarios' })).toBeVisible();
});
