/** Label and selector strings as apimachinery formats them. */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * labels.FormatLabels: Set.String sorts the joined `k=v` strings, not the keys, so
 * `app.kubernetes.io/name=x` comes before `app=y` ('.' < '='); `<none>` when empty.
 */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const pairs = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
  if (pairs.length === 0) return '<none>';
  return pairs.sort(byteCompare).join(',');
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key. */
export function formatSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '<none>';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort(byteCompare).join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${vals})`
      : e.operator === 'NotIn' ? `${e.key} notin (${vals})`
      : e.operator === 'Exists' ? e.key
      : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  if (reqs.length === 0) return '';
  return reqs.sort((a, b) => byteCompare(a.key, b.key)).map((r) => r.text).join(',');
}

export { byteCompare };
