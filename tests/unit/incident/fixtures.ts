import { readFileSync } from 'node:fs';
import { loadScenarioFile, scenarioPath } from '../../../src/incident/node';
import type { Scenario } from '../../../src/incident/schema';

export const SCENARIO_ID = 'taskflow-crashloop';
export const NS = 'taskflow-demo';
/** 2026-11-24T15:40:00Z */
export const ARRIVAL = Date.UTC(2026, 10, 24, 15, 40, 0);

export function scenario(): Scenario {
  return loadScenarioFile(scenarioPath(SCENARIO_ID));
}

export function scenarioText(): string {
  return readFileSync(scenarioPath(SCENARIO_ID), 'utf8');
}
