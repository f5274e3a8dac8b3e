/**
 * Why the scenario comparison used to fail about one run in eight on `kubectl events -A` (and
 * describe pod): the instants it rendered our output at. Deterministic, no kubectl needed: our
 * printer at instant T stands for what kubectl prints when its clock reads T (that is what the
 * conformance suites prove), so every output kubectl could print during a run must be one of ours
 * at the instants the comparison tries.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterControl } from '../../src/cluster/api';
import { createCluster } from '../../src/cluster/index';
import { loadScenarioFile, scenarioPath } from '../../src/incident/node';
import { runLine } from '../../src/kubectl/index';
import { kubectlInstants, matchesProgressively } from './instants';

const scenario = loadScenarioFile(scenarioPath('taskflow-crashloop'));
const ARRIVAL = Date.parse('2026-11-25T09:44:31Z');

/** The world read at instant t (the commands here only read). */
function at(c: ClusterControl, t: number): ClusterControl {
  return new Proxy(c, { get: (target, key) => (key === 'now' ? () => t : (Reflect.get(target, key) as unknown)) });
}

function render(c: ClusterControl, line: string, t: number): string {
  const r = runLine(line, { cluster: at(c, t), namespace: scenario.world.contextNamespace, history: [] });
  return r.stdout + r.stderr;
}

describe('the instants a kubectl run is compared at', () => {
  const cluster = createCluster(scenario.world, ARRIVAL);
  // The scheduler's Scheduled events carry a MicroTime eventTime with a fraction of a second.
  const scheduled = cluster.list('Event', 'taskflow-demo').find((e) => e.reason === 'Scheduled' && e.eventTime !== undefined)!;
  const g = Date.parse(scheduled.eventTime!) % 1000;
  // A run of about a second, under load: it starts after the event's fraction in second n-1 and
  // ends just after that fraction in second n, so kubectl's clock may read n + g/2.
  // A few seconds after arrival, when the rollout's events are about 9 minutes old (ages in seconds).
  const n = ARRIVAL + 3000;
  const startedAt = n - 1000 + g + 40;
  const endedAt = n + g + 20;
  const lines = ['kubectl events -A', `kubectl describe pod ${scheduled.involvedObject.name} -n taskflow-demo`];

  it('has a Scheduled event whose eventTime has a fraction (what makes the case)', () => {
    expect(g).toBeGreaterThan(0);
    expect(g).toBeLessThan(900);
  });

  for (const line of lines) {
    it(`covers every instant of the run: ${line}`, () => {
      const ours = new Set(kubectlInstants(cluster, startedAt, endedAt).map((t) => render(cluster, line, t)));
      for (let t = startedAt; t <= endedAt; t++) expect(ours.has(render(cluster, line, t)), `kubectl's clock at ${t - n} ms`).toBe(true);
    });

    it(`is what stepping whole seconds from the start missed: ${line}`, () => {
      const stepped = new Set<string>();
      for (let t = startedAt; t <= endedAt + 999; t += 1000) stepped.add(render(cluster, line, Math.min(t, endedAt)));
      // After the whole second, before the event's fraction: the Scheduled age has not ticked yet.
      expect(stepped.has(render(cluster, line, n + Math.floor(g / 2)))).toBe(false);
    });
  }
});

describe('matchesProgressively', () => {
  const at = (n: number) => `NAME AGE\na    ${n}s\n\nNAME AGE\nb    ${n}s\n`;
  it('accepts blocks measured at later instants than the ones before, never earlier', () => {
    const candidates = [at(1), at(2), at(3)];
    expect(matchesProgressively(at(2), candidates)).toBe(true);
    // First table at 1 s, second at 2 s: kubectl crossed a second between the two requests.
    expect(matchesProgressively(`${at(1).split('\n\n')[0]}\n\n${at(2).split('\n\n')[1]}`, candidates)).toBe(true);
    // The second table measured before the first: impossible.
    expect(matchesProgressively(`${at(2).split('\n\n')[0]}\n\n${at(1).split('\n\n')[1]}`, candidates)).toBe(false);
    expect(matchesProgressively('something else', candidates)).toBe(false);
  });
});
