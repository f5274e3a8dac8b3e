/** The card for a finished game: what the results screen puts in the link and on the PNG. */
import type { GameState } from '../incident/api';
import { cleanName, grade, isoDate, type CardData } from './payload';

export function cardFromGame(
  state: GameState,
  scenario: { id: string; title: string },
  isCatalog: boolean,
  name: string,
): CardData {
  const score = state.debrief?.total ?? state.score;
  const id = isCatalog ? scenario.id : `my:${scenario.id.replace(/^my:/, '').toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+/, '').slice(0, 64) || 'scenario'}`;
  const n = cleanName(name);
  return {
    v: 1,
    s: id,
    t: Array.from(scenario.title.replace(/[\p{Cc}<>]/gu, ' ')).slice(0, 100).join('').trim() || 'Custom scenario',
    g: grade(score),
    sc: score,
    m: state.debrief?.mitigateMinutes ?? null,
    h: state.hints.reduce((n, h) => n + h.revealed, 0),
    d: isoDate(state.resolvedAt),
    ...(n ? { n } : {}),
  };
}
