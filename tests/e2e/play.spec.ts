import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { runCommand, terminalRows, waitForSave } from './helpers';

const NS = 'taskflow-demo';

async function currentPhase(page: Page): Promise<string> {
  return (await page.getByRole('navigation', { name: 'Progress' }).locator('[aria-current="step"]').textContent()) ?? '';
}

test('a learner works the taskflow-crashloop incident from page to postmortem', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.getByRole('link', { name: 'Start: TaskFlow API down after a deploy' }).click();

  // Brief: set a severity, then start.
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  expect(await currentPhase(page)).toBe('Investigate');

  // Investigate in the terminal.
  await runCommand(page, 'kubectl get pods');
  await expect(terminalRows(page)).toContainText('No resources found in default namespace.');
  await runCommand(page, `kubectl get pods -n ${NS}`);
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
  const podName = /api-service-[a-z0-9]+-[a-z0-9]{5}/.exec((await terminalRows(page).textContent()) ?? '')?.[0];
  expect(podName, 'a pod name in the kubectl get pods output').toBeTruthy();

  await runCommand(page, `kubectl describe pod ${podName} -n ${NS}`);
  await expect(terminalRows(page)).toContainText('Back-off restarting failed container');
  await runCommand(page, `kubectl logs ${podName} -n ${NS}`);
  await runCommand(page, `kubectl rollout history deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('REVISION');

  // Reload mid-way: transcript, timeline, board and phase come back.
  await waitForSave(page);
  const phaseBefore = await currentPhase(page);
  await page.getByRole('tab', { name: /Timeline/ }).click();
  const timelineBefore = await page.locator('.timeline li').allTextContents();
  await page.reload();
  // The restored transcript ends where the learner left off (the visible rows are its last screen).
  await expect(terminalRows(page)).toContainText('NOTIFICATIONS_QUEUE_URL is required');
  await expect(terminalRows(page)).toContainText('REVISION');
  // History survived too: ↑ brings back the last command.
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('ArrowUp');
  await expect(terminalRows(page)).toContainText(/\$ kubectl rollout history deployment\/api-service -n taskflow-demo\s*$/);
  await page.keyboard.press('Control+C');
  expect(await currentPhase(page)).toBe(phaseBefore);
  await page.getByRole('tab', { name: /Timeline/ }).click();
  expect(await page.locator('.timeline li').allTextContents()).toEqual(timelineBefore);

  // Sort the board: what the terminal showed is a fact (with evidence); the rest are assumptions.
  await page.getByRole('tab', { name: /Board/ }).click();
  const crashCard = page.locator('.card', { hasText: /crash/i }).first();
  await crashCard.getByRole('button', { name: 'Fact…' }).click();
  await crashCard.getByLabel('Which evidence shows this?').selectOption({ index: 0 });
  await crashCard.getByRole('button', { name: 'Mark as fact' }).click();
  await expect(page.locator('.column-fact .card', { hasText: /crash/i })).toBeVisible();
  await page.locator('.column-unsorted .card').first().getByRole('button', { name: 'Assumption' }).click();
  await expect(page.locator('.column-assumption .card')).toHaveCount(1);

  // The sorted board survives a reload too.
  await waitForSave(page);
  await page.reload();
  await page.getByRole('tab', { name: /Board/ }).click();
  await expect(page.locator('.column-fact .card', { hasText: /crash/i })).toBeVisible();
  await expect(page.locator('.column-assumption .card')).toHaveCount(1);
  const doneSorting = page.getByRole('button', { name: /Done sorting/ });
  if (await doneSorting.isVisible()) await doneSorting.click();

  // Decide, then mitigate.
  await page.getByRole('tab', { name: 'Incident' }).click();
  await page.getByRole('button', { name: /^Choose roll ?back/i }).click();
  await expect(page.getByRole('heading', { name: 'Why' })).toBeVisible();
  await runCommand(page, `kubectl rollout undo deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('rolled back');

  // Declaring victory straight away is refused, with reasons.
  await page.getByRole('button', { name: 'Declare resolved' }).click();
  await expect(page.getByText('Not resolved yet')).toBeVisible();

  // Let sim time pass until the new pod is ready, then prove it.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
  await runCommand(page, `kubectl get pods -n ${NS}`);
  await expect(terminalRows(page)).toContainText(/1\/1\s+Running/);
  await page.getByRole('button', { name: 'Declare resolved' }).click();

  // Postmortem, then the results with the answer key.
  await expect(page.getByRole('heading', { name: 'Write the postmortem' })).toBeVisible();
  await page.getByLabel('Summary').fill('The TaskFlow API was down for about 15 minutes after the v2.4.0 deploy; rolling back restored it.');
  await page.getByLabel('Impact').fill('All API requests failed with 503 for about 15 minutes.');
  await page.getByLabel('Root cause').fill('The new version exits at start-up; the logs show the error and the pods crash-loop.');
  await page.getByLabel('Trigger').fill('The deploy of api-service v2.4.0.');
  await page.getByLabel('Resolution').fill('kubectl rollout undo; verified pods 1/1 Running and the service has endpoints.');
  await page.getByLabel('Action items').fill('Add a start-up check in CI (owner: platform team).');
  await page.getByRole('button', { name: 'Import the incident timeline' }).click();
  await expect(page.getByLabel('Timeline', { exact: true })).toHaveValue(/^- \*\*\d{4}-\d\d-\d\d .*\(Action\) Ran kubectl rollout undo/s);
  await page.getByRole('button', { name: 'Submit postmortem' }).click();
  await expect(page.getByRole('heading', { name: /Incident closed/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Answer key/ })).toBeVisible();
  await expect(page.locator('.commands').last()).toContainText('kubectl rollout undo deployment/api-service');

  // The debrief: each section of theirs beside the example, with the rubric's word on it.
  const rootCause = page.locator('.pm-compare').filter({ has: page.getByRole('heading', { name: 'Root cause' }) });
  await expect(rootCause.locator('.pm-yours')).toContainText('The new version exits at start-up');
  await expect(rootCause.locator('.pm-yours')).toContainText('Needs work: Name the missing configuration');
  await expect(rootCause.locator('.pm-example')).toContainText('NOTIFICATIONS_QUEUE_URL');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download your postmortem (Markdown)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('postmortem-taskflow-crashloop.md');
  const md = readFileSync((await file.path())!, 'utf8');
  expect(md).toContain('## Root cause\n\nThe new version exits at start-up');
  expect(md).toMatch(/## Appendix: incident timeline\n[\s\S]*\(Action\) Ran kubectl rollout undo deployment\/api-service/);
  expect(md).toMatch(/## Timeline\n\n- \*\*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\*\* \(System\)/);
  await expect(page.getByRole('heading', { name: 'Talking about this exercise' })).toBeVisible();
});

test('Tab completes a typed command; on an empty line or after Escape it leaves the terminal, so keyboard users are never trapped', async ({ page }) => {
  const inTerminal = () => page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea') ?? false);
  await page.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
  const input = page.locator('.xterm-helper-textarea');
  await expect(input).toHaveAttribute('aria-label', /Tab completes.*after Escape, Tab moves focus out/);
  await input.focus();
  await page.keyboard.press('Tab');
  expect(await inTerminal()).toBe(false);

  await input.focus();
  await page.keyboard.type('kubectl desc');
  await page.keyboard.press('Tab');
  await expect(terminalRows(page)).toContainText('$ kubectl describe');
  expect(await inTerminal()).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await inTerminal()).toBe(false);
});

test('kubectl get -w keeps following until Ctrl-C, then the prompt comes back', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await runCommand(page, 'kubectl get deploy -n taskflow-demo -w');
  await expect(terminalRows(page)).toContainText(/NAME\s+READY\s+UP-TO-DATE/);
  // Typing while it follows goes nowhere; Ctrl-C stops it.
  await page.keyboard.type('ignored');
  await page.keyboard.press('Control+C');
  await expect(terminalRows(page)).toContainText('^C');
  await expect(terminalRows(page)).not.toContainText('ignored');
  await runCommand(page, 'echo after');
  await expect(terminalRows(page)).toContainText(/\nafter|after\s*\(default\) \$/);

  // watch draws full screen and refreshes on the sim clock; Ctrl-C returns to the shell's screen.
  await runCommand(page, 'watch -n 1 date');
  await expect(terminalRows(page)).toContainText(/Every 1\.0s: date/);
  const first = await terminalRows(page).textContent();
  await expect(terminalRows(page)).not.toHaveText(first ?? '');
  await page.keyboard.press('Control+C');
  await expect(terminalRows(page)).not.toContainText('Every 1.0s');
  await expect(terminalRows(page)).toContainText('$ watch -n 1 date');

  // Ctrl-R finds the earlier command; Enter runs it again.
  await page.keyboard.press('Control+R');
  await page.keyboard.type('echo');
  await expect(terminalRows(page)).toContainText("(reverse-i-search)`echo': echo after");
  await page.keyboard.press('Enter');
  await expect(terminalRows(page)).toContainText(/\$ echo after\s*after\s*\(default\) \$\s*$/);
});

test('a reload while kubectl get -w follows comes back following; Ctrl-C then stops it', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await runCommand(page, 'kubectl get deploy -n taskflow-demo -w');
  await expect(terminalRows(page)).toContainText(/NAME\s+READY\s+UP-TO-DATE/);
  await waitForSave(page);
  await page.reload();
  await expect(terminalRows(page)).toContainText(/api-service\s+0\/2/);
  // Still following: no prompt after the table until Ctrl-C.
  await expect(terminalRows(page)).not.toContainText(/0\/2[^$]*\$\s*$/);
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('Control+C');
  await expect(terminalRows(page)).toContainText(/\^C\s*\(default\) \$\s*$/);
});

test('screen reader mode can be switched on in settings and is remembered', async ({ page }) => {
  await page.goto('./#/play/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
  await expect(page.locator('.xterm-accessibility-tree')).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel(/Screen reader mode/).check();
  await expect(page.locator('.xterm-accessibility-tree')).toHaveCount(1);
  await page.reload();
  await expect(terminalRows(page)).toContainText('$');
  await expect(page.locator('.xterm-accessibility-tree')).toHaveCount(1);
});
