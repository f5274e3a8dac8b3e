import type { PostmortemDraft } from '../../incident/api';

/** The postmortem form's sections, in the order a reader expects them, with what good looks like. */
export const POSTMORTEM_SECTIONS: { key: keyof PostmortemDraft; label: string; help: string }[] = [
  { key: 'summary', label: 'Summary', help: 'Two or three sentences: what broke, for whom, for how long, how it was fixed.' },
  { key: 'impact', label: 'Impact', help: 'Who or what was affected, for how long, how many requests or users.' },
  { key: 'rootCause', label: 'Root cause', help: 'The mechanism, backed by evidence (a log line, an event, a config diff). A symptom is not a cause.' },
  { key: 'trigger', label: 'Trigger', help: 'The change or event that set it off.' },
  { key: 'resolution', label: 'Resolution', help: 'What mitigated it, and how you verified recovery.' },
  { key: 'actionItems', label: 'Action items', help: 'Specific, owned, preventive: tests, alerts, guards. One per line.' },
];

export function emptyDraft(): PostmortemDraft {
  return { summary: '', impact: '', rootCause: '', trigger: '', resolution: '', actionItems: '' };
}
