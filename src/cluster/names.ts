/**
 * Everything the simulator generates that real Kubernetes generates at random (uids, pod name
 * suffixes, container ids, cluster IPs) comes from seeded streams here, so that the same seed and
 * the same order of creation give the same names. Nothing here reads the clock.
 */

/** The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels, no look-alike characters. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_DIGIT = '0123456789abcdef';

/** A draw as eight hex digits, most significant first. */
function hex8(t: number): string {
  return HEX_BYTE[t >>> 24]! + HEX_BYTE[(t >>> 16) & 255]! + HEX_BYTE[(t >>> 8) & 255]! + HEX_BYTE[t & 255]!;
}

/** A small, fast, seedable generator (sfc32) with a splitmix32 seed expansion. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** The generator's state, to go back to with `restore` (a look-ahead that is then not taken). */
  save(into: number[]): number[] {
    into[0] = this.a;
    into[1] = this.b;
    into[2] = this.c;
    into[3] = this.d;
    return into;
  }

  restore(state: readonly number[]): void {
    this.a = state[0]!;
    this.b = state[1]!;
    this.c = state[2]!;
    this.d = state[3]!;
  }

  /** Move on `n` draws without using them (what `hex(8 * n)` draws, when only its place in the stream matters). */
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.u32();
  }

  /** A new generator whose sequence does not depend on later use of this one. */
  fork(): Prng {
    return new Prng(this.u32(), this.u32());
  }

  hex(length: number): string {
    // Eight hex digits per draw, most significant first (a table: Number#toString(16) is slow).
    let out = '';
    while (out.length < length) {
      const t = this.u32();
      out += HEX_BYTE[t >>> 24]! + HEX_BYTE[(t >>> 16) & 255]! + HEX_BYTE[(t >>> 8) & 255]! + HEX_BYTE[t & 255]!;
    }
    return out.length === length ? out : out.slice(0, length);
  }

  /** k8s utilrand.String: `n` characters of NAME_ALPHABET. */
  suffix(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += NAME_ALPHABET[this.u32() % NAME_ALPHABET.length];
    return out;
  }

  /** A random (version 4) UUID, as the API server assigns to metadata.uid. */
  uuid(): string {
    // hex(32) (four draws), with the version digit (12) set to 4 and the variant digit (16) to
    // 8, 9, a or b by its low two bits, grouped 8-4-4-4-12: spelled from the draws directly.
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    return (
      `${hex8(a)}-${HEX_BYTE[b >>> 24]!}${HEX_BYTE[(b >>> 16) & 255]!}-4${HEX_DIGIT[(b >>> 8) & 15]!}${HEX_BYTE[b & 255]!}-` +
      `${'89ab'[(c >>> 28) & 3]!}${HEX_DIGIT[(c >>> 24) & 15]!}${HEX_BYTE[(c >>> 16) & 255]!}-${HEX_BYTE[(c >>> 8) & 255]!}${HEX_BYTE[c & 255]!}${hex8(d)}`
    );
  }
}

/** 32-bit FNV-1a, the hash the deployment controller uses for pod-template-hash. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * k8s rand.SafeEncodeString: each character of the decimal hash is mapped into NAME_ALPHABET
 * by its code point. That is why real pod-template-hashes only use 4-9, b, c, d and f.
 */
export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += NAME_ALPHABET[text.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted, so equal objects always serialise (and hash) alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The pod-template-hash of a pod template (label-free copy) and the deployment's collision count. */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  const salt = collisionCount === undefined ? '' : `#${collisionCount}`;
  return safeEncode(String(fnv32a(canonicalJson(template) + salt)));
}

/** 64 hex characters that depend only on `text` (image digests are a property of the image). */
export function stableHex64(text: string): string {
  const rng = new Prng(fnv32a(text), fnv32a(`digest:${text}`));
  return rng.hex(64);
}
