/**
 * resource.Quantity as kubectl uses it in describe: parse `100m`, `128Mi`, `1.5Gi`, `2`, add
 * them up, and print them in the canonical form String() gives (`1500m`, `256Mi`, `1k`, `0`).
 * Amounts are kept exactly, as BigInt nano-units.
 */

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent' | '';

export interface Quantity {
  /** The amount in units of 10^-9. */
  nano: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export const ZERO: Quantity = { nano: 0n, format: '' };

/** Rounds a nano amount scaled by num/den up (Quantity rounds away from zero when precision is lost). */
function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n ? q : a > 0n ? q + 1n : q;
}

export function parseQuantity(text: string): Quantity | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text.trim());
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = m[3] ?? '';
  const digits = BigInt(`${m[2] || '0'}${frac}`);
  const suffix = m[4] ?? '';
  let num = digits * NANO;
  let den = 10n ** BigInt(frac.length);
  let format: QuantityFormat;
  if (suffix in BINARY) {
    num *= 1024n ** BigInt(BINARY[suffix]!);
    format = 'BinarySI';
  } else if (/^[eE]/.test(suffix)) {
    const e = Number(suffix.slice(1));
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
    format = 'DecimalExponent';
  } else {
    const e = DECIMAL[suffix]!;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
    format = 'DecimalSI';
  }
  return { nano: sign * ceilDiv(num, den), format };
}

/** Quantity.Add: a zero left side takes the right side's format. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nano: a.nano + b.nano, format: a.nano === 0n ? b.format : a.format };
}

/** Value(): whole units, rounded up. */
export function quantityValue(q: Quantity): number {
  return Number(ceilDiv(q.nano, NANO));
}

/** MilliValue(): thousandths, rounded up. */
export function quantityMilliValue(q: Quantity): number {
  return Number(ceilDiv(q.nano, 1_000_000n));
}

function decimalCanonical(nano: bigint, exponentForm: boolean): string {
  if (nano === 0n) return '0';
  let mantissa = nano < 0n ? -nano : nano;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const mod = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(mod);
  exponent -= mod;
  const sign = nano < 0n ? '-' : '';
  if (exponentForm) return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
  if (exponent > 18) {
    mantissa *= 10n ** BigInt(exponent - 18);
    exponent = 18;
  }
  return `${sign}${mantissa}${DECIMAL_SUFFIX[exponent] ?? ''}`;
}

/** String(): the canonical spelling (CanonicalizeBytes). */
export function quantityString(q: Quantity): string {
  if (q.nano === 0n) return '0';
  if (q.format === 'BinarySI') {
    const small = q.nano > -1024n * NANO && q.nano < 1024n * NANO;
    if (small || q.nano % NANO !== 0n) return decimalCanonical(q.nano, false);
    let amount = q.nano / NANO;
    let exp = 0;
    while (exp < 6 && amount % 1024n === 0n) {
      amount /= 1024n;
      exp++;
    }
    return `${amount}${BINARY_SUFFIX[exp]}`;
  }
  return decimalCanonical(q.nano, q.format !== 'DecimalSI');
}
