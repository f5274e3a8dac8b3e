import { describe, expect, it } from 'vitest';
import type { GameState } from '../../../src/incident/api';
import { scoreBreakdown } from '../../../src/ui/play/scoreBreakdown';

const base: GameState = {
  scenarioId: 's',
  phase: 'results',
  steps: [
    { id: 'a', title: 'A', done: true },
    { id: 'b', title: 'B', done: false },
  ],
  clues: [],
  timeline: [],
  board: [
    { id: '1', text: 'x', column: 'fact', origin: 'scenario', evidenceClueId: 'c' },
    { id: '2', text: 'y', column: 'assumption', origin: 'scenario' },
  ],
  hints: [{ id: 'h', revealed: 2 }],
  decision: { choice: 'rollback', at: 0 },
  updates: [],
  checklist: [],
  resolveAttempts: [
    { at: 1, ok: false, reasons: ['not ready'] },
    { at: 2, ok: true, reasons: [] },
  ],
  resolvedAt: 12 * 60_000,
  score: 70,
};

describe('score breakdown', () => {
  it('explains what moved the score', () => {
    const lines = scoreBreakdown(base, [{ id: 'h', title: 'H', levels: [{ text: '1', cost: 5 }, { text: '2', cost: 10 }, { text: '3', cost: 20 }] }], 0);
    expect(Object.fromEntries(lines.map((l) => [l.label, l.detail]))).toEqual({
      Hints: '2 used, −15 points',
      'Early “resolved” calls': '1 refused',
      'Investigation steps': '1 of 2',
      Board: '1 facts, 1 assumptions',
      Decision: 'Rollback',
      'Time to resolve': '12 min of sim time after you arrived',
    });
  });

  it('says so when no hints were used and nothing was refused', () => {
    const lines = scoreBreakdown({ ...base, hints: [], resolveAttempts: [] }, [], 0);
    expect(lines.find((l) => l.label === 'Hints')?.detail).toBe('none used');
    expect(lines.find((l) => l.label === 'Early “resolved” calls')?.detail).toBe('none');
  });
});
