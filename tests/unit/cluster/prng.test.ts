/**
 * The seeded stream every uid, container ID and delay of a world comes from: a save is an input
 * log replayed on the same seed, so what a draw spells must never change.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Prng } from '../../../src/cluster/names';

/** The uuid spelling the stream has always had: hex(32), version digit 4, variant 8, 9, a or b. */
function uuidFromHex(r: Prng): string {
  const h = r.hex(32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16]!, 16) & 3]!;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

describe('Prng', () => {
  it('spells a uuid as hex(32) of the same four draws with the version 4 and RFC 4122 variant digits, and moves the stream as hex(32) does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 20 }), (seed, stream, n) => {
        const a = new Prng(seed, stream);
        const b = new Prng(seed, stream);
        for (let i = 0; i < n; i++) {
          const u = a.uuid();
          expect(u).toBe(uuidFromHex(b));
          expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        }
        expect(a.u32()).toBe(b.u32());
      }),
    );
  });

  it('skip(n) leaves the stream where n draws would, and save/restore goes back to a saved place', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 40 }), (seed, n) => {
        const a = new Prng(seed, 7);
        const b = new Prng(seed, 7);
        const saved = a.save([]);
        const ahead = a.hex(64);
        a.restore(saved);
        expect(a.hex(64)).toBe(ahead);
        a.skip(n);
        b.hex(64);
        for (let i = 0; i < n; i++) b.u32();
        expect(a.hex(64)).toBe(b.hex(64));
      }),
    );
  });
});
