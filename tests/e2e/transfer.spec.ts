import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { runCommand, terminalRows, waitForSave, watchForProblems } from './helpers';

test('progress exported from one browser imports into another, merging without duplicates; a bad file changes nothing', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const problems = watchForProblems(page);
  await page.goto('./#/play/taskflow-imagepull');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV4');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await runCommand(page, 'kubectl get pods');
  await expect(terminalRows(page)).toContainText('ImagePullBackOff');
  await waitForSave(page);
  // The save that holds the command (not an earlier one) is in IndexedDB before we export.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const open = indexedDB.open('firedrill');
            open.onerror = () => resolve(false);
            open.onsuccess = () => {
              const get = open.result.transaction('sessions').objectStore('sessions').get('taskflow-imagepull');
              get.onsuccess = () => {
                const inputs = (get.result as { save?: { inputs?: { line?: string }[] } } | undefined)?.save?.inputs ?? [];
                open.result.close();
                resolve(inputs.some((i) => i.line === 'kubectl get pods'));
              };
              get.onerror = () => resolve(false);
            };
          }),
      ),
    )
    .toBe(true);

  await page.goto('./');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my progress' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^firedrill-progress-\d{4}-\d\d-\d\d\.json$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'firedrill-progress', version: 1, sessions: [{ scenarioId: 'taskflow-imagepull', status: 'in-progress' }] });
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded 1 saved game and 0 scenario files.' })).toBeVisible();

  // Another browser (a fresh context has its own IndexedDB).
  const other = await browser.newContext();
  const there = await other.newPage();
  const dialogs: string[] = [];
  there.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await there.goto('./');
  const card = there.getByRole('list', { name: 'Scenarios' }).locator(':scope > li').filter({ hasText: 'image pull' });
  await expect(card).toContainText('Not started');
  const input = there.getByLabel('Import progress…');
  await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(there.getByText('Imported: 1 added, 0 updated, 0 already here.')).toBeVisible();
  await expect(card).toContainText('In progress');
  await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(there.getByText('Imported: 0 added, 0 updated, 1 already here.')).toBeVisible();
  // The game picks up where the other browser was.
  await there.getByRole('link', { name: /^Continue: TaskFlow web release/ }).click();
  await expect(terminalRows(there)).toContainText('ImagePullBackOff');

  await there.goto('./');
  await input.setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from('<img src=x onerror=alert(1)>') });
  await expect(there.getByRole('alert')).toContainText('evil.json: This file is not JSON');
  await expect(card).toContainText('In progress');
  expect(dialogs).toEqual([]);
  await other.close();
  expect(problems).toEqual([]);
});
