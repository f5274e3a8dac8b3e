/**
 * `npm run validate [-- FILE ...]`: checks every scenario (or the files given) the way the game
 * does when it loads one: the YAML, the schema, the references between its parts, and that its
 * world builds and its history plays in the simulator. Each problem names the file, the path in
 * it and what was expected; the exit status is 1 when any scenario is invalid.
 */
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCluster } from '../src/cluster/index';
import { SCENARIOS_DIR, loadScenarioFile, scenarioIds, scenarioPath } from '../src/incident/node';

const HINT =
  '  hint: compare with scenarios/taskflow-crashloop/scenario.yaml; editors that read docs/scenario.schema.json (see the first line of each scenario) show these problems as you type';

export function validateScenarios(files: readonly string[]): { ok: boolean; report: string } {
  const lines: string[] = [];
  let ok = true;
  for (const file of files) {
    const name = relative(process.cwd(), file) || file;
    try {
      const scenario = loadScenarioFile(file);
      // The world must build and its history play, as it will in the game.
      createCluster(scenario.world, Date.UTC(2026, 0, 1, 12));
      lines.push(`ok    ${name}  (${scenario.id}: ${scenario.title})`);
    } catch (e) {
      ok = false;
      const message = e instanceof Error ? e.message : String(e);
      lines.push(`FAIL  ${message.startsWith(name) ? message : `${name}: ${message}`}`, HINT);
    }
  }
  if (files.length === 0) lines.push(`no scenarios found in ${relative(process.cwd(), SCENARIOS_DIR) || SCENARIOS_DIR}`);
  return { ok: ok && files.length > 0, report: `${lines.join('\n')}\n` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const files = args.length > 0 ? args : scenarioIds().map((id) => scenarioPath(id));
  const { ok, report } = validateScenarios(files);
  process.stdout.write(report);
  process.exitCode = ok ? 0 : 1;
}
