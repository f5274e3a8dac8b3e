import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenario } from '../../../src/incident/schema';
import { scenario, scenarioText } from './fixtures';

/** The real scenario with one edit applied to its parsed form, as YAML again. */
function edited(edit: (doc: Record<string, unknown>) => void): string {
  const doc = parse(scenarioText()) as Record<string, unknown>;
  edit(doc);
  return stringify(doc);
}

describe('scenario files', () => {
  it('the first scenario validates and its world is the taskflow-demo crash loop', () => {
    const s = scenario();
    expect(s.id).toBe('taskflow-crashloop');
    expect(s.world.contextNamespace).toBe('default');
    expect(s.world.history.at(-1)).toMatchObject({ action: 'updateDeployment', name: 'api-service', at: -540 });
  });

  it('a missing field names the file, the path inside it and what was expected', () => {
    const text = edited((doc) => {
      delete (doc.clues as Record<string, unknown>[])[2]!.title;
    });
    expect(() => parseScenario(text, 'scenarios/x/scenario.yaml')).toThrow(
      /^scenarios\/x\/scenario\.yaml: invalid scenario\n {2}at clues\[2\]\.title: .*expected string/,
    );
  });

  it('a typo in a key is an error, not silently ignored', () => {
    const text = edited((doc) => {
      (doc.recovery as Record<string, unknown>).stableSecond = 30;
    });
    expect(() => parseScenario(text, 'f.yaml')).toThrow(/at recovery: .*stableSecond/);
  });

  it('a regular expression that does not compile is named', () => {
    const text = edited((doc) => {
      ((doc.clues as { reveal: { output: string }[] }[])[0]!.reveal[0]!).output = 'CrashLoop(';
    });
    expect(() => parseScenario(text, 'f.yaml')).toThrow(/at clues\[0\]\.reveal\[0\]\.output: expected a valid regular expression/);
  });

  it('a step that points at a clue that does not exist is named', () => {
    const text = edited((doc) => {
      (doc.steps as { clues: string[] }[])[1]!.clues = ['no-such-clue'];
    });
    expect(() => parseScenario(text, 'f.yaml')).toThrow(/at steps\[1\]\.clues\[0\]: expected the id of a clue, got "no-such-clue"/);
  });

  it('an image without behaviour is named, since its containers could not run', () => {
    const text = edited((doc) => {
      (doc.world as { images: unknown[] }).images.splice(1, 1);
    });
    expect(() => parseScenario(text, 'f.yaml')).toThrow(/at world\.history\[3\]\.containers\[0\]\.image: expected an image described in world\.images/);
  });

  it('broken YAML names the line and column', () => {
    expect(() => parseScenario('id: x\n  title: [unclosed\n', 'bad.yaml')).toThrow(/^bad\.yaml: not valid YAML\n.*line \d+, column \d+/s);
  });
});

describe('behaviour conditions and world facts in scenario files', () => {
  it('accepts memory, service and fact conditions and outcomes that set facts', () => {
    const text = edited((doc) => {
      const world = doc.world as { facts?: Record<string, string>; images: { outcomes: Record<string, unknown>[] }[] };
      world.facts = { dbSchema: '3' };
      world.images[0]!.outcomes.unshift({
        when: { memoryLimitAtLeast: '512Mi', servicesReachable: ['postgres'], facts: { dbSchema: '4' }, envExists: ['X'] },
        logs: [],
        exit: { after: 3, code: 0 },
        setsFacts: { dbSchema: '5' },
      });
    });
    const s = parseScenario(text, 'f.yaml');
    expect(s.world.facts).toEqual({ dbSchema: '3' });
    expect(s.world.images[0]!.outcomes[0]!.setsFacts).toEqual({ dbSchema: '5' });
  });

  it('a memory limit condition that is not a quantity is named', () => {
    const text = edited((doc) => {
      const world = doc.world as { images: { outcomes: Record<string, unknown>[] }[] };
      world.images[0]!.outcomes[0]!.when = { memoryLimitBelow: '256 megs' };
    });
    expect(() => parseScenario(text, 'f.yaml')).toThrow(/at world\.images\[0\]\.outcomes\[0\]\.when\.memoryLimitBelow: expected a quantity such as 256Mi/);
  });
  it('a deploy that renames template labels must keep the ones the deployment selects on', () => {
    const text = edited((doc) => {
      const history = (doc.world as { history: Record<string, unknown>[] }).history;
      history[3]!.labels = { 'app.kubernetes.io/name': 'api-service', 'part-of': 'taskflow' };
    });
    expect(() => parseScenario(text, 'f.yaml')).toThrow(/at world\.history\[3\]\.labels: expected labels that match the deployment's selector .*missing app=api-service/);
    const renamed = edited((doc) => {
      const history = (doc.world as { history: Record<string, unknown>[] }).history;
      history[3]!.labels = { app: 'api-service', 'app.kubernetes.io/part-of': 'taskflow' };
    });
    const step = parseScenario(renamed, 'f.yaml').world.history[3]!;
    expect(step.action === 'updateDeployment' && step.labels).toEqual({ app: 'api-service', 'app.kubernetes.io/part-of': 'taskflow' });
  });
});
