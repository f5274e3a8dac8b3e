/**
 * Colour contrast in both themes, from the colours themselves: axe (tests/e2e/a11y.spec.ts) checks
 * what is on screen during its walk, but not a hover colour, a chart line, or a terminal colour
 * nothing has printed yet. WCAG AA: 4.5:1 for text, 3:1 for control borders, focus rings and
 * chart lines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const css = readFileSync('src/ui/styles.css', 'utf8');

/** The custom properties declared directly in the first block whose selector is `selector`. */
function variables(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\b/g)].map((m) => [m[1]!, m[2]!]));
}

/** The dark theme is :root plus the variables added under 'Themes'; the light theme overrides them all. */
const dark = { ...variables(':root') };
const light = { ...dark, ...variables(":root[data-theme='light']") };

const BACKGROUNDS = ['--bg', '--bg-raised', '--bg-sunken'];
const TEXT = ['--text', '--muted', '--accent', '--accent-strong', '--info', '--ok', '--warn', '--danger'];
const NON_TEXT = ['--control-border', '--focus', '--chart-1', '--chart-2', '--chart-3', '--chart-4'];
/** Text on a coloured fill: [text, fill]. */
const FILLED: [string, string][] = [
  ['--accent-text', '--accent'],
  ['--accent-text', '--accent-strong'],
  ['--on-danger', '--danger'],
  ['--warn-text', '--warn-bg'],
  ['--text', '--danger-bg'],
  ['--danger-text', '--danger-bg'],
  ['--muted', '--chip-bg'],
  ['--text', '--chip-bg'],
];

describe.each([
  ['dark', dark],
  ['light', light],
])('the %s theme', (_name, theme) => {
  it('keeps 4.5:1 for every text colour on every background, and 3:1 for borders, focus ring and chart lines', () => {
    const failures: string[] = [];
    for (const bg of BACKGROUNDS) {
      for (const fg of TEXT) if (contrast(theme[fg]!, theme[bg]!) < 4.5) failures.push(`${fg} on ${bg}: ${contrast(theme[fg]!, theme[bg]!).toFixed(2)}`);
      for (const fg of NON_TEXT) if (contrast(theme[fg]!, theme[bg]!) < 3) failures.push(`${fg} on ${bg}: ${contrast(theme[fg]!, theme[bg]!).toFixed(2)}`);
    }
    for (const [fg, bg] of FILLED) if (contrast(theme[fg]!, theme[bg]!) < 4.5) failures.push(`${fg} on ${bg}: ${contrast(theme[fg]!, theme[bg]!).toFixed(2)}`);
    expect(failures).toEqual([]);
  });
});

it('the light theme overrides every colour the dark theme sets, and its two copies (setting, System) agree', () => {
  const set = variables(":root[data-theme='light']");
  expect(Object.keys(dark).filter((name) => !(name in set))).toEqual([]);
  const start = css.indexOf("@media (prefers-color-scheme: light)");
  const system = css.slice(css.indexOf('{', css.indexOf(':root', start)) + 1, css.indexOf('}', start));
  const fromSystem = Object.fromEntries([...system.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\b/g)].map((m) => [m[1]!, m[2]!]));
  expect(fromSystem).toEqual(set);
});

describe.each([
  ['dark', dark],
  ['light', light],
])('the %s terminal palette', (_name, theme) => {
  it('keeps 4.5:1 for the text and the cyan prompt, 3:1 for the cursor', () => {
    const bg = theme['--term-bg']!;
    const failures = (
      [
        ['--term-fg', 4.5],
        ['--term-cyan', 4.5],
        ['--term-cursor', 3],
      ] as const
    )
      .map(([name, min]) => [name, contrast(theme[name]!, bg), min] as const)
      .filter(([, ratio, min]) => ratio < min)
      .map(([name, ratio]) => `${name} on --term-bg: ${ratio.toFixed(2)}`);
    expect(failures).toEqual([]);
  });
});
