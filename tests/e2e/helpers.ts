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
