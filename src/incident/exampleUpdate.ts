/**
 * Model stakeholder updates, shown after the learner wrote their own (only the Command panel needs
 * them, so they stay out of the game engine's first chunk).
 */
import type { UpdateMoment } from './api';
import { UPDATE_INTERVAL_MINUTES } from './updates';

/** What the prompt says at each moment. */
export const MOMENT_PROMPTS: Readonly<Record<UpdateMoment, string>> = {
  severity: 'You set a severity: tell stakeholders there is an incident, what it affects, and when they will hear from you next.',
  mitigation: 'You acted: tell stakeholders what you changed and how you will know it worked.',
  resolution: 'The cluster confirms recovery: tell stakeholders it is over, how long it lasted, and what comes next (the postmortem).',
  overdue: `More than ${UPDATE_INTERVAL_MINUTES} minutes have passed since your last update: stakeholders are waiting. Say where things stand, even if nothing changed.`,
};


function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

/**
 * A model update for a moment, shown after the learner has written their own: the shape matters
 * more than the words (impact, status, next step, next update), so it is built from what the
 * learner has set rather than from the answer.
 */
export function exampleUpdate(moment: UpdateMoment, input: { title: string; severity: string | undefined; now: number }): string {
  const tag = input.severity ? `[${input.severity}] ` : '';
  const next = hhmm(input.now + 30 * 60_000);
  switch (moment) {
    case 'severity':
      return `${tag}${input.title}. Impact: what users see right now, and roughly how many. Status: investigating, cause not yet known. Next: confirming the failing component and any recent change. Next update at ${next}.`;
    case 'overdue':
      return `${tag}${input.title}. Impact: unchanged since the last update (say it again in one line). Status: still investigating; ruled out one cause so far. Next: what you are checking now. Next update at ${next}.`;
    case 'mitigation':
      return `${tag}${input.title}. Impact: users may still see errors for a few minutes. Status: mitigation applied (say which: rollback, fix, or no change). Next: verifying the service stays healthy. Next update at ${next}.`;
    case 'resolution':
      return `${tag}${input.title}: resolved at ${hhmm(input.now)}. Impact: what users saw and for how long. Status: the service is verified healthy. Next: a postmortem with follow-up actions. No further updates unless it recurs.`;
  }
}
