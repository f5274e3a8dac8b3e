import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenario } from '../../../src/incident/schema';
import { scenarioText } from './fixtures';

/** The real scenario with the first image's first outcome extended, as YAML again. */
function withOutcome(extra: Record<string, unknown>): string {
  const doc = parse(scenarioText()) as { world: { images: { outcomes: Record<string, unknown>[] }[] } };
  Object.assign(doc.world.images[0]!.outcomes[0]!, extra);
  return stringify(doc);
}

describe('probe answers in scenario files', () => {
  it('accepts ports, HTTP answers by path (codes or timed, conditional rules), exec answers, hangAfter and onSigterm', () => {
    const probes = {
      ports: [8080],
      http: {
        '/healthz': 200,
        '/ready': [{ until: 30, status: 503 }, { when: { servicesUnreachable: ['postgres'] }, status: 503 }],
      },
      exec: { 'cat /tmp/healthy': [{ after: 60, exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n" }] },
      hangAfter: 600,
    };
    const s = parseScenario(withOutcome({ probes, onSigterm: { after: 45, code: 0 } }), 'f.yaml');
    expect(s.world.images[0]!.outcomes[0]!.probes).toEqual(probes);
    expect(s.world.images[0]!.outcomes[0]!.onSigterm).toEqual({ after: 45, code: 0 });
  });

  it('an HTTP status that is not one is named with its path', () => {
    const text = withOutcome({ probes: { http: { '/ready': [{ status: 700 }] } } });
    expect(() => parseScenario(text, 'f.yaml')).toThrow(/at world\.images\[0\]\.outcomes\[0\]\.probes\.http\.\/ready\[0\]\.status/);
  });

  it('a typo in a rule key is an error', () => {
    const text = withOutcome({ probes: { exec: { 'cat /tmp/x': [{ exit: 1 }] } } });
    expect(() => parseScenario(text, 'f.yaml')).toThrow(/probes\.exec.*exit/s);
  });
});
