/**
 * The session transcript keeps the most recent output, cut at a line start behind a marker, and
 * gives exactly the text the original one-string algorithm gave (a save's transcript must not
 * change with the way it is kept), for any sequence of appends, clears and restores.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TRANSCRIPT, TRIMMED_MARKER } from '../../../src/incident/session';
import { Transcript } from '../../../src/incident/transcript';

/** The algorithm session.ts used before: append to one string, cut its front when too long. */
class Reference {
  text = '';
  constructor(
    private readonly max: number,
    private readonly marker: string,
  ) {}
  append(piece: string): void {
    if (piece === '') return;
    this.text += piece.endsWith('\n') ? piece : `${piece}\n`;
    if (this.text.length > this.max) {
      const cut = this.text.indexOf('\n', this.text.length - this.max + this.marker.length);
      this.text = this.marker + this.text.slice(cut + 1);
    }
  }
}

type Op = { kind: 'append'; text: string } | { kind: 'reset'; text: string };

const line = fc.stringMatching(/^[a-z ]{0,30}$/);
const piece = fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n'));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 20, arbitrary: piece.map((text) => ({ kind: 'append' as const, text })) },
  // A restored save's transcript (with or without the marker, maybe without a last line end), or a clear.
  { weight: 1, arbitrary: fc.oneof(piece, piece.map((p) => `[cut]\n${p}`), fc.constant('')).map((text) => ({ kind: 'reset' as const, text })) },
);

describe('Transcript', () => {
  it('gives the same text as cutting one string, for any appends, clears and restores', () => {
    fc.assert(
      fc.property(fc.integer({ min: 7, max: 120 }), fc.array(op, { maxLength: 200 }), (max, ops) => {
        const t = new Transcript(max, '[cut]\n');
        const ref = new Reference(max, '[cut]\n');
        for (const o of ops) {
          if (o.kind === 'append') {
            t.append(o.text);
            ref.append(o.text);
          } else {
            t.reset(o.text);
            ref.text = o.text;
          }
          expect(t.toString()).toBe(ref.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps at most MAX_TRANSCRIPT characters of a long session, the newest, starting with the marker', () => {
    const t = new Transcript(MAX_TRANSCRIPT, TRIMMED_MARKER);
    for (let i = 0; i < 20_000; i++) t.append(`(ns) $ kubectl get pods ${i}\nNAME READY STATUS\npod-${i} 1/1 Running\n`);
    const text = t.toString();
    expect(text.length).toBeLessThanOrEqual(MAX_TRANSCRIPT);
    expect(text.length).toBeGreaterThan(MAX_TRANSCRIPT - 100);
    expect(text.startsWith(`${TRIMMED_MARKER}(ns) $ kubectl get pods `) || text.startsWith(`${TRIMMED_MARKER}NAME`) || text.startsWith(`${TRIMMED_MARKER}pod-`)).toBe(true);
    expect(text.endsWith('(ns) $ kubectl get pods 19999\nNAME READY STATUS\npod-19999 1/1 Running\n')).toBe(true);
  });
});
