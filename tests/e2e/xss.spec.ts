/**
 * The XSS corpus (tests/e2e/xssCorpus.ts) pushed through every way text gets into Firedrill: share
 * links, play and embed addresses, scenario files (then played to the end, so every string is
 * shown), the terminal, everything the learner writes and its Markdown exports, progress imports
 * and messages posted to an embed. Each test asserts that no dialog opened, the sentinel never ran,
 * no markup was planted in the DOM, and (where the text is shown) that it is shown literally. The
 * app itself must never turn text into markup: these pass with or without a Content-Security-Policy.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parse, stringify } from 'yaml';
import { terminalRows } from './helpers';
import { ESCAPES, LONG, NUL, PAYLOADS, RUN, expectNothingRan, expectShownLiterally, payload, watchDialogs } from './xssCorpus';

const NS = 'taskflow-demo';
const crashloop = readFileSync('scenarios/taskflow-crashloop/scenario.yaml', 'utf8');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Enters a command line as one paste (xterm gets it in one input event; the line editor treats it
 * as typed text), checks the echo, then presses Enter. Much faster than typing key by key.
 */
async function enter(page: Page, line: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.insertText(line);
  await expect(terminalRows(page)).toContainText(line);
  await page.keyboard.press('Enter');
}

/** Records the MIME type of every Blob the page turns into a URL (downloads): text, never HTML. */
async function recordBlobTypes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const types: string[] = [];
    (window as unknown as { __blobTypes: string[] }).__blobTypes = types;
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob) types.push(obj.type);
      return original(obj);
    };
  });
}

test.describe('share card links', () => {
  const card = { v: 1, s: 'my:drill', t: 'A drill', g: 'B', sc: 84, m: 5, h: 0, d: '2026-12-07' };
  // Titles the card schema accepts (no angle brackets, no control characters) but that would still
  // be dangerous as markup or as a URL.
  const validTitles = [
    `" onmouseover=${RUN} x="`,
    `javascript:${RUN}`,
    `[click](javascript:${RUN})`,
    `&lt;script&gt;${RUN}&lt;/script&gt;`,
    `＜script＞${RUN}＜/script＞`,
    `\u202Egnp.exe ${RUN}`,
    `zero\u200Dwidth\u200B${RUN}`,
    `{{constructor.constructor('${RUN}')()}}`,
  ];
  const validNames = ['Аda Lоvelace', 'ＳＣＲＩＰＴ', "O'Brien_-., 名前"];

  test('a valid link whose title and name carry payloads shows them as text; a forged one is refused; nothing runs', async ({ page }) => {
    test.setTimeout(120_000);
    const dialogs = watchDialogs(page);
    for (const [i, t] of validTitles.entries()) {
      const n = validNames[i % validNames.length] as string;
      await page.goto('about:blank');
      await page.goto(`./#/card/${b64(JSON.stringify({ ...card, t, n }))}`);
      await expect(page.getByRole('heading', { name: 'Firedrill completion card' }), t).toBeVisible();
      await expect(page.locator('.card-name')).toHaveText(n);
      await expectShownLiterally(page, t, `card title ${t}`);
      await expectNothingRan(page, dialogs, `card title ${t}`);
    }
    // Every payload of the corpus, in every field a link carries, and links that are not links.
    // A title without angle brackets or control characters is a valid (self-reported) card: shown
    // as text. Everything else is refused.
    // Each payload goes in one field, the fields taking turns (the schema checks each the same way
    // whatever the payload; what matters is that none of them reaches the page).
    const forged: string[] = [];
    for (const [i, p] of [...PAYLOADS, LONG, NUL].entries()) {
      const field = /[<>]/.test(p.text) || p.text.includes('\u0000') ? (['n', 's', 'd', 't'] as const)[i % 4] : (['n', 's', 'd'] as const)[i % 3];
      forged.push(b64(JSON.stringify({ ...card, [field as string]: p.text })));
    }
    forged.push(
      b64(JSON.stringify({ ...card, g: `<img src=x onerror=${RUN}>` })),
      b64(JSON.stringify({ ...card, href: `javascript:${RUN}` })),
      b64(JSON.stringify(card).replace('{', '{"__proto__":{"polluted":1},')),
      b64(`<script>${RUN}</script>`),
      encodeURIComponent(`<svg onload=${RUN}>`),
      `javascript:${RUN}`,
      `"><img src=x onerror=${RUN}>`,
      'A'.repeat(100_000),
    );
    for (const link of forged) {
      await page.goto('about:blank');
      await page.goto(`./#/card/${link}`);
      // A payload that is not a card path at all ("/" in it) is no card route: page not found.
      await expect(page.getByRole('heading', { name: /This card link is damaged or forged|Page not found/ }), link.slice(0, 80)).toBeVisible();
      await expectNothingRan(page, dialogs, `forged card ${link.slice(0, 80)}`);
    }
    expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');
  });
});

test('hostile play and embed addresses say "not found" with the id as text, and run nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs = watchDialogs(page);
  for (const [i, p] of [...PAYLOADS, LONG].entries()) {
    // The embed screen is the play screen in a compact layout: each payload takes one of them.
    for (const route of [i % 2 === 0 ? 'play' : 'embed']) {
      await page.goto('about:blank');
      await page.goto(`./#/${route}/${encodeURIComponent(p.text)}`);
      await expect(page.getByRole('heading', { name: 'Scenario not found' }), `${route}: ${p.name}`).toBeVisible();
      await expectNothingRan(page, dialogs, `#/${route}/ ${p.name}`);
      await expect(page.locator('main code').first()).toHaveText(p.text.replace(/\s+/g, ' ').trim());
    }
    // Not encoded at all: whatever the router makes of it, nothing runs.
    if (i % 2 === 0) continue;
    await page.goto('about:blank');
    await page.goto(`./#/play/${p.text}`);
    await expect(page.getByRole('heading', { name: /Scenario not found|Page not found/ }), `raw: ${p.name}`).toBeVisible();
    await expectNothingRan(page, dialogs, `raw #/play/ ${p.name}`);
  }
  // A broken percent-escape, and a custom-scenario key that does not exist.
  for (const hash of ['#/play/%E0%A4%A', `#/play/my%3A${encodeURIComponent(`<img src=x onerror=${RUN}>`)}`, `#/embed/my:${'x'.repeat(5000)}`]) {
    await page.goto('about:blank');
    await page.goto(`./${hash}`);
    await expect(page.getByRole('heading', { name: /not found/ }), hash).toBeVisible();
    await expectNothingRan(page, dialogs, hash);
  }
});

/** The first scenario with a payload in every string a learner sees; returns the file and the strings by field. */
function hostileScenario(): { text: string; at: Record<string, string> } {
  const doc = parse(crashloop) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the scenario file's own shape, edited in place
  const at: Record<string, string> = {};
  let k = 0;
  const put = (where: string, value?: string) => {
    const text = value ?? `${where}: ${payload(k++)}`;
    at[where] = text;
    return text;
  };
  doc.id = 'hostile-drill';
  doc.title = put('title', `Hostile drill <img src=x onerror=${RUN}>`);
  doc.summary = put('summary');
  doc.failureType = put('failureType', `<svg onload=${RUN}>`);
  doc.objectives = [put('objective')];
  doc.brief.alert.title = put('alertTitle');
  doc.brief.alert.text = put('alertText');
  doc.brief.context = put('context', `Context ${LONG.text}`);
  doc.timeline.forEach((e: { text: string }, i: number) => (e.text = put(`timeline${i}`)));
  doc.clues.forEach((c: { title: string; finding: string }, i: number) => {
    c.title = put(`clueTitle${i}`);
    c.finding = put(`clueFinding${i}`);
  });
  doc.steps.forEach((s: { title: string }, i: number) => (s.title = put(`step${i}`)));
  doc.hints.forEach((h: { title: string; levels: { text: string }[] }, i: number) => {
    h.title = put(`hintTitle${i}`);
    h.levels.forEach((l, j) => (l.text = put(`hint${i}.${j}`)));
  });
  doc.board.forEach((b: { text: string; explanation: string }, i: number) => {
    b.text = put(`board${i}`);
    b.explanation = put(`boardWhy${i}`);
  });
  doc.decision.question = put('question');
  doc.decision.options.forEach((o: { label: string; description: string; feedback: string }, i: number) => {
    o.label = put(`optionLabel${i}`, `${i === 0 ? 'Roll back' : 'Fix forward'} ${payload(k++)}`);
    o.description = put(`optionDescription${i}`);
    o.feedback = put(`optionFeedback${i}`);
  });
  for (const [key, section] of Object.entries(doc.postmortem as Record<string, { ok: string; mustMention: { feedback: string }[] }>)) {
    section.ok = put(`pmOk.${key}`);
    section.mustMention.forEach((m, j) => (m.feedback = put(`pmFeedback.${key}.${j}`)));
  }
  doc.answerKey.severityWhy = put('severityWhy');
  doc.answerKey.explanation = put('explanation');
  doc.answerKey.expectedPath.forEach((p: { command: string; why: string }, i: number) => {
    p.command = put(`pathCommand${i}`, `${p.command} # ${payload(k++)}`);
    p.why = put(`pathWhy${i}`);
  });
  for (const key of Object.keys(doc.answerKey.examplePostmortem)) doc.answerKey.examplePostmortem[key] = put(`example.${key}`);
  // The crashing version's log: markup, shown by kubectl logs. (Escape sequences are refused: see
  // the YAML test.)
  const image = doc.world.images.find((i: { image: string }) => i.image.endsWith(':2.4.0'));
  image.outcomes[0].logs.splice(1, 0, { after: 0.3, text: `{{time}} WARN <script>${RUN}</script> <img src=x onerror=${RUN}> end-of-hostile-line` });
  return { text: stringify(doc), at };
}

test('a scenario file with a payload in every string plays to the end, shows each as text, and exports it escaped', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await recordBlobTypes(page);
  const dialogs = watchDialogs(page);
  const { text, at } = hostileScenario();
  const shown = async (keys: string[], where: string) => {
    for (const key of keys) await expectShownLiterally(page, at[key] as string, `${where}, ${key}`);
    await expectNothingRan(page, dialogs, where);
  };

  await page.goto('./');
  await page
    .getByLabel('Choose a scenario file')
    .setInputFiles({ name: `<img src=x onerror=${RUN}>.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(text) });
  await expect(page).toHaveURL(/#\/play\/my%3Ahostile-drill$/);
  // The brief.
  await expect(page.getByRole('heading', { name: at.title })).toBeVisible();
  await shown(['title', 'alertTitle', 'alertText', 'context'], 'brief');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV2');
  await page.getByRole('button', { name: 'Start investigating' }).click();

  // The investigation steps, then the terminal: the log line's markup is text.
  await shown(['step0', 'step1', 'step4'], 'steps');
  await enter(page, `kubectl get pods -n ${NS}`);
  await expect(terminalRows(page)).toContainText('CrashLoopBackOff');
  const pod = /api-service-[a-z0-9]+-[a-z0-9]{5}/.exec((await terminalRows(page).textContent()) ?? '')?.[0] as string;
  await enter(page, `kubectl describe pod ${pod} -n ${NS}`);
  await expect(terminalRows(page)).toContainText('Back-off restarting failed container');
  await enter(page, `kubectl logs ${pod} -n ${NS}`);
  await expect(terminalRows(page)).toContainText('end-of-hostile-line');
  await expect(terminalRows(page)).toContainText(`WARN <script>${RUN}</script> <img src=x onerror=${RUN}> end-of-hostile-line`);
  await enter(page, `kubectl rollout history deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('REVISION');
  await expectNothingRan(page, dialogs, 'terminal');

  // Hints: every level of two sets.
  await page.getByRole('tab', { name: /Hints/ }).click();
  for (const i of [0, 1]) {
    const set = page.locator('.hint-set').nth(i);
    for (let j = 0; j < 3; j++) await set.getByRole('button', { name: /^Show hint/ }).click();
    await expect(set.getByRole('listitem')).toHaveCount(3);
  }
  await shown(['hintTitle0', 'hint0.0', 'hint0.1', 'hint0.2', 'hintTitle1', 'hint1.2', 'hintTitle7'], 'hints');

  // The board: the scenario's statements, then one of the learner's own.
  await page.getByRole('tab', { name: /Board/ }).click();
  await shown(['board0', 'board3', 'board6'], 'board');
  const mine = `Mine: ${payload(5)}`;
  await page.getByLabel('Statement').fill(mine);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expectShownLiterally(page, mine, 'my board card');
  await expectNothingRan(page, dialogs, 'my board card');
  // Sorted: the first statement (the crash loop) is a fact, citing the first finding.
  const crash = page.locator('.column-unsorted .card').first();
  await crash.getByRole('button', { name: 'Fact…' }).click();
  await crash.getByLabel('Which evidence shows this?').selectOption({ index: 0 });
  await crash.getByRole('button', { name: 'Mark as fact' }).click();
  await expect(page.locator('.column-fact .card')).toHaveCount(1);
  await page.getByRole('button', { name: /Done sorting/ }).click();

  // Incident tab: the steps and the decision.
  await page.getByRole('tab', { name: 'Incident' }).click();
  await shown(['question', 'optionLabel0', 'optionDescription0', 'optionLabel1', 'optionDescription1'], 'decision');
  await page.getByRole('button', { name: /^Choose roll back/ }).click();
  await shown(['optionFeedback0'], 'decision feedback');

  // Command tab: a stakeholder update and a hand-over note.
  await page.getByRole('tab', { name: /Command/ }).click();
  const update = `API down. ${payload(0)} ${payload(14)} Next update at 16:10 UTC.`;
  await page.getByLabel(/Your update/).fill(update);
  await page.getByRole('button', { name: 'Send update' }).click();
  await expect(page.getByRole('heading', { name: /Feedback on your update/ })).toBeVisible();
  const handover = `Handing over. ${payload(6)}\n${payload(16)}`;
  await page.getByLabel(/For the team that owns the service next/).fill(handover);
  await page.getByRole('button', { name: 'Hand over' }).click();
  await expect(page.getByText('Handed over at')).toBeVisible();
  await expectShownLiterally(page, handover, 'hand-over note');
  await expectNothingRan(page, dialogs, 'command panel');

  // Timeline: the scenario's entries, a note, and the Markdown export.
  await page.getByRole('tab', { name: /Timeline/ }).click();
  const note = `Note ${payload(1)} | # heading * [x](javascript:${RUN})`;
  await page.getByLabel('Add a note').fill(note);
  await page.getByRole('button', { name: 'Add note' }).click();
  await shown(['timeline0', 'timeline1', 'timeline2', 'clueFinding0', 'clueFinding4'], 'timeline');
  await expectShownLiterally(page, note, 'timeline note');
  // The timeline shortens long updates (with "…"): the start is there, as text.
  await expectShownLiterally(page, `Stakeholder update: API down. ${payload(0)} ${payload(14).slice(0, 20)}`, 'the update in the timeline');
  const timelineDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as Markdown' }).click();
  const timelineMd = readFileSync((await (await timelineDownload).path())!, 'utf8');
  // Markdown punctuation, angle brackets included, is escaped: a Markdown viewer shows it as text.
  expect(timelineMd).toContain(`## Timeline: Hostile drill \\<img src=x onerror=alert\\(top.\\_\\_xss=1\\)\\>\n`);
  expect(timelineMd).toContain(`(Note) Note \\<img src=x onerror=alert\\(top.\\_\\_xss=1\\)\\> \\| \\# heading \\* \\[x\\]\\(javascript:alert\\(top.\\_\\_xss=1\\)\\)`);
  expect(timelineMd).not.toMatch(/(?<!\\)<(img|script|svg|iframe)/);

  // Mitigate, wait, resolve.
  await enter(page, `kubectl rollout undo deployment/api-service -n ${NS}`);
  await expect(terminalRows(page)).toContainText('rolled back');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Wait 1 min' }).first().click();
  await page.getByRole('tab', { name: 'Incident' }).click();
  await page.getByRole('button', { name: 'Declare resolved' }).click();

  // The postmortem: a payload in every section.
  await expect(page.getByRole('heading', { name: 'Write the postmortem' })).toBeVisible();
  const draft: Record<string, string> = {};
  for (const [i, label] of ['Summary', 'Impact', 'Root cause', 'Trigger', 'Detection', 'Resolution', 'What went well', 'What went badly', 'Action items'].entries()) {
    draft[label] = `${label}: ${payload(i + 3)}${i === 0 ? `\n# not a heading\n<script>${RUN}</script>` : ''}`;
    await page.getByLabel(label, { exact: true }).fill(draft[label] as string);
  }
  await page.getByRole('button', { name: 'Import the incident timeline' }).click();
  await page.getByRole('button', { name: 'Submit postmortem' }).click();
  await expect(page.getByRole('heading', { name: /Incident closed/ })).toBeVisible();

  // Results: the answer key, the example, the board review, the learner's own words.
  await shown(
    ['severityWhy', 'explanation', 'pathCommand0', 'pathWhy0', 'pathWhy7', 'example.summary', 'example.actionItems', 'boardWhy0', 'boardWhy6'],
    'results',
  );
  for (const label of ['Impact', 'Root cause', 'Action items']) await expectShownLiterally(page, draft[label] as string, `results: my ${label}`);

  // The completion card: a markup name is refused (left off); a unicode one is kept, as text.
  const section = page.getByRole('region', { name: 'Your completion card' });
  const nameField = section.getByLabel('Name on the card (optional)');
  await nameField.fill(`<img src=x onerror=${RUN}>`);
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await nameField.fill('Аda Lоvelace ＳＣＲＩＰＴ');
  await expect(nameField).toHaveAttribute('aria-invalid', 'false');
  await section.getByRole('button', { name: 'Copy link' }).click();
  await expect(section.getByRole('status')).toHaveText(/Link copied|Copy the link/);
  const link = (await section.getByRole('status').textContent())?.includes('Link copied')
    ? await page.evaluate(() => navigator.clipboard.readText())
    : await section.getByLabel('Card link').inputValue();

  // The postmortem download: the learner's own words as written (a Markdown file is never rendered
  // here), its headings indented so they cannot break the outline, the title escaped.
  const pmDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download your postmortem (Markdown)' }).click();
  const pmMd = readFileSync((await (await pmDownload).path())!, 'utf8');
  expect(pmMd).toMatch(/^# Postmortem: Hostile drill \\<img src=x onerror=alert\\\(top\.\\_\\_xss=1\\\)\\>\n/);
  expect(pmMd).toContain(`## Summary\n\n${draft.Summary?.replace('\n# not', '\n    # not')}\n`);
  expect(pmMd).toContain(`## Action items\n\n${draft['Action items']}\n`);
  expect(await page.evaluate(() => (window as unknown as { __blobTypes: string[] }).__blobTypes)).toEqual([
    'text/markdown;charset=utf-8',
    'text/markdown;charset=utf-8',
  ]);
  await expectNothingRan(page, dialogs, 'results');

  // The card link, opened anywhere: the title's angle brackets are gone, the rest is text.
  const other = await page.context().newPage();
  const otherDialogs = watchDialogs(other);
  await other.goto(link);
  await expect(other.locator('.card-name')).toHaveText('Аda Lоvelace ＳＣＲＩＰＴ');
  await expect(other.locator('.card-facts')).toContainText(`Hostile drill  img src=x onerror=${RUN}`.replace(/\s+/g, ' '));
  await expectNothingRan(other, otherDialogs, 'card from a hostile scenario');
  await other.close();

  // A reload replays the save: the same strings, still text.
  await page.reload();
  await expect(page.getByRole('heading', { name: /Incident closed/ })).toBeVisible();
  await shown(['severityWhy', 'example.rootCause'], 'results after a reload');

  // The picker lists the file by its (hostile) name and title, as text.
  await page.goto('./');
  const listed = page.getByRole('list', { name: 'Scenarios you loaded' }).locator(':scope > li');
  await expect(listed).toContainText(`From <img src=x onerror=${RUN}>.yaml`);
  await shown(['title', 'summary', 'failureType'], 'picker');

  // Carried to another browser through a progress export: the replayed game is still only text.
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my progress' }).click();
  const progress = readFileSync((await (await exported).path())!, 'utf8');
  const there = await browser.newContext();
  const tab = await there.newPage();
  const thereDialogs = watchDialogs(tab);
  await tab.goto('./');
  await tab.getByLabel('Import progress…').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(progress) });
  await expect(tab.getByText(/^Imported: 2 added/)).toBeVisible();
  await tab.getByRole('link', { name: /^(Continue|Review|Open|Start).*: Hostile drill/ }).click();
  await expect(tab.getByRole('heading', { name: /Incident closed/ })).toBeVisible();
  await expectShownLiterally(tab, at.explanation as string, 'imported results');
  await expectShownLiterally(tab, draft['Root cause'] as string, 'imported postmortem');
  await expectNothingRan(tab, thereDialogs, 'imported game');
  await there.close();
});

test('YAML tricks in a scenario file are refused or read as plain data: no code, no prototype pollution, no hang', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await page.goto('./');
  const base = parse(crashloop) as Record<string, unknown>;
  const files: [string, string][] = [
    ['a JS function tag', crashloop.replace(/^title: .*$/m, `title: !!js/function 'function () { ${RUN} }'`)],
    ['a custom tag', crashloop.replace(/^title: .*$/m, `title: !<tag:yaml.org,2002:js/eval> '${RUN}'`)],
    ['a python object tag', crashloop.replace(/^title: .*$/m, `title: !!python/object/apply:os.system ['${RUN}']`)],
    ['__proto__ keys', `__proto__: { polluted: yes }\nconstructor: { prototype: { polluted: yes } }\n${crashloop.replace(/^id: .*$/m, 'id: proto-drill')}`],
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n`],
    ['a merge key carrying markup', `base: &b { title: "<script>${RUN}</script>" }\n<<: *b\n${crashloop.replace(/^title: .*\n/m, '').replace(/^id: .*$/m, 'id: merge-drill')}`],
    ['a JSON file with markup keys', JSON.stringify({ ...base, id: 'json-drill', [`<img src=x onerror=${RUN}>`]: 1 })],
  ];
  // Control characters would reach the terminal as escape sequences: refused, naming where.
  const escapes: [string, string, string][] = [
    ['a NUL in the title', crashloop.replace(/^title: .*$/m, `title: "x\\0<img src=x onerror=${RUN}>"`), 'at title: expected text without control characters (only tab and line breaks), found U+0000'],
    ['escape sequences in a log line', crashloop.replace('{{time}} INFO  taskflow-api 2.4.0 starting', `{{time}} ${JSON.stringify(ESCAPES).slice(1, -1)}`), 'found U+001B'],
  ];
  for (const [label, content, problem] of escapes) {
    await page.goto('./');
    await page.getByLabel('Choose a scenario file').setInputFiles({ name: `${label}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(content) });
    await expect(page.getByRole('alert'), label).toContainText(problem);
    await expectNothingRan(page, dialogs, label);
  }
  for (const [label, content] of files) {
    await page.goto('./');
    await page.getByLabel('Choose a scenario file').setInputFiles({ name: `${label}.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(content) });
    // Either refused with a reason, or loaded and playing: never anything else.
    await expect(page.getByRole('alert').or(page.getByRole('button', { name: 'Start investigating' })).first(), label).toBeVisible();
    await expectNothingRan(page, dialogs, label);
    expect(await page.evaluate(() => ({}) as Record<string, unknown>), label).not.toHaveProperty('polluted');
  }
});

test('the terminal shows payloads typed as names, arguments, labels and data as text, in output, history and search', async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs = watchDialogs(page);
  await page.goto('./#/play/taskflow-crashloop');
  await page.getByLabel('How bad is it? Set a severity').selectOption('SEV3');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  const rows = terminalRows(page);
  const lines: [string, string | RegExp][] = [
    [`kubectl get pod '<svg onload=${RUN}>' -n ${NS}`, `Error from server (NotFound): pods "<svg onload=${RUN}>" not found`],
    [`kubectl get pods '<script>${RUN}</script>' -n ${NS}`, "(e.g. 'kubectl get resource/<resource_name>'"],
    [`echo '<img src=x onerror=${RUN}>' "＜script＞"`, `<img src=x onerror=${RUN}> ＜script＞`],
    [`echo 'javascript:${RUN}' '[x](javascript:${RUN})'`, `javascript:${RUN} [x](javascript:${RUN})`],
    [`kubectl create configmap xss -n ${NS} --from-literal='k=<svg onload=${RUN}>'`, 'configmap/xss created'],
    [`kubectl get configmap xss -n ${NS} -o yaml`, `k: <svg onload=${RUN}>`],
    [`kubectl describe configmap xss -n ${NS}`, `<svg onload=${RUN}>`],
    [`kubectl get cm xss -n ${NS} -o jsonpath='{.data.k}'`, `<svg onload=${RUN}>`],
    [`kubectl set env deployment/worker -n ${NS} 'NOTE=<iframe srcdoc=x>'`, 'deployment.apps/worker env updated'],
    [`kubectl describe deploy worker -n ${NS}`, 'NOTE:  <iframe srcdoc=x>'],
    [`kubectl get pods -l 'app=<b>' -n ${NS}`, /No resources found|unable to parse|error/],
    // xterm draws U+202E as a zero-width mark on the cell before it: at the start of a line it has none.
    [`echo '\u202Egnp.exe' 'Аda' 'zero\u200Bwidth'`, 'gnp.exe Аda zero'],
    [`echo ${'B'.repeat(60)}`, 'B'.repeat(60)],
  ];
  for (const [line, expected] of lines) {
    await enter(page, line);
    await expect(rows, line).toContainText(expected);
    await expectNothingRan(page, dialogs, line);
  }
  await enter(page, 'history');
  await expect(rows).toContainText(`kubectl set env deployment/worker -n ${NS} 'NOTE=<iframe srcdoc=x>'`);
  // Ctrl-R finds a payload line and shows it as typed.
  await page.keyboard.press('Control+R');
  await page.keyboard.type('onerror');
  await expect(rows).toContainText(`(reverse-i-search)\`onerror': echo '<img src=x onerror=${RUN}>' "＜script＞"`);
  await page.keyboard.press('Control+C');
  await expectNothingRan(page, dialogs, 'history and search');
  // A reload restores the transcript: still text.
  await page.reload();
  await expect(rows).toContainText('<iframe srcdoc=x>');
  expect(await page.locator('.xterm a, .xterm [href]').count()).toBe(0);
  await expectNothingRan(page, dialogs, 'restored transcript');
});

test('a hostile progress import: payloads in every field are skipped or shown as text, a save with escape sequences is skipped, nothing runs', async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs = watchDialogs(page);
  const start = Date.UTC(2026, 10, 24, 15, 40, 0);
  const at = (s: number) => start + s * 1000;
  const hostileSave = {
    scenarioId: 'taskflow-crashloop',
    savedAt: Date.now(),
    status: 'in-progress',
    postmortemDraft: { summary: payload(0), impact: payload(1), rootCause: payload(2), trigger: payload(3), resolution: payload(4), actionItems: payload(5), timeline: NUL.text },
    save: {
      format: 1,
      scenarioId: 'taskflow-crashloop',
      arrivalMs: start,
      simNowMs: at(30),
      transcript: `(default) $ echo hi\n<img src=x onerror=${RUN}> transcript-end <script>${RUN}</script>\n`,
      inputs: [
        { at: at(1), kind: 'action', action: { type: 'setSeverity', severity: 'SEV2' } },
        { at: at(2), kind: 'action', action: { type: 'startInvestigation' } },
        { at: at(3), kind: 'exec', line: `echo '<img src=x onerror=${RUN}>'` },
        { at: at(4), kind: 'action', action: { type: 'addNote', text: `Imported note ${payload(6)}` } },
        { at: at(5), kind: 'action', action: { type: 'addCard', text: `Imported card ${payload(7)}`, column: 'assumption' } },
        { at: at(6), kind: 'action', action: { type: 'postUpdate', text: `Imported update ${payload(8)}` } },
        // (An action the game refuses, such as a hint id that does not exist, sets the whole save aside.)
        { at: at(7), kind: 'action', action: { type: 'revealHint', hintId: 'component' } },
        { at: at(8), kind: 'action', action: { type: 'handOver', text: `Imported hand-over ${payload(13)}` } },
      ],
    },
  };
  const scenarioText = hostileScenario().text;
  const file = {
    format: 'firedrill-progress',
    version: 1,
    exportedAt: `<script>${RUN}</script>`,
    sessions: [
      hostileSave,
      { ...hostileSave, scenarioId: `<img src=x onerror=${RUN}>`, save: { ...hostileSave.save, scenarioId: `<img src=x onerror=${RUN}>` } },
      { ...hostileSave, scenarioId: `javascript:${RUN}` },
      JSON.parse('{"__proto__": {"polluted": 1}, "scenarioId": "x"}') as unknown,
      // Escape sequences in the transcript a reload prints back: the terminal would obey them.
      { ...hostileSave, scenarioId: 'taskflow-imagepull', save: { ...hostileSave.save, scenarioId: 'taskflow-imagepull', inputs: [], transcript: `${ESCAPES}\n` } },
    ],
    scenarios: [
      {
        key: 'my:hostile-drill',
        record: {
          fileName: `"><img src=x onerror=${RUN}>.yaml`,
          text: scenarioText,
          id: 'hostile-drill',
          title: `Imported <svg onload=${RUN}>`,
          summary: payload(9),
          failureType: payload(10),
          difficulty: payload(11),
          estimatedMinutes: 5,
          loadedAt: Date.now(),
        },
      },
      { key: `my:<script>${RUN}</script>`, record: { fileName: 'x', text: 'x', id: 'x', title: 'x', summary: 'x', failureType: 'x', difficulty: 'x', estimatedMinutes: 1, loadedAt: 0 } },
    ],
  };
  await page.goto('./');
  await page.getByLabel('Import progress…').setInputFiles({ name: `<img src=x onerror=${RUN}>.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  // A save for a scenario this browser does not have (yet) is kept; one whose ids disagree is not.
  await expect(page.getByText(/^Imported: 3 added, 0 updated, 0 already here; 4 records skipped as invalid\.$/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(`Skipped as invalid: sessions[2] (javascript:${RUN}), sessions[3], sessions[4] (taskflow-imagepull), scenarios[1].`);
  await expectNothingRan(page, dialogs, 'after import');
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');
  // The imported scenario record is listed by its own (hostile) fields, as text.
  const listed = page.getByRole('list', { name: 'Scenarios you loaded' }).locator(':scope > li');
  await expect(listed).toContainText(`From "><img src=x onerror=${RUN}>.yaml`);
  for (const text of [`Imported <svg onload=${RUN}>`, payload(9), payload(10), payload(11)]) await expectShownLiterally(page, text, 'imported record');
  await expectNothingRan(page, dialogs, 'picker after import');

  // The imported save replays: its transcript's escapes are shown, its inputs are text everywhere.
  await page.goto('./#/play/taskflow-crashloop');
  const rows = terminalRows(page);
  await expect(rows).toContainText(`<img src=x onerror=${RUN}> transcript-end <script>${RUN}</script>`);
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('ArrowUp');
  await expect(rows).toContainText(`$ echo '<img src=x onerror=${RUN}>'`);
  await page.keyboard.press('Control+C');
  await page.getByRole('tab', { name: /Timeline/ }).click();
  await expectShownLiterally(page, `Imported note ${payload(6)}`, 'imported note');
  await expectShownLiterally(page, `Imported update ${payload(8)}`, 'imported update');
  await page.getByRole('tab', { name: /Board/ }).click();
  await expectShownLiterally(page, `Imported card ${payload(7)}`, 'imported card');
  await page.getByRole('tab', { name: /Command/ }).click();
  await expectShownLiterally(page, `Imported hand-over ${payload(13)}`, 'imported hand-over');
  await expectNothingRan(page, dialogs, 'imported game');
});

test('an embedded game ignores whatever the host page posts to it', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await page.goto('./#/embed/taskflow-crashloop');
  await expect(terminalRows(page)).toContainText('$');
  await page.evaluate((run) => {
    for (const message of [
      `<img src=x onerror=${run}>`,
      { type: 'firedrill:height', height: `<script>${run}</script>` },
      { html: `<svg onload=${run}>`, command: `echo <script>${run}</script>`, eval: run },
      `javascript:${run}`,
    ]) {
      window.postMessage(message, '*');
    }
  }, RUN);
  // Messages are delivered in order: once a last one has arrived, the app has seen all of them.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        window.addEventListener('message', (event) => event.data === 'xss-done' && resolve());
        window.postMessage('xss-done', '*');
      }),
  );
  await expect(terminalRows(page)).not.toContainText('<script>');
  await expectNothingRan(page, dialogs, 'posted messages');
});
