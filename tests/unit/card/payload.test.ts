import { describe, expect, it } from 'vitest';
import { decodeCard, encodeCard, cleanName, MAX_PAYLOAD_CHARS, type CardData } from '../../../src/card/payload';
import { CARD_HEIGHT, CARD_WIDTH, layoutCard, wrapTwo, type CardItem } from '../../../src/card/layout';

const titles: Record<string, string> = { 'taskflow-crashloop': 'TaskFlow API down after a deploy' };
const titleOf = (id: string) => titles[id];
const card: CardData = { v: 1, s: 'taskflow-crashloop', t: 'TaskFlow API down after a deploy', g: 'B', sc: 84, m: 12, h: 2, d: '2026-12-07', n: 'Ada Lovelace' };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const raw = (obj: unknown) => b64(JSON.stringify(obj));

describe('card payload', () => {
  it('round-trips a card, with and without a name, in a URL-safe string', () => {
    const encoded = encodeCard(card);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCard(encoded, titleOf)).toEqual({ ok: true, card });
    const { n: _n, ...anonymous } = card;
    expect(decodeCard(encodeCard(anonymous), titleOf)).toEqual({ ok: true, card: anonymous });
  });

  it('round-trips non-ASCII names and custom scenario titles', () => {
    const custom: CardData = { ...card, s: 'my:payments-outage', t: 'Paiements — panne à 3 h', n: 'Zoë Ñúñez' };
    expect(decodeCard(encodeCard(custom), titleOf)).toEqual({ ok: true, card: custom });
  });

  it.each([
    ['script tag in the name', raw({ ...card, n: '<script>alert(1)</script>' })],
    ['markup in a custom title', raw({ ...card, s: 'my:x', t: '<img src=x onerror=alert(1)>' })],
    ['javascript: id', raw({ ...card, s: 'javascript:alert(1)' })],
    ['unknown catalog id', raw({ ...card, s: 'no-such-scenario' })],
    ['wrong title for a catalog id', raw({ ...card, t: 'Something else' })],
    ['grade that does not match the score', raw({ ...card, g: 'A' })],
    ['wrong version', raw({ ...card, v: 2 })],
    ['unknown field', raw({ ...card, href: 'javascript:alert(1)' })],
    ['score out of range', raw({ ...card, sc: 101, g: 'A' })],
    ['impossible date', raw({ ...card, d: '2026-02-31' })],
    ['name too long', raw({ ...card, n: 'a'.repeat(41) })],
    ['control characters in a title', raw({ ...card, s: 'my:x', t: 'a\u0000b' })],
    ['not JSON', b64('{v:1')],
    ['JSON that is not an object', raw([1, 2, 3])],
    ['invalid base64', 'a$b%c'],
    ['base64 of invalid UTF-8', Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url')],
    ['empty', ''],
    ['huge', 'A'.repeat(MAX_PAYLOAD_CHARS + 1)],
  ])('refuses %s', (_label, payload) => {
    expect(decodeCard(payload, titleOf).ok).toBe(false);
  });

  it('cleans a typed name: trims, collapses spaces, drops one with markup', () => {
    expect(cleanName('  Ada   Lovelace ')).toBe('Ada Lovelace');
    expect(cleanName('<b>x</b>')).toBeUndefined();
    expect(cleanName('   ')).toBeUndefined();
    expect(cleanName('x'.repeat(60))).toHaveLength(40);
  });
});

describe('card layout', () => {
  const measure = (text: string, font: string) => text.length * (Number(/(\d+)px/.exec(font)?.[1] ?? 16) * 0.55);
  const texts = (items: CardItem[]) => items.flatMap((i) => (i.kind === 'text' ? [i] : []));

  it('puts scenario, grade, score, time, hints, date, name, site and the self-reported note on a 1200×630 card', () => {
    const items = layoutCard(card, 'https://example.org/firedrill/', measure);
    expect(items[0]).toEqual({ kind: 'rect', x: 0, y: 0, w: CARD_WIDTH, h: CARD_HEIGHT, color: expect.any(String) });
    const all = texts(items).map((t) => t.text);
    // The title may wrap over two lines.
    expect(all.join(' ')).toContain('TaskFlow API down after a deploy');
    for (const s of ['B', '84/100', '12 min', '2', '2026-12-07', 'Ada Lovelace', 'https://example.org/firedrill/']) expect(all).toContain(s);
    expect(all.join(' ')).toMatch(/Self-reported/);
  });

  it('keeps every text inside the card, even a long title and name', () => {
    const long: CardData = { ...card, s: 'my:x', t: 'An extraordinarily long custom scenario title that goes on and on about a database outage at night', n: 'W'.repeat(40) };
    for (const t of texts(layoutCard(long, `https://example.org/${'p'.repeat(200)}/`, measure))) {
      const w = measure(t.text, t.font);
      const left = t.align === 'left' ? t.x : t.align === 'right' ? t.x - w : t.x - w / 2;
      expect(left, t.text).toBeGreaterThanOrEqual(0);
      expect(left + w, t.text).toBeLessThanOrEqual(CARD_WIDTH);
      expect(t.y).toBeLessThanOrEqual(CARD_HEIGHT);
    }
  });

  it('wraps a long title onto two lines, the second shortened with an ellipsis', () => {
    const lines = wrapTwo('one two three four five six seven eight nine ten', '10px x', 100, measure);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/…$/);
  });
});
