/**
 * The learner's postmortem as a Markdown document for a portfolio: the template's sections in
 * order, their own words as written (it is their document, downloaded, never rendered here), and
 * the incident timeline appended. Section text that starts a line with `#` is indented so it cannot
 * break the document's outline.
 */
import type { PostmortemDraft, TimelineEntry } from './api';
import { escapeMarkdown, timelineMarkdown } from './timeline';

/** The template's sections, in the order a reader expects them. */
export const SECTION_TITLES: Readonly<Record<keyof PostmortemDraft, string>> = {
  summary: 'Summary',
  impact: 'Impact',
  timeline: 'Timeline',
  rootCause: 'Root cause',
  trigger: 'Trigger',
  detection: 'Detection',
  resolution: 'Resolution and recovery',
  wentWell: 'What went well',
  wentBadly: 'What went badly',
  actionItems: 'Action items',
};

function body(text: string): string {
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (t === '') return '_Not written._';
  return t.replace(/^(\s{0,3})(#{1,6}\s)/gm, '    $2');
}

export function postmortemMarkdown(input: {
  title: string;
  draft: PostmortemDraft;
  timeline: readonly TimelineEntry[];
  /** Sim time the incident was resolved, if it was. */
  resolvedAt?: number;
}): string {
  const lines = [
    `# Postmortem: ${escapeMarkdown(input.title)}`,
    '',
    '_A practice incident in Firedrill (simulated cluster, fictional company). Blameless format._',
    '',
  ];
  for (const key of Object.keys(SECTION_TITLES) as (keyof PostmortemDraft)[]) {
    lines.push(`## ${SECTION_TITLES[key]}`, '', body(input.draft[key] ?? ''), '');
  }
  // The sim's own record, whatever the learner's Timeline section says.
  const timeline = timelineMarkdown(input.timeline, input.title).replace(/^## Timeline: .*\n/, '## Appendix: incident timeline\n');
  return `${lines.join('\n')}${timeline}`;
}
