import { expect, test, type Page } from '@playwright/test';
import { runCommand, terminalRows, watchForProblems } from './helpers';

const NS = 'taskflow-demo';
const CRASHLOOP = 'The api-service pods are crash-looping';
const MISSING = 'api-service 2.4.0 exits at start-up because NOTIFICATIONS_QUEUE_URL is not set';
const TRIGGER = 'The failures started with the api-service 2.4.0 deploy';
const USERS = 'API requests fail because api-service has no ready pods behind its Service';
const DATABASE = 'The database is down';
const MEMORY = 'A node ran out of memory and killed the pods';

const card = (page: Page, text: string) => page.getByRole('listitem', { name: text, exact: true });
const column = (page: Page, id: 'unsorted' | 'fact' | 'assumption') => page.locator(`.column-${id}`);

/**
 * Drags a card the way a hand does: press on it, start moving, then go to the column. (Playwright's
 * dragTo scrolls the target into view between press and move, so the drag would start on whatever
 * card scrolled under the pointer.)
 */
async function drag(page: Page, text: string, to: 'unsorted' | 'fact' | 'assumption'): Promise<void> {
  const source = card(page, text).locator('.card-text');
  await source.scrollIntoViewIfNeeded();
  const box = (await source.boundingBox())!;
  await page.mouse.move(box.x + 8, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 20, box.y + box.height / 2 + 6, { steps: 3 });
  await column(page, to).hover();
  await page.mouse.up();
}

async function start(page: Page): Promise<string> {
  await page.goto('./#/play/taskflow-crashloop');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await runCommand(page, `kubectl get pods -n ${NS}`);
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
  const pod = /api-service-[a-z0-9]+-[a-z0-9]{5}/.exec((await terminalRows(page).textContent()) ?? '')?.[0];
  expect(pod, 'a pod name in the kubectl get pods output').toBeTruthy();
  await page.getByRole('tab', { name: /Board/ }).click();
  return pod!;
}

test('the board sorted with the keyboard alone: keys move a focused card, Facts asks for evidence, each move is announced', async ({ page }) => {
  const problems = watchForProblems(page);
  await start(page);
  const announcer = page.getByTestId('board-announcer');
  await expect(page.getByRole('heading', { name: /^Unknown/ })).toBeVisible();

  // A: to Assumptions; the card keeps the focus in its new column.
  await card(page, DATABASE).focus();
  await page.keyboard.press('a');
  await expect(column(page, 'assumption').getByRole('listitem', { name: DATABASE })).toBeVisible();
  await expect(announcer).toHaveText('Moved to Assumptions');
  await expect(card(page, DATABASE)).toBeFocused();

  // ← from Assumptions is Facts: the evidence list opens with the focus in it. A red herring is refused.
  await page.keyboard.press('ArrowLeft');
  await expect(card(page, DATABASE).getByLabel('Which evidence shows this?')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(card(page, DATABASE).getByRole('button', { name: 'Mark as fact' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card(page, DATABASE).getByRole('alert')).toContainText('Nothing you have seen shows this');
  await expect(column(page, 'assumption').getByRole('listitem', { name: DATABASE })).toBeVisible();
  // Escape in the evidence list gives up and puts the focus back on the card.
  await card(page, DATABASE).getByLabel('Which evidence shows this?').focus();
  await page.keyboard.press('Escape');
  await expect(card(page, DATABASE)).toBeFocused();
  await expect(card(page, DATABASE).getByLabel('Which evidence shows this?')).toHaveCount(0);
  await expect(announcer).toHaveText('Still in Assumptions');

  // F on a statement the terminal showed: pick the evidence with the keyboard, mark it a fact.
  await card(page, CRASHLOOP).focus();
  await page.keyboard.press('f');
  const evidence = card(page, CRASHLOOP).getByLabel('Which evidence shows this?');
  await expect(evidence).toBeFocused();
  await expect(card(page, CRASHLOOP).getByLabel('The output it cites')).toContainText('CrashLoopBackOff');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(column(page, 'fact').getByRole('listitem', { name: CRASHLOOP })).toBeVisible();
  await expect(announcer).toHaveText('Moved to Facts');
  await expect(card(page, CRASHLOOP)).toBeFocused();

  // → moves it on to Assumptions, U back to Unknown; the old buttons say Unknown too.
  await page.keyboard.press('ArrowRight');
  await expect(column(page, 'assumption').getByRole('listitem', { name: CRASHLOOP })).toBeVisible();
  await page.keyboard.press('u');
  await expect(column(page, 'unsorted').getByRole('listitem', { name: CRASHLOOP })).toBeVisible();
  await expect(announcer).toHaveText('Moved to Unknown');
  await card(page, DATABASE).getByRole('button', { name: 'Unknown' }).click();
  await expect(column(page, 'unsorted').getByRole('listitem', { name: DATABASE })).toBeVisible();
  expect(problems).toEqual([]);
});

test('drag and drop sorts the board; facts show their evidence; assumptions become facts when the evidence appears; the results judge the board', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchForProblems(page);
  const pod = await start(page);

  // Drag to Assumptions.
  for (const text of [MISSING, TRIGGER, DATABASE, MEMORY]) {
    await drag(page, text, 'assumption');
    await expect(column(page, 'assumption').getByRole('listitem', { name: text })).toBeVisible();
  }
  // Dropped on Facts, a card asks for its evidence first, like the button does.
  await drag(page, CRASHLOOP, 'fact');
  await card(page, CRASHLOOP).getByLabel('Which evidence shows this?').selectOption({ index: 0 });
  await card(page, CRASHLOOP).getByRole('button', { name: 'Mark as fact' }).click();
  await expect(column(page, 'fact').getByRole('listitem', { name: CRASHLOOP })).toBeVisible();
  await drag(page, USERS, 'fact');
  await expect(card(page, USERS).getByLabel('Which evidence shows this?')).toBeVisible();
  await card(page, USERS).getByRole('button', { name: 'Cancel' }).click();
  await expect(column(page, 'unsorted').getByRole('listitem', { name: USERS })).toBeVisible();

  // A fact shows what proves it: the command and the output line, as text.
  await card(page, CRASHLOOP).getByText(/^Evidence:/).click();
  await expect(card(page, CRASHLOOP)).toContainText(`Shown by kubectl get pods -n ${NS}`);
  await expect(card(page, CRASHLOOP).locator('pre')).toContainText(/api-service-\S+\s+0\/1\s+(CrashLoopBackOff|Error)/);

  // The investigation reveals the evidence for two of the assumptions: they move to Facts.
  await runCommand(page, `kubectl logs ${pod} -n ${NS} --previous`);
  await expect(terminalRows(page)).toContainText('NOTIFICATIONS_QUEUE_URL is required');
  await expect(column(page, 'fact').getByRole('listitem', { name: MISSING })).toBeVisible();
  await runCommand(page, `kubectl describe pod ${pod} -n ${NS}`);
  await expect(terminalRows(page)).toContainText('Back-off restarting failed container');
  await runCommand(page, `kubectl rollout history deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('REVISION');
  await expect(column(page, 'fact').getByRole('listitem', { name: MISSING })).toBeVisible();
  await expect(column(page, 'fact').getByRole('listitem', { name: TRIGGER })).toBeVisible();
  await expect(column(page, 'assumption').getByRole('listitem')).toHaveCount(2);
  await card(page, MISSING).getByText(/^Evidence:/).click();
  await expect(card(page, MISSING).locator('pre')).toContainText('NOTIFICATIONS_QUEUE_URL is required');
  await expect(card(page, MISSING)).toContainText(`Shown by kubectl logs ${pod} -n ${NS} --previous`);
  await expect(card(page, MISSING)).toContainText('It became a fact when this evidence appeared.');
  await page.getByRole('tab', { name: /Timeline/ }).click();
  await expect(page.locator('.timeline')).toContainText(`Now a fact: ${MISSING}, shown by The 2.4.0 logs say NOTIFICATIONS_QUEUE_URL is required and not set`);

  // Play it out: decide, roll back, prove recovery, write the postmortem.
  await page.getByRole('tab', { name: /Board/ }).click();
  await page.getByRole('button', { name: 'Done sorting: decide what to do' }).click();
  await page.getByRole('tab', { name: 'Incident' }).click();
  await page.getByRole('button', { name: /^Choose roll ?back/i }).click();
  await runCommand(page, `kubectl rollout undo deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('rolled back');
  const postmortem = page.getByRole('heading', { name: 'Write the postmortem' });
  for (let i = 0; i < 6 && !(await postmortem.isVisible()); i++) {
    await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
    await page.getByRole('button', { name: 'Declare resolved' }).click();
  }
  await expect(postmortem).toBeVisible();
  for (const section of ['Summary', 'Impact', 'Root cause', 'Trigger', 'Resolution', 'Action items']) {
    await page.getByLabel(section).fill(`${section}: the api-service 2.4.0 deploy lacked NOTIFICATIONS_QUEUE_URL; rolled back.`);
  }
  await page.getByRole('button', { name: 'Submit postmortem' }).click();

  // The results judge the board, card by card, with the scenario's explanation.
  const review = page.getByRole('region', { name: 'Your board: facts vs assumptions' });
  await expect(review).toContainText(`6 of 7 placed right; wrong: “${USERS}”.`);
  const users = review.getByRole('listitem').filter({ hasText: USERS });
  await expect(users).toContainText('Wrong:');
  await expect(users).toContainText('You put it in Unknown. It belongs in Facts. You did not see the evidence for it; it shows in: Service api-service has no ready endpoints.');
  await expect(users).toContainText('with no ready endpoints, the Service has nowhere to send requests');
  const missing = review.getByRole('listitem').filter({ hasText: MISSING });
  await expect(missing).toContainText('Right:');
  await expect(missing).toContainText('You put it in Facts (it moved there from Assumptions when its evidence appeared).');
  await expect(review.getByRole('listitem').filter({ hasText: DATABASE })).toContainText('red herring');
  expect(problems).toEqual([]);
});
