import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, TABLE_TABWRITER, tabwrite, tabwriteCells } from '../../../../src/kubectl/printers/goTabwriter';

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
});
