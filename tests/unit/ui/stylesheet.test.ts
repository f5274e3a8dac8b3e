/**
 * The stylesheet is one file that several features append to. A block left open does not break the
 * build: the browser just drops or nests every rule after it (once, the board's rules ended up inside
 * a phone-only media query). Check that every block closes where it should.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('every block in src/ui/styles.css is closed, and none closes twice', () => {
  const css = readFileSync('src/ui/styles.css', 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  let depth = 0;
  let line = 1;
  const problems: string[] = [];
  for (const ch of css) {
    if (ch === '\n') line++;
    if (ch === '{') depth++;
    if (ch === '}' && --depth < 0) {
      problems.push(`an extra } near line ${line}`);
      depth = 0;
    }
  }
  if (depth !== 0) problems.push(`${depth} block(s) left open at the end`);
  expect(problems).toEqual([]);
});
