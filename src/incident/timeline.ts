/**
 * The timeline as the learner filters it, and as Markdown for the postmortem: one line per entry,
 * in sim time (UTC), with its kind. Text is the learner's or the scenario's, so Markdown that
 * could change the document's structure (a leading `#`, a table pipe, a list marker) is escaped.
 */
import type { TimelineEntry, TimelineKind } from './api';

/** The filter groups shown to the learner; notes count with comms. */
export type TimelineFilter = 'system' | 'finding' | 'action' | 'comms';
export const TIMELINE_FILTERS: readonly TimelineFilter[] = ['system', 'finding', 'action', 'comms'];

const GROUP: Readonly<Record<TimelineKind, TimelineFilter>> = {
  system: 'system',
  finding: 'finding',
  action: 'action',
  comms: 'comms',
  note: 'comms',
};

export const KIND_LABEL: Readonly<Record<TimelineKind, string>> = {
  system: 'System',
  finding: 'Finding',
  action: 'Action',
  comms: 'Comms',
  note: 'Note',
};

export function filterTimeline(entries: readonly TimelineEntry[], shown: ReadonlySet<TimelineFilter>): TimelineEntry[] {
  return entries.filter((e) => shown.has(GROUP[e.kind]));
}

function utc(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** One line of inline Markdown: no line breaks, Markdown punctuation escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`)
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/^-/, '\\-');
}

/** The timeline as a Markdown list, oldest first, ready to paste into a postmortem. */
export function timelineMarkdown(entries: readonly TimelineEntry[], title: string): string {
  const lines = [`## Timeline: ${escapeMarkdown(title)}`, '', 'All times UTC (simulated).', ''];
  if (entries.length === 0) lines.push('_Nothing recorded._');
  for (const e of [...entries].sort((a, b) => a.at - b.at)) {
    lines.push(`- **${utc(e.at)}** (${KIND_LABEL[e.kind]}) ${escapeMarkdown(e.text)}`);
  }
  return `${lines.join('\n')}\n`;
}
