import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, TABLE_TABWRITER, tabwrite, tabwriteCells, tabwriteGrid } from '../../../../src/kubectl/printers/goTabwriter';

describe('tabwrite (Go text/tabwriter as kubectl sets it up)', () => {
  it('pads columns to the widest cell plus padding, min width 6 for tables', () => {
    expect(tabwrite('NAME\tAGE\nab\t5s\n', TABLE_TABWRITER)).toBe('NAME   AGE\nab     5s\n');
  });

  it('counts widths in runes as Go does: a surrogate pair is one, a lone surrogate is one', () => {
    // 'é' (1 unit), '😀' (2 units, 1 rune), '\ud800' alone (1 unit, 1 rune when encoded as U+FFFD).
    expect(tabwrite('a😀b\tx\nabcd\ty\n', DESCRIBE_TABWRITER)).toBe('a😀b   x\nabcd  y\n');
    expect(tabwrite('é\tx\n\ud800\ty\nabc\tz\n', DESCRIBE_TABWRITER)).toBe('é    x\n\ud800    y\nabc  z\n');
    expect(tabwrite('😀😀\tx\nab\ty\n', DESCRIBE_TABWRITER)).toBe('😀😀  x\nab  y\n');
  });

  it('aligns lines of cells exactly as it aligns the same text (the fast path tables take)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '😀', '-', '\ud800'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }), fc.boolean(), (lines, table) => {
        const opts = table ? TABLE_TABWRITER : DESCRIBE_TABWRITER;
        expect(tabwriteCells(lines, opts)).toBe(tabwrite(lines.map((l) => `${l.join('\t')}\n`).join(''), opts));
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('aligns a table of equal-length lines in one pass exactly as it aligns the text', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '😀', '-', '\ud800'), maxLength: 12 });
    const grid = fc.integer({ min: 1, max: 6 }).chain((cols) => fc.tuple(fc.constant(cols), fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { maxLength: 12 })));
    fc.assert(
      fc.property(grid, fc.boolean(), ([cols, lines], table) => {
        const opts = table ? TABLE_TABWRITER : DESCRIBE_TABWRITER;
        expect(tabwriteGrid(lines.flat(), cols, opts)).toBe(tabwrite(lines.map((l) => `${l.join('\t')}\n`).join(''), opts));
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('leaves a table whose cells hold a tab or a newline to the text path', () => {
    expect(tabwriteGrid(['NAME', 'AGE', 'a\tb', '5s'], 2, TABLE_TABWRITER)).toBeUndefined();
    expect(tabwriteGrid(['NAME', 'AGE', 'a', '5\ns'], 2, TABLE_TABWRITER)).toBeUndefined();
    expect(tabwriteGrid(['NAME', 'AGE', 'abc', '5s'], 2, TABLE_TABWRITER)).toBe('NAME   AGE\nabc    5s\n');
  });
});
