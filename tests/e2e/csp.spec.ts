import { expect, test, type Page } from '@playwright/test';
import { runCommand, terminalRows, submitRollbackPostmortem } from './helpers';

/**
 * The Content-Security-Policy of the built site (scripts/vite-plugin-csp.ts): no inline script, no
 * eval, nothing from another origin. A whole visit (picker, a scenario played to its card, every
 * tab, the editor, the dialogs, the embed and card pages, the service worker) must not trip it
 * once, and the policy must really be enforced.
 */
const NS = 'taskflow-demo';

type Violation = { directive: string; blocked: string; sample: string; page: string };

/**
 * Collects every CSP violation the pages report: the `securitypolicyviolation` event (from an
 * init script, so it is listening before the first byte of the app runs) and Chromium's console
 * messages about refused or blocked content.
 */
async function watchPolicy(page: Page): Promise<{ violations: Violation[]; console: string[] }> {
  const violations: Violation[] = [];
  const messages: string[] = [];
  await page.exposeFunction('__firedrillCspViolation', (v: Violation) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __firedrillCspViolation: (v: unknown) => void }).__firedrillCspViolation;
      report({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, page: location.href });
    });
  });
  page.on('console', (m) => {
    if (/Refused to|Content Security Policy|violates the following/i.test(m.text())) messages.push(m.text());
  });
  return { violations, console: messages };
}

function policyOf(content: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of content.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

async function waitForServiceWorker(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return 'none';
    if (worker.state !== 'activated') {
      await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
    }
    return worker.state;
  });
}

test('the built page carries a strict policy: own scripts only, no inline script or eval, no other origin', async ({ page }) => {
  await page.goto('./');
  const metas = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(metas).toHaveCount(1);
  const content = (await metas.getAttribute('content'))!;
  const policy = policyOf(content);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'self'"]);
  expect(["'none'", "'self'"]).toContain(policy.get('form-action')?.join(' '));
  expect(policy.get('style-src-attr')).toEqual(["'none'"]);
  // Nothing from elsewhere: no http(s) origin, no wildcard, in any directive.
  for (const [name, values] of policy) {
    for (const value of values) expect(value, `${name} ${value}`).not.toMatch(/^(https?:|\*|wss?:)|\*\./i);
  }
  for (const directive of ['script-src', 'worker-src', 'default-src']) {
    expect(policy.get(directive) ?? [], directive).not.toContain("'unsafe-inline'");
    expect(policy.get(directive) ?? [], directive).not.toContain("'unsafe-eval'");
  }
  // The policy must come before anything it governs, and the page has no inline script at all.
  const head = await page.evaluate(() => [...document.head.children].map((e) => `${e.localName} ${e.getAttribute('http-equiv') ?? ''}`));
  const first = head.findIndex((h) => /^(script|link|style) /.test(h));
  expect(head.indexOf('meta Content-Security-Policy')).toBeGreaterThanOrEqual(0);
  expect(head.indexOf('meta Content-Security-Policy')).toBeLessThan(first);
  expect(await page.locator('script:not([src])').count()).toBe(0);
});

test('a whole visit runs without a single policy violation', async ({ page, context }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const seen = await watchPolicy(page);

  // The picker, and the offline service worker registering and activating.
  await page.goto('./');
  await expect(page.getByRole('link', { name: 'Start: TaskFlow API down after a deploy' })).toBeVisible();
  expect(await waitForServiceWorker(page)).toBe('activated');

  // A scenario: commands, the in-page editor, every tab, the Embed dialog.
  await page.getByRole('link', { name: 'Start: TaskFlow API down after a deploy' }).click();
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await runCommand(page, `kubectl get pods -n ${NS}`);
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
  await runCommand(page, `kubectl describe deploy api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('ScalingReplicaSet');
  await runCommand(page, 'kubectl edit deployment/web-frontend -n taskflow-demo');
  const editor = page.getByRole('textbox', { name: 'YAML of the object being edited' });
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(terminalRows(page)).toContainText('Edit cancelled, no changes made.');
  for (const name of ['Command', 'Board', 'Timeline', 'Metrics', 'Hints', 'Incident']) {
    await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
    await expect(page.getByRole('tabpanel')).not.toContainText('Loading…');
  }
  await page.getByRole('tab', { name: /^Metrics/ }).click();
  await expect(page.getByRole('tabpanel').getByRole('img').first()).toBeVisible();
  await page.getByRole('tab', { name: /^Incident/ }).click();
  await page.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this scenario' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Also resize the frame/).check();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // To the end: the postmortem, the debrief and the completion card (drawn on a canvas, downloaded
  // through a blob: URL).
  await runCommand(page, `kubectl rollout undo deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('rolled back');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
  await page.getByRole('button', { name: 'Declare resolved' }).click();
  await expect(page.getByRole('heading', { name: 'Write the postmortem' })).toBeVisible();
  await submitRollbackPostmortem(page);
  const card = page.getByRole('region', { name: 'Your completion card' });
  await card.getByLabel('Name on the card (optional)').fill('Ada Lovelace');
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Download PNG' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.png$/);
  await card.getByRole('link', { name: 'Open the card page' }).click();
  await expect(page.getByRole('heading', { name: 'Firedrill completion card' })).toBeVisible();

  // The embed page, opened directly as a blog's frame would.
  await page.goto('./#/embed/taskflow-imagepull');
  await expect(page.getByRole('tablist', { name: 'Panels' })).toBeVisible();
  await expect(terminalRows(page)).toContainText('$');

  // Give late reports (lazy chunks, the worker) a moment to arrive.
  await page.waitForTimeout(500);
  expect(seen.violations).toEqual([]);
  expect(seen.console).toEqual([]);
});

test('the policy is enforced: inline script, eval and other origins are refused and reported', async ({ page }) => {
  const seen = await watchPolicy(page);
  await page.goto('./');
  await expect(page.getByRole('link', { name: 'Start: TaskFlow API down after a deploy' })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as { __inlineRan?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    // eval and new Function from page code (code that page.evaluate runs directly is exempt from
    // the policy, so run them in a later task, as an attacker's payload would run).
    const compile = async (make: () => unknown) => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      try {
        return String(make());
      } catch (e) {
        return (e as Error).name;
      }
    };
    // eslint-disable-next-line no-eval -- the point of the test: the policy must refuse eval
    const evalResult = await compile(() => window.eval('"eval ran"'));
    // eslint-disable-next-line no-new-func -- likewise for the Function constructor
    const functionResult = await compile(() => new Function('return "Function ran"')());
    const remote = document.createElement('script');
    remote.src = 'https://example.com/payload.js';
    const remoteLoaded = await new Promise<string>((resolve) => {
      remote.onload = () => resolve('loaded');
      remote.onerror = () => resolve('refused');
      document.head.append(remote);
    });
    return { inlineRan: w.__inlineRan === true, evalResult, functionResult, remoteLoaded };
  });
  expect(outcome).toEqual({ inlineRan: false, evalResult: 'EvalError', functionResult: 'EvalError', remoteLoaded: 'refused' });
  // Each refusal is reported: the inline script, eval and new Function, the remote script.
  await expect.poll(() => seen.violations.length).toBe(4);
  expect(seen.violations.filter((v) => v.directive === 'script-src-elem' && v.blocked === 'inline')).toHaveLength(1);
  expect(seen.violations.filter((v) => v.directive === 'script-src' && v.blocked === 'eval')).toHaveLength(2);
  expect(seen.violations.filter((v) => v.blocked === 'https://example.com/payload.js')).toHaveLength(1);
});
