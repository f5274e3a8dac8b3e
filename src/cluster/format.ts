/** Time and duration spellings the API server and kubelet use. */

/** metav1.Time: RFC 3339 in UTC with whole seconds, e.g. "2026-11-24T15:31:36Z". */
export function rfc3339(ms: number): string {
  // "YYYY-MM-DDTHH:MM:" once per minute, then the seconds: writes spell many nearby instants.
  const sec = Math.floor(ms / 1000);
  const minute = Math.floor(sec / 60);
  let prefix = minutePrefixes.get(minute);
  if (prefix === undefined) {
    prefix = new Date(minute * 60_000).toISOString().slice(0, 17);
    if (minutePrefixes.size >= 4096) minutePrefixes.clear();
    minutePrefixes.set(minute, prefix);
  }
  return `${prefix}${TWO_DIGITS[sec - minute * 60]}Z`;
}

const minutePrefixes = new Map<number, string>();
const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** RFC 3339 with milliseconds, as applications commonly print in their logs. */
export function rfc3339Milli(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}

/** metav1.MicroTime: six fractional digits (events.k8s.io eventTime). */
export function microTime(ms: number): string {
  const whole = Math.floor(ms);
  const micros = String(Math.round((ms - whole) * 1000)).padStart(3, '0');
  return new Date(whole).toISOString().replace('Z', `${micros}Z`);
}

/**
 * Go's time.Duration.String() for non-negative durations given in milliseconds, e.g. "10s",
 * "2m40s", "5m0s", "812ms", "1.532s" (kubelet prints back-off delays and pull times this way).
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${trimFraction(ms)}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const sec = `${trimFraction(seconds)}s`;
  if (hours > 0) return `${hours}h${minutes}m${sec}`;
  if (minutes > 0) return `${minutes}m${sec}`;
  return sec;
}

function trimFraction(n: number): string {
  // Millisecond resolution at most: three decimals, trailing zeros dropped as Go does.
  return n.toFixed(3).replace(/\.?0+$/, '');
}
