import { describe, expect, it } from 'vitest';
import { addQuantity, parseQuantity, quantityMilliValue, quantityString, quantityValue, ZERO } from '../../../../src/kubectl/printers/quantity';

const q = (s: string) => {
  const r = parseQuantity(s);
  if (r === undefined) throw new Error(`bad quantity ${s}`);
  return r;
};
const sum = (...xs: string[]) => quantityString(xs.map(q).reduce(addQuantity, ZERO));

describe('resource.Quantity canonical form', () => {
  it('prints decimal amounts with the largest suffix that keeps them whole', () => {
    expect(quantityString(q('100m'))).toBe('100m');
    expect(quantityString(q('1000m'))).toBe('1');
    expect(quantityString(q('1.5'))).toBe('1500m');
    expect(quantityString(q('1000'))).toBe('1k');
    expect(quantityString(q('93478772582'))).toBe('93478772582');
    expect(quantityString(q('0.5Gi'))).toBe('512Mi');
    expect(quantityString(q('1e3'))).toBe('1e3');
  });

  it('prints binary amounts in the largest power of 1024 that divides them, small ones as decimals', () => {
    expect(quantityString(q('16272956Ki'))).toBe('16272956Ki');
    expect(quantityString(q('1024Mi'))).toBe('1Gi');
    expect(quantityString(q('512Ki'))).toBe('512Ki');
    expect(quantityString(q('1Ki'))).toBe('1Ki');
    expect(quantityString(ZERO)).toBe('0');
  });

  it('adds with the format of the first non-zero amount', () => {
    expect(sum('100m', '50m', '1')).toBe('1150m');
    expect(sum('128Mi', '128Mi')).toBe('256Mi');
    expect(sum('128Mi', '100M')).toBe('234217728');
    expect(sum('100M', '128Mi')).toBe('234217728');
    expect(sum('500M', '500M')).toBe('1G');
  });

  it('rounds Value and MilliValue up', () => {
    expect(quantityMilliValue(q('1.0001m'))).toBe(2);
    expect(quantityValue(q('1500m'))).toBe(2);
    expect(quantityValue(q('128Mi'))).toBe(134217728);
  });
});
