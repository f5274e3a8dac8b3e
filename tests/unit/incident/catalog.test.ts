/**
 * What every scenario in the catalog owes a learner, checked for each one the same way: a complete
 * story (hints for every step, red herrings on the board, a lab), an answer key that really works
 * (its expected path, typed as written into a fresh session at a responder's pace, finds every
 * step, carries out the recommended decision, and the cluster then recovers), and an example
 * postmortem that passes its own rubric. The scenario's own test file goes deeper; this keeps the
 * whole catalog at one bar.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../../src/incident';
import { SCENARIOS_DIR, loadScenarioFile, scenarioIds, scenarioPath } from '../../../src/incident/node';
import { metricsView } from '../../../src/incident/metrics';
import { judgePostmortem } from '../../../src/incident/rubric';
import type { Scenario } from '../../../src/incident/schema';
import { loadYamlParser } from '../../../src/kubectl/manifest/yamlParser';
import { fillPlaceholders } from './expectedPath';

// `kubectl apply -f` reads YAML with a parser the browser loads lazily; here it is loaded first.
beforeAll(loadYamlParser);

/** 2026-12-01T09:30:00Z */
const ARRIVAL = Date.UTC(2026, 11, 1, 9, 30, 0);
/** Seconds between two commands of the expected path: a responder reading the output. */
const PACE = 20;

function hasCommandFor(option: Scenario['decision']['options'][number], line: string): boolean {
  const command = line.trim().replace(/\s+/g, ' ').replace(/^k(?= )/, 'kubectl');
  return option.commands.some((c) => new RegExp(c).test(command));
}

describe.each(scenarioIds())('catalog scenario %s', (id) => {
  const scenario = loadScenarioFile(scenarioPath(id));

  it('is complete: three hint levels for every step, the board, the decision and verification; red herrings; a lab', () => {
    const hintIds = scenario.hints.map((h) => h.id);
    for (const needed of [...scenario.steps.map((s) => s.id), 'board', 'decide', 'verify']) {
      expect(hintIds, `hints for "${needed}"`).toContain(needed);
    }
    for (const h of scenario.hints) expect(h.levels.length, `levels of hint set ${h.id}`).toBeGreaterThanOrEqual(3);
    expect(scenario.board.filter((c) => c.supportedBy.length > 0).length, 'facts on the board').toBeGreaterThanOrEqual(2);
    expect(scenario.board.filter((c) => c.supportedBy.length === 0).length, 'assumptions and red herrings').toBeGreaterThanOrEqual(2);
    expect(scenario.objectives.length).toBeGreaterThanOrEqual(2);
    for (const file of ['README.md', 'broken.yaml', 'fixed.yaml']) {
      expect(existsSync(join(SCENARIOS_DIR, id, 'lab', file)), `lab/${file}`).toBe(true);
    }
    const rejected = scenario.decision.options.filter((o) => o.choice !== scenario.decision.recommended);
    expect(rejected.length, 'an alternative to the recommended call').toBeGreaterThanOrEqual(1);
  });

  it('its example postmortem passes its own rubric in every section', () => {
    const results = judgePostmortem(scenario.answerKey.examplePostmortem, scenario.postmortem);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('its expected path, typed as written, finds every step, carries out the recommended call, and the cluster recovers', () => {
    const s = createSession(scenario, { arrivalMs: ARRIVAL });
    expect(s.dispatch({ type: 'setSeverity', severity: scenario.answerKey.severity })).toEqual({ ok: true });
    expect(s.dispatch({ type: 'startInvestigation' })).toEqual({ ok: true });
    const recommended = scenario.decision.options.find((o) => o.choice === scenario.decision.recommended)!;
    let carriedOut = false;
    for (const step of scenario.answerKey.expectedPath) {
      // "(decision panel) Hold": a step taken outside the terminal.
      if (step.command.startsWith('(')) continue;
      const line = fillPlaceholders(step.command, s, scenario);
      const result = s.exec(line);
      if (s.following()) s.interrupt();
      // Errors are kubectl refusing the line (a wrong flag, a name that does not exist): a path
      // must not teach those. "No resources found" and warnings go to stderr with status 0, and are fine.
      expect({ line, exitCode: result.exitCode, stderr: result.stderr.replace(/^(?:No resources found|Warning:).*\n/gm, '') }).toEqual({ line, exitCode: 0, stderr: '' });
      carriedOut ||= hasCommandFor(recommended, line);
      s.dispatch({ type: 'wait', seconds: PACE });
    }
    expect(s.state().steps.filter((x) => !x.done).map((x) => x.title), 'steps the expected path leaves undone').toEqual([]);
    if (scenario.decision.recommended === 'hold') {
      expect(carriedOut).toBe(false);
      expect(s.dispatch({ type: 'decide', choice: 'hold' })).toEqual({ ok: true });
    } else {
      expect(carriedOut, `the expected path carries out "${recommended.label}"`).toBe(true);
      expect(s.state().decision?.choice).toBe(scenario.decision.recommended);
    }
    // Recovery is judged by the cluster: within ten minutes of the path's end it must hold.
    let attempt: { ok: boolean; reasons: string[] } | undefined;
    for (let waited = 0; waited <= 600 && !attempt?.ok; waited += 60) {
      if (waited > 0) s.dispatch({ type: 'wait', seconds: 60 });
      if (waited >= scenario.recovery.stableSeconds) {
        s.dispatch({ type: 'declareResolved' });
        attempt = s.state().resolveAttempts.at(-1);
      }
    }
    expect(attempt).toEqual(expect.objectContaining({ ok: true, reasons: [] }));
    // The metrics panel agrees: no request fails, and the page resolves after 5 healthy minutes.
    s.dispatch({ type: 'wait', seconds: 360 });
    const metrics = metricsView(s.cluster.telemetry?.() ?? [], s.state().timeline, s.cluster.now());
    expect(metrics.charts.find((c) => c.id === 'errors')?.series.map((x) => [x.label, x.values.at(-1)])).toEqual([
      ['api-service', 0],
      ['web-frontend', 0],
    ]);
    expect(metrics.alerts.length).toBeGreaterThan(0);
    expect(metrics.alerts.filter((a) => a.resolvedAt === undefined).map((a) => a.name)).toEqual([]);
  });
});
