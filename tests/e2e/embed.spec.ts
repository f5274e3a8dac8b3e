import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { iframeSnippet, resizeScript } from '../../src/ui/embed/protocol';

/**
 * Embed mode: a demo blog on another origin embeds two scenarios with the snippet and the resize
 * script the Embed dialog hands out (built from the same functions), so this checks what a site
 * owner would paste.
 */
const CRASHLOOP = 'TaskFlow API down after a deploy';

async function openBlog(page: Page, baseURL: string): Promise<{ crash: FrameLocator; pull: FrameLocator }> {
  const embed = (id: string) => new URL(`#/embed/${id}`, baseURL).href;
  // The blog lives on another origin (and site) than the game's 127.0.0.1, so the frames are
  // third-party as on a real blog. It is written into a page the test server answers on localhost
  // (a 404 is fine): a document from loopback may frame the loopback game under Chromium's
  // local-network rules, where a made-up public host may not.
  await page.goto(`http://localhost:${new URL(baseURL).port}/blog/incident-drills.html`);
  await page.setContent(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ops blog: two incident drills</title>
<style>body { font-family: sans-serif; max-width: 900px; margin: 1rem auto; } iframe { display: block; }</style></head>
<body>
<h1>Two incident drills</h1>
<p>First, a crash loop.</p>
${iframeSnippet(embed('taskflow-crashloop'), CRASHLOOP).replace('<iframe ', '<iframe id="crash" ')}
<p>Then a pull that never finishes.</p>
${iframeSnippet(embed('taskflow-imagepull'), 'ImagePullBackOff').replace('<iframe ', '<iframe id="pull" ')}
${resizeScript()}
</body></html>`);
  return { crash: page.frameLocator('#crash'), pull: page.frameLocator('#pull') };
}

async function typeInto(page: Page, frame: FrameLocator, line: string): Promise<void> {
  await frame.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await expect(frame.locator('.xterm-rows')).toContainText(line);
  await page.keyboard.press('Enter');
}

test('a blog embeds two scenarios: compact, independent, sized by the game, deaf to the host', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const { crash, pull } = await openBlog(page, baseURL!);

  for (const [frame, id] of [
    [crash, 'taskflow-crashloop'],
    [pull, 'taskflow-imagepull'],
  ] as const) {
    // Terminal first, panels as tabs below it, no site chrome, and a way out to the full game.
    await expect(frame.locator('.xterm-rows')).toBeVisible();
    await expect(frame.getByRole('tablist', { name: 'Panels' })).toBeVisible();
    const terminalTop = (await frame.getByRole('region', { name: 'Terminal' }).boundingBox())!.y;
    const tabsTop = (await frame.getByRole('tablist', { name: 'Panels' }).boundingBox())!.y;
    expect(terminalTop).toBeLessThan(tabsTop);
    await expect(frame.getByRole('link', { name: 'Scenarios' })).toHaveCount(0);
    await expect(frame.getByRole('button', { name: 'Embed' })).toHaveCount(0);
    const out = frame.getByRole('link', { name: /Open full screen/ });
    await expect(out).toHaveAttribute('href', new URL(`#/play/${id}`, baseURL).href);
    await expect(out).toHaveAttribute('target', '_blank');

    // Progress is kept where the browser lets the frame store data; where it does not, the game
    // still plays (below) and says, in the embed's own words, that progress will not be kept.
    const canStore = await frame.locator('body').evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          try {
            const request = indexedDB.open('firedrill-embed-probe');
            request.onsuccess = () => resolve(true);
            request.onerror = () => resolve(false);
          } catch {
            resolve(false);
          }
        }),
    );
    const notice = frame.getByText('progress in this frame will not be kept');
    if (canStore) await expect(notice).toHaveCount(0);
    else await expect(notice).toBeVisible();
    await expect(frame.getByText('This browser will not let Firedrill store data')).toHaveCount(0);
  }

  // The frames follow the height each game reports (not the snippet's fixed 640 px), via the script.
  const heightOf = (id: string) => page.locator(`#${id}`).evaluate((el) => (el as HTMLIFrameElement).style.height);
  await expect.poll(() => heightOf('crash')).toMatch(/^\d+px$/);
  await expect.poll(() => heightOf('pull')).toMatch(/^\d+px$/);
  const contentHeight = (frame: FrameLocator) => frame.locator('.play').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  await expect.poll(async () => `${await contentHeight(crash)}px`).toBe(await heightOf('crash'));

  // Typing in one frame shows output there, and nothing in the other.
  await typeInto(page, crash, 'kubectl get pods -n taskflow-demo');
  await expect(crash.locator('.xterm-rows')).toContainText('CrashLoopBackOff');
  await expect(pull.locator('.xterm-rows')).not.toContainText('kubectl get pods');
  await typeInto(page, pull, 'kubectl get pods -n taskflow-demo');
  await expect(pull.locator('.xterm-rows')).toContainText(/ImagePullBackOff|ErrImagePull/);
  await expect(pull.locator('.xterm-rows')).not.toContainText('CrashLoopBackOff');

  // Another panel, another height: the frame follows it again.
  const before = await contentHeight(crash);
  await crash.getByRole('tab', { name: /Hints/ }).click();
  await expect.poll(() => contentHeight(crash)).not.toBe(before);
  await expect.poll(async () => `${await contentHeight(crash)}px`).toBe(await heightOf('crash'));

  // Hostile messages from the blog page: the game ignores them, and the host script ignores
  // height messages that do not come from its frames.
  const rowsBefore = await crash.locator('.xterm-rows').textContent();
  await page.evaluate(() => {
    const frame = document.getElementById('crash') as HTMLIFrameElement;
    const hostile = [
      { type: 'firedrill:height', version: 1, height: 50 },
      { type: 'firedrill:exec', line: 'kubectl delete namespace taskflow-demo' },
      'kubectl delete namespace taskflow-demo\r',
      { type: 'firedrill:restart' },
    ];
    for (const message of hostile) frame.contentWindow!.postMessage(message, '*');
    // Forged from the blog page itself: not from a frame, so the host script must not act.
    window.postMessage({ type: 'firedrill:height', version: 1, height: 3999 }, '*');
  });
  await page.waitForTimeout(500);
  expect(await crash.locator('.xterm-rows').textContent()).toBe(rowsBefore);
  await expect.poll(async () => `${await contentHeight(crash)}px`).toBe(await heightOf('crash'));
  expect(parseInt(await heightOf('crash'), 10)).toBeLessThan(3999);
  await typeInto(page, crash, 'kubectl get ns');
  await expect(crash.locator('.xterm-rows')).toContainText('taskflow-demo');

  // An embed address preloads the play screen like a play address does, never the picker.
  expect(requested.filter((url) => /ScenarioPicker/.test(url))).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('blog.png'), fullPage: true });
});

test('the Embed dialog gives a titled, lazy iframe snippet and the resize script, and returns focus', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./#/play/taskflow-crashloop');
  const open = page.getByRole('button', { name: 'Embed' });
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Embed this scenario' });
  await expect(dialog).toBeVisible();

  const snippet = dialog.getByLabel('HTML for the frame');
  await expect(snippet).toHaveAttribute('readonly', '');
  const expected = new URL('#/embed/taskflow-crashloop', baseURL).href;
  await expect(snippet).toHaveValue(
    new RegExp(`^<iframe src="${expected.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" title="Firedrill: ${CRASHLOOP}" loading="lazy"`),
  );
  await dialog.getByRole('button', { name: 'Copy frame HTML' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Frame HTML copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`title="Firedrill: ${CRASHLOOP}"`);
  expect(copied).toContain('loading="lazy"');
  expect(copied).toContain(`src="${expected}"`);

  await dialog.getByLabel(/Also resize the frame/).check();
  await expect(dialog.getByLabel('Resize script')).toHaveValue(/event\.source/);
  await page.screenshot({ path: test.info().outputPath('dialog.png') });

  // Escape closes it and focus goes back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
});
