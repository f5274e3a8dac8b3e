/**
 * The picker's cards and filters, without Svelte: which scenarios a learner's filter keeps, and how
 * progress reads on a card ("Not started", "In progress", "Resolved · grade B, 84/100").
 */
import type { ProgressSummary } from '../../storage';

export interface CardEntry {
  id: string;
  title: string;
  summary: string;
  failureType: string;
  difficulty: string;
  estimatedMinutes: number;
}

export type ProgressFilter = 'all' | 'new' | 'in-progress' | 'resolved';

export interface CatalogFilter {
  failureType: string;
  difficulty: string;
  progress: ProgressFilter;
  /** Words that must all appear in the title, summary or failure type (case-insensitive). */
  text: string;
}

export const NO_FILTER: CatalogFilter = { failureType: 'all', difficulty: 'all', progress: 'all', text: '' };

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;

export function progressOf(summaries: ReadonlyMap<string, ProgressSummary>, id: string): 'new' | 'in-progress' | 'resolved' {
  return summaries.get(id)?.status ?? 'new';
}

/** A letter for a closed incident's score out of 100. */
export function grade(score: number): string {
  return score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : score >= 60 ? 'D' : 'E';
}

export function progressLabel(summary: ProgressSummary | undefined): string {
  if (summary === undefined) return 'Not started';
  if (summary.status === 'in-progress') return 'In progress';
  return summary.score === undefined ? 'Resolved' : `Resolved · grade ${grade(summary.score)}, ${summary.score}/100`;
}

/** Easiest first, so a newcomer's first card is a beginner one; otherwise the catalog's order. */
function rank(difficulty: string): number {
  const i = (DIFFICULTIES as readonly string[]).indexOf(difficulty);
  return i === -1 ? DIFFICULTIES.length : i;
}

export function filterCatalog<E extends CardEntry>(entries: readonly E[], summaries: ReadonlyMap<string, ProgressSummary>, f: CatalogFilter): E[] {
  const words = f.text.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.difficulty) - rank(b.e.difficulty) || a.i - b.i).map((x) => x.e);
  return sorted.filter((e) => {
    if (f.failureType !== 'all' && e.failureType !== f.failureType) return false;
    if (f.difficulty !== 'all' && e.difficulty !== f.difficulty) return false;
    if (f.progress !== 'all' && progressOf(summaries, e.id) !== f.progress) return false;
    const haystack = `${e.title} ${e.summary} ${e.failureType}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The failure types present, in catalog order, each once. */
export function failureTypes(entries: readonly CardEntry[]): string[] {
  return [...new Set(entries.map((e) => e.failureType))];
}
