import { describe, expect, it } from 'vitest';
import {
  clampEmbedHeight,
  heightMessage,
  iframeSnippet,
  isHeightMessage,
  MAX_EMBED_HEIGHT,
  MIN_EMBED_HEIGHT,
  resizeScript,
} from '../../../src/ui/embed/protocol';

describe('embed height messages', () => {
  it('the game sends whole, non-negative pixels in a typed, versioned message', () => {
    expect(heightMessage(512.2)).toEqual({ type: 'firedrill:height', version: 1, height: 513 });
    expect(heightMessage(-5).height).toBe(0);
    expect(heightMessage(Number.NaN).height).toBe(0);
    expect(isHeightMessage(heightMessage(700))).toBe(true);
  });

  it('anything but exactly that shape is refused', () => {
    const bad: unknown[] = [
      null,
      'firedrill:height',
      [],
      { type: 'firedrill:height', version: 1 },
      { type: 'firedrill:height', version: 2, height: 10 },
      { type: 'other', version: 1, height: 10 },
      { type: 'firedrill:height', version: 1, height: '10' },
      { type: 'firedrill:height', version: 1, height: 10.5 },
      { type: 'firedrill:height', version: 1, height: -1 },
      { type: 'firedrill:height', version: 1, height: Infinity },
      { type: 'firedrill:height', version: 1, height: 10, extra: true },
      Object.assign(Object.create({ inherited: 1 }), { type: 'firedrill:height', version: 1, height: 10 }),
    ];
    for (const data of bad) expect(isHeightMessage(data), JSON.stringify(data)).toBe(false);
  });

  it('the host clamps heights so a frame cannot make the page tiny or huge', () => {
    expect(clampEmbedHeight(10)).toBe(MIN_EMBED_HEIGHT);
    expect(clampEmbedHeight(999_999)).toBe(MAX_EMBED_HEIGHT);
    expect(clampEmbedHeight(700)).toBe(700);
  });
});

describe('embed snippets', () => {
  it('the iframe is titled, lazy, and escapes what it quotes', () => {
    const html = iframeSnippet('https://ex.org/#/embed/a"b', 'Pods <crash> & burn');
    expect(html).toMatch(/^<iframe src="https:\/\/ex\.org\/#\/embed\/a&quot;b" /);
    expect(html).toContain('title="Firedrill: Pods &lt;crash&gt; &amp; burn"');
    expect(html).toContain('loading="lazy"');
    expect(html).toContain('data-firedrill-embed');
  });

  it('the resize script checks the sender window and origin before resizing', () => {
    const script = resizeScript();
    expect(script).toContain('frame.contentWindow !== event.source');
    expect(script).toContain('.origin !== event.origin');
    expect(script).toContain(`MIN = ${MIN_EMBED_HEIGHT}, MAX = ${MAX_EMBED_HEIGHT}`);
  });
});
