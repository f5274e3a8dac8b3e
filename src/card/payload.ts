/**
 * The completion card's link payload: a compact, versioned JSON object, base64url-encoded into
 * `#/card/<payload>`. Anyone can make one, so decoding validates everything (zod, strict: unknown
 * fields are refused) and the card says it is self-reported. Pure: no DOM.
 */
import { z } from 'zod';
import { grade } from '../ui/picker/catalogFilter';

export { grade };

export const CARD_VERSION = 1;
/** Longest payload (encoded) accepted: a real one is a few hundred characters. */
export const MAX_PAYLOAD_CHARS = 2048;
export const MAX_NAME_CHARS = 40;
const CUSTOM_PREFIX = 'my:';

/** Letters, digits, spaces and a little punctuation a name needs; nothing that looks like markup. */
export const NAME_PATTERN = /^[\p{L}\p{M}\p{N} .,'_-]*$/u;

export interface CardData {
  v: 1;
  /** Scenario id: a catalog id, or `my:<id>` for a learner's own scenario. */
  s: string;
  /** Scenario title. */
  t: string;
  /** Grade letter (must match the score). */
  g: string;
  /** Score out of 100. */
  sc: number;
  /** Sim minutes from the page to the mitigation decision; null when there was none. */
  m: number | null;
  /** Hints revealed. */
  h: number;
  /** Date resolved, YYYY-MM-DD. */
  d: string;
  /** Optional display name. */
  n?: string;
}

const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // No control characters, no angle brackets: titles are drawn as text anyway, but a forged one has no reason to carry them.
    .regex(/^[^\p{Cc}<>]*$/u);

const schema = z
  .strictObject({
    v: z.literal(CARD_VERSION),
    s: z.string().min(1).max(80).regex(/^(my:)?[a-z0-9][a-z0-9-]{0,63}$/),
    t: printable(100),
    g: z.enum(['A', 'B', 'C', 'D', 'E']),
    sc: z.number().int().min(0).max(100),
    m: z.number().int().min(0).max(100_000).nullable(),
    h: z.number().int().min(0).max(99),
    d: z.string().regex(/^\d{4}-\d\d-\d\d$/),
    n: z.string().min(1).max(MAX_NAME_CHARS).regex(NAME_PATTERN).optional(),
  })
  .refine((c) => c.g === grade(c.sc), { message: 'grade does not match the score' })
  .refine((c) => !Number.isNaN(Date.parse(`${c.d}T00:00:00Z`)) && new Date(`${c.d}T00:00:00Z`).toISOString().startsWith(c.d), {
    message: 'not a date',
  });

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Trims and bounds a typed display name; an empty or unusable name is left off the card. */
export function cleanName(raw: string): string | undefined {
  const name = raw.trim().replace(/\s+/g, ' ').slice(0, MAX_NAME_CHARS);
  return name && NAME_PATTERN.test(name) ? name : undefined;
}

export function encodeCard(card: CardData): string {
  const { n, ...rest } = card;
  return toBase64Url(new TextEncoder().encode(JSON.stringify(n === undefined ? rest : { ...rest, n })));
}

export type DecodeResult = { ok: true; card: CardData } | { ok: false; reason: string };

/**
 * Decodes and validates a payload. `titleOf` gives the catalog title of a known scenario id
 * (undefined for an unknown one): a catalog id must carry its own title; a `my:` id may carry any
 * (bounded) title; any other id is refused.
 */
export function decodeCard(payload: string, titleOf: (id: string) => string | undefined): DecodeResult {
  if (payload.length === 0 || payload.length > MAX_PAYLOAD_CHARS) return { ok: false, reason: 'length' };
  const bytes = fromBase64Url(payload);
  if (!bytes) return { ok: false, reason: 'base64' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'json' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'schema' };
  const card = parsed.data as CardData;
  if (!card.s.startsWith(CUSTOM_PREFIX)) {
    const title = titleOf(card.s);
    if (title === undefined) return { ok: false, reason: 'unknown scenario' };
    if (title !== card.t) return { ok: false, reason: 'title' };
  }
  return { ok: true, card };
}

export function isoDate(ms: number | undefined): string {
  const d = new Date(ms ?? Date.now());
  return Number.isNaN(d.getTime()) ? new Date().toISOString().slice(0, 10) : d.toISOString().slice(0, 10);
}

export function cardHref(payload: string): string {
  return `#/card/${payload}`;
}
