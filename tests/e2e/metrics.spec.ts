import { expect, test } from '@playwright/test';
import { runCommand, terminalRows, watchForProblems } from './helpers';

test('metrics: charts drawn from the cluster, the alert at the timeline\'s time, a table for each chart', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = watchForProblems(page);
  await page.goto('./#/play/taskflow-oomkilled');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV3');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await runCommand(page, 'kubectl get pods');
  await expect(terminalRows(page)).toContainText('worker-');

  // The timeline's alert entry and its time.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const entry = page.locator('.timeline li').filter({ hasText: 'Alert fired: TaskflowWorkerRestarting' });
  await expect(entry).toBeVisible();
  const firedAt = (await entry.locator('time').textContent())?.trim() ?? '';
  expect(firedAt).toMatch(/^\d\d:\d\d:\d\d$/);

  await page.getByRole('tab', { name: 'Metrics' }).click();
  const panel = page.getByRole('tabpanel');
  const alert = panel.getByRole('list', { name: 'Alerts' }).getByRole('listitem').filter({ hasText: 'TaskflowWorkerRestarting' });
  await expect(alert).toContainText('▲ Firing');
  await expect(alert).toContainText(`fired ${firedAt}`);

  // Five charts, each an SVG image with axes, and the alert marked on them.
  for (const title of ['Request rate', 'Error rate (5xx)', 'p95 latency', 'Container restarts (last 5 min)', 'Memory per pod: worker']) {
    const figure = panel.locator('figure').filter({ has: page.locator('figcaption strong', { hasText: title }) });
    await expect(figure.getByRole('img', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')} chart`) })).toBeVisible();
    await expect(figure.locator('svg text', { hasText: 'UTC' })).toHaveCount(1);
    await expect(figure.locator('svg text', { hasText: '▲ fired' })).toHaveCount(1);
  }

  // Memory: the worker pods against their 256 MiB limit, in numbers too.
  const memory = panel.locator('figure[data-chart="memory"]');
  await expect(memory.locator('svg text', { hasText: 'limit 256 MiB' })).toBeVisible();
  await memory.getByText('Table: Memory per pod: worker').click();
  const table = memory.getByRole('table');
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /^worker-.* \(MiB\)$/ }).first()).toBeVisible();
  const values = (await table.locator('tbody td').allTextContents()).map(Number).filter((n) => !Number.isNaN(n));
  expect(values.some((v) => v > 200 && v < 256)).toBe(true);
  expect(values.some((v) => v < 150)).toBe(true);

  // Another workload's memory is one choice away, and stays flat and low.
  await panel.getByLabel('Memory of').selectOption({ label: 'api-service' });
  await expect(memory.locator('figcaption')).toContainText('Memory per pod: api-service');

  // The error rate stays 0: users of the web app and API are not affected.
  const errors = panel.locator('figure[data-chart="errors"]');
  await errors.getByText('Table: Error rate (5xx)').click();
  const errorCells = (await errors.getByRole('table').locator('tbody td').allTextContents()).map(Number);
  expect(errorCells.length).toBeGreaterThan(10);
  expect(errorCells.every((v) => v === 0)).toBe(true);
  expect(problems).toEqual([]);
});
