/**
 * A third kind of decision: hold (change nothing in the cluster), for incidents where the right call
 * is not to touch a healthy system (a false alarm) — chosen in the decision panel, never by a command.
 */
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createSession } from '../../../src/incident';
import { parseScenario } from '../../../src/incident/schema';
import { ARRIVAL, scenarioText } from './fixtures';

type Doc = { decision: { recommended: string; options: Record<string, unknown>[] } };

function edited(edit: (doc: Doc) => void): string {
  const doc = parse(scenarioText()) as Doc;
  edit(doc);
  return stringify(doc);
}

const HOLD = {
  choice: 'hold',
  label: 'Hold: change nothing',
  description: 'Leave the cluster as it is and keep watching.',
  feedback: 'Nothing in the cluster needed changing.',
};

describe('hold decisions', () => {
  it('a scenario may offer hold as a third option; choosing it in the panel moves on to verification', () => {
    const s = createSession(
      parseScenario(
        edited((d) => {
          d.decision.options.push(HOLD);
        }),
        'f.yaml',
      ),
      { arrivalMs: ARRIVAL },
    );
    s.dispatch({ type: 'setSeverity', severity: 'SEV4' });
    s.dispatch({ type: 'startInvestigation' });
    expect(s.dispatch({ type: 'decide', choice: 'hold' })).toEqual({ ok: true });
    expect(s.state().decision?.choice).toBe('hold');
    expect(s.state().phase).toBe('verify');
    expect(s.state().timeline.map((e) => e.text)).toContain('Decision: hold (change nothing)');
  });

  it('a choice the scenario does not offer is refused, naming the options it does', () => {
    const s = createSession(parseScenario(scenarioText(), 'f.yaml'), { arrivalMs: ARRIVAL });
    s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
    s.dispatch({ type: 'startInvestigation' });
    const result = s.dispatch({ type: 'decide', choice: 'hold' });
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? '' : result.message).toMatch(/^Choose one of: .+; .+\.$/);
    expect(s.state().decision).toBeUndefined();
  });

  it('a hold with commands, a rollback without any, and a recommendation that is not offered are each named', () => {
    expect(() =>
      parseScenario(
        edited((d) => {
          d.decision.options.push({ ...HOLD, commands: ['scale'] });
        }),
        'f.yaml',
      ),
    ).toThrow(/at decision\.options\[2\]\.commands: expected no commands for hold/);
    expect(() =>
      parseScenario(
        edited((d) => {
          d.decision.options[0]!.commands = [];
        }),
        'f.yaml',
      ),
    ).toThrow(/at decision\.options\[0\]\.commands: expected at least one command pattern/);
    expect(() =>
      parseScenario(
        edited((d) => {
          d.decision.recommended = 'hold';
        }),
        'f.yaml',
      ),
    ).toThrow(/at decision\.recommended: expected one of the options' choices \(rollback, fix-forward\), got "hold"/);
  });
});
