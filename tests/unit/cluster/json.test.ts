import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cloneJson, sameJson } from '../../../src/cluster/json';

describe('cloneJson', () => {
  it('copies deeply, exactly as a JSON round trip would', () => {
    const value = { a: 1, b: { c: [1, { d: 'x' }], e: undefined }, f: [undefined, null], g: true };
    const copy = cloneJson(value);
    expect(copy).toEqual(JSON.parse(JSON.stringify(value)));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    copy.b.c[0] = 9;
    expect(value.b.c[0]).toBe(1);
  });
});

describe('sameJson', () => {
  const cases: [unknown, unknown][] = [
    [{ a: 1 }, { a: 1 }],
    [{ a: 1 }, { a: 2 }],
    [{ a: 1, b: undefined }, { a: 1 }],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }],
    [[1, undefined], [1, null]],
    [[1, 2], [1, 2, 3]],
    [{ a: [] }, { a: {} }],
    [{ a: { b: { c: 'x' } } }, { a: { b: { c: 'y' } } }],
    ['1', 1],
    [null, undefined],
    [{ a: 1 }, { a: 1, b: undefined }],
    [{ a: undefined, b: 1 }, { b: 1, c: undefined }],
    [{ a: undefined, b: 1 }, { c: undefined }],
    [[{ a: undefined }], [{}]],
    [{ a: { b: 1 } }, { a: { b: 1, c: undefined }, d: undefined }],
    [{ a: [1, { b: [null] }] }, { a: [1, { b: [undefined] }] }],
  ];
  it.each(cases)('agrees with comparing JSON text: %j vs %j', (a, b) => {
    expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
  });

  it('agrees with comparing JSON text on random values and their near copies (keys dropped, set undefined, changed)', () => {
    const leaf = fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer({ min: -2, max: 2 }), fc.constantFrom('a', 'b', ''));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('value'), { maxKeys: 4 })),
    }));
    const nearCopy = (v: unknown, r: () => number): unknown => {
      if (Array.isArray(v)) return v.map((x) => nearCopy(x, r));
      if (v === null || typeof v !== 'object') return r() < 0.1 ? (v === 1 ? 2 : 1) : v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const p = r();
        if (p < 0.05) continue;
        out[k] = p < 0.1 ? undefined : nearCopy(x, r);
      }
      if (r() < 0.05) out.e = undefined;
      return out;
    };
    fc.assert(
      fc.property(value, fc.integer(), (v, seed) => {
        let s = seed >>> 0;
        const r = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 1000) / 1000;
        const w = nearCopy(v, r);
        expect(sameJson(v, w)).toBe(JSON.stringify(v) === JSON.stringify(w));
        expect(sameJson(w, v)).toBe(JSON.stringify(v) === JSON.stringify(w));
        expect(sameJson(v, v)).toBe(true);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('can ignore a property, such as metadata.resourceVersion', () => {
    const skip = (parent: string, key: string) => parent === 'metadata' && key === 'resourceVersion';
    expect(sameJson({ metadata: { name: 'x', resourceVersion: '1' } }, { metadata: { name: 'x', resourceVersion: '2' } }, skip)).toBe(true);
    expect(sameJson({ metadata: { name: 'x', resourceVersion: '1' } }, { metadata: { name: 'y', resourceVersion: '1' } }, skip)).toBe(false);
  });
});
