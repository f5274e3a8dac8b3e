/**
 * Hash routes only (#/, #/play/<id>): the site is static and may live under any sub-path, so the
 * server never sees a route and every link is relative.
 */
export type Route =
  | { name: 'picker' }
  | { name: 'play'; scenarioId: string }
  | { name: 'card'; payload: string }
  /** The compact layout for an iframe on someone else's page (#/embed/<id>). */
  | { name: 'embed'; scenarioId: string }
  | { name: 'unknown'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'picker' };
  const match = /^\/(play|embed)\/([^/?#]+)\/?$/.exec(path);
  if (match?.[2]) {
    let id: string;
    try {
      id = decodeURIComponent(match[2]);
    } catch {
      return { name: 'unknown', path };
    }
    return { name: match[1] === 'embed' ? 'embed' : 'play', scenarioId: id };
  }
  // A completion card: the payload is validated by the card screen, never trusted here.
  const card = /^\/card\/([^/?#]*)\/?$/.exec(path);
  if (card) return { name: 'card', payload: card[1] ?? '' };
  return { name: 'unknown', path };
}

export function pickerHref(): string {
  return '#/';
}

export function playHref(scenarioId: string): string {
  return `#/play/${encodeURIComponent(scenarioId)}`;
}

export function embedHref(scenarioId: string): string {
  return `#/embed/${encodeURIComponent(scenarioId)}`;
}

/**
 * An absolute address for a hash route on this site (for a snippet pasted elsewhere, or a link out
 * of an iframe): the page's own origin and path, any query and hash dropped.
 */
export function absoluteHref(hash: string, location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}${hash}`;
}
