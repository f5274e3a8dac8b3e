/**
 * Postmortem feedback against the scenario's rubric: per section, is it long enough to say
 * something, and does it mention what this incident's postmortem must mention? The feedback says
 * what is missing, in words, never just a mark.
 */
import type { ExtraSection, JudgedSection, PostmortemDraft, RubricResult } from './api';
import type { Scenario } from './schema';

export const SECTIONS: readonly JudgedSection[] = ['summary', 'impact', 'rootCause', 'trigger', 'resolution', 'actionItems'];
export const EXTRA_SECTIONS: readonly ExtraSection[] = ['timeline', 'detection', 'wentWell', 'wentBadly'];

export function judgePostmortem(draft: PostmortemDraft, rubric: Scenario['postmortem']): RubricResult[] {
  return SECTIONS.map((section) => {
    const rule = rubric[section];
    const text = draft[section].trim();
    if (text.length === 0) return { section, ok: false, feedback: 'Empty: every section of a postmortem has a job to do.' };
    const missing = rule.mustMention.filter((m) => !new RegExp(m.pattern, 'i').test(text)).map((m) => m.feedback);
    const short = text.length < rule.minLength ? [`Say more: ${text.length} characters is too short to be useful here.`] : [];
    const problems = [...short, ...missing];
    return problems.length === 0 ? { section, ok: true, feedback: rule.ok } : { section, ok: false, feedback: problems.join(' ') };
  });
}
