/**
 * The play screen builds a new game's world in slices (yielding to the event loop between them,
 * so the page stays responsive). The learner must not be able to tell: for every scenario the
 * sliced build gives the same world, metrics, game and terminal answers as building it in one go,
 * and it really is sliced (more than one slice), else the play page's blocking time is back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpWorld } from '../../../src/cli';
import { createSession, createSessionInSlices, type Session } from '../../../src/incident';
import { loadScenarioFile, scenarioIds, scenarioPath } from '../../../src/incident/node';
import { loadYamlParser } from '../../../src/kubectl/manifest/yamlParser';

beforeAll(loadYamlParser);

/** 2026-12-01T09:30:00Z */
const ARRIVAL = Date.UTC(2026, 11, 1, 9, 30, 0);

function snapshot(s: Session) {
  return {
    now: s.cluster.now(),
    world: dumpWorld(s.cluster),
    telemetry: JSON.stringify(s.cluster.telemetry?.() ?? []),
    state: JSON.stringify(s.state()),
  };
}

function answers(s: Session, ns: string): string[] {
  return ['kubectl get pods -A', `kubectl get events -n ${ns}`, `kubectl describe deployments -n ${ns}`, 'kubectl top pods -A'].map((line) => {
    const r = s.exec(line);
    return `${r.exitCode}\n${r.stdout}\u0000${r.stderr}`;
  });
}

describe.each(scenarioIds())('sliced world build: %s', (id) => {
  const scenario = loadScenarioFile(scenarioPath(id));

  it('is the same game as building it in one go, in more than one slice', () => {
    const whole = createSession(scenario, { arrivalMs: ARRIVAL });
    const build = createSessionInSlices(scenario, { arrivalMs: ARRIVAL });
    let slices = 0;
    let step = build.next();
    while (step.done !== true) {
      slices++;
      step = build.next();
    }
    const sliced = step.value;
    expect(slices).toBeGreaterThan(1);
    expect(snapshot(sliced)).toEqual(snapshot(whole));
    const ns = whole.namespace();
    expect(answers(sliced, ns)).toEqual(answers(whole, ns));
    expect(snapshot(sliced)).toEqual(snapshot(whole));
  });
});
