/** `npm run validate`: every scenario checked with messages an author can act on. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioIds, scenarioPath } from '../../../src/incident/node';
import { validateScenarios } from '../../../scripts/validate-scenarios';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run validate', () => {
  it('passes every scenario in the catalog, naming each', () => {
    const files = scenarioIds().map((id) => scenarioPath(id));
    const { ok, report } = validateScenarios(files);
    expect(ok).toBe(true);
    for (const id of scenarioIds()) expect(report).toMatch(new RegExp(`^ok {4}scenarios/${id}/scenario\\.yaml {2}\\(${id}: `, 'm'));
  });

  it('names the file, the path and what was expected, with a hint, and fails', () => {
    const good = readFileSync(scenarioPath('taskflow-crashloop'), 'utf8');
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, good.replace('difficulty: beginner', 'difficulty: easy').replace('estimatedMinutes: 20', 'estimatedMinutes: soon'));
    const { ok, report } = validateScenarios([broken]);
    expect(ok).toBe(false);
    expect(report).toContain('FAIL  ');
    expect(report).toContain('broken.yaml: invalid scenario');
    expect(report).toMatch(/at difficulty: .*"beginner"\|"intermediate"\|"advanced"/);
    expect(report).toMatch(/at estimatedMinutes: .*expected number/);
    expect(report).toContain('hint: compare with scenarios/taskflow-crashloop/scenario.yaml');
  });

  it('reports YAML syntax errors and missing files without stopping at the first', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'id: x\ntitle: [unclosed\n');
    const { ok, report } = validateScenarios([bad, join(dir, 'missing.yaml'), scenarioPath('taskflow-crashloop')]);
    expect(ok).toBe(false);
    expect(report.match(/^FAIL {2}/gm)).toHaveLength(2);
    expect(report).toMatch(/bad\.yaml/);
    expect(report).toMatch(/missing\.yaml/);
    expect(report).toMatch(/^ok {4}scenarios\/taskflow-crashloop\/scenario\.yaml/m);
  });
});
