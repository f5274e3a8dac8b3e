/**
 * The XSS corpus: text that would run script or plant markup if the app ever treated untrusted text
 * (scenario files, share links, learner writing, progress imports, addresses) as HTML, a URL or
 * code. Every payload that could run calls the same sentinel, `alert(top.__xss=1)`: it sets
 * window.__xss and opens a dialog, so a test that listens for dialogs and reads window.__xss sees
 * any of them run, whichever way it got in.
 */
import { expect, type Page } from '@playwright/test';

/** What a payload runs if it ever runs. */
export const RUN = 'alert(top.__xss=1)';

export interface Payload {
  name: string;
  text: string;
}

/** "<script>" in base64, as a data: URL would carry it. */
const DATA_HTML = `data:text/html;base64,${Buffer.from(`<script>${RUN}</script>`).toString('base64')}`;

export const PAYLOADS: readonly Payload[] = [
  { name: 'a script tag', text: `<script>${RUN}</script>` },
  { name: 'an img onerror', text: `<img src=x onerror=${RUN}>` },
  { name: 'an svg onload', text: `<svg onload=${RUN}>` },
  { name: 'a script inside svg', text: `<svg><script>${RUN}</script></svg>` },
  { name: 'a javascript: URL', text: `javascript:${RUN}` },
  { name: 'an attribute break-out into an iframe srcdoc', text: `"><iframe srcdoc="<script>${RUN}</script>">` },
  { name: 'a javascript: link', text: `<a href="javascript:${RUN}">click</a>` },
  { name: 'a data:text/html URL', text: DATA_HTML },
  { name: 'a style @import and a template', text: `<style>@import 'https://evil.example/x.css';</style><template><img src=x onerror=${RUN}></template>` },
  { name: 'HTML entities', text: `&lt;img src=x onerror=${RUN}&gt; &#60;script&#62;${RUN}&#60;/script&#62;` },
  { name: 'an RTL override', text: `\u202Egnp.exe <img src=x onerror=${RUN}>` },
  { name: 'zero-width joiners', text: `<scr\u200Dipt>${RUN}</scr\u200Dipt>\u200B<img\u200Bsrc=x onerror=${RUN}>` },
  { name: 'fullwidth angle brackets', text: `＜script＞${RUN}＜/script＞` },
  { name: 'homoglyphs', text: `<ѕсrірt>${RUN}</ѕсrірt> јаvаѕсrірt:${RUN}` },
  { name: 'a markdown javascript: link', text: `[click me](javascript:${RUN}) ![x](x" onerror="${RUN})` },
  { name: 'a textarea and comment break-out', text: `</textarea></title>--><script>${RUN}</script><!--` },
  { name: 'template syntax', text: `{{constructor.constructor('${RUN}')()}} \${${RUN}} {@html '<img src=x onerror=${RUN}>'}` },
  { name: 'a details ontoggle', text: `<details open ontoggle=${RUN}><summary>x</summary></details>` },
  { name: 'a math xlink', text: `<math><mtext><a xlink:href="javascript:${RUN}">x</a></mtext></math>` },
];

/** Longer than any field expects: it must be shown (or refused) as text, not slow the page down. */
export const LONG: Payload = { name: 'a very long string', text: `${'A'.repeat(3000)}<img src=x onerror=${RUN}>` };

/** A NUL byte: HTML parsers treat it specially; as text it is just a character. */
export const NUL: Payload = { name: 'a NUL byte', text: `<img src=x\u0000 onerror=${RUN}>` };

/**
 * Terminal escape sequences a scenario's log line or an imported transcript could carry: an OSC 8
 * hyperlink to a javascript: URL, a window title. Both ways in refuse them.
 */
export const ESCAPES = `\x1b]8;;javascript:${RUN}\x07click\x1b]8;;\x07 \x1b]0;pwned\x07`;

/** The payload numbered i, cycling through the corpus: give each field of a file its own. */
export function payload(i: number): string {
  return (PAYLOADS[i % PAYLOADS.length] as Payload).text;
}

/** Collects every dialog (alert, confirm, prompt) the page opens: there must be none. */
export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/**
 * Elements and attributes no part of Firedrill creates, whatever it shows: inline event handlers
 * (Svelte attaches handlers as listeners, never as attributes), script-bearing URLs, frames,
 * scripts in the body, SVG other than the metric charts, MathML, templates, remote stylesheets.
 * Each is described as "tag attr=value" so a failure says what got in.
 */
export async function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element, why: string) => found.push(`${why}: <${el.tagName.toLowerCase()} ${el.getAttributeNames().map((a) => `${a}=${(el.getAttribute(a) ?? '').slice(0, 60)}`).join(' ')}>`);
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of el.getAttributeNames()) {
        const value = el.getAttribute(attr) ?? '';
        if (/^on/i.test(attr)) describe(el, 'an event-handler attribute');
        if (attr === 'srcdoc') describe(el, 'a srcdoc');
        if (/^(href|src|action|formaction|xlink:href|data)$/i.test(attr) && /^\s*(javascript|vbscript|data):/i.test(value)) describe(el, 'a script-bearing URL');
      }
    }
    const suspicious = 'body script, iframe, frame, object, embed, math, template, base, meta[http-equiv], img[src="x"], details[open]';
    // The build's own Content-Security-Policy comes right after the charset, first in <head>; any other http-equiv is planted.
    const ownPolicy = document.head.querySelector(':scope > meta[charset] + meta[http-equiv="Content-Security-Policy"]');
    for (const el of Array.from(document.querySelectorAll(suspicious))) {
      if (el === ownPolicy && el.getAttribute('http-equiv') === 'Content-Security-Policy') continue;
      describe(el, 'an unexpected element');
    }
    // Our only inline SVG is the metric charts (role="img") and their legend swatches.
    for (const el of Array.from(document.querySelectorAll('svg'))) {
      if (el.getAttribute('role') !== 'img' && !el.closest('ul.legend')) describe(el, 'an unexpected svg');
      if (el.querySelector('script, foreignObject, a')) describe(el, 'svg with script or links');
    }
    for (const el of Array.from(document.querySelectorAll('style'))) {
      if (/@import|evil\.example/.test(el.textContent ?? '')) describe(el, 'an injected stylesheet');
    }
    return found;
  });
}

/** Nothing ran (no sentinel, no dialog) and nothing was planted in the DOM. */
export async function expectNothingRan(page: Page, dialogs: string[], where: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `${where}: the sentinel ran`).toBeUndefined();
  expect(dialogs, `${where}: dialogs opened`).toEqual([]);
  expect(await injectedMarkup(page), `${where}: markup injected`).toEqual([]);
}

/** The page's visible text includes `text` literally (whitespace runs collapsed as the browser lays them out). */
export async function expectShownLiterally(page: Page, text: string, where: string): Promise<void> {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const body = norm(await page.evaluate(() => document.body.innerText));
  expect(body.includes(norm(text)), `${where}: ${JSON.stringify(text.slice(0, 80))} is shown as text`).toBe(true);
}
