/** Draws the completion card on a canvas (fillText only) and exports it as a PNG. */
import { CARD_HEIGHT, CARD_WIDTH, layoutCard } from '../../card/layout';
import type { CardData } from '../../card/payload';

export function drawCard(canvas: HTMLCanvasElement, card: CardData, siteLink: string): void {
  canvas.width = CARD_WIDTH;
  canvas.height = CARD_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const measure = (text: string, font: string) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
  for (const item of layoutCard(card, siteLink, measure)) {
    if (item.kind === 'rect') {
      ctx.fillStyle = item.color;
      ctx.fillRect(item.x, item.y, item.w, item.h);
    } else {
      ctx.font = item.font;
      ctx.fillStyle = item.color;
      ctx.textAlign = item.align;
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(item.text, item.x, item.y);
    }
  }
}

export function cardPng(card: CardData, siteLink: string): Promise<Blob> {
  const canvas = document.createElement('canvas');
  drawCard(canvas, card, siteLink);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Could not draw the card.'))), 'image/png'));
}

/** The site's own address, without the route: what the card points people to. */
export function siteLink(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

export function cardFileName(card: CardData): string {
  return `firedrill-${card.s.replace(/[^a-z0-9-]/g, '-')}-${card.d}.png`;
}
