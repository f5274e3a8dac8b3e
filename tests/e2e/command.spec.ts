import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { runCommand, terminalRows, watchForProblems } from './helpers';

const NS = 'taskflow-demo';

test('incident command: the checklist ticks itself, an update is asked for and checked, the timeline filters and exports', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchForProblems(page);
  await page.goto('./#/play/taskflow-crashloop');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();

  // The Command tab says an update is due as soon as the page is taken.
  const commandTab = page.getByRole('tab', { name: /Command/ });
  await expect(commandTab).toContainText('(update due)');
  await commandTab.click();
  const checklist = page.getByRole('region', { name: 'Incident commander checklist' });
  await expect(checklist).toContainText('2 of 9 done');
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Assess user impact' })).toContainText('(open)');
  await expect(page.getByRole('status').filter({ hasText: 'Update due (first update)' })).toBeVisible();

  // Looking at the Service ticks "assess impact".
  await runCommand(page, `kubectl describe service api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('Endpoints:');
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Assess user impact' })).toContainText('(done)');

  // A vague update gets told what is missing; the example shows the shape.
  await page.getByLabel(/Your update/).fill('Something is up with the cluster, people are on it.');
  await page.getByRole('button', { name: 'Send update' }).click();
  const feedback = page.getByRole('heading', { name: /Feedback on your update/ }).locator('..');
  await expect(feedback).toContainText('Impact: Say what users see');
  await expect(feedback).toContainText('Next update: Say when the next update comes');
  await expect(feedback).toContainText(/Next update at \d\d:\d\d UTC/);
  await page
    .getByLabel(/Your update/)
    .fill('API: most requests fail for every user. We are investigating a release from 10 minutes ago. Next update at 16:10 UTC.');
  await page.getByRole('button', { name: 'Send update' }).click();
  await expect(feedback.getByRole('listitem').filter({ hasText: '✗' })).toHaveCount(0);
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Communicate' })).toContainText('2 stakeholder updates sent');
  await expect(commandTab).not.toContainText('(update due)');

  // The timeline: comms only, then exported as Markdown.
  await page.getByRole('tab', { name: /Timeline/ }).click();
  for (const kind of ['System', 'Findings', 'Actions']) await page.getByLabel(kind, { exact: true }).uncheck();
  const rows = page.locator('.timeline li');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Stakeholder update: Something is up');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('incident-timeline.md');
  const md = readFileSync((await file.path())!, 'utf8');
  expect(md).toMatch(/^## Timeline: TaskFlow API down after a deploy\n/);
  expect(md).toMatch(/\n- \*\*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\*\* \(Comms\) Stakeholder update: API: most requests fail/);
  expect(md).not.toContain('(Finding)');
  expect(problems).toEqual([]);
});

test('at 390 px wide the play screen does not scroll sideways: the tab strip scrolls instead', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./#/play/taskflow-crashloop');
  await expect(page.getByRole('tab', { name: /Command/ })).toBeVisible();
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBe(client);
  await page.getByRole('tab', { name: /Hints/ }).click();
  await expect(page.getByRole('tab', { name: /Hints/ })).toHaveAttribute('aria-selected', 'true');
});
