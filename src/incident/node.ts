/**
 * Loading scenarios from disk, for Node only (the CLI, the build plugin, tests). The browser gets
 * scenarios already validated at build time through `virtual:firedrill/scenarios`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, type Scenario } from './schema';

export const SCENARIOS_DIR = resolve(fileURLToPath(new URL('../../scenarios', import.meta.url)));

/** The file of scenario `id` (it may not exist). */
export function scenarioPath(id: string, dir = SCENARIOS_DIR): string {
  return join(dir, id, 'scenario.yaml');
}

/** Ids of every scenario folder that has a scenario.yaml, sorted. */
export function scenarioIds(dir = SCENARIOS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(scenarioPath(e.name, dir)))
    .map((e) => e.name)
    .sort();
}

/** Reads and validates one scenario file; errors name the file (relative to the cwd), path and expectation. */
export function loadScenarioFile(path: string): Scenario {
  const name = relative(process.cwd(), path) || path;
  const scenario = parseScenario(readFileSync(path, 'utf8'), name);
  const folder = path.split(/[\\/]/).at(-2);
  if (folder !== undefined && path.endsWith('scenario.yaml') && scenario.id !== folder) {
    throw new Error(`${name}: invalid scenario\n  at id: expected "${folder}" (the folder's name), got "${scenario.id}"`);
  }
  return scenario;
}
