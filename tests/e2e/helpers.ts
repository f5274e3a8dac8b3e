import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** Everything xterm.js currently renders (the DOM renderer's rows), as plain text. */
export function terminalRows(page: Page): Locator {
  return page.locator('.xterm-rows');
}

/** Types a line into the terminal the way a learner does: focus it, type, press Enter. */
export async function runCommand(page: Page, line: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  // The echo proves the keystrokes arrived. Check it before Enter: a long output can scroll the
  // echoed line out of the visible rows in the same frame.
  await expect(terminalRows(page)).toContainText(line);
  await page.keyboard.press('Enter');
}

/** Records anything that went wrong while loading: failed requests, HTTP errors, console errors. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

export async function waitForSave(page: Page): Promise<void> {
  await expect(page.getByText('Progress saved')).toBeVisible();
}

/** A loopback port nobody listens on (for a server of a test's own, e.g. its own copy of the build). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Our own copy of the build, served on an origin of its own at the e2e sub-path, so a test can
 * publish a "new version" of it (the service worker's bytes change). `close` stops the server
 * and removes the copy.
 */
export async function serveOwnCopy(): Promise<{ site: string; publishNewVersion: () => void; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-copy-'));
  cpSync(resolve('dist'), dir, { recursive: true });
  const port = await freePort();
  const server = spawn(process.execPath, ['tests/e2e/serve.mjs'], { env: { ...process.env, PORT: String(port), FIREDRILL_DIST: dir }, stdio: 'ignore' });
  const close = () => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  const site = `http://127.0.0.1:${port}/firedrill/some/path/`;
  try {
    await expect.poll(() => fetch(site).then((r) => r.status, () => 0)).toBe(200);
  } catch (error) {
    close();
    throw error;
  }
  return { site, publishNewVersion: () => appendFileSync(join(dir, 'sw.js'), '\n// next version\n'), close };
}

/** Asks the service worker to look for an update until the "Update available" notice `banner` shows. */
export async function expectUpdateNotice(page: Page, banner: Locator): Promise<void> {
  await expect
    .poll(async () => {
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      return banner.isVisible();
    })
    .toBe(true);
}

/** On the postmortem step of taskflow-crashloop after a rollback: fills the judged sections, submits, and waits for the close. */
export async function submitRollbackPostmortem(page: Page): Promise<void> {
  await page.getByLabel('Summary').fill('The API was down after the deploy; rolling back restored it.');
  await page.getByLabel('Impact').fill('All API requests failed for about 15 minutes.');
  await page.getByLabel('Root cause').fill('The new version crashes at start-up.');
  await page.getByLabel('Trigger').fill('The deploy of api-service v2.4.0.');
  await page.getByLabel('Resolution').fill('kubectl rollout undo.');
  await page.getByLabel('Action items').fill('Add a start-up check in CI.');
  await page.getByRole('button', { name: 'Submit postmortem' }).click();
  await expect(page.getByRole('heading', { name: /Incident closed/ })).toBeVisible();
}
