/**
 * Stakeholder updates: short messages to the people who are not in the incident (support, the
 * product owner, other teams). A good one says four things — the impact as known now, the current
 * status, the next step, and when the next update comes — in plain words. The game prompts for one
 * at the moments a real incident commander would (severity set, mitigation, resolution, and when
 * too long has passed) and checks each update for those four parts.
 */
import type { UpdateCheck, UpdateMoment } from './api';

export const MIN_UPDATE_TEXT = 40;
export const MAX_UPDATE_TEXT = 1000;
/** Sim minutes of silence, during an open incident, before the game asks for an update. */
export const UPDATE_INTERVAL_MINUTES = 20;

interface Part {
  part: UpdateCheck['part'];
  pattern: RegExp;
  ok: string;
  missing: string;
}

const PARTS: readonly Part[] = [
  {
    part: 'impact',
    pattern:
      /\b(users?|customers?|requests?|errors?|5\d\d|impact(?:ed)?|affect(?:s|ed|ing)?|unaffected|outage|down|degraded|slow(?:er)?|latency|unavailable|fail(?:s|ing|ed)?|broken|capacity|no (?:user|customer)[- ]facing)\b/i,
    ok: 'Says who or what is affected.',
    missing: 'Say what users see (errors, slowness, nothing at all) and how many are affected.',
  },
  {
    part: 'status',
    pattern:
      /\b(investigat\w*|identified|root cause|cause is|caused by|mitigat\w*|roll(?:ed|ing)? ?back|rolled out|undo(?:ne)?|fix(?:ed|ing)?|recover\w*|resolved|restored|stable|monitoring|working on|looking into|verif\w*|found)\b/i,
    ok: 'Says where the response stands.',
    missing: 'Say where things stand: investigating, cause identified, mitigated, or resolved.',
  },
  {
    part: 'next',
    pattern: /\b(next|will|we'?ll|going to|plan(?:ning)?|then|now|about to|shortly|postmortem|follow[- ]up|keep watching|continue)\b/i,
    ok: 'Says what happens next.',
    missing: 'Say what the team does next (roll back, verify, watch for 30 minutes, write the postmortem).',
  },
  {
    part: 'nextUpdate',
    pattern:
      /\b(?:next update|update (?:you |again |everyone )?(?:at|by|in)|(?:further|another) update|report back|check in again|no further updates?)\b[^.\n]*?(?:\b\d{1,2}:\d{2}\b|\b\d{1,3}\s*(?:min(?:ute)?s?|m|hours?|h)\b|\bhalf an hour\b|\ban hour\b|\bend of day\b|\bno further|\bwhen\b|\bonce\b)|\b(?:at|by|in)\s+(?:\d{1,2}:\d{2}|\d{1,3}\s*(?:min(?:ute)?s?|hours?))\b[^.\n]*\bupdate|\bno further updates?\b/i,
    ok: 'Says when the next update comes.',
    missing: 'Say when the next update comes ("next update at 10:45 UTC" or "in 30 minutes"), so nobody has to ask.',
  },
];

/** Checks an update for the four parts; each result says what is there or what is missing. */
export function checkUpdate(text: string): UpdateCheck[] {
  return PARTS.map((p) => {
    const ok = p.pattern.test(text);
    return { part: p.part, ok, feedback: ok ? p.ok : p.missing };
  });
}

/**
 * Why an update is due now, if it is. Updates are counted rather than timed against the moments,
 * because an update and a decision can happen at the same sim second.
 */
export function updateDue(input: {
  now: number;
  /** The page was taken (the investigation started). */
  started: boolean;
  /** Sim time of each update so far, oldest first. */
  updates: readonly number[];
  /** How many updates had been posted when the decision was made / recovery was confirmed. */
  updatesAtDecision: number | undefined;
  updatesAtResolve: number | undefined;
}): UpdateMoment | undefined {
  const { now, started, updates, updatesAtDecision, updatesAtResolve } = input;
  if (updatesAtResolve !== undefined) return updates.length === updatesAtResolve ? 'resolution' : undefined;
  if (updatesAtDecision !== undefined && updates.length === updatesAtDecision) return 'mitigation';
  if (!started) return undefined;
  const last = updates.at(-1);
  if (last === undefined) return 'severity';
  if (now - last >= UPDATE_INTERVAL_MINUTES * 60_000) return 'overdue';
  return undefined;
}
