import { expect, test, type Page } from '@playwright/test';
import { terminalRows } from './helpers';

/*
 * A keyboard-only learner plays taskflow-crashloop from the picker to the completion card. Every
 * move is a key press (Tab, Shift+Tab, Enter, Space, arrows, Escape, letters): no clicks, no
 * .focus(), no fill(). Locators and page.evaluate only read what the learner would see or hear
 * (what has focus, what the terminal shows) to assert it, or to decide when to stop pressing Tab.
 */

const NS = 'taskflow-demo';

/** What has focus, as a learner's screen reader would name it: "tag[role]: name". */
async function focusName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(body)';
    const byFor = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : undefined;
    const name = el.getAttribute('aria-label') ?? byFor ?? el.closest('label')?.textContent ?? el.textContent ?? '';
    const role = el.getAttribute('role');
    return `${el.tagName.toLowerCase()}${role ? `[${role}]` : ''}: ${name.replace(/\s+/g, ' ').trim()}`;
  });
}

/** Whether the focused control shows where focus is (an outline, or the terminal pane's ring). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const ring = (node: Element) => {
      const style = getComputedStyle(node);
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    };
    // xterm's input is a hidden textarea: the pane around it draws the ring (:focus-within).
    const target = el.classList.contains('xterm-helper-textarea') ? el.closest('.terminal-pane') : el;
    return target !== null && ring(target);
  });
}

/**
 * Press Tab (or Shift+Tab) until the focused control's name matches, as a learner scanning the
 * page would; each stop on the way must show a visible focus ring. Fails naming every stop if the
 * control is never reached.
 */
async function tabTo(page: Page, target: RegExp, { back = false, max = 80 } = {}): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const name = await focusName(page);
    stops.push(name);
    if (name !== '(body)') expect(await focusIsVisible(page), `a visible focus ring on ${name}`).toBe(true);
    if (target.test(name)) return;
  }
  throw new Error(`${target} was never reached by ${back ? 'Shift+Tab' : 'Tab'}; focus went: ${stops.join(' → ')}`);
}

const TERMINAL = /^textarea: Terminal input/;

/** Type a command where focus is (the terminal) and run it: the echo proves the keys arrived. */
async function typeCommand(page: Page, line: string): Promise<void> {
  expect(await focusName(page)).toMatch(TERMINAL);
  await page.keyboard.type(line);
  await expect(terminalRows(page)).toContainText(line);
  await page.keyboard.press('Enter');
}

async function currentPhase(page: Page): Promise<string> {
  return (await page.getByRole('navigation', { name: 'Progress' }).locator('[aria-current="step"]').textContent()) ?? '';
}

test('a keyboard-only learner plays taskflow-crashloop from the picker to the completion card', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await expect(page.getByRole('link', { name: 'Start: TaskFlow API down after a deploy' })).toBeVisible();

  // The picker: Tab to the scenario, Enter opens it.
  await tabTo(page, /^a: Start: TaskFlow API down after a deploy$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'TaskFlow API down after a deploy' })).toBeVisible();
  await expect(page.locator('.terminal[data-ready="true"]')).toBeVisible();

  // The brief: read it, choose a severity with the arrow keys, start.
  await tabTo(page, /^select: How bad is it\?/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('How bad is it? Set a severity')).toHaveValue('SEV2');
  await tabTo(page, /^button: Start investigating$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => currentPhase(page)).toBe('Investigate');
  // The button is gone with the brief: focus lands in the terminal, not on the page body.
  await expect.poll(() => focusName(page)).toMatch(TERMINAL);

  // Investigate in the terminal. Tab completes names (the pod's too), so nothing is copied by mouse.
  await typeCommand(page, `kubectl get pods -n ${NS}`);
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
  // The learner reads a pod's name off the screen; Tab completes up to where the two pods differ.
  const podName = /api-service-[a-z0-9]+-[a-z0-9]{5}/.exec((await terminalRows(page).textContent()) ?? '')?.[0] ?? '';
  expect(podName, 'a pod name in the kubectl get pods output').not.toBe('');
  await page.keyboard.type(`kubectl describe pod -n ${NS} api-serv`);
  await page.keyboard.press('Tab');
  await expect(terminalRows(page)).toContainText(`kubectl describe pod -n ${NS} ${podName.slice(0, -5)}`);
  expect(await focusName(page), 'Tab with a typed line completes and stays in the terminal').toMatch(TERMINAL);
  await page.keyboard.type(podName.slice(-5));
  await page.keyboard.press('Enter');
  await expect(terminalRows(page)).toContainText('Back-off restarting failed container');
  await page.keyboard.type(`kubectl logs -n ${NS} --previous ${podName.slice(0, 14)}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type(podName.slice(-5));
  await page.keyboard.press('Enter');
  await expect(terminalRows(page)).toContainText('NOTIFICATIONS_QUEUE_URL is required');

  // A hint before the last step: out of the terminal (Escape, then Shift+Tab), over to the Hints tab.
  await page.keyboard.type('kubectl rollout');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  expect(await focusName(page), 'Escape then Shift+Tab leaves the terminal even with a typed line').not.toMatch(TERMINAL);
  await tabTo(page, /^button\[tab\]: /, { back: true });
  await page.keyboard.press('End');
  expect(await focusName(page)).toMatch(/^button\[tab\]: Hints/);
  await expect(page.getByRole('tab', { name: 'Hints' })).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, /^button: Show hint 1 of 3 \(costs 2 points\)$/);
  await page.keyboard.press('Enter');
  await expect(page.getByText('The alert is about the TaskFlow API.')).toBeVisible();
  // Still on a hint button (the next level), not lost on the page.
  expect(await focusName(page)).toMatch(/^button: Show hint 2 of 3/);

  // The skip link takes a keyboard user straight to the terminal; the half-typed line is still there.
  await tabTo(page, /^a: Skip to the terminal$/, { back: true });
  await page.keyboard.press('Enter');
  expect(await focusName(page)).toMatch(TERMINAL);
  await page.keyboard.type(` history deployment/api-service -n ${NS}`);
  await page.keyboard.press('Enter');
  await expect(terminalRows(page)).toContainText('REVISION');
  await expect.poll(() => currentPhase(page)).toBe('Sort facts');

  // The board, with its keyboard moves: F asks for evidence, A sorts as an assumption.
  // The tab list is one Tab stop: Home, then the arrows, pick a tab.
  await tabTo(page, /^button\[tab\]: /, { back: true });
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await focusName(page)).toMatch(/^button\[tab\]: Board/);
  await tabTo(page, /^li: The api-service pods are crash-looping$/);
  await page.keyboard.press('f');
  expect(await focusName(page)).toMatch(/^select: Which evidence shows this\?/);
  await tabTo(page, /^button: Mark as fact$/);
  await page.keyboard.press('Enter');
  await expect(page.locator('.column-fact .card', { hasText: 'The api-service pods are crash-looping' })).toBeVisible();
  // The moved card keeps focus in its new column.
  expect(await focusName(page)).toBe('li: The api-service pods are crash-looping');
  await tabTo(page, /^li: The database is down$/);
  await page.keyboard.press('a');
  await expect(page.locator('.column-assumption .card', { hasText: 'The database is down' })).toBeVisible();
  expect(await focusName(page)).toBe('li: The database is down');
  await tabTo(page, /^li: A node ran out of memory/);
  // → from Unknown is Facts, which asks for evidence; Escape backs out to the card, still unsorted.
  await page.keyboard.press('ArrowRight');
  expect(await focusName(page)).toMatch(/^select: Which evidence shows this\?/);
  await page.keyboard.press('Escape');
  expect(await focusName(page)).toBe('li: A node ran out of memory and killed the pods');
  await expect(page.getByTestId('board-announcer')).toHaveText('Still in Unknown');
  await page.keyboard.press('a');
  await expect(page.locator('.column-assumption .card', { hasText: 'A node ran out of memory' })).toBeVisible();
  await tabTo(page, /^button: Done sorting/);
  await page.keyboard.press('Enter');
  await expect.poll(() => currentPhase(page)).toBe('Decide');

  // Decide: a reason with Space, then roll back.
  expect(await focusName(page), 'focus is kept on the panel when the phase changes').not.toBe('(body)');
  await tabTo(page, /^input: Reversibility/);
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: /Reversibility/ })).toBeChecked();
  await tabTo(page, /^button: Choose roll ?back/i);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Why' })).toBeVisible();
  await expect.poll(() => currentPhase(page)).toBe('Verify');
  expect(await focusName(page)).not.toBe('(body)');

  // Carry it out in the terminal.
  await tabTo(page, TERMINAL);
  await typeCommand(page, `kubectl rollout undo deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('rolled back');

  // Out of the terminal on an empty line with Shift+Tab; let time pass; check; declare.
  await tabTo(page, /^button: Wait 1 min$/, { back: true });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'A minute passes' })).toHaveCount(1);
  await tabTo(page, TERMINAL);
  await typeCommand(page, `kubectl get pods -n ${NS}`);
  await expect(terminalRows(page)).toContainText(/1\/1\s+Running/);
  await tabTo(page, /^button: Declare resolved$/, { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Write the postmortem' })).toBeVisible();
  expect(await focusName(page)).not.toBe('(body)');

  // The postmortem, typed section by section; Tab moves between the fields.
  const sections: [RegExp, string][] = [
    [/^textarea: Summary$/, 'The TaskFlow API was down for about 15 minutes after the v2.4.0 deploy; rolling back restored it.'],
    [/^textarea: Impact$/, 'All API requests failed with 503 for about 15 minutes.'],
    [/^textarea: Root cause$/, 'api-service 2.4.0 exits at start-up because NOTIFICATIONS_QUEUE_URL is not set; the pods crash-loop.'],
    [/^textarea: Trigger$/, 'The deploy of api-service v2.4.0.'],
    [/^textarea: Resolution$/, 'kubectl rollout undo; verified pods 1/1 Running.'],
    [/^textarea: Action items$/, 'Add a start-up config check in CI (owner: platform team).'],
  ];
  await tabTo(page, /^button: Import the incident timeline$/);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Timeline', { exact: true })).toHaveValue(/Ran kubectl rollout undo/);
  await tabTo(page, /^textarea: Summary$/, { back: true });
  for (const [field, text] of sections) {
    await tabTo(page, field);
    await page.keyboard.type(text);
  }
  await expect(page.getByLabel('Root cause')).toHaveValue(/NOTIFICATIONS_QUEUE_URL/);
  await tabTo(page, /^button: Submit postmortem$/);
  await page.keyboard.press('Enter');

  // The results: focus lands on the score heading; the debrief and the completion card follow.
  await expect(page.getByRole('heading', { name: /Incident closed/ })).toBeVisible();
  await expect.poll(() => focusName(page)).toMatch(/^h2: Incident closed/);
  await expect(page.getByRole('heading', { name: /Answer key/ })).toBeVisible();
  await tabTo(page, /^input: Name on the card/);
  await page.keyboard.type('Kay Board');
  await tabTo(page, /^a: Open the card page$/);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Kay Board')).toBeVisible();
  await expect(page.getByText('TaskFlow API down after a deploy').first()).toBeVisible();
});
