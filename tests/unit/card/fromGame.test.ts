import { describe, expect, it } from 'vitest';
import type { GameState } from '../../../src/incident/api';
import { cardFromGame } from '../../../src/card/fromGame';
import { decodeCard, encodeCard } from '../../../src/card/payload';

const state = {
  scenarioId: 'taskflow-crashloop',
  score: 84,
  hints: [{ id: 'a', revealed: 2 }, { id: 'b', revealed: 1 }],
  resolvedAt: Date.UTC(2026, 11, 7, 19, 0),
  debrief: {
    total: 84,
    lines: [{ id: 'time', label: 'Time to mitigate', points: 0, max: 0, detail: '7 sim min from the page to your decision; 10 min to confirmed recovery.' }],
    mitigateMinutes: 7,
    resolveMinutes: 10,
  },
} as unknown as GameState;
const scenario = { id: 'taskflow-crashloop', title: 'TaskFlow API down after a deploy' };
const titleOf = (id: string) => (id === scenario.id ? scenario.title : undefined);

describe('the card for a finished game', () => {
  it('carries the scenario, grade, score, minutes to mitigate, hints revealed, date and name, and its link decodes to the same', () => {
    const card = cardFromGame(state, scenario, true, '  Grace  Hopper ');
    expect(card).toEqual({ v: 1, s: 'taskflow-crashloop', t: scenario.title, g: 'B', sc: 84, m: 7, h: 3, d: '2026-12-07', n: 'Grace Hopper' });
    expect(decodeCard(encodeCard(card), titleOf)).toEqual({ ok: true, card });
  });

  it('leaves off a name it cannot carry, and gives a custom scenario a my: id that still decodes', () => {
    const card = cardFromGame(state, { id: 'My_Outage 2', title: 'Payments <down>' }, false, '<script>');
    expect(card.n).toBeUndefined();
    expect(card.s).toBe('my:my-outage-2');
    expect(decodeCard(encodeCard(card), titleOf).ok).toBe(true);
  });
});
