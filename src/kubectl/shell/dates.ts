/** Dates as the shell's tools print them, from sim time, in UTC (the game's time zone). */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number): string => String(n).padStart(2, '0');

function parts(ms: number): { day: string; month: string; date: number; time: string; year: number } {
  const d = new Date(ms);
  return {
    day: DAYS[d.getUTCDay()]!,
    month: MONTHS[d.getUTCMonth()]!,
    date: d.getUTCDate(),
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
    year: d.getUTCFullYear(),
  };
}

/** C's ctime() without the newline: `Wed Nov  5 04:52:11 2026` (procps watch's header). */
export function ctimeUtc(ms: number): string {
  const p = parts(ms);
  return `${p.day} ${p.month} ${String(p.date).padStart(2, ' ')} ${p.time} ${p.year}`;
}

/** GNU `date` with no arguments, TZ=UTC, C locale: `Wed Nov  5 04:52:11 UTC 2026`. */
export function gnuDateUtc(ms: number): string {
  const p = parts(ms);
  return `${p.day} ${p.month} ${String(p.date).padStart(2, ' ')} ${p.time} UTC ${p.year}`;
}

/** strftime for the conversions people use with `date +...` (UTC); others print as typed. */
export function formatDate(format: string, ms: number): string {
  const d = new Date(ms);
  const p = parts(ms);
  const conv: Record<string, () => string> = {
    Y: () => String(p.year),
    m: () => two(d.getUTCMonth() + 1),
    d: () => two(p.date),
    e: () => String(p.date).padStart(2, ' '),
    H: () => two(d.getUTCHours()),
    M: () => two(d.getUTCMinutes()),
    S: () => two(d.getUTCSeconds()),
    T: () => p.time,
    F: () => `${p.year}-${two(d.getUTCMonth() + 1)}-${two(p.date)}`,
    s: () => String(Math.floor(ms / 1000)),
    a: () => p.day,
    b: () => p.month,
    Z: () => 'UTC',
    z: () => '+0000',
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (all, c: string) => conv[c]?.() ?? all);
}
