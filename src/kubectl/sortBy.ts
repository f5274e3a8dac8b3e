/**
 * `kubectl get --sort-by=JSONPATH`: kubectl's TableSorter over the full objects. Values compare as
 * in sorter.go's isLess (numbers numerically, strings with sortorder.NaturalLess); a row without
 * the field counts as less; the sort is Go's unstable sort.Sort, so equal keys keep Go's order.
 * Paths are the simple subset runbooks use: `.a.b`, `{.a.b}`, `.a[0].b`.
 */
import type { AnyObject } from '../cluster/api';
import { goSort } from './printers/goSort';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** github.com/fvbommel/sortorder NaturalLess: digit runs compare as numbers, digits before other characters. */
export function naturalLess(a: string, b: string): boolean {
  // Equal strings are never less (the walk below would reach the same answer, slowly: sorted
  // timestamps are often equal).
  if (a === b) return false;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a.charCodeAt(i);
    const c2 = b.charCodeAt(j);
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === '0') i++;
    while (j < b.length && b[j] === '0') j++;
    const nz1 = i;
    const nz2 = j;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    if (i - nz1 !== j - nz2) return i - nz1 < j - nz2;
    // Runs of equal length: the first differing digit decides (no substrings: a sort of
    // 10,000 timestamps compares six runs a hundred thousand times).
    for (let k = 0; k < i - nz1; k++) {
      const x = a.charCodeAt(nz1 + k);
      const y = b.charCodeAt(nz2 + k);
      if (x !== y) return x < y;
    }
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return a.length < b.length;
}

export type SortPath = { ok: true; expr: string; steps: (string | number)[] } | { ok: false };

/** RelaxedJSONPathExpression, then the steps of a plain field path. */
export function parseSortBy(text: string): SortPath {
  let field = text;
  if (field.startsWith('{') && field.endsWith('}')) field = field.slice(1, -1);
  field = field.replace(/^\./, '');
  const expr = `{.${field}}`;
  const steps: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null || (m[1] === '' && m[2] === '')) return { ok: false };
    if (m[1] !== '') steps.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(idx[1]));
  }
  return { ok: true, expr, steps };
}

function valueAt(obj: unknown, steps: readonly (string | number)[]): unknown {
  let cur = obj;
  for (const s of steps) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur === null ? undefined : cur;
}

function less(a: unknown, b: unknown): boolean {
  if (a === undefined) return true;
  if (b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return naturalLess(a, b);
  return false;
}

export type Sorted<T> = { ok: true; items: T[] } | { ok: false; error: string };

export function sortObjects<T>(items: readonly T[], objOf: (t: T) => AnyObject, path: SortPath & { ok: true }): Sorted<T> {
  const keyed = items.map((t) => ({ t, v: valueAt(objOf(t), path.steps) }));
  if (keyed.length > 0 && keyed.every((k) => k.v === undefined)) {
    return { ok: false, error: `couldn't find any field with path "${path.expr}" in the list of objects` };
  }
  return { ok: true, items: goSort(keyed, (x, y) => less(x.v, y.v)).map((k) => k.t) };
}
