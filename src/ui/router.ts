/**
 * Hash routes only (#/, #/play/<id>): the site is static and may live under any sub-path, so the
 * server never sees a route and every link is relative.
 */
export type Route =
  | { name: 'picker' }
  | { name: 'play'; scenarioId: string }
  | { name: 'card'; payload: string }
  | { name: 'unknown'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'picker' };
  const play = /^\/play\/([^/?#]+)\/?$/.exec(path);
  if (play?.[1]) {
    let id: string;
    try {
      id = decodeURIComponent(play[1]);
    } catch {
      return { name: 'unknown', path };
    }
    return { name: 'play', scenarioId: id };
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
