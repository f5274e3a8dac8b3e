/**
 * apimachinery's duration.HumanDuration and the "since" helpers built on it. Go truncates
 * durations towards zero, so every division here does too.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Parses an API timestamp (RFC 3339, optional fraction); undefined when absent or empty. */
/** Parsed timestamps: a table of 10,000 pods parses a few hundred distinct ones, many times. */
const parsed = new Map<string, number | undefined>();
const PARSED_MAX = 50_000;

export function parseTime(ts: string | null | undefined): number | undefined {
  if (!ts) return undefined;
  const hit = parsed.get(ts);
  if (hit !== undefined || parsed.has(ts)) return hit;
  const raw = Date.parse(ts);
  const ms = Number.isNaN(raw) ? undefined : raw;
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(ts, ms);
  return ms;
}

/**
 * translateTimestampSince: `<unknown>` for a zero time, else the human duration to `now`.
 * metav1.Time has whole seconds; MicroTime keeps microseconds (Date keeps milliseconds, which
 * is all a whole-second output can notice).
 */
export function since(ts: string | null | undefined, now: number): string {
  const t = parseTime(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}
