/** Go duration strings as kubectl's flags take them (`--since`, `--timeout`). */

/** Go's time.ParseDuration, in milliseconds, or its error text. */
export function parseGoDuration(text: string): { ok: true; ms: number } | { ok: false; error: string } {
  const bad = { ok: false as const, error: `time: invalid duration "${text}"` };
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ms: 0 };
  if (s === '') return bad;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (num[0] === '' || num[0] === '.') return bad;
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') return { ok: false, error: `time: missing unit in duration "${text}"` };
    const factor = units[unit];
    if (factor === undefined) return { ok: false, error: `time: unknown unit "${unit}" in duration "${text}"` };
    s = s.slice(unit.length);
    total += Number(`${num[1] === '' ? '0' : num[1]}.${num[2] ?? '0'}`) * factor;
  }
  return { ok: true, ms: sign * total };
}
