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

test('link previews: Open Graph and Twitter tags point at a 1200×630 preview image the site serves', async ({ page, request }) => {
  await page.goto('./');
  const meta = async (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content');
  expect(await meta('og:title')).toBe('Firedrill — Kubernetes incident drills');
  expect(await meta('twitter:card')).toBe('summary_large_image');
  expect([await meta('og:image:width'), await meta('og:image:height')]).toEqual(['1200', '630']);
  const image = new URL((await meta('og:image'))!, page.url()).href;
  expect(await meta('twitter:image')).toBe(await meta('og:image'));
  const response = await request.get(image);
  expect(response.status()).toBe(200);
  const png = await response.body();
  // PNG signature, then the IHDR chunk's width and height.
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
});
