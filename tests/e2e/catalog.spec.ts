import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse, stringify } from 'yaml';
import { runCommand, terminalRows, watchForProblems } from './helpers';

const crashloop = readFileSync('scenarios/taskflow-crashloop/scenario.yaml', 'utf8');

/** The first scenario as a learner might copy and change it. */
function myScenario(edit: (doc: Record<string, unknown>) => void): string {
  const doc = parse(crashloop) as Record<string, unknown>;
  doc.id = 'my-first-incident';
  edit(doc);
  return stringify(doc);
}

test('the picker shows each scenario as a card with its failure, difficulty and time, and filters them', async ({ page }) => {
  await page.goto('./');
  // Direct children only: each card holds its own list of facets.
  const cards = page.getByRole('list', { name: 'Scenarios' }).locator(':scope > li');
  // The picker is its own chunk: wait for it to show before counting (count() does not wait).
  await expect(cards.first()).toBeVisible();
  const total = await cards.count();
  expect(total).toBeGreaterThanOrEqual(2);
  const first = cards.filter({ hasText: 'CrashLoopBackOff' }).first();
  await expect(first.getByRole('list', { name: 'About this scenario' })).toContainText(/beginner|intermediate|advanced/);
  await expect(first.getByRole('list', { name: 'About this scenario' })).toContainText(/~\d+ min/);
  await expect(first).toContainText('Not started');

  await page.getByLabel('Search', { exact: true }).fill('image pull');
  await expect(page.getByText(`Showing 1 of ${total} scenarios`)).toBeVisible();
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText('ImagePullBackOff');
  await page.getByLabel('Search', { exact: true }).fill('');
  await page.getByRole('combobox', { name: /^Progress/ }).selectOption('resolved');
  await expect(page.getByText('No scenario matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(cards).toHaveCount(total);
  await page.getByRole('combobox', { name: /^Failure/ }).selectOption('CrashLoopBackOff');
  await expect(cards.first()).toContainText('CrashLoopBackOff');
});

test('a learner loads a scenario file they wrote: it plays, its text stays text, and it is listed for later', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto('./');
  const text = myScenario((d) => {
    d.title = 'My drill <img src=x onerror="window.hacked=1">';
  });
  await page.getByLabel('Choose a scenario file').setInputFiles({ name: 'my-drill.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
  await expect(page).toHaveURL(/#\/play\/my%3Amy-first-incident$/);
  await expect(page.getByRole('heading', { name: 'My drill <img src=x onerror="window.hacked=1">' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await runCommand(page, 'kubectl get pods -n taskflow-demo');
  await expect(terminalRows(page)).toContainText(/api-service-\S+\s+0\/1\s+(CrashLoopBackOff|Error)/);

  await page.goto('./');
  const mine = page.getByRole('list', { name: 'Scenarios you loaded' }).locator(':scope > li');
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('From my-drill.yaml');
  await expect(mine).toContainText('In progress');
  // The built-in copy keeps its own progress.
  await expect(page.getByRole('list', { name: 'Scenarios' }).locator(':scope > li').filter({ hasText: 'CrashLoopBackOff' }).first()).toContainText('Not started');
  await page.getByRole('button', { name: /^Remove My drill/ }).click();
  await expect(page.getByRole('list', { name: 'Scenarios you loaded' })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a broken scenario file dropped on the page is refused with each problem named by its path', async ({ page }) => {
  await page.goto('./');
  const text = myScenario((d) => {
    delete d.title;
    (d.decision as Record<string, unknown>).recommended = 'panic';
  });
  const drop = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'broken.yaml', { type: 'application/yaml' }));
    return dt;
  }, text);
  const zone = page.getByRole('group', { name: 'Your own scenario' });
  await zone.dispatchEvent('dragover', { dataTransfer: drop });
  await zone.dispatchEvent('drop', { dataTransfer: drop });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('broken.yaml: invalid scenario');
  await expect(alert).toContainText('at title:');
  await expect(alert).toContainText('at decision.recommended:');
  await expect(page).toHaveURL(/#\/$|\/$/);

  // Not YAML at all: the line and column are named.
  await page.getByLabel('Choose a scenario file').setInputFiles({ name: 'notes.yaml', mimeType: 'text/plain', buffer: Buffer.from('id: x\ntitle: [oops\n') });
  await expect(alert).toContainText('notes.yaml: not valid YAML');
  await expect(alert).toContainText(/line \d+, column \d+/);
});
