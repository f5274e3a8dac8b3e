/**
 * A scenario file a learner loads in the browser: checked like the catalog's, with limits that keep
 * a mistaken or hostile file from freezing the page, and played under its own key.
 */
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createSession } from '../../../src/incident';
import { asCustom, MAX_FILE_BYTES, nestsRepeats, parseCustomScenario } from '../../../src/ui/custom/customScenario';
import { createMemoryBackend } from '../../../src/storage/backend';
import { createProgressStore } from '../../../src/storage/progressStore';
import { ARRIVAL, scenarioText } from '../incident/fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a free-form YAML document edited by path in tests
function edited(edit: (doc: Record<string, any>) => void): string {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const doc = parse(scenarioText()) as Record<string, any>;
  edit(doc);
  return stringify(doc);
}

describe('loading a scenario file in the browser', () => {
  it('a valid file plays under its own key, so its saves never mix with the built-in copy', () => {
    const parsed = parseCustomScenario(scenarioText(), 'mine.yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const s = createSession(asCustom(parsed.scenario), { arrivalMs: ARRIVAL });
    expect(s.save().scenarioId).toBe('my:taskflow-crashloop');
    s.dispatch({ type: 'setSeverity', severity: 'SEV2' });
    s.dispatch({ type: 'startInvestigation' });
    expect(s.exec('kubectl get pods -n taskflow-demo').stdout).toMatch(/api-service-\S+\s+0\/1\s+CrashLoopBackOff/);
  });

  it('schema problems are listed one per line with the path in the file', () => {
    const parsed = parseCustomScenario(
      edited((d) => {
        delete d.title;
        d.decision.recommended = 'panic';
      }),
      'mine.yaml',
    );
    expect(parsed).toMatchObject({ ok: false, heading: 'mine.yaml: invalid scenario' });
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([expect.stringMatching(/^at title: /), expect.stringMatching(/^at decision\.recommended: /)]);
  });

  it('broken YAML names the line and column', () => {
    const parsed = parseCustomScenario('id: x\ntitle: [unclosed\n', 'broken.yaml');
    expect(parsed).toMatchObject({ ok: false, heading: 'broken.yaml: not valid YAML' });
    if (!parsed.ok) expect(parsed.problems.join(' ')).toMatch(/line \d+, column \d+/);
  });

  it('markup and script in its texts stay plain text: the file is data, never code', () => {
    const parsed = parseCustomScenario(
      edited((d) => {
        d.title = '<img src=x onerror=alert(1)>';
        d.brief.context = '<script>alert(1)</script>';
      }),
      'mine.yaml',
    );
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.scenario.title).toBe('<img src=x onerror=alert(1)>');
  });

  it('refuses what would freeze the page: a huge file, a history years long, too many pods, nested repeats in a pattern', () => {
    expect(parseCustomScenario('x'.repeat(MAX_FILE_BYTES + 1), 'big.yaml')).toMatchObject({ ok: false, heading: 'big.yaml: too large' });
    const long = parseCustomScenario(
      edited((d) => {
        d.world.history[0].at = -400 * 86_400;
      }),
      'mine.yaml',
    );
    expect(long).toMatchObject({ ok: false, problems: [expect.stringMatching(/^at world\.history\[0\]\.at: expected a time between -2592000/)] });
    const many = parseCustomScenario(
      edited((d) => {
        for (let i = 0; i < 5; i++) d.world.history.push({ ...d.world.history[0], deployment: { ...d.world.history[0].deployment, name: `copy-${i}`, replicas: 50 } });
      }),
      'mine.yaml',
    );
    expect(many).toMatchObject({ ok: false, problems: [expect.stringMatching(/^at world\.history: expected at most 200 replicas in all/)] });
    // Scaling up later counts as much as creating big.
    const scaled = parseCustomScenario(
      edited((d) => {
        for (let i = 0; i < 5; i++) {
          d.world.history.push({ ...d.world.history[0], at: -100, deployment: { ...d.world.history[0].deployment, name: `copy-${i}`, replicas: 0 } });
          d.world.history.push({ at: -50, action: 'scaleDeployment', namespace: 'taskflow-demo', name: `copy-${i}`, replicas: 50 });
        }
      }),
      'mine.yaml',
    );
    expect(scaled).toMatchObject({ ok: false, problems: [expect.stringMatching(/^at world\.history: expected at most 200 replicas in all, got 255/)] });
    const redos = parseCustomScenario(
      edited((d) => {
        d.clues[0].reveal[0].output = '^(a+)+$';
      }),
      'mine.yaml',
    );
    expect(redos).toMatchObject({ ok: false, problems: [expect.stringMatching(/^at clues\[0\]\.reveal\[0\]\.output: expected a pattern without a repeat inside a repeated group/)] });
  });

  it('tells a repeated group that ends in a repeat from one that ends in a literal', () => {
    for (const bad of ['^(a+)+$', '(\\w+\\s?)*x', '(?:x*){2,}', '((ab)+)+']) expect(nestsRepeats(bad), bad).toBe(true);
    for (const fine of ['rollout undo (?:\\S+ )*?deploy', '(a|b)+', '[(a+)]+', '\\(a+\\)+', 'CrashLoop(?:BackOff)?', '^\\s+Reason:\\s+(ErrImagePull|ImagePullBackOff)$']) {
      expect(nestsRepeats(fine), fine).toBe(false);
    }
  });

  it('is kept in the browser as text, listed newest first, and removed with its progress', async () => {
    const store = createProgressStore(createMemoryBackend(), () => 1);
    const record = { fileName: 'a.yaml', text: 'id: a', id: 'a', title: 'A', summary: 's', failureType: 'x', difficulty: 'beginner', estimatedMinutes: 5, loadedAt: 1 };
    await store.saveCustomScenario('my:a', record);
    await store.saveCustomScenario('my:b', { ...record, id: 'b', loadedAt: 2 });
    expect((await store.customScenarios()).map((r) => r.id)).toEqual(['b', 'a']);
    expect(await store.loadCustomScenario('my:a')).toEqual(record);
    const parsed = parseCustomScenario(scenarioText(), 'x.yaml');
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const s = createSession(asCustom(parsed.scenario), { arrivalMs: ARRIVAL });
    await store.save({ ...s.save(), scenarioId: 'my:a' }, 'in-progress');
    expect(await store.deleteCustomScenario('my:a')).toEqual({ ok: true });
    expect(await store.loadCustomScenario('my:a')).toBeUndefined();
    expect(await store.load('my:a')).toEqual({ kind: 'none' });
  });

  it('refuses control characters in any string (a log line with an escape sequence would drive the terminal), naming where', () => {
    const parsed = parseCustomScenario(
      edited((d) => {
        d.world.images[1].outcomes[0].logs[0].text = 'starting \x1b]0;pwned\x07';
        d.hints[0].levels[0].text = 'C1 CSI \x9b2J';
        d.title = 'Tabs\tand\nline breaks are fine';
      }),
      'escapes.yaml',
    );
    expect(parsed).toEqual({
      ok: false,
      heading: 'escapes.yaml: invalid scenario',
      problems: [
        'at world.images[1].outcomes[0].logs[0].text: expected text without control characters (only tab and line breaks), found U+001B',
        'at hints[0].levels[0].text: expected text without control characters (only tab and line breaks), found U+009B',
      ],
    });
  });
});
