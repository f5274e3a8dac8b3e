/**
 * End-of-game feedback on the facts vs assumptions board: where the learner put each of the
 * scenario's statements, whether that was right, and why. Learner-written cards have no key and
 * are not judged.
 */
import type { BoardColumn, GameState } from './api';
import type { Scenario } from './schema';

/** What the review needs to know about a scenario card (a `Scenario['board']` entry is one). */
export type BoardKeyCard = Pick<Scenario['board'][number], 'id' | 'text' | 'supportedBy' | 'explanation'>;

export interface BoardReviewItem {
  id: string;
  text: string;
  /** Where the learner left it. */
  placed: BoardColumn;
  /** Where it belongs: a fact when the scenario's evidence proves it, otherwise an assumption (or unknown). */
  belongs: 'fact' | 'assumption';
  right: boolean;
  /** Why it was wrong, in the learner's words (empty when right). */
  note: string;
  /** The scenario's explanation of the statement. */
  explanation: string;
  /** The game moved it from Assumptions to Facts when its evidence appeared. */
  promoted: boolean;
}

export interface BoardReview {
  items: BoardReviewItem[];
  right: number;
  total: number;
}

export const COLUMN_NAMES: Record<BoardColumn, string> = { unsorted: 'Unknown', fact: 'Facts', assumption: 'Assumptions' };

/**
 * A card with evidence behind it belongs in Facts; one without (a guess, a red herring) belongs
 * anywhere but Facts: the game refuses to make it a fact, and leaving it in Unknown is honest.
 */
export function boardReview(state: Pick<GameState, 'board' | 'clues'>, key: readonly BoardKeyCard[], clueTitles: Record<string, string>): BoardReview {
  const items: BoardReviewItem[] = [];
  for (const spec of key) {
    const card = state.board.find((c) => c.id === spec.id && c.origin === 'scenario');
    if (!card) continue;
    const belongs = spec.supportedBy.length > 0 ? 'fact' : 'assumption';
    const right = belongs === 'fact' ? card.column === 'fact' : card.column !== 'fact';
    let note = '';
    if (!right && belongs === 'assumption') note = 'Nothing in this incident proves it.';
    else if (!right) {
      const seen = spec.supportedBy.filter((id) => state.clues.some((c) => c.id === id));
      const titles = (ids: string[]) => ids.map((id) => clueTitles[id] ?? id).join('; ');
      note =
        seen.length > 0
          ? `You saw the evidence for it: ${titles(seen)}.`
          : `You did not see the evidence for it; it shows in: ${titles(spec.supportedBy)}.`;
    }
    items.push({
      id: spec.id,
      text: spec.text,
      placed: card.column,
      belongs,
      right,
      note,
      explanation: spec.explanation,
      promoted: card.promotedAt !== undefined,
    });
  }
  return { items, right: items.filter((i) => i.right).length, total: items.length };
}
