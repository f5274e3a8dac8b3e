/**
 * The debrief: how the incident went, in points a learner can trace to what they did. Six parts
 * add up to 100 — severity 10, evidence 20, decision 20, verification 15, communication 10,
 * postmortem 25 — and hints cost what they said they would. Computed once, when the postmortem
 * is submitted, from the game's own record (so a replay gives the same debrief).
 */
import type { Decision, DebriefLine, Severity, StakeholderUpdate } from './api';
import type { Scenario } from './schema';

export const DEBRIEF_MAX = { severity: 10, evidence: 20, decision: 20, verification: 15, communication: 10, postmortem: 25 } as const;
/** Points a declared-too-early costs within verification. */
export const EARLY_CALL_COST = 5;
/** Points for a decision that works but is not the recommended one. */
export const OTHER_DECISION_POINTS = 8;

const LEVEL: Record<Severity, number> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };

export interface DebriefInput {
  severity: Severity | undefined;
  cluesRevealed: number;
  decision: Decision | undefined;
  earlyCalls: number;
  resolved: boolean;
  updates: readonly StakeholderUpdate[];
  postmortemSectionsOk: number;
  hintCost: number;
  hintCount: number;
  arrivalMs: number;
  decidedAt: number | undefined;
  resolvedAt: number | undefined;
}

function minutes(from: number, to: number | undefined): number | undefined {
  return to === undefined ? undefined : Math.max(0, Math.round((to - from) / 60_000));
}

export function debrief(scenario: Scenario, input: DebriefInput): { total: number; lines: DebriefLine[]; mitigateMinutes?: number; resolveMinutes?: number } {
  const lines: DebriefLine[] = [];
  const expected = scenario.answerKey.severity;

  const sev = input.severity;
  const off = sev === undefined ? 4 : Math.abs(LEVEL[sev] - LEVEL[expected]);
  lines.push({
    id: 'severity',
    label: 'Severity',
    points: off === 0 ? DEBRIEF_MAX.severity : off === 1 ? DEBRIEF_MAX.severity / 2 : 0,
    max: DEBRIEF_MAX.severity,
    detail:
      sev === undefined
        ? `No severity set; expected ${expected}. ${scenario.answerKey.severityWhy}`
        : off === 0
          ? `${sev}, as expected. ${scenario.answerKey.severityWhy}`
          : `You set ${sev}; expected ${expected} (${LEVEL[sev] < LEVEL[expected] ? 'you rated it more severe' : 'you rated it less severe'}). ${scenario.answerKey.severityWhy}`,
  });

  const total = scenario.clues.length;
  lines.push({
    id: 'evidence',
    label: 'Evidence found',
    points: Math.round((DEBRIEF_MAX.evidence * Math.min(input.cluesRevealed, total)) / Math.max(1, total)),
    max: DEBRIEF_MAX.evidence,
    detail: `${input.cluesRevealed} of ${total} clues seen in command output.`,
  });

  const recommended = scenario.decision.recommended;
  const chosen = scenario.decision.options.find((o) => o.choice === input.decision);
  const best = scenario.decision.options.find((o) => o.choice === recommended);
  lines.push({
    id: 'decision',
    label: 'Decision',
    points: input.decision === undefined ? 0 : input.decision === recommended ? DEBRIEF_MAX.decision : OTHER_DECISION_POINTS,
    max: DEBRIEF_MAX.decision,
    detail:
      chosen === undefined
        ? 'No decision recorded.'
        : input.decision === recommended
          ? `${chosen.label}: the call the facts supported.`
          : `${chosen.label}. It worked out, but the better call here was: ${best?.label ?? recommended}.`,
  });

  const verification = input.resolved ? Math.max(0, DEBRIEF_MAX.verification - EARLY_CALL_COST * input.earlyCalls) : 0;
  lines.push({
    id: 'verification',
    label: 'Verification',
    points: verification,
    max: DEBRIEF_MAX.verification,
    detail: !input.resolved
      ? 'Recovery was never confirmed.'
      : input.earlyCalls === 0
        ? 'Declared resolved only once the cluster confirmed it.'
        : `Declared resolved ${input.earlyCalls} time${input.earlyCalls === 1 ? '' : 's'} before the cluster confirmed it (−${EARLY_CALL_COST} each).`,
  });

  const parts = input.updates.flatMap((u) => u.checks);
  const share = parts.length === 0 ? 0 : parts.filter((c) => c.ok).length / parts.length;
  lines.push({
    id: 'communication',
    label: 'Communication',
    points: Math.round(DEBRIEF_MAX.communication * share),
    max: DEBRIEF_MAX.communication,
    detail:
      input.updates.length === 0
        ? 'No stakeholder update sent: people outside the incident heard nothing.'
        : `${input.updates.length} update${input.updates.length === 1 ? '' : 's'}; ${Math.round(share * 100)}% of the parts a good update has (impact, status, next step, next update).`,
  });

  lines.push({
    id: 'postmortem',
    label: 'Postmortem',
    points: Math.round((DEBRIEF_MAX.postmortem * input.postmortemSectionsOk) / 6),
    max: DEBRIEF_MAX.postmortem,
    detail: `${input.postmortemSectionsOk} of 6 sections meet the rubric.`,
  });

  const earned = lines.reduce((n, l) => n + l.points, 0);
  lines.push({
    id: 'hints',
    label: 'Hints',
    points: input.hintCost === 0 ? 0 : -input.hintCost,
    max: 0,
    detail: input.hintCount === 0 ? 'None used.' : `${input.hintCount} used.`,
  });
  const mitigate = minutes(input.arrivalMs, input.decidedAt);
  const resolve = minutes(input.arrivalMs, input.resolvedAt);
  lines.push({
    id: 'time',
    label: 'Time to mitigate',
    points: 0,
    max: 0,
    detail:
      mitigate === undefined
        ? 'No mitigation.'
        : `${mitigate} sim min from the page to your decision${resolve === undefined ? '' : `; ${resolve} min to confirmed recovery`}.`,
  });
  return {
    total: Math.max(0, Math.min(100, earned - input.hintCost)),
    lines,
    ...(mitigate !== undefined ? { mitigateMinutes: mitigate } : {}),
    ...(resolve !== undefined ? { resolveMinutes: resolve } : {}),
  };
}
