/**
 * Where everything goes on the 1200×630 completion card: a pure list of rectangles and text runs
 * (system fonts only), so the layout is tested without a canvas. Text is always drawn with
 * fillText: it is never markup.
 */
import type { CardData } from './payload';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export type CardItem =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string }
  | { kind: 'text'; text: string; x: number; y: number; font: string; color: string; align: 'left' | 'center' | 'right' };

/** Width of a text in a font (the canvas's measureText in the browser; an estimate in tests). */
export type Measure = (text: string, font: string) => number;

const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const MONO = 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace';
const INK = '#f4f6fb';
const MUTED = '#aab3c5';
const ACCENT = '#ff7a45';

/** Shortens a text with an ellipsis until it fits. */
export function fit(text: string, font: string, width: number, measure: Measure): string {
  if (measure(text, font) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && measure(`${chars.join('')}…`, font) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** Splits a title over at most two lines of `width`, the second shortened with an ellipsis if need be. */
export function wrapTwo(text: string, font: string, width: number, measure: Measure): string[] {
  if (measure(text, font) <= width) return [text];
  const words = text.split(' ');
  let first = '';
  let i = 0;
  for (; i < words.length; i++) {
    const next = first ? `${first} ${words[i]}` : (words[i] ?? '');
    if (measure(next, font) > width) break;
    first = next;
  }
  if (!first) return [fit(text, font, width, measure)];
  return [first, fit(words.slice(i).join(' '), font, width, measure)];
}

export function minutesText(m: number | null): string {
  return m === null ? 'no mitigation' : `${m} min`;
}

export function layoutCard(card: CardData, siteLink: string, measure: Measure): CardItem[] {
  const pad = 72;
  const inner = CARD_WIDTH - pad * 2;
  const items: CardItem[] = [
    { kind: 'rect', x: 0, y: 0, w: CARD_WIDTH, h: CARD_HEIGHT, color: '#141a26' },
    { kind: 'rect', x: 0, y: 0, w: CARD_WIDTH, h: 12, color: ACCENT },
  ];
  const text = (t: string, x: number, y: number, font: string, color = INK, align: 'left' | 'center' | 'right' = 'left') =>
    items.push({ kind: 'text', text: t, x, y, font, color, align });

  text('FIREDRILL · INCIDENT RESOLVED', pad, 84, `600 24px ${SANS}`, ACCENT);
  const titleFont = `700 52px ${SANS}`;
  const titleWidth = inner - 260;
  wrapTwo(card.t, titleFont, titleWidth, measure).forEach((line, i) => text(line, pad, 160 + i * 64, titleFont));

  // The grade, big, on the right.
  text(card.g, CARD_WIDTH - pad - 90, 250, `800 180px ${SANS}`, ACCENT, 'center');
  text('GRADE', CARD_WIDTH - pad - 90, 300, `600 22px ${SANS}`, MUTED, 'center');

  const stats: [string, string][] = [
    ['Score', `${card.sc}/100`],
    ['Time to mitigate', minutesText(card.m)],
    ['Hints used', String(card.h)],
    ['Date', card.d],
  ];
  // Column widths (they add up to the inner width): the date needs the most room, the hints the least.
  const widths = [230, 300, 200, inner - 730];
  let x = pad;
  stats.forEach(([label, value], i) => {
    const col = widths[i] ?? 0;
    text(label.toUpperCase(), x, 380, `600 20px ${SANS}`, MUTED);
    text(fit(value, `700 38px ${SANS}`, col - 20, measure), x, 430, `700 38px ${SANS}`);
    x += col;
  });

  if (card.n) text(fit(card.n, `600 34px ${SANS}`, inner, measure), pad, 505, `600 34px ${SANS}`);
  items.push({ kind: 'rect', x: pad, y: 535, w: inner, h: 2, color: '#2c3547' });
  text('Self-reported · simulated incident', pad, 580, `400 22px ${SANS}`, MUTED);
  text(fit(siteLink, `400 22px ${MONO}`, inner / 2, measure), CARD_WIDTH - pad, 580, `400 22px ${MONO}`, MUTED, 'right');
  return items;
}
