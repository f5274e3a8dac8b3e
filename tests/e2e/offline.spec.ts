import { expect, test, type Page } from '@playwright/test';
import { expectUpdateNotice, runCommand, serveOwnCopy, terminalRows } from './helpers';

const NS = 'taskflow-demo';

/** Waits until the service worker has installed (precached the whole build) and is active. */
async function waitForServiceWorker(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return 'none';
    if (worker.state !== 'activated') {
      await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
    }
    return worker.state;
  });
}

test('after one visit the whole game plays offline: reload, open a scenario, play it to resolution', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await expect(page.getByRole('link', { name: 'Start: TaskFlow API down after a deploy' })).toBeVisible();
  expect(await waitForServiceWorker(page)).toBe('activated');

  await context.setOffline(true);
  // Proof that we really are offline: the network says no.
  expect(await page.evaluate(() => fetch('./?probe=' + Date.now(), { cache: 'no-store' }).then(() => 'online', () => 'offline'))).toBe('offline');

  await page.reload();
  await expect(page.getByRole('link', { name: 'Start: TaskFlow API down after a deploy' })).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  // A deep link, opened cold with the network off: time to a ready prompt.
  await page.goto('about:blank');
  const started = Date.now();
  await page.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
  const readyMs = Date.now() - started;
  console.log(`offline navigation -> ready prompt: ${readyMs} ms`);
  test.info().annotations.push({ type: 'offline-ready-prompt-ms', description: String(readyMs) });

  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  // The engine (simulator + kubectl) is a lazy chunk: it must come from the precache.
  await runCommand(page, `kubectl get pods -n ${NS}`);
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
  await runCommand(page, `kubectl rollout undo deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('rolled back');
  // The panels and metrics chunks load lazily too.
  await page.getByRole('tab', { name: /Metrics/ }).click();
  await expect(page.getByRole('tabpanel')).toContainText(/request rate/i);
  await page.getByRole('tab', { name: 'Incident' }).click();
  const postmortem = page.getByRole('heading', { name: 'Write the postmortem' });
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
  for (let i = 0; i < 6 && !(await postmortem.isVisible()); i++) {
    await page.getByRole('button', { name: 'Declare resolved' }).click();
    if (!(await postmortem.isVisible())) await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
  }
  await expect(postmortem).toBeVisible();
  await context.setOffline(false);
});

test('the app is installable: a linked manifest with name, standalone display, theme colour and PNG icons that load', async ({ page }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  // The browser's chrome follows the theme: dark by default, light on a light device.
  await expect(page.locator('meta[name="theme-color"][media="(prefers-color-scheme: dark)"]')).toHaveAttribute('content', '#0f141a');
  await expect(page.locator('meta[name="theme-color"][media="(prefers-color-scheme: light)"]')).toHaveAttribute('content', '#f6f8fa');
  const manifest = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { type: response.headers.get('content-type'), url: response.url, body: await response.json() };
  }, href!);
  expect(manifest.type).toContain('application/manifest+json');
  expect(manifest.body).toMatchObject({
    name: expect.stringContaining('Firedrill'),
    short_name: 'Firedrill',
    start_url: './',
    display: 'standalone',
    theme_color: '#0f141a',
  });
  const icons = manifest.body.icons as { src: string; sizes: string; purpose?: string }[];
  expect(icons.map((i) => `${i.sizes}${i.purpose ? ' ' + i.purpose : ''}`).sort()).toEqual(['192x192', '512x512', '512x512 maskable']);
  // Every icon decodes at its declared size (resolved against the manifest URL, as browsers do).
  for (const icon of icons) {
    const size = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return `${img.naturalWidth}x${img.naturalHeight}`;
    }, new URL(icon.src, manifest.url).href);
    expect(size).toBe(icon.sizes);
  }
});

test('a new version waits for "Update available — reload" (keyboard reachable); reloading into it keeps the game', async ({ page }) => {
  test.setTimeout(120_000);
  // Our own copy of the build on its own origin, so a "new version" can be published.
  const copy = await serveOwnCopy();
  try {
    const { site } = copy;
    await page.goto(`${site}#/play/taskflow-crashloop`);
    expect(await waitForServiceWorker(page)).toBe('activated');
    await page.reload(); // now the worker controls the page, so a new one has to wait for the learner
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
    await page.getByRole('button', { name: 'Start investigating' }).click();
    await runCommand(page, `kubectl get pods -n ${NS}`);
    await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
    await expect(page.getByRole('status').filter({ hasText: /update available/i })).toHaveCount(0);

    // Publish a new version: the service worker's bytes change.
    copy.publishNewVersion();
    const banner = page.getByRole('status').filter({ hasText: 'Update available — reload' });
    await expectUpdateNotice(page, banner);

    // A command just before the reload survives it (the banner saves every open game first).
    await runCommand(page, `kubectl rollout history deployment/api-service -n ${NS}`);
    await expect(terminalRows(page)).toContainText('REVISION');
    const reloadButton = banner.getByRole('button', { name: 'Reload' });
    await reloadButton.focus();
    const reloaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await reloaded;

    await expect(terminalRows(page)).toContainText('REVISION');
    await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
    await expect(banner).toHaveCount(0);
    // The new worker took over.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
  } finally {
    copy.close();
  }
});
