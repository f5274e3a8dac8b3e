/**
 * Scenarios of the catalog played end to end in the browser the way a learner would: from the
 * picker, through the brief, the answer key's commands typed into the terminal (pod placeholders
 * filled from what `kubectl get pods` shows on screen), the board, the decision (in the terminal,
 * or in the panel for a hold), waiting until the cluster confirms recovery, and the example
 * postmortem, to the results. crashloop and imagepull have their own, more detailed specs.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { runCommand, terminalRows, watchForProblems } from './helpers';

interface Scenario {
  title: string;
  decision: { recommended: string; options: { choice: string; label: string }[] };
  board: { id: string; text: string; supportedBy: string[] }[];
  recovery: { namespace: string };
  answerKey: {
    severity: string;
    expectedPath: { command: string }[];
    examplePostmortem: Record<'summary' | 'impact' | 'rootCause' | 'trigger' | 'resolution' | 'actionItems', string>;
  };
}

const PLAYED = ['taskflow-readiness', 'taskflow-false-alarm', 'taskflow-migration'];

function load(id: string): Scenario {
  return parse(readFileSync(`scenarios/${id}/scenario.yaml`, 'utf8')) as Scenario;
}

/** Pod rows as the terminal shows them after `kubectl get pods --no-headers`. */
async function podRows(page: Page, ns: string): Promise<{ name: string; ready: string; status: string }[]> {
  await runCommand(page, 'clear');
  await runCommand(page, `kubectl get pods -n ${ns} --no-headers`);
  // The prompt after the output: the listing is complete.
  await expect(terminalRows(page)).toContainText(/--no-headers.*\$[\s\u00a0]*$/);
  const text = await terminalRows(page).locator(':scope > div').allInnerTexts();
  return text
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5 && /^\d+\/\d+$/.test(f[1] ?? ''))
    .map(([name = '', ready = '', status = '']) => ({ name, ready, status }));
}

/** `<api-service pod>`, `<web-frontend pod in ImagePullBackOff>`: a pod of that workload, failing if one is. */
async function fill(page: Page, command: string, ns: string): Promise<string> {
  let out = command;
  for (const m of command.matchAll(/<([^<>]+)>/g)) {
    const inside = m[1]!;
    const rows = await podRows(page, ns);
    const owned = (pod: string, owner: string) => new RegExp(`^${owner}-(?:[a-z0-9]{6,10}-)?[a-z0-9]{5}$`).test(pod);
    const owner = inside.split(/[\s,]+/).find((w) => w.length > 0 && rows.some((p) => owned(p.name, w)));
    expect(owner, `a workload named in ${m[0]}`).toBeDefined();
    const mine = rows.filter((p) => owned(p.name, owner!));
    const healthy = (p: { ready: string }) => /^(\d+)\/\1$/.test(p.ready);
    const status = mine.find((p) => inside.toLowerCase().includes(p.status.toLowerCase()) && p.status !== 'Running');
    const pick = status ?? (/\b(old|healthy|serving|ready)\b/i.test(inside) ? mine.find(healthy) : undefined) ?? mine.find((p) => !healthy(p)) ?? mine[0]!;
    out = out.replace(m[0], pick.name);
  }
  return out;
}

for (const id of PLAYED) {
  test(`a learner plays ${id} from the picker to the results`, async ({ page }) => {
    test.setTimeout(180_000);
    const scenario = load(id);
    const ns = scenario.recovery.namespace;
    const problems = watchForProblems(page);
    await page.goto('./');
    await page.getByRole('link', { name: `Start: ${scenario.title}` }).click();
    await page.getByLabel('How bad is it? Set a severity').selectOption(scenario.answerKey.severity);
    await page.getByRole('button', { name: 'Start investigating' }).click();

    for (const step of scenario.answerKey.expectedPath) {
      if (step.command.startsWith('(')) continue;
      const line = await fill(page, step.command, ns);
      await runCommand(page, line);
      // Commands that follow (rollout status) end when the cluster gets there, on the clock that
      // follows wall time: wait for the prompt as a learner would.
      await expect(terminalRows(page)).toContainText(/\$[\s\u00a0]*$/, { timeout: 60_000 });
      await expect(terminalRows(page)).not.toContainText(/\berror: |Error from server/);
    }
    await page.getByRole('tab', { name: /Incident/ }).click();

    if (scenario.decision.recommended === 'hold') {
      // The board first: a fact with the evidence that shows it, then the decision panel.
      await page.getByRole('tab', { name: /Board/ }).click();
      const fact = scenario.board.find((c) => c.supportedBy.length > 0)!;
      const card = page.getByRole('listitem', { name: fact.text });
      await card.getByRole('button', { name: 'Fact…' }).click();
      const evidence = card.getByLabel('Which evidence shows this?');
      const options = await evidence.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
      await evidence.selectOption(options.find((o) => fact.supportedBy.includes(o))!);
      await card.getByRole('button', { name: 'Mark as fact' }).click();
      await page.getByRole('button', { name: 'Done sorting: decide what to do' }).click();
      const hold = scenario.decision.options.find((o) => o.choice === 'hold')!;
      await page.getByRole('button', { name: `Choose ${hold.label.toLowerCase()}` }).click();
    }
    await expect(page.getByRole('heading', { name: 'Mitigate and prove recovery' })).toBeVisible();

    // Recovery is the cluster's word: wait a minute at a time until it is given.
    const postmortem = page.getByRole('heading', { name: 'Write the postmortem' });
    for (let i = 0; i < 12 && !(await postmortem.isVisible()); i++) {
      await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
      await page.getByRole('button', { name: 'Declare resolved' }).click();
    }
    await expect(postmortem).toBeVisible();

    const pm = scenario.answerKey.examplePostmortem;
    await page.getByLabel('Summary').fill(pm.summary);
    await page.getByLabel('Impact').fill(pm.impact);
    await page.getByLabel('Root cause').fill(pm.rootCause);
    await page.getByLabel('Trigger').fill(pm.trigger);
    await page.getByLabel('Resolution').fill(pm.resolution);
    await page.getByLabel('Action items').fill(pm.actionItems);
    await page.getByRole('button', { name: 'Submit postmortem' }).click();
    await expect(page.getByRole('heading', { name: /Incident closed/ })).toBeVisible();
    await expect(page.getByText(`Severity: ${scenario.answerKey.severity}`)).toBeVisible();
    await expect(page.locator('.rubric-line.ok')).toHaveCount(6);

    await page.getByRole('link', { name: 'Back to the scenarios' }).click();
    await expect(page.getByRole('list', { name: 'Scenarios' }).locator(':scope > li').filter({ hasText: scenario.title })).toContainText(/Resolved · grade/);
    expect(problems).toEqual([]);
  });
}
