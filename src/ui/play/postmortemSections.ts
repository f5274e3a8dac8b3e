import type { PostmortemDraft } from '../../incident/api';

/**
 * The postmortem template's sections, in the order a reader expects them, with what good looks
 * like. `judged`: the scenario's rubric gives feedback on it; the others are for the learner's own
 * record (and the portfolio download).
 */
export const POSTMORTEM_SECTIONS: { key: keyof PostmortemDraft; label: string; help: string; judged: boolean }[] = [
  { key: 'summary', label: 'Summary', help: 'Two or three sentences: what broke, for whom, for how long, how it was fixed.', judged: true },
  { key: 'impact', label: 'Impact', help: 'Who or what was affected, for how long, how many requests or users.', judged: true },
  { key: 'timeline', label: 'Timeline', help: 'Key moments in UTC: trigger, detection, findings, mitigation, recovery. Import the game’s timeline and trim it.', judged: false },
  { key: 'rootCause', label: 'Root cause', help: 'The mechanism, backed by evidence (a log line, an event, a config diff). A symptom is not a cause.', judged: true },
  { key: 'trigger', label: 'Trigger', help: 'The change or event that set it off.', judged: true },
  { key: 'detection', label: 'Detection', help: 'How it was noticed (which alert, which user report), and how it could have been noticed sooner.', judged: false },
  { key: 'resolution', label: 'Resolution', help: 'What mitigated it, and how you verified recovery.', judged: true },
  { key: 'wentWell', label: 'What went well', help: 'What helped: a runbook, an alert, a quick rollback path.', judged: false },
  { key: 'wentBadly', label: 'What went badly', help: 'What slowed the response or made it worse. Systems and decisions in context, not people.', judged: false },
  { key: 'actionItems', label: 'Action items', help: 'Specific, owned, preventive: tests, alerts, guards. One per line.', judged: true },
];

export function emptyDraft(): PostmortemDraft {
  return { summary: '', impact: '', timeline: '', rootCause: '', trigger: '', detection: '', resolution: '', wentWell: '', wentBadly: '', actionItems: '' };
}
