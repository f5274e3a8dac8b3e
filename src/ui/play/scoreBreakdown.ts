import type { GameState } from '../../incident/api';
import type { HintSetView } from '../scenarioView';

export interface ScoreLine {
  label: string;
  detail: string;
}

/**
 * The learner-facing explanation of the score. The game computes the number; this lists what
 * moved it, from facts in the state, so a learner sees why.
 */
export function scoreBreakdown(state: GameState, hints: HintSetView[], arrivalMs: number): ScoreLine[] {
  const lines: ScoreLine[] = [];
  let hintCount = 0;
  let hintCost = 0;
  for (const progress of state.hints) {
    const set = hints.find((h) => h.id === progress.id);
    for (const level of set?.levels.slice(0, progress.revealed) ?? []) {
      hintCount++;
      hintCost += level.cost;
    }
  }
  lines.push({
    label: 'Hints',
    detail: hintCount === 0 ? 'none used' : `${hintCount} used, −${hintCost} point${hintCost === 1 ? '' : 's'}`,
  });
  const premature = state.resolveAttempts.filter((a) => !a.ok).length;
  lines.push({ label: 'Early “resolved” calls', detail: premature === 0 ? 'none' : `${premature} refused` });
  const steps = state.steps.filter((s) => s.done).length;
  lines.push({ label: 'Investigation steps', detail: `${steps} of ${state.steps.length}` });
  const facts = state.board.filter((c) => c.column === 'fact').length;
  const assumptions = state.board.filter((c) => c.column === 'assumption').length;
  lines.push({ label: 'Board', detail: `${facts} facts, ${assumptions} assumptions` });
  if (state.decision) lines.push({ label: 'Decision', detail: state.decision.choice === 'rollback' ? 'Rollback' : state.decision.choice === 'fix-forward' ? 'Fix-forward' : 'Hold: no change' });
  if (state.resolvedAt !== undefined) {
    const minutes = Math.max(0, Math.round((state.resolvedAt - arrivalMs) / 60_000));
    lines.push({ label: 'Time to resolve', detail: `${minutes} min of sim time after you arrived` });
  }
  if (state.postmortem) {
    const ok = state.postmortem.feedback.filter((f) => f.ok).length;
    lines.push({ label: 'Postmortem', detail: `${ok} of ${state.postmortem.feedback.length} sections meet the rubric` });
  }
  return lines;
}
