/**
 * Embedding Firedrill in someone else's page (#/embed/<id> in an iframe).
 *
 * The only message that crosses the frame boundary is the height of the game's content, sent by the
 * game to `window.parent` so an optional host script can size the iframe to fit. It is sent with
 * targetOrigin '*' on purpose: the game cannot know the host's origin, and a height says nothing
 * about the learner (no commands, no progress, no scenario text). Nothing else is ever posted, and
 * the game listens to no messages at all: whatever the parent posts is ignored.
 *
 * Everything here is pure (no DOM), so it is tested without a browser.
 */

export const HEIGHT_MESSAGE_TYPE = 'firedrill:height';
export const HEIGHT_MESSAGE_VERSION = 1;
/** The host clamps to this range, whatever arrives: a broken or hostile frame cannot make the page huge. */
export const MIN_EMBED_HEIGHT = 320;
export const MAX_EMBED_HEIGHT = 4000;
export const DEFAULT_EMBED_HEIGHT = 640;

export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE_TYPE;
  version: typeof HEIGHT_MESSAGE_VERSION;
  height: number;
}

/** The message the game posts: its content height in whole CSS pixels (never negative). */
export function heightMessage(height: number): HeightMessage {
  const safe = Number.isFinite(height) ? Math.max(0, Math.ceil(height)) : 0;
  return { type: HEIGHT_MESSAGE_TYPE, version: HEIGHT_MESSAGE_VERSION, height: safe };
}

/** Exactly the shape `heightMessage` makes: a plain object with these three keys and nothing else. */
export function isHeightMessage(data: unknown): data is HeightMessage {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  if (Object.getPrototypeOf(data) !== Object.prototype) return false;
  const keys = Object.keys(data).sort();
  if (keys.length !== 3 || keys[0] !== 'height' || keys[1] !== 'type' || keys[2] !== 'version') return false;
  const record = data as Record<string, unknown>;
  return (
    record.type === HEIGHT_MESSAGE_TYPE &&
    record.version === HEIGHT_MESSAGE_VERSION &&
    typeof record.height === 'number' &&
    Number.isInteger(record.height) &&
    record.height >= 0 &&
    record.height <= 100_000
  );
}

export function clampEmbedHeight(height: number): number {
  return Math.min(MAX_EMBED_HEIGHT, Math.max(MIN_EMBED_HEIGHT, Math.round(height)));
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The `<iframe>` a site owner pastes: titled (screen readers announce it), lazy, full width up to 900 px. */
export function iframeSnippet(src: string, title: string): string {
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(`Firedrill: ${title}`)}" ` +
    `loading="lazy" width="100%" height="${DEFAULT_EMBED_HEIGHT}" ` +
    `style="max-width: 900px; border: 1px solid #ccc; border-radius: 6px;" data-firedrill-embed></iframe>`
  );
}

/**
 * The optional host script: sizes each `data-firedrill-embed` iframe to the height its game reports.
 * It trusts a message only when it comes from one of those iframes' windows and from that iframe's
 * origin, and has exactly the expected shape; the height is clamped.
 */
export function resizeScript(): string {
  return `<script>
(function () {
  var MIN = ${MIN_EMBED_HEIGHT}, MAX = ${MAX_EMBED_HEIGHT};
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || Object.keys(data).length !== 3) return;
    if (data.type !== '${HEIGHT_MESSAGE_TYPE}' || data.version !== ${HEIGHT_MESSAGE_VERSION}) return;
    if (typeof data.height !== 'number' || !isFinite(data.height) || data.height % 1 !== 0) return;
    var frames = document.querySelectorAll('iframe[data-firedrill-embed]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, location.href).origin !== event.origin) return;
      frame.style.height = Math.min(MAX, Math.max(MIN, data.height)) + 'px';
      return;
    }
  });
})();
</script>`;
}
