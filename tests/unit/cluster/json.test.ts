import { describe, expect, it } from 'vitest';
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
  ];
  it.each(cases)('agrees with comparing JSON text: %j vs %j', (a, b) => {
    expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
  });

  it('can ignore a property, such as metadata.resourceVersion', () => {
    const skip = (parent: string, key: string) => parent === 'metadata' && key === 'resourceVersion';
    expect(sameJson({ metadata: { name: 'x', resourceVersion: '1' } }, { metadata: { name: 'x', resourceVersion: '2' } }, skip)).toBe(true);
    expect(sameJson({ metadata: { name: 'x', resourceVersion: '1' } }, { metadata: { name: 'y', resourceVersion: '1' } }, skip)).toBe(false);
  });
});
