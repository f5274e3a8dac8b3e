import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { runCommand, terminalRows, submitRollbackPostmortem } from './helpers';

/**
 * axe-core's own rules (WCAG 2.0/2.1 A and AA, plus best practices) on every screen of the game, in
 * the dark and the light theme. Zero violations is the bar: a failure lists each rule, what it
 * asks for, and the elements that break it.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const NS = 'taskflow-demo';

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  // Let transitions and the fonts settle, so colours are measured as the learner sees them.
  await page.evaluate(() => document.fonts.ready);
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    .analyze();
  const report = results.violations
    .map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
  expect(report, `axe violations on ${screen}`).toBe('');
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const CARD = b64(JSON.stringify({ v: 1, s: 'taskflow-crashloop', t: 'TaskFlow API down after a deploy', g: 'B', sc: 84, m: 5, h: 0, d: '2026-12-07', n: 'Ada' }));

for (const theme of ['dark', 'light'] as const) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test.beforeEach(async ({ page }) => {
      // The 'System' setting follows the emulated colour scheme; prove the right theme is on.
      await page.goto('./');
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r = 0, g = 0, b = 0] = (background.match(/\d+/g) ?? []).map(Number);
      expect(r + g + b > 383, `body background ${background} in the ${theme} theme`).toBe(theme === 'light');
    });

    test(`picker, custom-scenario errors, card and damaged card: no axe violations (${theme})`, async ({ page }) => {
      await expectNoViolations(page, 'the picker');
      await page.getByLabel('Choose a scenario file').setInputFiles({ name: 'notes.yaml', mimeType: 'text/plain', buffer: Buffer.from('id: x\ntitle: [oops\n') });
      await expect(page.locator('.load-errors')).toBeVisible();
      await expectNoViolations(page, 'the picker with a custom-scenario error');

      await page.goto(`./#/card/${CARD}`);
      await expect(page.getByRole('heading', { name: 'Firedrill completion card' })).toBeVisible();
      await expectNoViolations(page, 'a completion card');
      await page.goto('about:blank');
      await page.goto('./#/card/not-a-card');
      await expect(page.getByRole('heading', { name: 'This card link is damaged or forged' })).toBeVisible();
      await expectNoViolations(page, 'a damaged card link');

      await page.goto('./#/play/no-such-scenario');
      await expect(page.getByRole('heading', { name: 'Scenario not found' })).toBeVisible();
      await expectNoViolations(page, 'an unknown scenario');
    });

    test(`play screen, every tab, settings, severity matrix, Embed dialog and the editor: no axe violations (${theme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto('./#/play/taskflow-crashloop');
      await expect(terminalRows(page)).toContainText('$');
      await expectNoViolations(page, 'the brief');
      await page.getByRole('button', { name: 'What do the levels mean?' }).click();
      await expect(page.getByRole('table', { name: 'Severity levels' })).toBeVisible();
      await expectNoViolations(page, 'the severity matrix');
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await expectNoViolations(page, 'the settings');
      await page.getByRole('button', { name: 'Close settings' }).click();

      await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
      await page.getByRole('button', { name: 'Start investigating' }).click();
      await runCommand(page, `kubectl get pods -n ${NS}`);
      await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
      await runCommand(page, `kubectl rollout history deployment/api-service -n ${NS}`);
      await expect(terminalRows(page)).toContainText('REVISION');
      await runCommand(page, 'kubectl get nope');
      await expect(terminalRows(page)).toContainText('error:');
      for (const name of ['Incident', 'Command', 'Board', 'Timeline', 'Hints', 'Metrics']) {
        await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
        await expect(page.getByRole('tabpanel')).not.toContainText(/Loading/);
        if (name === 'Metrics') await expect(page.locator('.metric-chart').first()).toBeVisible();
        await expectNoViolations(page, `the ${name} tab`);
      }

      await page.getByRole('button', { name: 'Embed', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Embed this scenario' })).toBeVisible();
      await expectNoViolations(page, 'the Embed dialog');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Restart scenario' }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoViolations(page, 'the restart confirmation');
      await page.getByRole('button', { name: 'Cancel' }).click();

      await runCommand(page, `kubectl edit deployment/web-frontend -n ${NS}`);
      await expect(page.getByRole('textbox', { name: 'YAML of the object being edited' })).toBeVisible();
      await expectNoViolations(page, 'the YAML editor');
    });

    test(`decide, verify, postmortem and the debrief: no axe violations (${theme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto('./#/play/taskflow-crashloop');
      await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
      await page.getByRole('button', { name: 'Start investigating' }).click();
      // The investigation as play.spec.ts does it, then the board, then the decision.
      await runCommand(page, `kubectl get pods -n ${NS}`);
      await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
      const podName = /api-service-[a-z0-9]+-[a-z0-9]{5}/.exec((await terminalRows(page).textContent()) ?? '')?.[0];
      await runCommand(page, `kubectl describe pod ${podName} -n ${NS}`);
      await expect(terminalRows(page)).toContainText('Back-off restarting failed container');
      await runCommand(page, `kubectl logs ${podName} -n ${NS}`);
      await runCommand(page, `kubectl rollout history deployment/api-service -n ${NS}`);
      await expect(terminalRows(page)).toContainText('REVISION');
      await page.getByRole('tab', { name: /Board/ }).click();
      const crashCard = page.locator('.card', { hasText: /crash/i }).first();
      await crashCard.getByRole('button', { name: 'Fact…' }).click();
      await expectNoViolations(page, 'the board, citing evidence');
      await crashCard.getByLabel('Which evidence shows this?').selectOption({ index: 0 });
      await crashCard.getByRole('button', { name: 'Mark as fact' }).click();
      await page.getByRole('button', { name: /Done sorting/ }).click();
      await page.getByRole('tab', { name: 'Incident' }).click();
      await expect(page.getByRole('button', { name: /^Choose roll ?back/i })).toBeVisible();
      await expectNoViolations(page, 'the decision');
      await page.getByRole('button', { name: /^Choose roll ?back/i }).click();
      await runCommand(page, `kubectl rollout undo deployment/api-service -n ${NS}`);
      await page.getByRole('button', { name: 'Declare resolved' }).click();
      await expect(page.getByText('Not resolved yet')).toBeVisible();
      await expectNoViolations(page, 'verify, refused');
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
      await page.getByRole('button', { name: 'Declare resolved' }).click();
      await expect(page.getByRole('heading', { name: 'Write the postmortem' })).toBeVisible();
      await expectNoViolations(page, 'the postmortem form');
      await submitRollbackPostmortem(page);
      await expectNoViolations(page, 'the debrief');
    });

    test(`embed view: no axe violations (${theme})`, async ({ page }) => {
      await page.goto('./#/embed/taskflow-crashloop');
      await expect(terminalRows(page)).toContainText('$');
      await expectNoViolations(page, 'the embed view');
    });
  });
}

