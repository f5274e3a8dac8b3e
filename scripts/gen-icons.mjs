#!/usr/bin/env node
/**
 * Draws the app icons (public/icon-192.png, icon-512.png, icon-maskable-512.png) from the same
 * flame as public/favicon.svg, rendered by Chromium so the PNGs match the SVG exactly.
 * The maskable icon fills the whole square with the background and keeps the flame inside the
 * central 80 % "safe zone", so launchers can crop it to a circle or squircle.
 * Run: node scripts/gen-icons.mjs   (the PNGs are committed; rerun only if the flame changes)
 */
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';

const out = (name) => fileURLToPath(new URL(`../public/${name}`, import.meta.url));
const FLAME =
  '<path d="M16 4c1 5 7 8 7 15a7 7 0 0 1-14 0c0-4 2-6 3-8 0 3 1 4 2 5 0-5 1-9 2-12z" fill="#ff7a45"/>' +
  '<path d="M16 17c.5 2 3 3 3 6a3 3 0 0 1-6 0c0-2 1.5-3 3-6z" fill="#ffd166"/>';

function svg(size, maskable) {
  // Regular: rounded tile like the favicon. Maskable: full-bleed square, flame scaled to 60 %.
  const bg = maskable ? '<rect width="32" height="32" fill="#0f141a"/>' : '<rect width="32" height="32" rx="6" fill="#0f141a"/>';
  const flame = maskable ? `<g transform="translate(16 16) scale(0.6) translate(-16 -16)">${FLAME}</g>` : FLAME;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="${size}" height="${size}">${bg}${flame}</svg>`;
}

const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [name, size, maskable] of [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['icon-maskable-512.png', 512, true],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size, maskable)}</body></html>`);
    await page.locator('svg').screenshot({ path: out(name), omitBackground: true });
    await page.close();
    console.log(`wrote public/${name}`);
  }
} finally {
  await browser.close();
}
