import { expect, test } from '@playwright/test';
import { runCommand, terminalRows, watchForProblems } from './helpers';

test('kubectl events -w follows in the terminal until Ctrl-C, and a warning shows before the output it precedes', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto('#/play/taskflow-crashloop');
  await expect(page.locator('.xterm-helper-textarea')).toBeAttached();
  await runCommand(page, 'kubectl events -w -n taskflow-demo');
  await expect(terminalRows(page)).toContainText('ScalingReplicaSet');
  await expect(terminalRows(page)).toContainText('BackOff');
  await page.keyboard.press('Control+c');
  // Ctrl-C gives the prompt back: the next line runs.
  await runCommand(page, 'clear');
  await runCommand(page, 'kubectl logs deploy/web-frontend -n taskflow-demo');
  await expect(terminalRows(page)).toContainText('serving on');
  const text = await terminalRows(page).innerText();
  expect(text).toMatch(/Found 2 pods, using pod\/web-frontend-\S+\n\S+ web-frontend 1.8.2 serving on/);
  expect(problems).toEqual([]);
});
