/**
 * Untrusted text (scenario files, share links, learner writing, progress imports) must never reach
 * the DOM as markup or run as code. eslint.config.js forbids every sink we know of; this test lints
 * small offending snippets through ESLint's own Node API with the project's real config, so a rule
 * that is dropped, downgraded to a warning or switched off for .svelte files fails here.
 */
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The errors (severity 2) ESLint reports for `code` as if it lived at `filePath`, as "line rule". */
async function errors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (result === undefined) throw new Error(`ESLint returned no result for ${filePath}`);
  return result.messages
    .filter((m: Linter.LintMessage) => m.severity === 2)
    .map((m) => `${m.line} ${m.ruleId ?? m.message}`);
}

// One sink per line, so each expectation names the line it must fire on.
const tsSnippet = [
  'declare const el: HTMLElement; declare const s: string;', // 1
  'el.innerHTML = s;', // 2
  'el.outerHTML = s;', // 3
  "el.insertAdjacentHTML('beforeend', s);", // 4
  'document.write(s);', // 5
  'document.writeln(s);', // 6
  "new DOMParser().parseFromString(s, 'text/html');", // 7
  'document.createRange().createContextualFragment(s);', // 8
  '(el as HTMLIFrameElement).srcdoc = s;', // 9
  "el.setAttribute('onerror', s);", // 10
  "el.setAttribute('srcdoc', s);", // 11
  'eval(s);', // 12
  "setTimeout('window.x = 1', 1);", // 13
  'new Function(s);', // 14
  "location.assign('javascript:void 0');", // 15
  'el.textContent = s;', // 16: the safe way, must stay allowed
  "new DOMParser().parseFromString(s, 'text/xml');", // 17: XML is not HTML
  'export {};',
].join('\n');

describe('the no-markup rules fire in TypeScript', () => {
  it.each([
    [2, 'no-restricted-properties', 'innerHTML'],
    [3, 'no-restricted-properties', 'outerHTML'],
    [4, 'no-restricted-properties', 'insertAdjacentHTML'],
    [5, 'no-restricted-properties', 'document.write'],
    [6, 'no-restricted-properties', 'document.writeln'],
    [7, 'no-restricted-syntax', 'DOMParser text/html'],
    [8, 'no-restricted-properties', 'createContextualFragment'],
    [9, 'no-restricted-properties', 'srcdoc assignment'],
    [10, 'no-restricted-syntax', "setAttribute('on…')"],
    [11, 'no-restricted-syntax', "setAttribute('srcdoc')"],
    [12, 'no-eval', 'eval'],
    [13, 'no-implied-eval', 'setTimeout with a string'],
    [14, 'no-new-func', 'new Function'],
    [15, 'no-script-url', 'a javascript: URL'],
  ])('line %i: %s (%s)', async (line, rule) => {
    expect(await errors(tsSnippet, 'src/ui/offender.ts')).toContain(`${line} ${rule}`);
  });

  it('leaves textContent and XML parsing alone', async () => {
    const found = await errors(tsSnippet, 'src/ui/offender.ts');
    expect(found.filter((e) => e.startsWith('16 ') || e.startsWith('17 '))).toEqual([]);
  });
});

const svelteSnippet = [
  '<script lang="ts">', // 1
  '  let { s }: { s: string } = $props();', // 2
  '  let el: HTMLElement | undefined = $state();', // 3
  '  $effect(() => { if (el) el.innerHTML = s; });', // 4
  '  $effect(() => { if (el) el.insertAdjacentHTML("afterbegin", s); });', // 5
  '  $effect(() => { eval(s); });', // 6
  '</script>', // 7
  '<div bind:this={el}>{@html s}</div>', // 8
  '<iframe title="x" srcdoc={s}></iframe>', // 9
  '<div contenteditable="true" bind:innerHTML={s}></div>', // 10
  '<p>{s}</p>', // 11: text interpolation, the safe way
].join('\n');

describe('the no-markup rules fire in Svelte components', () => {
  it.each([
    [4, 'no-restricted-properties', 'innerHTML in the script'],
    [5, 'no-restricted-properties', 'insertAdjacentHTML in the script'],
    [6, 'no-eval', 'eval in the script'],
    [8, 'svelte/no-at-html-tags', '{@html}'],
    [9, 'no-restricted-syntax', 'srcdoc attribute'],
    [10, 'no-restricted-syntax', 'bind:innerHTML'],
  ])('line %i: %s (%s)', async (line, rule) => {
    expect(await errors(svelteSnippet, 'src/ui/Offender.svelte')).toContain(`${line} ${rule}`);
  });

  it('leaves text interpolation alone', async () => {
    expect((await errors(svelteSnippet, 'src/ui/Offender.svelte')).filter((e) => e.startsWith('11 '))).toEqual([]);
  });
});

describe('the real code is held to the same rules', () => {
  const rules = ['no-restricted-properties', 'no-restricted-syntax', 'svelte/no-at-html-tags', 'no-eval', 'no-implied-eval', 'no-new-func', 'no-script-url'];
  it.each(['src/ui/play/GameView.svelte', 'src/ui/card/CardScreen.svelte', 'src/ui/download.ts', 'src/ui/terminal/termText.ts', 'src/storage/transfer.ts'])(
    '%s is linted with every rule as an error',
    async (file) => {
      expect(await eslint.isPathIgnored(file)).toBe(false);
      const config = (await eslint.calculateConfigForFile(file)) as { rules: Record<string, unknown> };
      for (const rule of rules) {
        const setting = config.rules[rule];
        const severity = Array.isArray(setting) ? setting[0] : setting;
        expect([2, 'error'], `${file}: ${rule}`).toContain(severity);
      }
    },
  );
});
