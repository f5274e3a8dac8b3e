import { expect, test, type Page } from '@playwright/test';
import { runCommand, terminalRows, submitRollbackPostmortem } from './helpers';

const NS = 'taskflow-demo';

/** The fastest honest path through taskflow-crashloop: severity, roll back, wait, resolve, postmortem. */
async function finishScenario(page: Page): Promise<void> {
  await page.goto('./#/play/taskflow-crashloop');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await runCommand(page, `kubectl rollout undo deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('rolled back');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
  await page.getByRole('button', { name: 'Declare resolved' }).click();
  await expect(page.getByRole('heading', { name: 'Write the postmortem' })).toBeVisible();
  await submitRollbackPostmortem(page);
}

/** Width and height from a PNG's IHDR chunk (bytes 16..23), after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the completion card downloads as a 1200×630 PNG and its link shows the same card to anyone', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await finishScenario(page);

  const section = page.getByRole('region', { name: 'Your completion card' });
  await expect(section).toContainText('Self-reported', { ignoreCase: true });
  const score = Number(await page.locator('.score').first().textContent());
  const grade = score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : score >= 60 ? 'D' : 'E';
  await section.getByLabel('Name on the card (optional)').fill('Ada Lovelace');

  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Download PNG' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^firedrill-taskflow-crashloop-\d{4}-\d\d-\d\d\.png$/);
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  expect(pngSize(readFileSync(path))).toEqual({ width: 1200, height: 630 });

  await section.getByRole('button', { name: 'Copy link' }).click();
  await expect(section.getByRole('status')).toHaveText(/Link copied|Copy the link/);
  const link =
    (await section.getByRole('status').textContent())?.includes('Link copied')
      ? await page.evaluate(() => navigator.clipboard.readText())
      : await section.getByLabel('Card link').inputValue();
  expect(link).toMatch(/#\/card\/[A-Za-z0-9_-]+$/);

  // Anyone opening the link (a fresh page, no save) sees the same card.
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { name: 'Firedrill completion card' })).toBeVisible();
  const facts = other.locator('.card-facts');
  await expect(facts).toContainText('TaskFlow API down after a deploy');
  await expect(other.locator('.card-grade')).toHaveText(grade);
  await expect(facts).toContainText(`${score}/100`);
  await expect(other.locator('.card-name')).toHaveText('Ada Lovelace');
  await expect(other.getByText('Self-reported: anyone can make a link like this.')).toBeVisible();
  // The card is drawn too, at full size.
  expect(await other.locator('canvas.card-canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([1200, 630]);
});

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const card = { v: 1, s: 'taskflow-crashloop', t: 'TaskFlow API down after a deploy', g: 'B', sc: 84, m: 5, h: 0, d: '2026-12-07' };
const hostile: [string, string][] = [
  ['a script tag in the name', b64(JSON.stringify({ ...card, n: '<script>window.__pwned=1;alert(1)</script>' }))],
  ['an img onerror in a custom title', b64(JSON.stringify({ ...card, s: 'my:x', t: '"><img src=x onerror="window.__pwned=1;alert(1)">' }))],
  ['a javascript: scenario id', b64(JSON.stringify({ ...card, s: 'javascript:window.__pwned=1' }))],
  ['a javascript: URL as the payload', 'javascript:window.__pwned=1'],
  ['an unknown field', b64(JSON.stringify({ ...card, href: 'javascript:window.__pwned=1' }))],
  ['a wrong version', b64(JSON.stringify({ ...card, v: 2 }))],
  ['a forged grade', b64(JSON.stringify({ ...card, g: 'A' }))],
  ['invalid base64', '%3Cscript%3Ewindow.__pwned=1%3C%2Fscript%3E'],
  ['a huge payload', 'A'.repeat(100_000)],
];

test('hostile card links show an error and run nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  for (const [label, payload] of hostile) {
    // A full load each time, so no heading is left over from the previous link.
    await page.goto('about:blank');
    await page.goto(`./#/card/${payload}`);
    await expect(page.getByRole('heading', { name: 'This card link is damaged or forged' }), label).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the scenarios' })).toBeVisible();
    expect(await page.locator('main img, main script').count(), label).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), label).toBeUndefined();
  }
  expect(dialogs).toEqual([]);
  // A valid link on the same page shows the card, so the error above was the payload's doing.
  await page.goto(`./#/card/${b64(JSON.stringify({ ...card, n: "Ada O'Brien" }))}`);
  await expect(page.locator('.card-name')).toHaveText("Ada O'Brien");
});
